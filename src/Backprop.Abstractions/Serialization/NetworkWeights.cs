using System;
using System.IO;
using Backprop.CompilerServices;
using static System.FormattableString;

namespace Backprop.Serialization;

/// <summary>
/// The weights and biases of a network, apart from any network object: what every reader produces and every
/// writer consumes, so that formats convert into each other and into networks. Values are always finite and
/// representable in the topology's precision.
/// </summary>
/// <remarks>
/// Parameters are addressed as in the derivation: w<sup>l</sup><sub>jk</sub> and b<sup>l</sup><sub>j</sub>
/// for layers l = 2…L, j in layer l and k in layer l − 1, both zero-based. Copying to and from a network
/// goes through its <see cref="INeuralNetwork{T}.Weight"/> and <see cref="INeuralNetwork{T}.Bias"/>, so it
/// does not depend on how the network lays out its <see cref="INeuralNetwork{T}.Parameters"/>.
/// </remarks>
/// <example>
/// <code>
/// NetworkWeights.Read("model.safetensors").Write("model.json");     // convert between any two formats
/// var weights = NetworkWeights.Read("torch.safetensors", new ModelFileOptions
/// {
///     Topology = new NetworkTopology([4, 8, 3], [Activation.ReLU, Activation.Softmax]),   // PyTorch records none
/// });
/// double w = weights.GetWeight(2, 0, 1);                             // w²₀₁, as in the derivation
/// weights.CopyTo(net);
/// </code>
/// </example>
public sealed class NetworkWeights
{
    // The values in file order: for l = 2…L, Wˡ row by row (j, then k), then Bˡ. Every format uses this order.
    private readonly double[] _values;
    private readonly int[] _layerStart;

    /// <summary>Creates weights for <paramref name="topology"/>, all zero.</summary>
    /// <param name="topology">The network they belong to.</param>
    public NetworkWeights(NetworkTopology topology)
    {
        Topology = topology ?? throw new ArgumentNullException(nameof(topology));
        _values = new double[topology.ParameterCount];
        _layerStart = new int[topology.LayerCount + 2];
        int offset = 0;
        for (int l = 2; l <= topology.LayerCount; l++)
        {
            _layerStart[l] = offset;
            offset += (topology.SizeOf(l) * topology.SizeOf(l - 1)) + topology.SizeOf(l);
        }

        _layerStart[topology.LayerCount + 1] = offset;
    }

    /// <summary>The network these weights belong to.</summary>
    public NetworkTopology Topology { get; }

    /// <summary>The values in file order (for l = 2…L: Wˡ row by row, then Bˡ); writers and readers fill and read this.</summary>
    internal Span<double> Values => _values;

    /// <summary>Returns w<sup>l</sup><sub>jk</sub>.</summary>
    /// <param name="layer">The layer l the weight leads into, from 2 to L.</param>
    /// <param name="j">The neuron in layer l.</param>
    /// <param name="k">The neuron in layer l − 1.</param>
    /// <returns>The weight.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside its layer.</exception>
    public double GetWeight(int layer, int j, int k) => _values[WeightPosition(layer, j, k)];

    /// <summary>Sets w<sup>l</sup><sub>jk</sub>, rounded to the topology's precision.</summary>
    /// <param name="layer">The layer l the weight leads into, from 2 to L.</param>
    /// <param name="j">The neuron in layer l.</param>
    /// <param name="k">The neuron in layer l − 1.</param>
    /// <param name="value">A finite value within the range of the precision.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside its layer, or the value is not finite or out of range.</exception>
    public void SetWeight(int layer, int j, int k, double value) =>
        _values[WeightPosition(layer, j, k)] = Representable(value, nameof(value));

    /// <summary>Returns b<sup>l</sup><sub>j</sub>.</summary>
    /// <param name="layer">The layer l of the neuron, from 2 to L.</param>
    /// <param name="j">The neuron in layer l.</param>
    /// <returns>The bias.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside its layer.</exception>
    public double GetBias(int layer, int j) => _values[BiasPosition(layer, j)];

    /// <summary>Sets b<sup>l</sup><sub>j</sub>, rounded to the topology's precision.</summary>
    /// <param name="layer">The layer l of the neuron, from 2 to L.</param>
    /// <param name="j">The neuron in layer l.</param>
    /// <param name="value">A finite value within the range of the precision.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside its layer, or the value is not finite or out of range.</exception>
    public void SetBias(int layer, int j, double value) =>
        _values[BiasPosition(layer, j)] = Representable(value, nameof(value));

    /// <summary>Copies a network's parameters.</summary>
    /// <param name="network">A generated network (<see cref="INeuralNetwork{T}"/> of float or double).</param>
    /// <returns>Its topology and parameters.</returns>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite; such a network is not saved.</exception>
    public static NetworkWeights From(INeuralNetwork network)
    {
        var weights = new NetworkWeights(NetworkTopology.Of(network));
        weights.ReadFrom(network);

        int bad = weights.FirstNonFinite();
        if (bad >= 0)
        {
            throw new InvalidOperationException(Invariant(
                $"The {weights.DescribePosition(bad)} of the network {network.GetType().Name} is {weights._values[bad]}; a network with a NaN or infinite parameter is not saved. Nothing was written."));
        }

        return weights;
    }

    /// <summary>
    /// Copies these weights into <paramref name="network"/>, after checking that they fit it: same layer
    /// sizes, activations and loss, and the same precision unless <see cref="ModelFileOptions.ConvertPrecision"/>
    /// is set. Nothing is written unless everything fits.
    /// </summary>
    /// <param name="network">The network to overwrite.</param>
    /// <param name="options">Whether to convert between float and double; null for the defaults.</param>
    /// <exception cref="ModelFormatException">The weights do not fit the network; it was not changed.</exception>
    public void CopyTo(INeuralNetwork network, ModelFileOptions? options = null)
    {
        ModelFileOptions.RefuseTopology(options, "the network's");
        CopyTo(network, options, ObjectSource);
    }

    // The path and the stream overloads differ in a required parameter (string, or Stream and ModelFormat), so no
    // call can bind to both: each keeps its optional options.
#pragma warning disable RS0026
    /// <summary>Reads and checks weights from <paramref name="path"/>, in the format its extension names, without a network.</summary>
    /// <param name="path">A <c>.bpnn</c>, <c>.json</c> or <c>.safetensors</c> file.</param>
    /// <param name="options">
    /// The topology the weights must have (needed for a safetensors file that records none), whether to convert
    /// to its precision, and the safetensors names; null for the defaults.
    /// </param>
    /// <returns>The file's topology and parameters.</returns>
    /// <exception cref="ArgumentException">The extension names no format, or an option does not apply to it.</exception>
    /// <exception cref="ModelFormatException">The file is not valid, or has another topology than <see cref="ModelFileOptions.Topology"/>.</exception>
    public static NetworkWeights Read(string path, ModelFileOptions? options = null) =>
        ModelStorage.Read(path, options, options?.Topology, out string source).Fit(options, source);

    /// <summary>Reads and checks weights from <paramref name="stream"/>'s position, without a network.</summary>
    /// <param name="stream">A readable stream; it is not closed. A binary model leaves it after the model; JSON and safetensors read to the end.</param>
    /// <param name="format">The format to read.</param>
    /// <param name="options">As for <see cref="Read(string, ModelFileOptions)"/>.</param>
    /// <returns>The topology and parameters.</returns>
    /// <exception cref="ArgumentException">The stream cannot be read, or an option does not apply to the format.</exception>
    /// <exception cref="ModelFormatException">The model is not valid, or has another topology than <see cref="ModelFileOptions.Topology"/>.</exception>
    public static NetworkWeights Read(Stream stream, ModelFormat format, ModelFileOptions? options = null) =>
        ModelStorage.Read(stream, format, options, options?.Topology, out string source).Fit(options, source);

    /// <summary>Writes these weights to <paramref name="path"/>, atomically, in the format its extension names.</summary>
    /// <param name="path">The file to create or replace: <c>.bpnn</c>, <c>.json</c> or <c>.safetensors</c>.</param>
    /// <param name="options">The precision to write and the safetensors names; null for the defaults.</param>
    /// <exception cref="ArgumentException">The extension names no format, or an option does not apply to it.</exception>
    /// <exception cref="IOException">The file cannot be written; an existing file is unchanged.</exception>
    public void Write(string path, ModelFileOptions? options = null)
    {
        IModelCodec codec = ModelStorage.PrepareWrite(path, options);
        ModelFileOptions.RefuseTopology(options, "the weights' own");
        ModelStorage.Write(codec, this, path, options);
    }

    /// <summary>Writes these weights to <paramref name="stream"/> at its position, in one write.</summary>
    /// <param name="stream">A writable stream; it is not closed.</param>
    /// <param name="format">The format to write.</param>
    /// <param name="options">The precision to write and the safetensors names; null for the defaults.</param>
    /// <exception cref="ArgumentException">The stream cannot be written, or an option does not apply to the format.</exception>
    public void Write(Stream stream, ModelFormat format, ModelFileOptions? options = null)
    {
        IModelCodec codec = ModelStorage.PrepareWrite(stream, format, options);
        ModelFileOptions.RefuseTopology(options, "the weights' own");
        ModelStorage.Write(codec, this, stream, options);
    }
#pragma warning restore RS0026

    /// <summary>
    /// The same weights in another precision: float to double widens exactly, double to float rounds to
    /// nearest.
    /// </summary>
    /// <param name="precision">The precision of the copy.</param>
    /// <returns>These weights, or a converted copy.</returns>
    /// <exception cref="ModelFormatException">A value is too large for float (<see cref="ModelFormatReason.ValueOutOfRange"/>).</exception>
    public NetworkWeights ConvertTo(Precision precision) => ConvertTo(precision, ObjectSource);

    // Names these weights in messages when they come from no file: "The NetworkWeights object holds …".
    private const string ObjectSource = "The NetworkWeights object";

    internal void CopyTo(INeuralNetwork network, ModelFileOptions? options, string source)
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        NetworkTopology target = NetworkTopology.Of(network);
        ModelFormatException? mismatch = NetworkTopology.ShapeMismatch(target, Topology, source);
        if (mismatch is not null)
        {
            throw mismatch;
        }

        NetworkWeights values = InPrecision(target.Precision, options, source, Invariant($"the network {network.GetType().Name} is"), " The network was not changed.");
        values.WriteInto(network);
    }

    // Weights read for ModelFileOptions.Topology come back in its precision, as a load into such a network would.
    private NetworkWeights Fit(ModelFileOptions? options, string source) =>
        options?.Topology is NetworkTopology topology
            ? InPrecision(topology.Precision, options, source, "ModelFileOptions.Topology asks for", "")
            : this;

    // Converts only when asked to: silently rounding trained weights is a change the caller should ask for.
    private NetworkWeights InPrecision(Precision precision, ModelFileOptions? options, string source, string target, string after)
    {
        if (precision == Topology.Precision)
        {
            return this;
        }

        if (options?.ConvertPrecision != true)
        {
            string how = precision == Precision.Double ? "widen them exactly" : "round them to the nearest float";
            throw new ModelFormatException(
                ModelFormatReason.PrecisionMismatch,
                Invariant($"{source} holds {Topology.Precision} ({TypeName(Topology.Precision)}) parameters, but {target} {precision} ({TypeName(precision)}). Set ModelFileOptions.ConvertPrecision to true to {how}.{after}"),
                expected: precision.ToString(),
                found: Topology.Precision.ToString());
        }

        return ConvertTo(precision, source);
    }

    internal NetworkWeights ConvertTo(Precision precision, string source)
    {
        if (precision == Topology.Precision)
        {
            return this;
        }

        var converted = new NetworkWeights(Topology.WithPrecision(precision));
        for (int i = 0; i < _values.Length; i++)
        {
            double value = _values[i];
            if (precision == Precision.Single && float.IsInfinity((float)value))
            {
                throw new ModelFormatException(
                    ModelFormatReason.ValueOutOfRange,
                    Invariant($"{source}: the {DescribePosition(i)} is {value:R}, beyond the range of float (±3.4028235E+38), so it cannot be rounded to float. Nothing was changed."),
                    expected: "a value within ±3.4028235E+38",
                    found: value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            }

            converted._values[i] = precision == Precision.Single ? (float)value : value;
        }

        return converted;
    }

    /// <summary>The position in file order of w<sup>l</sup><sub>jk</sub>, with range checks.</summary>
    internal int WeightPosition(int layer, int j, int k)
    {
        CheckLayer(layer);
        return ParameterLayout.WeightIndex(layer, j, k, Topology.SizeOf(layer), Topology.SizeOf(layer - 1), _layerStart[layer]);
    }

    /// <summary>The position in file order of b<sup>l</sup><sub>j</sub>, with range checks.</summary>
    internal int BiasPosition(int layer, int j)
    {
        CheckLayer(layer);
        return ParameterLayout.BiasIndex(layer, j, Topology.SizeOf(layer), _layerStart[layer] + (Topology.SizeOf(layer) * Topology.SizeOf(layer - 1)));
    }

    /// <summary>Names the parameter at a position in file order: "weight w(l=3, j=1, k=2)" or "bias b(l=3, j=1)".</summary>
    internal string DescribePosition(int position)
    {
        int layer = 2;
        while (_layerStart[layer + 1] <= position)
        {
            layer++;
        }

        int inLayer = position - _layerStart[layer];
        int inputs = Topology.SizeOf(layer - 1);
        int weightCount = Topology.SizeOf(layer) * inputs;
        return inLayer < weightCount
            ? Invariant($"weight w(l={layer}, j={inLayer / inputs}, k={inLayer % inputs})")
            : Invariant($"bias b(l={layer}, j={inLayer - weightCount})");
    }

    /// <summary>The first position holding NaN or an infinity, or −1.</summary>
    internal int FirstNonFinite()
    {
        for (int i = 0; i < _values.Length; i++)
        {
            if (!IsFinite(_values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    internal static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

    internal static string TypeName(Precision precision) => precision == Precision.Double ? "double" : "float";

    // Reads the network's parameters into the values in file order.
    private void ReadFrom(INeuralNetwork network)
    {
        switch (network)
        {
            case INeuralNetwork<float> single:
                ForEachParameter(single, static (ref float parameter, ref double value) => value = parameter);
                break;
            case INeuralNetwork<double> @double:
                ForEachParameter(@double, static (ref double parameter, ref double value) => value = parameter);
                break;
            default:
                throw NotANetwork(network);
        }
    }

    // Writes the values in file order into the network's parameters. Into a float network they round exactly:
    // they are representable in the topology's precision (an invariant).
    private void WriteInto(INeuralNetwork network)
    {
        switch (network)
        {
            case INeuralNetwork<float> single:
                ForEachParameter(single, static (ref float parameter, ref double value) => parameter = (float)value);
                break;
            case INeuralNetwork<double> @double:
                ForEachParameter(@double, static (ref double parameter, ref double value) => parameter = value);
                break;
            default:
                throw NotANetwork(network);
        }
    }

    private delegate void ParameterAction<T>(ref T parameter, ref double value);

    // Pairs each of the network's Weight and Bias references with its value in file order.
    private void ForEachParameter<T>(INeuralNetwork<T> network, ParameterAction<T> action)
        where T : unmanaged
    {
        for (int l = 2; l <= Topology.LayerCount; l++)
        {
            int position = _layerStart[l];
            for (int j = 0; j < Topology.SizeOf(l); j++)
            {
                for (int k = 0; k < Topology.SizeOf(l - 1); k++)
                {
                    action(ref network.Weight(l, j, k), ref _values[position++]);
                }
            }

            for (int j = 0; j < Topology.SizeOf(l); j++)
            {
                action(ref network.Bias(l, j), ref _values[position++]);
            }
        }
    }

    private double Representable(double value, string parameterName)
    {
        double rounded = Topology.Precision == Precision.Single ? (float)value : value;
        if (!IsFinite(rounded))
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                value,
                Invariant($"'{parameterName}' must be finite and within the range of {TypeName(Topology.Precision)}, but was {value:R}."));
        }

        return rounded;
    }

    // The same checks and messages as a generated network's Weight and Bias.
    private void CheckLayer(int layer)
    {
        if (layer < 2 || layer > Topology.LayerCount)
        {
            throw ParameterLayout.LayerOutOfRange(layer, Topology.LayerCount);
        }
    }

    private static ArgumentException NotANetwork(INeuralNetwork network) =>
        new(Invariant($"{network?.GetType().Name ?? "null"} is neither INeuralNetwork<float> nor INeuralNetwork<double>."), nameof(network));
}
