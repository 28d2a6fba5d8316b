using System.Collections.Generic;
using Backprop.Serialization.Json;
#if BACKPROP_GENERATOR
using Backprop.Generator.Models;
#endif

namespace Backprop.Serialization;

/// <summary>
/// A weights JSON document that <see cref="WeightsJsonReader.Read(string)"/> has checked: its topology, where each
/// of its members stands, and each layer's arrays, of the lengths the topology gives them. The values are still
/// text: <see cref="WeightsJsonReader.ReadValue"/> reads each.
/// </summary>
internal sealed class WeightsJsonDocument
{
    private readonly List<JsonValue> _weightRows = new();
    private readonly List<JsonValue> _biases = new();

    public WeightsJsonDocument(int[] layerSizes, Activation[] activations, Loss loss, Precision precision, JsonValue layersMember, JsonValue activationsMember, JsonValue lossMember, JsonValue precisionMember)
    {
        LayerSizes = layerSizes;
        Activations = activations;
        Loss = loss;
        Precision = precision;
        LayersMember = layersMember;
        ActivationsMember = activationsMember;
        LossMember = lossMember;
        PrecisionMember = precisionMember;
    }

    /// <summary>The number of layers L, input layer included.</summary>
    public int LayerCount => LayerSizes.Count;

    /// <summary>The sizes, input layer first (element 0 is layer 1).</summary>
    public IReadOnlyList<int> LayerSizes { get; }

    /// <summary>The activations of layers 2 to L (element 0 is layer 2).</summary>
    public IReadOnlyList<Activation> Activations { get; }

    public Loss Loss { get; }

    public Precision Precision { get; }

    /// <summary>The "layers" member, for positions in messages; likewise the three below.</summary>
    public JsonValue LayersMember { get; }

    public JsonValue ActivationsMember { get; }

    public JsonValue LossMember { get; }

    public JsonValue PrecisionMember { get; }

    /// <summary>The weights of layer <paramref name="layer"/> (2…L): n<sub>l</sub> rows of n<sub>l−1</sub> entries.</summary>
    public JsonValue WeightRows(int layer) => _weightRows[layer - 2];

    /// <summary>The biases of layer <paramref name="layer"/> (2…L): n<sub>l</sub> entries.</summary>
    public JsonValue Biases(int layer) => _biases[layer - 2];

    /// <summary>Adds the next layer's arrays, once their lengths are checked.</summary>
    internal void AddLayer(JsonValue weightRows, JsonValue biases)
    {
        _weightRows.Add(weightRows);
        _biases.Add(biases);
    }
}
