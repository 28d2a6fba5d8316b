// Linked into the generator as source (Backprop.Generator.csproj): one definition of the names and values that
// [Network] takes and the generator reads as numbers. There it is internal, in the generator's model namespace.
#if BACKPROP_GENERATOR
namespace Backprop.Generator.Models;
#else
namespace Backprop;
#endif

/// <summary>
/// The activation function σ that a layer applies to its weighted sums (eq. 2 of the derivation:
/// A = σ(Z)). Each value comes with the derivative that backpropagation needs (eq. 3 and 4).
/// </summary>
/// <remarks>
/// The numeric values are part of the saved-model format and of the generator's contract:
/// never renumber them.
/// </remarks>
#if BACKPROP_GENERATOR
internal
#else
public
#endif
enum Activation
{
    /// <summary>The logistic function σ(z) = 1 / (1 + e<sup>−z</sup>), with σ′(z) = σ(z)(1 − σ(z)). The default.</summary>
    Sigmoid = 0,

    /// <summary>The hyperbolic tangent tanh(z), with tanh′(z) = 1 − tanh²(z).</summary>
    Tanh = 1,

    /// <summary>The rectified linear unit max(z, 0), with derivative 1 for z &gt; 0 and 0 otherwise.</summary>
    ReLU = 2,

    /// <summary>
    /// The leaky rectified linear unit: z for z &gt; 0, otherwise 0.01·z (the usual negative slope),
    /// with derivative 1 for z &gt; 0 and 0.01 otherwise.
    /// </summary>
    LeakyReLU = 3,

    /// <summary>The identity σ(z) = z, with σ′(z) = 1: for regression outputs.</summary>
    Linear = 4,

    /// <summary>
    /// The softmax a<sub>j</sub> = e<sup>z<sub>j</sub></sup> / Σ<sub>i</sub> e<sup>z<sub>i</sub></sup>, which turns the output
    /// layer's weighted sums into probabilities that add up to 1. Output layer only, with at least two
    /// neurons, and meant for <see cref="Loss.CrossEntropy"/>. Computed stably: the largest z is subtracted
    /// before the exponentials.
    /// </summary>
    Softmax = 5,
}
