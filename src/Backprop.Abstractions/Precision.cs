namespace Backprop;

/// <summary>The floating-point type a generated network computes and stores its parameters in.</summary>
/// <remarks>The numeric values are part of the saved-model format: never renumber them.</remarks>
public enum Precision
{
    /// <summary>32-bit <see cref="float"/>: half the memory and usually faster. The default.</summary>
    Single = 0,

    /// <summary>64-bit <see cref="double"/>: for gradient checks and ill-conditioned problems.</summary>
    Double = 1,
}
