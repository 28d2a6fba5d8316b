namespace Backprop.Benchmarks;

/// <summary>
/// The peers' workload: 784-128-10, ReLU, softmax, cross-entropy, the network the batch targets were set on. The
/// TorchSharp suite (benchmarks/Backprop.Benchmarks.TorchSharp) compiles this file too, so both measure one class.
/// </summary>
[Network(784, 128, 10, HiddenActivation = Activation.ReLU, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy)]
public sealed partial class MnistClassifier
{
}
