namespace Backprop.Tests.Training;

// Networks for the optimizer, trainer and evaluation tests, declared as a user would.

/// <summary>
/// One linear neuron with two inputs: three parameters, w₀ and w₁ (a weight row) then b (the bias), few
/// enough to work optimizer steps out by hand.
/// </summary>
[Network(2, 1, OutputActivation = Activation.Linear, Precision = Precision.Double)]
public partial class LinearUnit { }

/// <summary><see cref="LinearUnit"/> in single precision.</summary>
[Network(2, 1, OutputActivation = Activation.Linear)]
public partial class LinearUnitSingle { }

/// <summary>A small softmax classifier: three classes from four features.</summary>
[Network(4, 6, 3, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class SoftmaxClassifier { }

/// <summary><see cref="SoftmaxClassifier"/> in double precision.</summary>
[Network(4, 6, 3, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy, Precision = Precision.Double)]
public partial class SoftmaxClassifierDouble { }

/// <summary>A yes/no classifier: one sigmoid output trained on binary cross-entropy.</summary>
[Network(2, 4, 1, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Sigmoid, Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double)]
public partial class BinaryClassifier { }

/// <summary>Several independent sigmoid outputs on binary cross-entropy: not a classifier in the accuracy sense.</summary>
[Network(3, 4, 2, OutputActivation = Activation.Sigmoid, Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double)]
public partial class MultiLabel { }
