using System;
using System.Collections.Generic;
using System.Linq;
using static System.FormattableString;

namespace Backprop.Serialization;

/// <summary>
/// What a set of weights belongs to: the layer sizes, the activation of each layer, the loss and the
/// precision. Model files store it (safetensors files only in the metadata Backprop writes, so a safetensors file
/// from PyTorch is read with the network's or <see cref="ModelFileOptions.Topology"/>), and loading compares it
/// with the network's.
/// </summary>
/// <example>
/// <code>
/// var topology = new NetworkTopology([4, 8, 3], [Activation.ReLU, Activation.Softmax], Loss.CrossEntropy);
/// bool fits = NetworkTopology.Of(net).Equals(topology);
/// </code>
/// </example>
public sealed class NetworkTopology : IEquatable<NetworkTopology>
{
    private readonly int[] _sizes;
    private readonly Activation[] _activations;

    /// <summary>Describes a network.</summary>
    /// <param name="layerSizes">Two or more positive sizes, input layer first (element 0 is layer 1).</param>
    /// <param name="activations">The activation of each layer from 2 to L: one fewer than the sizes.</param>
    /// <param name="loss">The loss the network trains with.</param>
    /// <param name="precision">The number type of the parameters.</param>
    /// <exception cref="ArgumentException">A size, activation, loss or precision is invalid, or the counts do not match.</exception>
    public NetworkTopology(IEnumerable<int> layerSizes, IEnumerable<Activation> activations, Loss loss = Loss.MeanSquaredError, Precision precision = Precision.Single)
    {
        if (layerSizes is null)
        {
            throw new ArgumentNullException(nameof(layerSizes));
        }

        if (activations is null)
        {
            throw new ArgumentNullException(nameof(activations));
        }

        _sizes = layerSizes.ToArray();
        _activations = activations.ToArray();
        string? problem = TopologyRules.Check(_sizes, _activations, loss, precision, out string parameter);
        if (problem is not null)
        {
            throw new ArgumentException(problem, parameter);
        }

        Loss = loss;
        Precision = precision;
        ParameterCount = (int)TopologyRules.CountParameters(_sizes);
    }

    /// <summary>The number of layers L, input layer included.</summary>
    public int LayerCount => _sizes.Length;

    /// <summary>The number of neurons in each layer, input layer first (element 0 is layer 1).</summary>
    public IReadOnlyList<int> LayerSizes => _sizes;

    /// <summary>The activation of each layer from 2 to L (element 0 is layer 2).</summary>
    public IReadOnlyList<Activation> Activations => _activations;

    /// <summary>The loss the network trains with.</summary>
    public Loss Loss { get; }

    /// <summary>The number type of the parameters.</summary>
    public Precision Precision { get; }

    /// <summary>The number of weights and biases: Σ over l = 2…L of n<sub>l</sub>·n<sub>l−1</sub> + n<sub>l</sub>.</summary>
    public int ParameterCount { get; }

    /// <summary>The size n<sub>l</sub> of layer <paramref name="layer"/> (1…L).</summary>
    /// <param name="layer">A layer number from 1 to L.</param>
    /// <returns>The number of neurons.</returns>
    public int SizeOf(int layer) => _sizes[layer - 1];

    /// <summary>The activation of layer <paramref name="layer"/> (2…L).</summary>
    /// <param name="layer">A layer number from 2 to L.</param>
    /// <returns>The activation.</returns>
    public Activation GetActivation(int layer) => _activations[layer - 2];

    /// <summary>Reads the topology of a network.</summary>
    /// <param name="network">Any generated network.</param>
    /// <returns>Its layer sizes, activations, loss and precision.</returns>
    public static NetworkTopology Of(INeuralNetwork network)
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        var activations = new Activation[network.LayerCount - 1];
        for (int l = 2; l <= network.LayerCount; l++)
        {
            activations[l - 2] = network.GetActivation(l);
        }

        return new NetworkTopology(network.LayerSizes.ToArray(), activations, network.Loss, network.Precision);
    }

    /// <summary>The same topology with another precision.</summary>
    /// <param name="precision">The precision of the copy.</param>
    /// <returns>A topology that differs at most in its precision.</returns>
    public NetworkTopology WithPrecision(Precision precision) =>
        precision == Precision ? this : new NetworkTopology(_sizes, _activations, Loss, precision);

    /// <summary>Whether the layer sizes, activations and loss are equal, whatever the precisions.</summary>
    /// <param name="other">The other topology.</param>
    /// <returns>True if only the precision may differ.</returns>
    public bool ShapeEquals(NetworkTopology other) =>
        other is not null && Loss == other.Loss && _sizes.SequenceEqual(other._sizes) && _activations.SequenceEqual(other._activations);

    /// <inheritdoc/>
    public bool Equals(NetworkTopology? other) => other is not null && Precision == other.Precision && ShapeEquals(other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as NetworkTopology);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        int hash = ((int)Loss * 31) + (int)Precision;
        foreach (int size in _sizes)
        {
            hash = (hash * 31) + size;
        }

        foreach (Activation activation in _activations)
        {
            hash = (hash * 31) + (int)activation;
        }

        return hash;
    }

    /// <summary>Describes the topology for messages: sizes, activations, loss and precision.</summary>
    /// <returns>
    /// For example "layers [3, 4, 2], activations [Sigmoid, Sigmoid], loss MeanSquaredError, precision Single". Past
    /// eight layers the lists show their first eight entries and their length.
    /// </returns>
    public override string ToString() =>
        Invariant($"layers {FormatSizes(_sizes)}, activations {FormatActivations(_activations)}, loss {Loss}, precision {Precision}");

    /// <summary>Formats layer sizes as "[3, 4, 2]", bounded (<see cref="MessageText"/>).</summary>
    internal static string FormatSizes(IEnumerable<int> sizes) => MessageText.Brackets(sizes.Select(s => (long)s), "sizes");

    /// <summary>Formats activations as "[Tanh, Linear]", bounded (<see cref="MessageText"/>).</summary>
    internal static string FormatActivations(IEnumerable<Activation> activations) =>
        "[" + MessageText.List(activations.Select(a => a.ToString()), "activations") + "]";

    /// <summary>
    /// Names the first difference in shape (sizes, activations, loss) between what a file holds and what
    /// the network is, or returns null when the shapes are equal.
    /// </summary>
    internal static ModelFormatException? ShapeMismatch(NetworkTopology network, NetworkTopology file, string fileDescription)
    {
        string? what = null;
        string which = "";
        string expected = "";
        string found = "";
        if (!network._sizes.SequenceEqual(file._sizes))
        {
            what = "layer sizes";
            expected = FormatSizes(network._sizes);
            found = FormatSizes(file._sizes);
        }
        else if (!network._activations.SequenceEqual(file._activations))
        {
            what = "activations";
            which = Invariant($" (layers 2 to {file.LayerCount})");
            expected = FormatActivations(network._activations);
            found = FormatActivations(file._activations);
        }
        else if (network.Loss != file.Loss)
        {
            what = "loss";
            expected = network.Loss.ToString();
            found = file.Loss.ToString();
        }

        return what is null
            ? null
            : new ModelFormatException(
                ModelFormatReason.TopologyMismatch,
                Invariant($"{fileDescription} is for another network: it has {what} {found}{which}, but the network has {expected}. The network was not changed."),
                expected: Invariant($"{what} {expected}"),
                found: Invariant($"{what} {found}"));
    }
}
