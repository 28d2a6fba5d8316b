// Linked into the generator as source (Backprop.Generator.csproj): one definition of the names and values that
// [Network] takes and the generator reads as numbers. There it is internal, in the generator's model namespace.
#if BACKPROP_GENERATOR
namespace Backprop.Generator.Models;
#else
namespace Backprop;
#endif

/// <summary>
/// How the generator writes out the layers of a network (<see cref="NetworkAttribute.CodeShape"/>). Every
/// shape computes the same function and the same gradient; they differ in speed and code size.
/// </summary>
/// <remarks>The numeric values are part of the generator's contract: never renumber them.</remarks>
#if BACKPROP_GENERATOR
internal
#else
public
#endif
enum CodeShape
{
    /// <summary>
    /// Each layer gets the shape that measured fastest for its size: fully unrolled scalar code for small
    /// layers, vector loops for large ones (docs/benchmarks.md gives the thresholds and the measurements
    /// behind them). The default.
    /// </summary>
    Automatic = 0,

    /// <summary>
    /// Every layer fully unrolled: each weighted sum written term by term, every value in a local. Limited
    /// to about a thousand weights, past which the JIT stops optimizing (diagnostic BP0008).
    /// </summary>
    Unrolled = 1,

    /// <summary>
    /// Every layer as calls to whole-layer vector kernels (one per equation, inlined with the layer's constant
    /// sizes) that use the widest SIMD registers the machine has, activations and deltas in 64-byte aligned
    /// stack buffers. Any size that fits the stack bound (BP0026).
    /// </summary>
    VectorLoops = 2,
}
