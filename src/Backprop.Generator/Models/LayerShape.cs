namespace Backprop.Generator.Models;

/// <summary>How the code of one layer is written out.</summary>
internal enum LayerShape
{
    /// <summary>
    /// Every weighted sum written term by term with constant indices, values in locals: the fastest shape
    /// for small layers, whose whole working set fits in registers.
    /// </summary>
    ScalarUnrolled,

    /// <summary>
    /// One call per equation to a whole-layer vector kernel (<c>MultiplyAdd</c> for eq. 1, which takes the rows of
    /// Wˡ several at a time; <c>MultiplyTransposed</c> for eq. 4; outer products for eq. 5), activations and
    /// deltas in stack buffers: the shape for layers of more than a few dozen weights, and for those whose
    /// unrolled code would be too long for the JIT to optimize.
    /// </summary>
    VectorLoops,
}
