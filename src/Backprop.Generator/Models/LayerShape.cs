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
    /// Loops of constant bounds over the rows of Wˡ, each row a call to a vector kernel (a dot product for
    /// eq. 1, scaled additions for eq. 4 to 6), activations and deltas in stack buffers: the shape for layers
    /// whose unrolled code would be too long for the JIT to optimize, or slower than vector loops.
    /// </summary>
    VectorLoops,
}
