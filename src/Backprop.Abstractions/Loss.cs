// Linked into the generator as source (Backprop.Generator.csproj): one definition of the names and values that
// [Network] takes and the generator reads as numbers. There it is internal, in the generator's model namespace.
#if BACKPROP_GENERATOR
namespace Backprop.Generator.Models;
#else
namespace Backprop;
#endif

/// <summary>
/// The cost C that training minimizes for one example, and that Backward, TrainStep and TrainBatch
/// return. The derivation's eq. 3 starts from ∂C/∂a of the chosen loss.
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
enum Loss
{
    /// <summary>
    /// The quadratic cost C = ½‖Y − A‖² of the derivation (§3.1): for regression, and for any output
    /// activation except <see cref="Activation.Softmax"/>. The default.
    /// </summary>
    MeanSquaredError = 0,

    /// <summary>
    /// The cross-entropy C = −Σ<sub>j</sub> y<sub>j</sub> ln a<sub>j</sub> for a <see cref="Activation.Softmax"/> output:
    /// classification into one of several classes. Targets are a probability distribution (non-negative,
    /// adding up to 1), typically one-hot. The output delta of eq. 3 simplifies to Aᴸ − Y.
    /// </summary>
    CrossEntropy = 1,

    /// <summary>
    /// The binary cross-entropy C = −Σ<sub>j</sub> [y<sub>j</sub> ln a<sub>j</sub> + (1 − y<sub>j</sub>) ln(1 − a<sub>j</sub>)]
    /// for a <see cref="Activation.Sigmoid"/> output: one or more independent yes/no outputs, with targets
    /// in [0, 1]. The output delta of eq. 3 simplifies to Aᴸ − Y.
    /// </summary>
    BinaryCrossEntropy = 2,
}
