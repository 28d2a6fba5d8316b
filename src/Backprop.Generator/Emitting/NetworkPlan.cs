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
                shape: LayerShapeSelector.Choose(neurons, inputs));
            // Softmax needs every z before any a; binary cross-entropy is computed from z, where ln σ(z) cannot overflow.
            layer.KeepsWeightedSums = l == model.LayerCount
                && (model.OutputActivation == Activation.Softmax || model.Loss == Loss.BinaryCrossEntropy);
            layers.Add(layer);
            offset = layer.BiasOffset + neurons;
        }

        return new NetworkPlan(model, layers);
    }
}

/// <summary>One layer l ≥ 2: Zˡ = Wˡ·Aˡ⁻¹ + Bˡ, Aˡ = σ(Zˡ).</summary>
internal sealed class LayerPlan
{
    public LayerPlan(int number, int neurons, int inputs, Activation activation, int weightOffset, bool isOutput, LayerShape shape)
    {
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

    /// <summary>The index of w<sub>jk</sub> inside this layer's weight block (row-major).</summary>
    public int WeightIndex(int j, int k) => (j * Inputs) + k;

    // Names of the layer's spans and locals in generated code.
    public string WeightSpan => "w" + Number;

    public string BiasSpan => "b" + Number;

    public string WeightGradientSpan => "gradW" + Number;

    public string BiasGradientSpan => "gradB" + Number;

    public string A(int j) => Activations(Number, j);

    public string Delta(int j) => "delta" + Number + "_" + j;

    /// <summary>The weighted sum z<sup>l</sup><sub>j</sub>, kept as a local only where a loss or softmax needs it.</summary>
    public string Z(int j) => "z" + Number + "_" + j;

    /// <summary>Whether the weighted sums get locals of their own rather than going straight into σ.</summary>
    public bool KeepsWeightedSums { get; set; }

    /// <summary>The input activation a<sup>l−1</sup><sub>k</sub>.</summary>
    public string PreviousA(int k) => Activations(Number - 1, k);

    /// <summary>Superscript layer number for comments: Z², W¹⁰.</summary>
    public string Superscript => Superscripts.Of(Number);

    public string PreviousSuperscript => Superscripts.Of(Number - 1);

    public static string Activations(int layer, int j) => "a" + layer + "_" + j;
}
