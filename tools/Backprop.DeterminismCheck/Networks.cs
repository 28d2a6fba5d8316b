using Backprop;

namespace Backprop.DeterminismCheck
{
    // The check's networks: every code shape, activation, loss and precision; layers small enough to be unrolled
    // and large enough for the vector kernels, with input counts that are not a multiple of 16 so that every
    // kernel runs its tail. Names say sizes, shape and precision (f: single, d: double).

    /// <summary>XOR-sized: sigmoids and the quadratic cost, every layer unrolled by the default shape.</summary>
    [Network(2, 4, 1)]
    internal partial class Xor241F { }

    /// <summary>Tanh and ReLU hidden layers into a linear output, forced unrolled, double precision.</summary>
    [Network(3, 5, 4, 2, HiddenActivations = new[] { Activation.Tanh, Activation.ReLU }, OutputActivation = Activation.Linear, Precision = Precision.Double, CodeShape = CodeShape.Unrolled)]
    internal partial class Regressor3542UnrolledD { }

    /// <summary>Tanh into a softmax with cross-entropy: vector layers from the default shape, 37 inputs.</summary>
    [Network(37, 24, 10, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy)]
    internal partial class Classifier372410F { }

    /// <summary>The same classifier in double precision, vector loops forced on every layer.</summary>
    [Network(37, 24, 10, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy, Precision = Precision.Double, CodeShape = CodeShape.VectorLoops)]
    internal partial class Classifier372410VectorD { }

    /// <summary>Leaky ReLU into independent sigmoids with binary cross-entropy, vector loops forced.</summary>
    [Network(21, 19, 5, HiddenActivation = Activation.LeakyReLU, Loss = Loss.BinaryCrossEntropy, CodeShape = CodeShape.VectorLoops)]
    internal partial class Tagger21195VectorF { }

    /// <summary>The same tagger in double precision, forced unrolled.</summary>
    [Network(21, 19, 5, HiddenActivation = Activation.LeakyReLU, Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double, CodeShape = CodeShape.Unrolled)]
    internal partial class Tagger21195UnrolledD { }

    /// <summary>Three weight layers: ReLU and sigmoid hidden layers into a linear output, vector loops forced.</summary>
    [Network(70, 33, 17, 3, HiddenActivations = new[] { Activation.ReLU, Activation.Sigmoid }, OutputActivation = Activation.Linear, CodeShape = CodeShape.VectorLoops)]
    internal partial class Deep7033173VectorF { }

    /// <summary>The same three layers in double precision, shapes chosen by size (vectors, then unrolled).</summary>
    [Network(70, 33, 17, 3, HiddenActivations = new[] { Activation.ReLU, Activation.Sigmoid }, OutputActivation = Activation.Linear, Precision = Precision.Double)]
    internal partial class Deep7033173D { }

    /// <summary>An unrolled small first layer and a wide vector last one, with binary cross-entropy.</summary>
    [Network(2, 10, 40, HiddenActivation = Activation.ReLU, Loss = Loss.BinaryCrossEntropy)]
    internal partial class Mixed21040F { }

    /// <summary>Sigmoid hidden layer into a tanh output, quadratic cost, vector loops forced.</summary>
    [Network(33, 17, 9, OutputActivation = Activation.Tanh, CodeShape = CodeShape.VectorLoops)]
    internal partial class Squash33179VectorF { }

    /// <summary>A linear hidden layer into a tanh output in double precision, vector loops forced, 18 inputs.</summary>
    [Network(18, 40, 6, HiddenActivation = Activation.Linear, OutputActivation = Activation.Tanh, Precision = Precision.Double, CodeShape = CodeShape.VectorLoops)]
    internal partial class Linear18406VectorD { }

    /// <summary>A softmax with the quadratic cost, which writes out the softmax's full Jacobian (warning BP0020).</summary>
    [Network(5, 7, 3, OutputActivation = Activation.Softmax, Precision = Precision.Double)]
    internal partial class SoftQuadratic573D { }

    /// <summary>Digits-sized: tanh into a softmax, shapes chosen by size, the four-row passes of a real model.</summary>
    [Network(64, 32, 10, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy)]
    internal partial class Digits643210F { }

    /// <summary>Dropout in two ReLU hidden layers into a softmax, small enough to be unrolled.</summary>
    [Network(13, 9, 6, 4, HiddenActivation = Activation.ReLU, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy, Dropout = new[] { 0.25, 0.1 })]
    internal partial class Dropout13964F { }

    /// <summary>The same with vector loops forced, so the four-row pass draws the masks too.</summary>
    [Network(37, 24, 12, 5, HiddenActivation = Activation.ReLU, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy, Dropout = new[] { 0.25, 0.1 }, CodeShape = CodeShape.VectorLoops)]
    internal partial class Dropout3724125VectorF { }

    /// <summary>One rate for both tanh hidden layers, unrolled, in double precision.</summary>
    [Network(6, 8, 5, 3, HiddenActivation = Activation.Tanh, Precision = Precision.Double, CodeShape = CodeShape.Unrolled, Dropout = new[] { 0.3 })]
    internal partial class Dropout6853UnrolledD { }
}
