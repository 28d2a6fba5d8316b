namespace Backprop.Tests.Dropout;

// Networks with dropout, each beside a twin of the same topology without it (the twin's code is what Forward must
// match), declared as a user would.

/// <summary>Unrolled, one rate for both hidden layers.</summary>
[Network(3, 5, 4, 2, Dropout = new[] { 0.5 })]
public partial class DropoutTiny { }

/// <summary><see cref="DropoutTiny"/> without dropout.</summary>
[Network(3, 5, 4, 2)]
public partial class DropoutTinyTwin { }

/// <summary><see cref="DropoutTiny"/> in double precision, dropout in the second hidden layer only.</summary>
[Network(3, 5, 4, 2, HiddenActivation = Activation.Tanh, Precision = Precision.Double, Dropout = new[] { 0.0, 0.4 })]
public partial class DropoutTinyDouble { }

/// <summary><see cref="DropoutTinyDouble"/> without dropout.</summary>
[Network(3, 5, 4, 2, HiddenActivation = Activation.Tanh, Precision = Precision.Double)]
public partial class DropoutTinyDoubleTwin { }

/// <summary>Vector loops throughout, so TrainBatch takes four rows per pass.</summary>
[Network(8, 32, 16, 4, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy, CodeShape = CodeShape.VectorLoops, Dropout = new[] { 0.5, 0.25 })]
public partial class DropoutWide { }

/// <summary><see cref="DropoutWide"/> without dropout.</summary>
[Network(8, 32, 16, 4, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy, CodeShape = CodeShape.VectorLoops)]
public partial class DropoutWideTwin { }

/// <summary><see cref="DropoutWide"/> in double precision, with ReLU.</summary>
[Network(8, 32, 16, 4, HiddenActivation = Activation.ReLU, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy, CodeShape = CodeShape.VectorLoops, Precision = Precision.Double, Dropout = new[] { 0.5, 0.25 })]
public partial class DropoutWideDouble { }

/// <summary><see cref="DropoutWideDouble"/> without dropout.</summary>
[Network(8, 32, 16, 4, HiddenActivation = Activation.ReLU, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy, CodeShape = CodeShape.VectorLoops, Precision = Precision.Double)]
public partial class DropoutWideDoubleTwin { }

/// <summary>
/// One input, 64 linear hidden neurons with p = 0.3, one linear output: with every weight 1 and every bias 0, the
/// gradient of b²_j is δ³·D²_j, so Backward shows each mask whole.
/// </summary>
[Network(1, 64, 1, HiddenActivation = Activation.Linear, OutputActivation = Activation.Linear, Precision = Precision.Double, Dropout = new[] { 0.3 })]
public partial class DropoutProbe { }

/// <summary>Unrolled, with the activations the networks above do not have: ReLU, leaky ReLU and linear hidden layers.</summary>
[Network(3, 6, 5, 4, 1, HiddenActivations = new[] { Activation.ReLU, Activation.LeakyReLU, Activation.Linear }, Loss = Loss.BinaryCrossEntropy, CodeShape = CodeShape.Unrolled, Dropout = new[] { 0.3 })]
public partial class DropoutMixed { }

/// <summary><see cref="DropoutMixed"/> without dropout.</summary>
[Network(3, 6, 5, 4, 1, HiddenActivations = new[] { Activation.ReLU, Activation.LeakyReLU, Activation.Linear }, Loss = Loss.BinaryCrossEntropy, CodeShape = CodeShape.Unrolled)]
public partial class DropoutMixedTwin { }

/// <summary>Vector loops with sigmoid, leaky ReLU and linear hidden layers, a rate each, and a linear output.</summary>
[Network(6, 24, 20, 16, 3, HiddenActivations = new[] { Activation.Sigmoid, Activation.LeakyReLU, Activation.Linear }, OutputActivation = Activation.Linear, CodeShape = CodeShape.VectorLoops, Dropout = new[] { 0.2, 0.1, 0.4 })]
public partial class DropoutMixedWide { }

/// <summary><see cref="DropoutMixedWide"/> without dropout.</summary>
[Network(6, 24, 20, 16, 3, HiddenActivations = new[] { Activation.Sigmoid, Activation.LeakyReLU, Activation.Linear }, OutputActivation = Activation.Linear, CodeShape = CodeShape.VectorLoops)]
public partial class DropoutMixedWideTwin { }
