using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Backprop.Generator.Diagnostics;
using Backprop.Generator.Helpers;
using Backprop.Generator.Models;
using Backprop.Serialization;
using Backprop.Serialization.Json;
using Microsoft.CodeAnalysis.Text;

namespace Backprop.Generator.Parsing;

/// <summary>
/// Reads a weights JSON file (docs/model-format.md, version 1) on its own, before any network is compared with
/// it: the same checks as <c>NetworkJson.Load</c>, reported as the first problem found instead of an exception.
/// </summary>
/// <remarks>
/// Numbers are kept as the text the file spells them with, plus the C# suffix of its precision. The C# compiler
/// then rounds each decimal text once, straight to <c>float</c> or <c>double</c>, with a correctly rounded
/// parser on every host (unlike <c>float.Parse</c> on .NET Framework, which rounds through <c>double</c>): exactly
/// what <c>NetworkJson.Load</c> does with the library's own reader (<c>DecimalText</c>, linked here for BP0033 and
/// BP0034) on every runtime, so the baked parameters are bit-identical to loaded ones. Files written by
/// <c>NetworkJson.Save</c> already hold the shortest round-trip text ("R"), so the literals are those too.
/// </remarks>
internal static class WeightsFileReader
{
    private const string FormatName = "backprop-weights";
    private static readonly string[] Members = { "format", "version", "precision", "layers", "activations", "loss", "weights", "biases" };
    private static readonly char[] FractionOrExponent = { '.', 'e', 'E' };

    public static WeightsFile Read(string path, SourceText? text, CancellationToken cancellationToken)
    {
        try
        {
            return text is null
                ? Failed(path, DiagnosticDescriptors.WeightsJsonInvalid, path, 1, 1, "its text could not be read")
                : Read(path, text.ToString(), cancellationToken);
        }
        catch (WeightsFileProblem problem)
        {
            return new WeightsFile(path, problem.Diagnostic, null, EquatableArray<string>.Empty);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A bug here must not crash the generator; it is reported on each network that names the file.
            return Failed(path, DiagnosticDescriptors.InternalError, path, exception.GetType().Name + ": " + exception.Message);
        }
    }

    private static WeightsFile Read(string path, string text, CancellationToken cancellationToken)
    {
        JsonValue root;
        try
        {
            root = JsonParser.Parse(text);
        }
        catch (JsonSyntaxException e)
        {
            return Failed(path, DiagnosticDescriptors.WeightsJsonInvalid, path, e.Line, e.Column, e.Problem);
        }

        var reader = new Reader(path);
        if (root.Kind != JsonValueKind.Object)
        {
            throw reader.Invalid(root, "the document is " + JsonValue.Describe(root.Kind) + ", not an object");
        }

        JsonValue? format = root.GetPropertyOrNull("format");
        if (format is null)
        {
            throw reader.Invalid(root, "it has no \"format\" member; it should be \"" + FormatName + "\"");
        }

        if (format.Kind != JsonValueKind.String || format.Text != FormatName)
        {
            throw reader.Invalid(format, "its \"format\" is " + Found(format) + "; it should be \"" + FormatName + "\"");
        }

        JsonValue version = reader.Required(root, "version");
        if (!version.TryGetInt64(out long versionNumber) || versionNumber != 1)
        {
            throw reader.Invalid(version, "it is format version " + Found(version) + "; the generator reads version 1");
        }

        foreach (KeyValuePair<string, JsonValue> member in root.Members)
        {
            if (Array.IndexOf(Members, member.Key) < 0)
            {
                throw reader.Invalid(member.Value, "it has an unknown member " + MessageText.Quoted(member.Key) + "; the members are " + string.Join(", ", Members));
            }
        }

        WeightsTopology topology = reader.ReadTopology(root);

        // Nothing is sized from "layers": the list grows with the values the file holds, and every array's length
        // is compared with the sizes before its items are read, so a forged size is reported (BP0031), not allocated.
        var literals = new List<string>();
        JsonValue weightLayers = reader.LayerMap(root, "weights", topology.LayerSizes.Count);
        JsonValue biasLayers = reader.LayerMap(root, "biases", topology.LayerSizes.Count);
        for (int l = 2; l <= topology.LayerSizes.Count; l++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string key = Text(l);
            int neurons = topology.LayerSizes[l - 1];
            int inputs = topology.LayerSizes[l - 2];
            JsonValue rows = weightLayers.GetPropertyOrNull(key)!;
            reader.CheckLength(rows, neurons, "weights[\"" + key + "\"]", "rows", "layer " + key + " has " + Text(neurons) + " neurons, one row each");
            for (int j = 0; j < neurons; j++)
            {
                JsonValue row = rows.Items[j];
                reader.CheckLength(row, inputs, "weights[\"" + key + "\"][" + Text(j) + "]", "values", "layer " + Text(l - 1) + " has " + Text(inputs) + " neurons, one weight each");
                for (int k = 0; k < inputs; k++)
                {
                    literals.Add(reader.Literal(row.Items[k], topology.Precision, "w(" + key + ", " + Text(j) + ", " + Text(k) + ")"));
                }
            }

            JsonValue biases = biasLayers.GetPropertyOrNull(key)!;
            reader.CheckLength(biases, neurons, "biases[\"" + key + "\"]", "values", "layer " + key + " has " + Text(neurons) + " neurons, one bias each");
            for (int j = 0; j < neurons; j++)
            {
                literals.Add(reader.Literal(biases.Items[j], topology.Precision, "b(" + key + ", " + Text(j) + ")"));
            }
        }

        return new WeightsFile(path, null, topology, literals.ToEquatableArray());
    }

    private static WeightsFile Failed(string path, Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, params object[] arguments) =>
        new(path, DiagnosticInfo.Create(descriptor, null, arguments), null, EquatableArray<string>.Empty);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Counted(int count, string singular, string plural) => Text(count) + " " + (count == 1 ? singular : plural);

    // A value of the file as a diagnostic shows it, bounded (MessageText): "\"keras\"", 2.5, or "an array".
    private static string Found(JsonValue value) => value.Kind switch
    {
        JsonValueKind.String => MessageText.Quoted(value.Text!),
        JsonValueKind.Number => MessageText.Text(value.Text!),
        _ => JsonValue.Describe(value.Kind),
    };

    /// <summary>The checks of one file, which throw <see cref="WeightsFileProblem"/> with the file's path in the message.</summary>
    private sealed class Reader
    {
        private readonly string _path;

        public Reader(string path)
        {
            _path = path;
        }

        public WeightsTopology ReadTopology(JsonValue root)
        {
            JsonValue precision = Required(root, "precision");
            JsonValue loss = Required(root, "loss");
            JsonValue layers = Required(root, "layers");
            if (layers.Kind != JsonValueKind.Array)
            {
                throw Invalid(layers, "\"layers\" must be an array of layer sizes, but is " + JsonValue.Describe(layers.Kind));
            }

            var sizes = new int[layers.Items.Count];
            for (int i = 0; i < sizes.Length; i++)
            {
                JsonValue size = layers.Items[i];
                if (!size.TryGetInt64(out long value) || value < 1 || value > int.MaxValue)
                {
                    throw Invalid(size, "layers[" + Text(i) + "] is " + Found(size) + "; a layer size is an integer from 1 to " + Text(int.MaxValue));
                }

                sizes[i] = (int)value;
            }

            if (sizes.Length < 2)
            {
                throw Invalid(layers, "\"layers\" lists " + Counted(sizes.Length, "size", "sizes") + "; a network has at least two");
            }

            JsonValue activations = Required(root, "activations");
            if (activations.Kind != JsonValueKind.Array)
            {
                throw Invalid(activations, "\"activations\" must be an array of activation names, but is " + JsonValue.Describe(activations.Kind));
            }

            if (activations.Items.Count != sizes.Length - 1)
            {
                throw Invalid(activations, "\"activations\" lists " + Counted(activations.Items.Count, "activation", "activations") + " for " + Counted(sizes.Length - 1, "layer", "layers") + " with parameters (" + (sizes.Length == 2 ? "layer 2" : "layers 2 to " + Text(sizes.Length)) + ")");
            }

            Activation[] names = activations.Items.Select((a, i) => Enum<Activation>(a, "activations[" + Text(i) + "]")).ToArray();
            return new WeightsTopology(
                sizes.ToEquatableArray(),
                layers.Line,
                layers.Column,
                names.ToEquatableArray(),
                activations.Line,
                Enum<Loss>(loss, "loss"),
                loss.Line,
                Enum<Precision>(precision, "precision"),
                precision.Line);
        }

        public JsonValue LayerMap(JsonValue root, string name, int layerCount)
        {
            JsonValue map = Required(root, name);
            if (map.Kind != JsonValueKind.Object)
            {
                throw Invalid(map, "\"" + name + "\" must be an object of layer number → values, but is " + JsonValue.Describe(map.Kind));
            }

            foreach (KeyValuePair<string, JsonValue> layer in map.Members)
            {
                bool isLayer = int.TryParse(layer.Key, NumberStyles.None, CultureInfo.InvariantCulture, out int l)
                    && l >= 2 && l <= layerCount && Text(l) == layer.Key;
                if (!isLayer)
                {
                    throw Invalid(layer.Value, "\"" + name + "\" has an entry " + MessageText.Quoted(layer.Key) + ", but the layers with parameters are \"2\" to \"" + Text(layerCount) + "\"");
                }
            }

            for (int l = 2; l <= layerCount; l++)
            {
                if (map.GetPropertyOrNull(Text(l)) is null)
                {
                    throw Invalid(map, "\"" + name + "\" has no entry \"" + Text(l) + "\" for layer " + Text(l));
                }
            }

            return map;
        }

        public void CheckLength(JsonValue array, int expected, string path, string what, string why)
        {
            if (array.Kind != JsonValueKind.Array)
            {
                throw Invalid(array, path + " must be an array of " + Text(expected) + " " + what + ", but is " + JsonValue.Describe(array.Kind));
            }

            if (array.Items.Count != expected)
            {
                throw new WeightsFileProblem(DiagnosticInfo.Create(
                    DiagnosticDescriptors.WeightsShapeMismatch,
                    null,
                    _path,
                    path + " has " + Text(array.Items.Count) + " " + (array.Items.Count == 1 ? what.TrimEnd('s') : what),
                    array.Line,
                    array.Column,
                    Text(expected) + " " + what + ": " + why));
            }
        }

        public string Literal(JsonValue value, Precision precision, string parameter)
        {
            if (value.Kind != JsonValueKind.Number)
            {
                throw Invalid(value, parameter + " is " + JsonValue.Describe(value.Kind) + ", not a number");
            }

            value.TryGetDouble(out double asDouble);
            if (double.IsInfinity(asDouble))
            {
                throw new WeightsFileProblem(DiagnosticInfo.Create(
                    DiagnosticDescriptors.WeightsValueNotFinite, null, _path, parameter, MessageText.Text(value.Text!), value.Line, value.Column));
            }

            string text = value.Text!;
            if (precision == Precision.Single)
            {
                value.TryGetSingle(out float asSingle);
                if (float.IsInfinity(asSingle))
                {
                    throw new WeightsFileProblem(DiagnosticInfo.Create(
                        DiagnosticDescriptors.WeightsValueOutOfRange, null, _path, parameter, MessageText.Text(text), value.Line, value.Column));
                }

                return text + "f";
            }

            return text.IndexOfAny(FractionOrExponent) >= 0 ? text : text + ".0";
        }

        public JsonValue Required(JsonValue root, string name) =>
            root.GetPropertyOrNull(name) ?? throw Invalid(root, "the member \"" + name + "\" is missing");

        public WeightsFileProblem Invalid(JsonValue where, string problem) =>
            new(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileInvalid, null, _path, problem, where.Line, where.Column));

        private T Enum<T>(JsonValue value, string path)
            where T : struct, Enum
        {
            string[] names = System.Enum.GetNames(typeof(T));
            if (value.Kind != JsonValueKind.String || Array.IndexOf(names, value.Text) < 0)
            {
                throw Invalid(value, path + " is " + Found(value) + "; it must be one of " + string.Join(", ", names.Select(n => "\"" + n + "\"")));
            }

            return (T)System.Enum.Parse(typeof(T), value.Text!);
        }
    }

    /// <summary>The first problem of a file, thrown from deep in the checks and caught by <see cref="Read(string, SourceText?, CancellationToken)"/>.</summary>
    private sealed class WeightsFileProblem : Exception
    {
        public WeightsFileProblem(DiagnosticInfo diagnostic)
            : base(diagnostic.Descriptor.Id)
        {
            Diagnostic = diagnostic;
        }

        public DiagnosticInfo Diagnostic { get; }
    }
}
