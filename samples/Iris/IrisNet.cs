using Backprop;

namespace Iris;

/// <summary>
/// Four measurements in, one hidden layer of <see cref="HiddenSize"/> tanh neurons, three softmax outputs
/// (one per species), trained on cross-entropy. Everything else is generated at compile time.
/// </summary>
[Network(4, HiddenSize, 3, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class IrisNet
{
    /// <summary>The size of the hidden layer.</summary>
    public const int HiddenSize = 16;
}
