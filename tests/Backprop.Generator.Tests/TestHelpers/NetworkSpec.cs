using System;
using System.Globalization;
using System.Linq;

namespace Backprop.Generator.Tests.TestHelpers;

/// <summary>
/// One network of the numeric test suite, as the test drew it: its topology, activations and loss, declared
/// in the suite's source as a double-precision class and, for some, a single-precision twin.
/// </summary>
/// <remarks>
/// The layout members here are computed from the documented parameter order (per layer l = 2…L: Wˡ
/// row-major, then Bˡ), not asked of the generated class, so that the reference implementation does
/// not share a bug with the code it checks.
/// </remarks>
/// <param name="Index">The position in the suite; example seeds are derived from it.</param>
/// <param name="Topology">The position of the topology in the draw.</param>
/// <param name="Name">The class name stem, unique in the suite.</param>
/// <param name="Sizes">The layer sizes, input layer first.</param>
/// <param name="Hidden">The activation of every hidden layer (<c>HiddenActivation</c>), when <paramref name="HiddenLayers"/> is null.</param>
/// <param name="Output">The activation of the output layer.</param>
/// <param name="Seed">The seed passed to the generated constructor.</param>
/// <param name="HasFloatTwin">Whether a single-precision class is declared too.</param>
/// <param name="Loss">The cost that Backward returns and differentiates.</param>
/// <param name="HiddenLayers">One activation per hidden layer (<c>HiddenActivations</c>), or null for <paramref name="Hidden"/> everywhere.</param>
internal sealed record NetworkSpec(
    int Index,
    int Topology,
    string Name,
    int[] Sizes,
    Activation Hidden,
    Activation Output,
    int Seed,
    bool HasFloatTwin,
    Loss Loss = Loss.MeanSquaredError,
    Activation[]? HiddenLayers = null)
{
    public const string Namespace = "GradientSuite";

    public string DoubleTypeName => Namespace + "." + Name + "_Double";

    public string FloatTypeName => Namespace + "." + Name + "_Float";

    /// <summary>The number of layers L, input layer included.</summary>
    public int LayerCount => Sizes.Length;

    public int InputSize => Sizes[0];

    public int OutputSize => Sizes[^1];

    /// <summary>The size n<sub>l</sub> of layer <paramref name="layer"/>, numbered from 1 as in the derivation.</summary>
    public int Size(int layer) => Sizes[layer - 1];

    public Activation ActivationOf(int layer) =>
        layer == LayerCount ? Output
        : HiddenLayers is null ? Hidden
        : HiddenLayers[layer - 2];

    /// <summary>Whether the hidden layers have activations of their own (<c>HiddenActivations</c>).</summary>
    public bool HasPerLayerActivations => HiddenLayers is not null;

    /// <summary>The output layer and the loss, as one word for reports: "Sigmoid", "Softmax + CrossEntropy".</summary>
    public string OutputAndLoss => OutputAndLossOf(Output, Loss);

    /// <summary>The hidden layers' activations, as one word for reports: "Tanh", or "ReLU/Tanh/Linear" per layer.</summary>
    public string HiddenDescription => HiddenLayers is null ? Hidden.ToString() : string.Join("/", HiddenLayers);

    public bool HasKinks => Enumerable.Range(2, LayerCount - 1).Any(l => IsKinked(ActivationOf(l)));

    /// <summary>Where Wˡ starts in the parameters: after the weights and biases of layers 2…l−1.</summary>
    public int WeightOffset(int layer)
    {
        int offset = 0;
        for (int l = 2; l < layer; l++)
        {
            offset += Size(l) * (Size(l - 1) + 1);
        }

        return offset;
    }

    /// <summary>Where Bˡ starts: right after the n<sub>l</sub>×n<sub>l−1</sub> weights of Wˡ.</summary>
    public int BiasOffset(int layer) => WeightOffset(layer) + Size(layer) * Size(layer - 1);

    public int ParameterCount => WeightOffset(LayerCount + 1);

    /// <summary>Names a parameter for reports: w³[j=1,k=4] or b²[j=0], with the layer number of the derivation.</summary>
    public string DescribeParameter(int index)
    {
        for (int l = 2; l <= LayerCount; l++)
        {
            int weights = WeightOffset(l);
            int biases = BiasOffset(l);
            if (index < biases)
            {
                int within = index - weights;
                return string.Create(CultureInfo.InvariantCulture, $"w{l}[j={within / Size(l - 1)},k={within % Size(l - 1)}] (#{index})");
            }

            if (index < biases + Size(l))
            {
                return string.Create(CultureInfo.InvariantCulture, $"b{l}[j={index - biases}] (#{index})");
            }
        }

        throw new ArgumentOutOfRangeException(nameof(index), index, "Not a parameter of " + Name + ".");
    }

    /// <summary>The attribute as written in the generated source, for reports.</summary>
    public string Describe() =>
        Name + " [" + string.Join(", ", Sizes) + "] hidden " + HiddenDescription + ", output " + OutputAndLoss;

    /// <summary>
    /// The attribute's arguments. The loss is written even when it is the default, so that the suite also
    /// reads an explicit <c>Loss = Loss.MeanSquaredError</c>.
    /// </summary>
    public string AttributeArguments(Precision precision) =>
        string.Join(", ", Sizes)
        + (HiddenLayers is null
            ? ", HiddenActivation = Activation." + Hidden
            : ", HiddenActivations = new[] { " + string.Join(", ", HiddenLayers.Select(a => "Activation." + a)) + " }")
        + ", OutputActivation = Activation." + Output
        + ", Loss = Loss." + Loss
        + ", Precision = Precision." + precision;

    public static string OutputAndLossOf(Activation output, Loss loss) =>
        loss == Loss.MeanSquaredError && output != Activation.Softmax ? output.ToString() : output + " + " + loss;

    public static bool IsKinked(Activation activation) => activation is Activation.ReLU or Activation.LeakyReLU;
}
