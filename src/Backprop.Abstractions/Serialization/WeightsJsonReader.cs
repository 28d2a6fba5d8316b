using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Backprop.Serialization.Json;
using static System.FormattableString;
#if BACKPROP_GENERATOR
using Backprop.Generator.Models;
#endif

namespace Backprop.Serialization;

/// <summary>
/// Reads and checks a weights JSON document (docs/model-format.md, version 1): the one implementation of the
/// format's checks, for loading a <c>.json</c> file (<c>network.Load</c>, <c>NetworkWeights.Read</c>) and for the
/// generator's <c>Weights = "…"</c> (linked there as source), so that both accept and refuse the same documents
/// with the same words. Every problem is a <see cref="WeightsJsonException"/>.
/// </summary>
/// <remarks>
/// Nothing is sized from "layers": every array's length is compared with the sizes before any value is read, so
/// a forged size is reported by the arrays the document actually holds, and the only allocations are the parsed
/// document's, in proportion to its text.
/// </remarks>
internal static class WeightsJsonReader
{
    /// <summary>The value of the "format" member.</summary>
    public const string FormatName = "backprop-weights";

    /// <summary>The format version this reader reads and the library writes.</summary>
    public const int Version = 1;

    private static readonly string[] Members = { "format", "version", "precision", "layers", "activations", "loss", "weights", "biases" };

    /// <summary>Parses <paramref name="text"/> and checks everything but the values of the parameters.</summary>
    /// <param name="text">The document.</param>
    /// <returns>The topology and, for each layer, its arrays of the lengths the topology gives them.</returns>
    /// <exception cref="WeightsJsonException">The first problem found.</exception>
    public static WeightsJsonDocument Read(string text)
    {
        JsonValue root;
        try
        {
            root = JsonParser.Parse(text);
        }
        catch (JsonSyntaxException e)
        {
            throw new WeightsJsonException(ModelFormatReason.InvalidJson, e.Problem, e.Line, e.Column, " is not valid JSON: " + e.Message, innerException: e);
        }

        if (root.Kind != JsonValueKind.Object)
        {
            throw WeightsJsonException.Invalid(root, Invariant($"the document is {JsonValue.Describe(root.Kind)}, not an object"));
        }

        CheckFormat(root);
        foreach (KeyValuePair<string, JsonValue> member in root.Members)
        {
            if (Array.IndexOf(Members, member.Key) < 0)
            {
                throw WeightsJsonException.Invalid(member.Value, Invariant($"the member {MessageText.Quoted(member.Key)} is unknown; the members are {string.Join(", ", Members)}"));
            }
        }

        JsonValue precision = Required(root, "precision");
        Precision precisionValue = ReadEnum<Precision>(precision, "precision");
        JsonValue loss = Required(root, "loss");
        Loss lossValue = ReadEnum<Loss>(loss, "loss");
        JsonValue layers = Required(root, "layers");
        int[] sizes = ReadSizes(layers);
        JsonValue activations = Required(root, "activations");
        var document = new WeightsJsonDocument(sizes, ReadActivations(activations, sizes.Length), lossValue, precisionValue, layers, activations, loss, precision);
        ReadLayers(root, document);
        if (TopologyRules.CheckParameterCount(sizes) is string tooMany)
        {
            // Unreachable once every array has its length (no text holds 2³¹ numbers); kept so that a document
            // read here always makes a valid NetworkTopology.
            throw WeightsJsonException.Invalid(layers, TopologyRules.AfterColon(tooMany));
        }

        return document;
    }

    /// <summary>
    /// The value of a parameter, rounded once from its decimal text straight to the document's precision
    /// (<see cref="DecimalText"/>, correctly rounded on every runtime).
    /// </summary>
    /// <param name="value">The parameter's entry in the document.</param>
    /// <param name="precision">The document's precision.</param>
    /// <param name="layer">The layer l.</param>
    /// <param name="neuron">The neuron j of layer l.</param>
    /// <param name="input">The neuron k of layer l − 1 for a weight, or −1 for the bias.</param>
    /// <returns>The value; a float widened to double when <paramref name="precision"/> is <see cref="Precision.Single"/>.</returns>
    /// <exception cref="WeightsJsonException">The entry is not a number, or is beyond the range of the precision.</exception>
    public static double ReadValue(JsonValue value, Precision precision, int layer, int neuron, int input)
    {
        string key = layer.ToString(CultureInfo.InvariantCulture);
        string path = input < 0 ? Invariant($"biases[\"{key}\"][{neuron}]") : Invariant($"weights[\"{key}\"][{neuron}][{input}]");
        if (value.Kind != JsonValueKind.Number)
        {
            throw WeightsJsonException.Invalid(value, Invariant($"{path} is {JsonValue.Describe(value.Kind)}, not a number"));
        }

        value.TryGetDouble(out double asDouble);
        float asSingle = 0;
        bool beyondDouble = double.IsInfinity(asDouble);
        if (beyondDouble || (precision == Precision.Single && (!value.TryGetSingle(out asSingle) || float.IsInfinity(asSingle))))
        {
            string type = beyondDouble ? "double" : "float";
            string found = Found(value);
            string parameter = input < 0 ? Invariant($"b({key}, {neuron})") : Invariant($"w({key}, {neuron}, {input})");
            throw new WeightsJsonException(
                ModelFormatReason.ValueOutOfRange,
                Invariant($"{path} is {found}, beyond the range of {type}"),
                value.Line,
                value.Column,
                Invariant($": {path} (line {value.Line}) is {found}, beyond the range of {type}."),
                expected: "a finite " + type,
                found: found)
            {
                Value = new WeightsJsonValue(parameter, found, beyondDouble),
            };
        }

        return precision == Precision.Single ? asSingle : asDouble;
    }

    private static void CheckFormat(JsonValue root)
    {
        JsonValue? format = root.GetPropertyOrNull("format");
        if (format?.Kind != JsonValueKind.String || format.Text != FormatName)
        {
            string found = format is null ? "no \"format\" member" : Found(format);
            string problem = Invariant($"{(format is null ? "it has no \"format\" member" : "its \"format\" is " + found)}; it should be \"{FormatName}\"");
            JsonValue where = format ?? root;
            throw new WeightsJsonException(ModelFormatReason.WrongMagic, problem, where.Line, where.Column, " is not a Backprop weights file: " + problem + ".", "\"" + FormatName + "\"", found);
        }

        JsonValue version = Required(root, "version");
        if (!version.TryGetInt64(out long number) || number != Version)
        {
            string found = Found(version);
            throw new WeightsJsonException(
                ModelFormatReason.UnsupportedVersion,
                Invariant($"it is in weights format version {found}, and Backprop reads version {Version}"),
                version.Line,
                version.Column,
                expected: Invariant($"version {Version}"),
                found: "version " + found);
        }
    }

    private static int[] ReadSizes(JsonValue layers)
    {
        if (layers.Kind != JsonValueKind.Array)
        {
            throw WeightsJsonException.Invalid(layers, Invariant($"\"layers\" must be an array of layer sizes, but is {JsonValue.Describe(layers.Kind)}"));
        }

        var sizes = new int[layers.Items.Count];
        for (int i = 0; i < sizes.Length; i++)
        {
            JsonValue size = layers.Items[i];
            if (!size.TryGetInt64(out long value) || value < 1 || value > int.MaxValue)
            {
                throw WeightsJsonException.Invalid(size, Invariant($"layers[{i}] is {Found(size)}; a layer size is an integer from 1 to {int.MaxValue}"));
            }

            sizes[i] = (int)value;
        }

        return TopologyRules.CheckSizes(sizes) is string problem ? throw WeightsJsonException.Invalid(layers, TopologyRules.AfterColon(problem)) : sizes;
    }

    private static Activation[] ReadActivations(JsonValue activations, int layerCount)
    {
        if (activations.Kind != JsonValueKind.Array)
        {
            throw WeightsJsonException.Invalid(activations, Invariant($"\"activations\" must be an array of activation names (layers 2 to L), but is {JsonValue.Describe(activations.Kind)}"));
        }

        Activation[] values = activations.Items.Select((a, i) => ReadEnum<Activation>(a, Invariant($"activations[{i}]"))).ToArray();
        return TopologyRules.CheckActivationCount(layerCount, values.Length) is string problem
            ? throw WeightsJsonException.Invalid(activations, TopologyRules.AfterColon(problem))
            : values;
    }

    private static void ReadLayers(JsonValue root, WeightsJsonDocument document)
    {
        JsonValue weights = LayerMap(root, "weights", document.LayerCount);
        JsonValue biases = LayerMap(root, "biases", document.LayerCount);
        for (int l = 2; l <= document.LayerCount; l++)
        {
            string key = l.ToString(CultureInfo.InvariantCulture);
            int neurons = document.LayerSizes[l - 1];
            int inputs = document.LayerSizes[l - 2];
            JsonValue rows = weights.GetPropertyOrNull(key)!;
            CheckLength(rows, new WeightsJsonLength(Invariant($"weights[\"{key}\"]"), rows.Items.Count, neurons, "rows", l, "row"));
            for (int j = 0; j < neurons; j++)
            {
                JsonValue row = rows.Items[j];
                CheckLength(row, new WeightsJsonLength(Invariant($"weights[\"{key}\"][{j}]"), row.Items.Count, inputs, "values", l - 1, "weight"));
            }

            JsonValue layerBiases = biases.GetPropertyOrNull(key)!;
            CheckLength(layerBiases, new WeightsJsonLength(Invariant($"biases[\"{key}\"]"), layerBiases.Items.Count, neurons, "values", l, "bias"));
            document.AddLayer(rows, layerBiases);
        }
    }

    private static JsonValue LayerMap(JsonValue root, string name, int layerCount)
    {
        JsonValue map = Required(root, name);
        if (map.Kind != JsonValueKind.Object)
        {
            throw WeightsJsonException.Invalid(map, Invariant($"\"{name}\" must be an object of layer number → values, but is {JsonValue.Describe(map.Kind)}"));
        }

        foreach (KeyValuePair<string, JsonValue> layer in map.Members)
        {
            bool isLayer = int.TryParse(layer.Key, NumberStyles.None, CultureInfo.InvariantCulture, out int l)
                && l >= 2 && l <= layerCount && l.ToString(CultureInfo.InvariantCulture) == layer.Key;
            if (!isLayer)
            {
                throw new WeightsJsonException(
                    ModelFormatReason.UnknownTensor,
                    Invariant($"\"{name}\" has an entry {MessageText.Quoted(layer.Key)}, but the layers with parameters are \"2\" to \"{layerCount}\""),
                    layer.Value.Line,
                    layer.Value.Column,
                    expected: Invariant($"layers 2 to {layerCount}"),
                    found: MessageText.Quoted(layer.Key));
            }
        }

        for (int l = 2; l <= layerCount; l++)
        {
            if (map.GetPropertyOrNull(l.ToString(CultureInfo.InvariantCulture)) is null)
            {
                throw new WeightsJsonException(
                    ModelFormatReason.MissingTensor,
                    Invariant($"\"{name}\" has no entry \"{l}\" for layer {l}"),
                    map.Line,
                    map.Column,
                    expected: Invariant($"{name} of layer {l}"),
                    found: "no entry");
            }
        }

        return map;
    }

    private static void CheckLength(JsonValue array, WeightsJsonLength length)
    {
        string what = Invariant($"{length.Unit} (n{length.Layer}, one per neuron of layer {length.Layer})");
        if (array.Kind != JsonValueKind.Array)
        {
            throw WeightsJsonException.Invalid(array, Invariant($"{length.Path} must be an array of {length.Needed} {what}, but is {JsonValue.Describe(array.Kind)}"));
        }

        if (length.Count != length.Needed)
        {
            string has = Invariant($"has {length.Count} {(length.Count == 1 ? "entry" : "entries")}, but needs {length.Needed} {what}");
            throw new WeightsJsonException(
                ModelFormatReason.ShapeMismatch,
                length.Path + " " + has,
                array.Line,
                array.Column,
                Invariant($": {length.Path} (line {array.Line}) {has}."),
                length.Needed.ToString(CultureInfo.InvariantCulture),
                length.Count.ToString(CultureInfo.InvariantCulture))
            {
                Length = length,
            };
        }
    }

    private static T ReadEnum<T>(JsonValue value, string path)
        where T : struct, Enum
    {
        string[] names = Enum.GetNames(typeof(T));
        if (value.Kind != JsonValueKind.String || Array.IndexOf(names, value.Text) < 0)
        {
            throw WeightsJsonException.Invalid(value, Invariant($"{path} is {Found(value)}; it must be one of {string.Join(", ", names.Select(n => "\"" + n + "\""))}"));
        }

        return (T)Enum.Parse(typeof(T), value.Text!);
    }

    private static JsonValue Required(JsonValue root, string name) =>
        root.GetPropertyOrNull(name) ?? throw WeightsJsonException.Invalid(root, Invariant($"the member \"{name}\" is missing"));

    // A value of the document as a message shows it, bounded: "\"onnx\"", 2.5, or "an array".
    private static string Found(JsonValue value) => value.Kind switch
    {
        JsonValueKind.String => MessageText.Quoted(value.Text!),
        JsonValueKind.Number => MessageText.Text(value.Text!),
        _ => JsonValue.Describe(value.Kind),
    };
}
