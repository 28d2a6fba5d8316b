using Backprop;

namespace Digits;

/// <summary>
/// 64 pixels in, one hidden layer of <see cref="HiddenSize"/> neurons, ten softmax outputs (one per digit),
/// trained on cross-entropy. Everything else is generated at compile time.
/// </summary>
/// <remarks>
/// The generator writes every weighted sum out and refuses (BP0008) a network whose largest method would
/// be too long for the JIT to optimize: about 900 weights today. <see cref="HiddenSize"/> is the one number
/// to raise when it allows more.
/// </remarks>
[Network(64, HiddenSize, 10, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class DigitsNetwork
{
    /// <summary>The size of the hidden layer.</summary>
    public const int HiddenSize = 12;
}
