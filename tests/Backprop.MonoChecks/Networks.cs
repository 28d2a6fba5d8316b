using Backprop;

namespace Backprop.MonoChecks
{
    // Every code shape, activation, loss and precision, as a Unity project would declare them.

    /// <summary>XOR: sigmoids, the quadratic cost, single precision, unrolled.</summary>
    [Network(2, 4, 1)]
    internal partial class Xor { }

    /// <summary>A regressor: tanh and ReLU hidden layers, a linear output, double precision, unrolled.</summary>
    [Network(3, 5, 4, 2, HiddenActivations = new[] { Activation.Tanh, Activation.ReLU }, OutputActivation = Activation.Linear, Precision = Precision.Double)]
    internal partial class Regressor { }

    /// <summary>A classifier: leaky ReLU, a softmax output and cross-entropy, single precision, unrolled.</summary>
    [Network(4, 6, 3, HiddenActivation = Activation.LeakyReLU, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy)]
    internal partial class Classifier { }

    /// <summary>Independent yes/no outputs: sigmoids with binary cross-entropy, double precision.</summary>
    [Network(5, 4, 3, Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double)]
    internal partial class Tagger { }

    /// <summary>A softmax with the quadratic cost, which writes out the softmax's full Jacobian (warning BP0020).</summary>
    [Network(2, 3, 3, OutputActivation = Activation.Softmax, Precision = Precision.Double)]
    internal partial class SoftRegressor { }

    /// <summary>Digits-sized: tanh into a softmax, vector kernels for both layers, the four-row batch path.</summary>
    [Network(64, 32, 10, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy)]
    internal partial class Digits { }

    /// <summary>Vector kernels forced on every layer, in double precision.</summary>
    [Network(20, 24, 3, CodeShape = CodeShape.VectorLoops, Precision = Precision.Double)]
    internal partial class WideDouble { }

    /// <summary>Unrolled and looped layers side by side: a small first layer, a wide last one.</summary>
    [Network(2, 10, 40, HiddenActivation = Activation.ReLU, OutputActivation = Activation.Sigmoid, Loss = Loss.BinaryCrossEntropy)]
    internal partial class Mixed { }

    /// <summary>Trained weights baked in at compile time from xor.json.</summary>
    [Network(2, 3, 1, Weights = "xor.json")]
    internal partial class BakedXor { }
}
