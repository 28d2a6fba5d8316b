// Linked into the generator as source (Backprop.Generator.csproj): one definition of the names and values that
// [Network] takes and the generator reads as numbers. There it is internal, in the generator's model namespace.
#if BACKPROP_GENERATOR
namespace Backprop.Generator.Models;
#else
namespace Backprop;
#endif

/// <summary>The floating-point type a generated network computes and stores its parameters in.</summary>
/// <remarks>The numeric values are part of the saved-model format: never renumber them.</remarks>
#if BACKPROP_GENERATOR
internal
#else
public
#endif
enum Precision
{
    /// <summary>32-bit <see cref="float"/>: half the memory and usually faster. The default.</summary>
    Single = 0,

    /// <summary>64-bit <see cref="double"/>: for gradient checks and ill-conditioned problems.</summary>
    Double = 1,
}
