using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Backprop.Tests;

// The networks under test, declared as a user would: the generator writes their members into this assembly.
// Each declaration is repeated in Networks.Cases below as plain data, so that tests can check the generated
// shape against what was asked for rather than against the generated code itself.

/// <summary>The default configuration: sigmoid everywhere, single precision.</summary>
[Network(3, 4, 2)]
public partial class Tiny { }

/// <summary>Tiny's topology in double precision: its parameters must be Tiny's, before rounding.</summary>
[Network(3, 4, 2, Precision = Precision.Double)]
public partial class TinyDouble { }

/// <summary>The smallest network that can learn XOR.</summary>
[Network(2, 4, 1)]
public partial class XorNet { }

/// <summary>No hidden layer: L = 2, the edge case of every per-layer loop in the generator.</summary>
[Network(3, 2)]
public partial class Perceptron { }

/// <summary>Four layers in single precision, so that eq. 4 is applied to more than one hidden layer.</summary>
[Network(4, 6, 5, 3, HiddenActivation = Activation.Tanh)]
public partial class Deep { }

/// <summary>Four layers in double precision with mixed activations: tanh hidden layers, linear output.</summary>
[Network(2, 8, 8, 1, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Linear, Precision = Precision.Double)]
public partial class Regressor { }

// One network per activation, used in every layer. Double precision makes gradient checks tight, and
// layers of 32 and 24 weights give the initialization tests enough draws to see the range.

/// <summary>Sigmoid in every layer.</summary>
[Network(4, 8, 3, HiddenActivation = Activation.Sigmoid, OutputActivation = Activation.Sigmoid, Precision = Precision.Double)]
public partial class SigmoidNet { }

/// <summary>Tanh in every layer.</summary>
[Network(4, 8, 3, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Tanh, Precision = Precision.Double)]
public partial class TanhNet { }

/// <summary>ReLU in every layer.</summary>
[Network(4, 8, 3, HiddenActivation = Activation.ReLU, OutputActivation = Activation.ReLU, Precision = Precision.Double)]
public partial class ReLUNet { }

/// <summary>Leaky ReLU in every layer.</summary>
[Network(4, 8, 3, HiddenActivation = Activation.LeakyReLU, OutputActivation = Activation.LeakyReLU, Precision = Precision.Double)]
public partial class LeakyReLUNet { }

/// <summary>Linear in every layer: its output is unbounded, so a large learning rate makes it diverge.</summary>
[Network(4, 8, 3, HiddenActivation = Activation.Linear, OutputActivation = Activation.Linear, Precision = Precision.Double)]
public partial class LinearNet { }

// The losses: a softmax classifier with cross-entropy and a tagger of independent yes/no outputs with binary
// cross-entropy, in both precisions; the tagger also gives each hidden layer its own activation.

/// <summary>Three classes: tanh hidden layer, softmax output, cross-entropy.</summary>
[Network(4, 8, 3, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class Classifier { }

/// <summary>The classifier in double precision, for tight gradient checks.</summary>
[Network(4, 8, 3, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy, Precision = Precision.Double)]
public partial class ClassifierDouble { }

/// <summary>Two independent tags: a ReLU and a tanh hidden layer, sigmoid outputs, binary cross-entropy.</summary>
[Network(3, 6, 5, 2, HiddenActivations = new[] { Activation.ReLU, Activation.Tanh }, Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double)]
public partial class Tagger { }

/// <summary>The tagger in single precision.</summary>
[Network(3, 6, 5, 2, HiddenActivations = new[] { Activation.ReLU, Activation.Tanh }, Loss = Loss.BinaryCrossEntropy)]
public partial class TaggerSingle { }

// Networks for the save/load tests (Serialization/). TorchMlp and TorchMlpDouble have the shape of a PyTorch
// nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 2)); the Tiny variants differ from Tiny in one
// respect each, so that loading one's file into another must name that difference.

/// <summary>nn.Sequential(Linear(2, 3), Tanh(), Linear(3, 2)) in single precision.</summary>
[Network(2, 3, 2, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Linear)]
public partial class TorchMlp { }

/// <summary>TorchMlp in double precision.</summary>
[Network(2, 3, 2, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Linear, Precision = Precision.Double)]
public partial class TorchMlpDouble { }

/// <summary>The XOR network a PyTorch script trained: nn.Sequential(Linear(2, 4), Tanh(), Linear(4, 1), Sigmoid()).</summary>
[Network(2, 4, 1, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Sigmoid)]
public partial class TorchXor { }

/// <summary>Tiny with binary cross-entropy: same sizes and activations, another loss.</summary>
[Network(3, 4, 2, Loss = Loss.BinaryCrossEntropy)]
public partial class TinyBinary { }

/// <summary>Tiny with a tanh hidden layer: same sizes and loss, another activation.</summary>
[Network(3, 4, 2, HiddenActivation = Activation.Tanh)]
public partial class TinyTanh { }

/// <summary>A softmax classifier with per-layer activations, so that every enum a file stores takes a value other than its default.</summary>
[Network(4, 5, 4, 3, HiddenActivations = new[] { Activation.ReLU, Activation.LeakyReLU }, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy, Precision = Precision.Double)]
public partial class MixedClassifier { }

/// <summary>What a network was declared with, and how to make one.</summary>
/// <param name="Name">The class name, used as theory data.</param>
/// <param name="Sizes">The layer sizes written on the attribute.</param>
/// <param name="Hidden">The hidden activation written on the attribute.</param>
/// <param name="Output">The output activation written on the attribute.</param>
/// <param name="Precision">The precision written on the attribute.</param>
/// <param name="Create">Makes the network from a seed.</param>
/// <param name="Loss">The loss written on the attribute (the quadratic cost by default).</param>
/// <param name="HiddenLayers">The per-layer HiddenActivations written on the attribute, which replace <paramref name="Hidden"/>.</param>
public sealed record NetworkCase(
    string Name,
    int[] Sizes,
    Activation Hidden,
    Activation Output,
    Precision Precision,
    Func<int, INeuralNetwork> Create,
    Loss Loss = Loss.MeanSquaredError,
    Activation[]? HiddenLayers = null)
{
    /// <summary>The activation the attribute asked for in <paramref name="layer"/> (2…L).</summary>
    public Activation ActivationOf(int layer) =>
        layer == Sizes.Length ? Output
        : HiddenLayers is null ? Hidden
        : HiddenLayers[layer - 2];
}

/// <summary>The registry of declared networks, for theories that run over all of them.</summary>
public static class Networks
{
    public static readonly IReadOnlyList<NetworkCase> Cases =
    [
        new("Tiny", [3, 4, 2], Activation.Sigmoid, Activation.Sigmoid, Precision.Single, s => new Tiny(s)),
        new("TinyDouble", [3, 4, 2], Activation.Sigmoid, Activation.Sigmoid, Precision.Double, s => new TinyDouble(s)),
        new("XorNet", [2, 4, 1], Activation.Sigmoid, Activation.Sigmoid, Precision.Single, s => new XorNet(s)),
        new("Perceptron", [3, 2], Activation.Sigmoid, Activation.Sigmoid, Precision.Single, s => new Perceptron(s)),
        new("Deep", [4, 6, 5, 3], Activation.Tanh, Activation.Sigmoid, Precision.Single, s => new Deep(s)),
        new("Regressor", [2, 8, 8, 1], Activation.Tanh, Activation.Linear, Precision.Double, s => new Regressor(s)),
        new("SigmoidNet", [4, 8, 3], Activation.Sigmoid, Activation.Sigmoid, Precision.Double, s => new SigmoidNet(s)),
        new("TanhNet", [4, 8, 3], Activation.Tanh, Activation.Tanh, Precision.Double, s => new TanhNet(s)),
        new("ReLUNet", [4, 8, 3], Activation.ReLU, Activation.ReLU, Precision.Double, s => new ReLUNet(s)),
        new("LeakyReLUNet", [4, 8, 3], Activation.LeakyReLU, Activation.LeakyReLU, Precision.Double, s => new LeakyReLUNet(s)),
        new("LinearNet", [4, 8, 3], Activation.Linear, Activation.Linear, Precision.Double, s => new LinearNet(s)),
        new("Classifier", [4, 8, 3], Activation.Tanh, Activation.Softmax, Precision.Single, s => new Classifier(s), Loss.CrossEntropy),
        new("ClassifierDouble", [4, 8, 3], Activation.Tanh, Activation.Softmax, Precision.Double, s => new ClassifierDouble(s), Loss.CrossEntropy),
        new("Tagger", [3, 6, 5, 2], Activation.Sigmoid, Activation.Sigmoid, Precision.Double, s => new Tagger(s), Loss.BinaryCrossEntropy, [Activation.ReLU, Activation.Tanh]),
        new("TaggerSingle", [3, 6, 5, 2], Activation.Sigmoid, Activation.Sigmoid, Precision.Single, s => new TaggerSingle(s), Loss.BinaryCrossEntropy, [Activation.ReLU, Activation.Tanh]),
        new("TorchMlp", [2, 3, 2], Activation.Tanh, Activation.Linear, Precision.Single, s => new TorchMlp(s)),
        new("TorchMlpDouble", [2, 3, 2], Activation.Tanh, Activation.Linear, Precision.Double, s => new TorchMlpDouble(s)),
        new("TorchXor", [2, 4, 1], Activation.Tanh, Activation.Sigmoid, Precision.Single, s => new TorchXor(s)),
    ];

    /// <summary>Every network's name, as theory data.</summary>
    public static TheoryData<string> Names => new(Cases.Select(c => c.Name));

    /// <summary>Returns the case declared under <paramref name="name"/>.</summary>
    public static NetworkCase Get(string name) => Cases.Single(c => c.Name == name);

    /// <summary>Creates the network declared under <paramref name="name"/>.</summary>
    public static INeuralNetwork Create(string name, int seed = 1) => Get(name).Create(seed);

    /// <summary>Runs the test written for the network's number type.</summary>
    public static void Visit(INeuralNetwork network, Action<INeuralNetwork<float>> single, Action<INeuralNetwork<double>> @double)
    {
        switch (network)
        {
            case INeuralNetwork<float> f:
                single(f);
                break;
            case INeuralNetwork<double> d:
                @double(d);
                break;
            default:
                throw new ArgumentException("A generated network is INeuralNetwork<float> or INeuralNetwork<double>.", nameof(network));
        }
    }
}
