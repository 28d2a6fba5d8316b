using System.Collections.Generic;
using System.Linq;
using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

/// <summary>
/// The model worked out for writing: each layer's place in the parameter array, its shape and the names of
/// its locals. Everything here is derived from <see cref="NetworkModel"/>.
/// </summary>
internal sealed class NetworkPlan
{
    private NetworkPlan(NetworkModel model, IReadOnlyList<LayerPlan> layers)
    {
        Model = model;
        Layers = layers;
        Number = NumberType.Of(model.Precision);
        ParameterCount = layers.Count == 0 ? 0 : layers[layers.Count - 1].BiasOffset + layers[layers.Count - 1].Neurons;
    }

    public NetworkModel Model { get; }

    /// <summary>Layers 2…L (the input layer has no parameters).</summary>
    public IReadOnlyList<LayerPlan> Layers { get; }

    public NumberType Number { get; }

    public int ParameterCount { get; }

    /// <summary>Whether TrainBatch's gradient fits the stack bound; otherwise it is a field, allocated with the network.</summary>
    public bool BatchGradientOnStack => (double)ParameterCount * Number.Size <= NetworkLimits.MaxStackGradientBytes;

    /// <summary>Whether ForwardBatch and TrainBatch take four rows per pass over the weights (see <see cref="ShapePlanner.UsesRowPasses"/>).</summary>
    public bool UsesRowPasses => ShapePlanner.UsesRowPasses(Model.LayerSizes, Model.Shapes);

    /// <summary>
    /// Whether the parameters (and the stack buffers) start on a 64-byte boundary: for networks with a layer of
    /// vector kernels, whose loads straddle cache lines otherwise. Fully unrolled networks read their weights
    /// one by one, and keep a plain array.
    /// </summary>
    public bool AlignsMemory => Model.Shapes.Any(shape => shape == LayerShape.VectorLoops);

    /// <summary>The bytes of stack buffers that BackwardCore and TrainStep use.</summary>
    public int StackBytes => (int)NetworkLimits.StackBytes(Model.LayerSizes, Model.Shapes, Number.Size);

    public int InputSize => Model.LayerSizes[0];

    public int OutputSize => Model.LayerSizes[Model.LayerCount - 1];

    public LayerPlan Output => Layers[Layers.Count - 1];

    /// <summary>The number of values TrainStep keeps in locals: every activation a, the output errors e and every δ.</summary>
    public int TrainStepLocalCount => InputSize + (2 * Layers.Sum(layer => layer.Neurons)) + OutputSize
        + (Output.KeepsWeightedSums ? OutputSize : 0)
        + (Output.Activation == Activation.Softmax ? OutputSize + 2 : 0);

    public static NetworkPlan From(NetworkModel model)
    {
        var layers = new List<LayerPlan>();
        int offset = 0;
        for (int l = 2; l <= model.LayerCount; l++)
        {
            int neurons = model.LayerSizes[l - 1];
            int inputs = model.LayerSizes[l - 2];
            var layer = new LayerPlan(
                number: l,
                neurons: neurons,
                inputs: inputs,
                activation: model.Activations[l - 2],
                weightOffset: offset,
                isOutput: l == model.LayerCount,
                shape: model.Shapes[l - 2],
                buffered: ShapePlanner.IsBuffered(model.Shapes, l),
                previousBuffered: ShapePlanner.IsBuffered(model.Shapes, l - 1));
            layer.KeepsWeightedSums = l == model.LayerCount
                && ShapePlanner.KeepsOutputSums(model.OutputActivation, model.Loss);
            layers.Add(layer);
            offset = layer.BiasOffset + neurons;
        }

        return new NetworkPlan(model, layers);
    }
}

/// <summary>One layer l ≥ 2: Zˡ = Wˡ·Aˡ⁻¹ + Bˡ, Aˡ = σ(Zˡ).</summary>
internal sealed class LayerPlan
{
    public LayerPlan(
        int number, int neurons, int inputs, Activation activation, int weightOffset, bool isOutput, LayerShape shape, bool buffered, bool previousBuffered)
    {
        Buffered = buffered;
        PreviousBuffered = previousBuffered;
        Number = number;
        Neurons = neurons;
        Inputs = inputs;
        Activation = activation;
        WeightOffset = weightOffset;
        IsOutput = isOutput;
        Shape = shape;
    }

    /// <summary>l, counting the input layer as 1.</summary>
    public int Number { get; }

    /// <summary>nₗ, the number of neurons (rows of Wˡ).</summary>
    public int Neurons { get; }

    /// <summary>nₗ₋₁, the size of the previous layer (columns of Wˡ).</summary>
    public int Inputs { get; }

    public Activation Activation { get; }

    public int WeightOffset { get; }

    public int WeightCount => Neurons * Inputs;

    public int BiasOffset => WeightOffset + WeightCount;

    public bool IsOutput { get; }

    public LayerShape Shape { get; }

    public bool IsVector => Shape == LayerShape.VectorLoops;

    /// <summary>
    /// Whether this layer's activations, deltas (and kept weighted sums) live in stack buffers, indexed
    /// <c>a3[j]</c>, rather than in locals <c>a3_j</c>: so they do next to a layer of loops.
    /// </summary>
    public bool Buffered { get; }

    /// <summary>Whether the previous layer's activations live in a buffer (for layer 2: a span over the input).</summary>
    public bool PreviousBuffered { get; }

    /// <summary>The index of w<sub>jk</sub> inside this layer's weight block (row-major).</summary>
    public int WeightIndex(int j, int k) => (j * Inputs) + k;

    // Names of the layer's spans and locals in generated code.
    public string WeightSpan => "w" + Number;

    public string BiasSpan => "b" + Number;

    public string WeightGradientSpan => "gradW" + Number;

    public string BiasGradientSpan => "gradB" + Number;

    /// <summary>Names of the layer's buffers, where <see cref="Buffered"/>.</summary>
    public string ActivationBuffer => "a" + Number;

    public string DeltaBuffer => "delta" + Number;

    public string SumBuffer => "z" + Number;

    public string PreviousActivationBuffer => "a" + (Number - 1);

    /// <summary>The activation a<sup>l</sup><sub>j</sub> as an expression: a local, or an element of the buffer.</summary>
    public string A(int j) => Buffered ? ActivationBuffer + "[" + j + "]" : Activations(Number, j);

    public string Delta(int j) => Buffered ? DeltaBuffer + "[" + j + "]" : "delta" + Number + "_" + j;

    /// <summary>The weighted sum z<sup>l</sup><sub>j</sub>, kept only where a loss or softmax needs it.</summary>
    public string Z(int j) => Buffered ? SumBuffer + "[" + j + "]" : "z" + Number + "_" + j;

    /// <summary>The left side that first assigns <paramref name="value"/>: a declaration of a local, or a buffer element.</summary>
    public string Declare(string type, string value) => Buffered ? value : type + " " + value;

    /// <summary>Whether the weighted sums get locals of their own rather than going straight into σ.</summary>
    public bool KeepsWeightedSums { get; set; }

    /// <summary>The input activation a<sup>l−1</sup><sub>k</sub>.</summary>
    public string PreviousA(int k) => PreviousBuffered ? PreviousActivationBuffer + "[" + k + "]" : Activations(Number - 1, k);

    /// <summary>Superscript layer number for comments: Z², W¹⁰.</summary>
    public string Superscript => Superscripts.Of(Number);

    public string PreviousSuperscript => Superscripts.Of(Number - 1);

    public static string Activations(int layer, int j) => "a" + layer + "_" + j;
}
