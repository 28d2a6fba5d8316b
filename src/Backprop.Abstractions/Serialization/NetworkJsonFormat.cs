using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Backprop.Serialization.Json;
using static System.FormattableString;

namespace Backprop.Serialization;

/// <summary>
/// The weights JSON format, version 1 (docs/model-format.md), written for people and for the source
/// generator, which bakes the weights into code:
/// <code>
/// {
///   "format": "backprop-weights",
///   "version": 1,
///   "precision": "Single",
///   "layers": [3, 4, 2],
///   "activations": ["Sigmoid", "Sigmoid"],
///   "loss": "MeanSquaredError",
///   "weights": { "2": [[w(2,0,0), w(2,0,1), w(2,0,2)], …], "3": […] },
///   "biases": { "2": [b(2,0), …], "3": […] }
/// }
/// </code>
/// Numbers are the shortest decimal text that rounds back to the exact float or double (invariant culture).
/// </summary>
internal static class NetworkJsonFormat
{
    public const string FormatName = "backprop-weights";
    public const int Version = 1;

    private static readonly string[] Members = ["format", "version", "precision", "layers", "activations", "loss", "weights", "biases"];

    public static string Encode(NetworkWeights weights)
    {
        NetworkTopology topology = weights.Topology;
        bool single = topology.Precision == Precision.Single;
        var json = new StringBuilder();
        json.Append("{\n");
        json.Append("  \"format\": \"").Append(FormatName).Append("\",\n");
        json.Append("  \"version\": ").Append(Version.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        json.Append("  \"precision\": \"").Append(topology.Precision).Append("\",\n");
        json.Append("  \"layers\": [").Append(string.Join(", ", topology.LayerSizes.Select(s => s.ToString(CultureInfo.InvariantCulture)))).Append("],\n");
        json.Append("  \"activations\": [").Append(string.Join(", ", topology.Activations.Select(a => "\"" + a + "\""))).Append("],\n");
        json.Append("  \"loss\": \"").Append(topology.Loss).Append("\",\n");

        json.Append("  \"weights\": {\n");
        for (int l = 2; l <= topology.LayerCount; l++)
        {
            json.Append("    \"").Append(l.ToString(CultureInfo.InvariantCulture)).Append("\": [\n");
            for (int j = 0; j < topology.SizeOf(l); j++)
            {
                json.Append("      [");
                for (int k = 0; k < topology.SizeOf(l - 1); k++)
                {
                    json.Append(k == 0 ? "" : ", ").Append(Number(weights.GetWeight(l, j, k), single));
                }

                json.Append(j + 1 < topology.SizeOf(l) ? "],\n" : "]\n");
            }

            json.Append(l < topology.LayerCount ? "    ],\n" : "    ]\n");
        }

        json.Append("  },\n");
        json.Append("  \"biases\": {\n");
        for (int l = 2; l <= topology.LayerCount; l++)
        {
            json.Append("    \"").Append(l.ToString(CultureInfo.InvariantCulture)).Append("\": [");
            for (int j = 0; j < topology.SizeOf(l); j++)
            {
                json.Append(j == 0 ? "" : ", ").Append(Number(weights.GetBias(l, j), single));
            }

            json.Append(l < topology.LayerCount ? "],\n" : "]\n");
        }

        json.Append("  }\n");
        json.Append("}\n");
        return json.ToString();
    }

    /// <summary>Parses and checks a weights JSON document.</summary>
    /// <param name="text">The document.</param>
    /// <param name="source">Names the file or text in messages.</param>
    /// <param name="target">The network it is loaded into, compared before anything is allocated; null to read any topology.</param>
    public static NetworkWeights Decode(string text, string source, NetworkTopology? target)
    {
        JsonValue root;
        try
        {
            root = JsonParser.Parse(text);
        }
        catch (JsonSyntaxException e)
        {
            throw new ModelFormatException(ModelFormatReason.InvalidJson, Invariant($"{source} is not valid JSON: {e.Message}"), innerException: e);
        }

        if (root.Kind != JsonValueKind.Object)
        {
            throw Invalid(source, root, Invariant($"the document is {JsonValue.Describe(root.Kind)}, not an object"));
        }

        JsonValue? format = root.GetPropertyOrNull("format");
        if (format?.Kind != JsonValueKind.String || format.Text != FormatName)
        {
            string found = format is null ? "no \"format\" member" : Found(format);
            string problem = format is null ? "it has no \"format\" member" : "its \"format\" is " + found;
            throw new ModelFormatException(
                ModelFormatReason.WrongMagic,
                Invariant($"{source} is not a Backprop weights file: {problem}; it should be \"{FormatName}\"."),
                expected: "\"" + FormatName + "\"",
                found: found);
        }

        JsonValue version = Required(root, "version", source);
        if (!version.TryGetInt64(out long versionNumber) || versionNumber != Version)
        {
            throw new ModelFormatException(
                ModelFormatReason.UnsupportedVersion,
                Invariant($"{source} is in weights format version {Found(version)} (line {version.Line}); this library reads version {Version}."),
                expected: Invariant($"version {Version}"),
                found: Invariant($"version {Found(version)}"));
        }

        foreach (KeyValuePair<string, JsonValue> member in root.Members)
        {
            if (Array.IndexOf(Members, member.Key) < 0)
            {
                throw Invalid(source, member.Value, Invariant($"the member {MessageText.Quoted(member.Key)} is unknown; the members are {string.Join(", ", Members)}"));
            }
        }

        NetworkTopology topology = ReadTopology(root, source);
        if (target is not null && NetworkTopology.ShapeMismatch(target, topology, source) is ModelFormatException mismatch)
        {
            throw mismatch;
        }

        // Every array length is checked against the topology before the values are allocated: a forged "layers"
        // then fails on the arrays the file actually holds instead of sizing an allocation.
        JsonValue weightLayers = LayerMap(root, "weights", topology, source);
        JsonValue biasLayers = LayerMap(root, "biases", topology, source);
        CheckShapes(weightLayers, biasLayers, topology, source);

        var weights = new NetworkWeights(topology);
        Span<double> values = weights.Values;
        for (int l = 2; l <= topology.LayerCount; l++)
        {
            string key = l.ToString(CultureInfo.InvariantCulture);
            JsonValue rows = weightLayers.GetPropertyOrNull(key)!;
            for (int j = 0; j < topology.SizeOf(l); j++)
            {
                JsonValue row = rows.Items[j];
                for (int k = 0; k < topology.SizeOf(l - 1); k++)
                {
                    values[weights.WeightPosition(l, j, k)] = ReadNumber(row.Items[k], topology.Precision, Invariant($"weights[\"{key}\"][{j}][{k}]"), source);
                }
            }

            JsonValue biases = biasLayers.GetPropertyOrNull(key)!;
            for (int j = 0; j < topology.SizeOf(l); j++)
            {
                values[weights.BiasPosition(l, j)] = ReadNumber(biases.Items[j], topology.Precision, Invariant($"biases[\"{key}\"][{j}]"), source);
            }
        }

        return weights;
    }

    private static void CheckShapes(JsonValue weightLayers, JsonValue biasLayers, NetworkTopology topology, string source)
    {
        for (int l = 2; l <= topology.LayerCount; l++)
        {
            string key = l.ToString(CultureInfo.InvariantCulture);
            int neurons = topology.SizeOf(l);
            int inputs = topology.SizeOf(l - 1);
            JsonValue rows = weightLayers.GetPropertyOrNull(key)!;
            CheckLength(rows, neurons, Invariant($"weights[\"{key}\"]"), Invariant($"rows (n{l}, one per neuron of layer {l})"), source);
            for (int j = 0; j < neurons; j++)
            {
                CheckLength(rows.Items[j], inputs, Invariant($"weights[\"{key}\"][{j}]"), Invariant($"values (n{l - 1}, one per neuron of layer {l - 1})"), source);
            }

            CheckLength(biasLayers.GetPropertyOrNull(key)!, neurons, Invariant($"biases[\"{key}\"]"), Invariant($"values (n{l}, one per neuron of layer {l})"), source);
        }
    }

    private static NetworkTopology ReadTopology(JsonValue root, string source)
    {
        Precision precision = ReadEnum<Precision>(Required(root, "precision", source), "precision", source);
        Loss loss = ReadEnum<Loss>(Required(root, "loss", source), "loss", source);

        JsonValue layers = Required(root, "layers", source);
        if (layers.Kind != JsonValueKind.Array)
        {
            throw Invalid(source, layers, Invariant($"\"layers\" must be an array of layer sizes, but is {JsonValue.Describe(layers.Kind)}"));
        }

        var sizes = new int[layers.Items.Count];
        for (int i = 0; i < sizes.Length; i++)
        {
            JsonValue size = layers.Items[i];
            if (!size.TryGetInt64(out long value) || value < 1 || value > int.MaxValue)
            {
                throw Invalid(source, size, Invariant($"layers[{i}] is {Found(size)}; a layer size is an integer from 1 to {int.MaxValue}"));
            }

            sizes[i] = (int)value;
        }

        JsonValue activations = Required(root, "activations", source);
        if (activations.Kind != JsonValueKind.Array)
        {
            throw Invalid(source, activations, Invariant($"\"activations\" must be an array of activation names (layers 2 to L), but is {JsonValue.Describe(activations.Kind)}"));
        }

        Activation[] values = activations.Items.Select((a, i) => ReadEnum<Activation>(a, Invariant($"activations[{i}]"), source)).ToArray();
        string? problem = NetworkTopology.Check(sizes, values, loss, precision, out string parameter);
        if (problem is not null)
        {
            throw Invalid(source, parameter == "activations" ? activations : layers, NetworkTopology.AfterColon(problem));
        }

        return new NetworkTopology(sizes, values, loss, precision);
    }

    private static JsonValue LayerMap(JsonValue root, string name, NetworkTopology topology, string source)
    {
        JsonValue map = Required(root, name, source);
        if (map.Kind != JsonValueKind.Object)
        {
            throw Invalid(source, map, Invariant($"\"{name}\" must be an object of layer number → values, but is {JsonValue.Describe(map.Kind)}"));
        }

        foreach (KeyValuePair<string, JsonValue> layer in map.Members)
        {
            bool isLayer = int.TryParse(layer.Key, NumberStyles.None, CultureInfo.InvariantCulture, out int l)
                && l >= 2 && l <= topology.LayerCount && l.ToString(CultureInfo.InvariantCulture) == layer.Key;
            if (!isLayer)
            {
                throw new ModelFormatException(
                    ModelFormatReason.UnknownTensor,
                    Invariant($"{source}: \"{name}\" has an entry {MessageText.Quoted(layer.Key)} (line {layer.Value.Line}), but the layers with parameters are \"2\" to \"{topology.LayerCount}\"."),
                    expected: Invariant($"layers 2 to {topology.LayerCount}"),
                    found: MessageText.Quoted(layer.Key));
            }
        }

        for (int l = 2; l <= topology.LayerCount; l++)
        {
            if (map.GetPropertyOrNull(l.ToString(CultureInfo.InvariantCulture)) is null)
            {
                throw new ModelFormatException(
                    ModelFormatReason.MissingTensor,
                    Invariant($"{source}: \"{name}\" (line {map.Line}) has no entry \"{l}\" for layer {l}."),
                    expected: Invariant($"{name} of layer {l}"),
                    found: "no entry");
            }
        }

        return map;
    }

    private static void CheckLength(JsonValue array, int expected, string path, string what, string source)
    {
        if (array.Kind != JsonValueKind.Array)
        {
            throw Invalid(source, array, Invariant($"{path} must be an array of {expected} {what}, but is {JsonValue.Describe(array.Kind)}"));
        }

        if (array.Items.Count != expected)
        {
            throw new ModelFormatException(
                ModelFormatReason.ShapeMismatch,
                Invariant($"{source}: {path} (line {array.Line}) has {array.Items.Count} {(array.Items.Count == 1 ? "entry" : "entries")}, but needs {expected} {what}."),
                expected: expected.ToString(CultureInfo.InvariantCulture),
                found: array.Items.Count.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static double ReadNumber(JsonValue value, Precision precision, string path, string source)
    {
        if (value.Kind != JsonValueKind.Number)
        {
            throw Invalid(source, value, Invariant($"{path} is {JsonValue.Describe(value.Kind)}, not a number"));
        }

        // Rounded once, from the decimal text straight to the network's type.
        double result = precision == Precision.Single
            ? (value.TryGetSingle(out float single) ? single : double.NaN)
            : (value.TryGetDouble(out double @double) ? @double : double.NaN);

        if (double.IsInfinity(result))
        {
            throw new ModelFormatException(
                ModelFormatReason.ValueOutOfRange,
                Invariant($"{source}: {path} (line {value.Line}) is {Found(value)}, beyond the range of {NetworkWeights.TypeName(precision)}."),
                expected: Invariant($"a finite {NetworkWeights.TypeName(precision)}"),
                found: Found(value));
        }

        return result;
    }

    private static T ReadEnum<T>(JsonValue value, string path, string source)
        where T : struct, Enum
    {
        string[] names = Enum.GetNames(typeof(T));
        if (value.Kind != JsonValueKind.String || Array.IndexOf(names, value.Text) < 0)
        {
            throw Invalid(source, value, Invariant($"{path} is {Found(value)}; it must be one of {string.Join(", ", names.Select(n => "\"" + n + "\""))}"));
        }

        return (T)Enum.Parse(typeof(T), value.Text!);
    }

    private static JsonValue Required(JsonValue root, string name, string source) =>
        root.GetPropertyOrNull(name) ?? throw Invalid(source, root, Invariant($"the member \"{name}\" is missing"));

    private static string Number(double value, bool single) =>
        single ? JsonText.Number((float)value) : JsonText.Number(value);

    // A value of the file as a message shows it, bounded: "\"onnx\"", 2.5, or "an array".
    private static string Found(JsonValue value) => value.Kind switch
    {
        JsonValueKind.String => MessageText.Quoted(value.Text!),
        JsonValueKind.Number => MessageText.Text(value.Text!),
        _ => JsonValue.Describe(value.Kind),
    };

    private static ModelFormatException Invalid(string source, JsonValue where, string problem) =>
        new(ModelFormatReason.InvalidHeader, Invariant($"{source}: {problem} (line {where.Line}, column {where.Column})."));
}
