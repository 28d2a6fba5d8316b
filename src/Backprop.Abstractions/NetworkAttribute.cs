using System;
using System.Collections.Generic;

// Linked into the generator as source, internal there (in its model namespace): the parser takes the names of the
// named arguments and their defaults from it.
#if BACKPROP_GENERATOR
namespace Backprop.Generator.Models;
#else
namespace Backprop;
#endif

/// <summary>
/// Makes the Backprop source generator turn this <see langword="partial"/> class into a fully connected
/// neural network of the given layer sizes, with a forward pass, backpropagation and training written out
/// at compile time.
/// </summary>
/// <example>
/// <code>
/// [Network(3, 4, 2)]                 // 3 inputs, one hidden layer of 4 neurons, 2 outputs
/// public partial class Tiny { }
///
/// var net = new Tiny(seed: 42);
/// Span&lt;float&gt; output = stackalloc float[Tiny.OutputSize];
/// net.Forward([0.1f, 0.2f, 0.3f], output);
/// </code>
/// </example>
/// <remarks>
/// The generated class implements <see cref="INeuralNetwork{T}"/>. Misuse of the attribute is reported at
/// compile time as a diagnostic BP0001…BP0099; see docs/diagnostics.md.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
#if BACKPROP_GENERATOR
internal
#else
public
#endif
sealed class NetworkAttribute : Attribute
{
    // One constructor per common depth, besides the params one: C# binds [Network(3, 4, 2)] to the
    // three-size constructor, so that no array is passed and a CLSCompliant(true) assembly gets no CS3016.

    /// <summary>Declares a network with no hidden layer.</summary>
    /// <param name="inputSize">The number of inputs.</param>
    /// <param name="outputSize">The number of outputs.</param>
    public NetworkAttribute(int inputSize, int outputSize)
        : this(new[] { inputSize, outputSize })
    {
    }

    /// <summary>Declares a network with one hidden layer.</summary>
    /// <param name="inputSize">The number of inputs.</param>
    /// <param name="hiddenSize">The number of neurons in the hidden layer.</param>
    /// <param name="outputSize">The number of outputs.</param>
    public NetworkAttribute(int inputSize, int hiddenSize, int outputSize)
        : this(new[] { inputSize, hiddenSize, outputSize })
    {
    }

    /// <summary>Declares a network with two hidden layers.</summary>
    /// <param name="inputSize">The number of inputs.</param>
    /// <param name="hidden1Size">The number of neurons in the first hidden layer.</param>
    /// <param name="hidden2Size">The number of neurons in the second hidden layer.</param>
    /// <param name="outputSize">The number of outputs.</param>
    public NetworkAttribute(int inputSize, int hidden1Size, int hidden2Size, int outputSize)
        : this(new[] { inputSize, hidden1Size, hidden2Size, outputSize })
    {
    }

    /// <summary>Declares a network with three hidden layers.</summary>
    /// <param name="inputSize">The number of inputs.</param>
    /// <param name="hidden1Size">The number of neurons in the first hidden layer.</param>
    /// <param name="hidden2Size">The number of neurons in the second hidden layer.</param>
    /// <param name="hidden3Size">The number of neurons in the third hidden layer.</param>
    /// <param name="outputSize">The number of outputs.</param>
    public NetworkAttribute(int inputSize, int hidden1Size, int hidden2Size, int hidden3Size, int outputSize)
        : this(new[] { inputSize, hidden1Size, hidden2Size, hidden3Size, outputSize })
    {
    }

    /// <summary>Declares a network with four hidden layers.</summary>
    /// <param name="inputSize">The number of inputs.</param>
    /// <param name="hidden1Size">The number of neurons in the first hidden layer.</param>
    /// <param name="hidden2Size">The number of neurons in the second hidden layer.</param>
    /// <param name="hidden3Size">The number of neurons in the third hidden layer.</param>
    /// <param name="hidden4Size">The number of neurons in the fourth hidden layer.</param>
    /// <param name="outputSize">The number of outputs.</param>
    public NetworkAttribute(int inputSize, int hidden1Size, int hidden2Size, int hidden3Size, int hidden4Size, int outputSize)
        : this(new[] { inputSize, hidden1Size, hidden2Size, hidden3Size, hidden4Size, outputSize })
    {
    }

    /// <summary>Declares a network with the given number of neurons in each layer, input layer first.</summary>
    /// <param name="layerSizes">
    /// At least two positive sizes: the input size, the size of each hidden layer, then the output size.
    /// </param>
    /// <remarks>
    /// Up to six sizes bind to the constructors above; more are passed as an array, which the CLS does not
    /// allow in an attribute (CS3016 in an assembly marked <c>CLSCompliant(true)</c>).
    /// </remarks>
    public NetworkAttribute(params int[] layerSizes)
    {
        LayerSizes = layerSizes ?? Array.Empty<int>();
    }

    /// <summary>The number of neurons in each layer, input layer first, as written on the attribute.</summary>
    public IReadOnlyList<int> LayerSizes { get; }

    /// <summary>
    /// The activation of every hidden layer. Default: <see cref="Activation.Sigmoid"/>. To give each hidden
    /// layer its own, set <see cref="HiddenActivations"/> instead.
    /// </summary>
    public Activation HiddenActivation { get; set; } = Activation.Sigmoid;

    /// <summary>
    /// The activation of each hidden layer, first hidden layer (layer 2) first: exactly one per hidden layer.
    /// When set, it replaces <see cref="HiddenActivation"/>; setting both is a compile-time error.
    /// </summary>
    /// <example><c>[Network(64, 32, 16, 10, HiddenActivations = new[] { Activation.ReLU, Activation.Tanh })]</c></example>
#pragma warning disable CA1819 // An attribute argument can only be an array.
    public Activation[]? HiddenActivations { get; set; }
#pragma warning restore CA1819

    /// <summary>The activation of the output layer. Default: <see cref="Activation.Sigmoid"/>.</summary>
    public Activation OutputActivation { get; set; } = Activation.Sigmoid;

    /// <summary>
    /// The cost that training minimizes. Default: <see cref="Loss.MeanSquaredError"/>. Use
    /// <see cref="Loss.CrossEntropy"/> with a <see cref="Activation.Softmax"/> output and
    /// <see cref="Loss.BinaryCrossEntropy"/> with a <see cref="Activation.Sigmoid"/> output.
    /// </summary>
    public Loss Loss { get; set; } = Loss.MeanSquaredError;

    /// <summary>
    /// How the layers are written out. Default: <see cref="CodeShape.Automatic"/>, which picks the fastest
    /// measured shape for each layer's size.
    /// </summary>
    public CodeShape CodeShape { get; set; } = CodeShape.Automatic;

    /// <summary>The number type of inputs, outputs and parameters. Default: <see cref="Precision.Single"/>.</summary>
    public Precision Precision { get; set; } = Precision.Single;

    /// <summary>
    /// Dropout during training: the rate p of each hidden layer, first hidden layer (layer 2) first, or a single
    /// rate for every hidden layer. A rate is at least 0 and less than 1; 0 leaves that layer without dropout.
    /// Backward, TrainStep and TrainBatch keep each hidden neuron of each row with probability 1 − p and scale
    /// it by 1/(1 − p) (inverted dropout, docs/math.md §3.6); Forward and ForwardBatch never drop. The masks come
    /// from the network's own generator (<see cref="IDropoutNetwork.DropoutRandom"/>), so a run reproduces bit
    /// for bit. The input and output layers have no dropout. Default: none.
    /// </summary>
    /// <example><c>[Network(64, 32, 16, 10, Dropout = new[] { 0.2 })]</c> or <c>Dropout = new[] { 0.5, 0.2 }</c></example>
#pragma warning disable CA1819 // An attribute argument can only be an array.
    public double[]? Dropout { get; set; }
#pragma warning restore CA1819

    /// <summary>
    /// A weights JSON file (docs/model-format.md) whose trained parameters the generator bakes into the class as
    /// constants: the parameterless constructor starts from them, with nothing to load at run time. The file must
    /// be an <c>AdditionalFiles</c> item of the project, as in <c>&lt;AdditionalFiles Include="model.json" /&gt;</c>;
    /// the value matches the end of its path (<c>"model.json"</c>, or <c>"Models/model.json"</c> to pick one of
    /// several). Its sizes, activations, loss and precision must be those of this attribute. Default: none.
    /// </summary>
    /// <example><c>[Network(2, 4, 1, HiddenActivation = Activation.Tanh, Weights = "xor.json")]</c></example>
    public string? Weights { get; set; }
}
