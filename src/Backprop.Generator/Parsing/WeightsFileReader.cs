using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Backprop.Generator.Diagnostics;
using Backprop.Generator.Helpers;
using Backprop.Generator.Models;
using Backprop.Serialization;
using Backprop.Serialization.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Backprop.Generator.Parsing;

/// <summary>
/// Reads a weights JSON file (docs/model-format.md, version 1) on its own, before any network is compared with
/// it, with the library's own reader (<see cref="WeightsJsonReader"/>, linked here as source): the file is
/// accepted exactly when <c>network.Load("….json")</c> accepts it, and its first problem becomes a diagnostic.
/// </summary>
/// <remarks>
/// Numbers are kept as the text the file spells them with, plus the C# suffix of its precision. The C# compiler
/// then rounds each decimal text once, straight to <c>float</c> or <c>double</c>, correctly, as the library's
/// <c>DecimalText</c> does for <c>network.Load("….json")</c> and did here to check the range: the baked parameters are
/// bit-identical to loaded ones, and the generated text does not depend on how the compiler's host formats
/// numbers. Files written by <c>network.Save("….json")</c> already hold the shortest round-trip text ("R").
/// </remarks>
internal static class WeightsFileReader
{
    private static readonly char[] FractionOrExponent = { '.', 'e', 'E' };

    public static WeightsFile Read(string path, SourceText? text, CancellationToken cancellationToken)
    {
        try
        {
            return text is null
                ? Failed(path, DiagnosticDescriptors.WeightsJsonInvalid, path, 1, 1, "its text could not be read")
                : Read(path, text.ToString(), cancellationToken);
        }
        catch (WeightsJsonException problem)
        {
            return new WeightsFile(path, Diagnose(path, problem), null, EquatableArray<string>.Empty);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A bug here must not crash the generator; it is reported on each network that names the file.
            return Failed(path, DiagnosticDescriptors.InternalError, path, exception.GetType().Name + ": " + exception.Message);
        }
    }

    private static WeightsFile Read(string path, string text, CancellationToken cancellationToken)
    {
        WeightsJsonDocument document = WeightsJsonReader.Read(text);

        // The list grows with the values the file holds, whose arrays the reader has compared with the sizes.
        var literals = new List<string>();
        for (int l = 2; l <= document.LayerCount; l++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            JsonValue rows = document.WeightRows(l);
            for (int j = 0; j < rows.Items.Count; j++)
            {
                IReadOnlyList<JsonValue> row = rows.Items[j].Items;
                for (int k = 0; k < row.Count; k++)
                {
                    literals.Add(Literal(row[k], document.Precision, l, j, k));
                }
            }

            IReadOnlyList<JsonValue> biases = document.Biases(l).Items;
            for (int j = 0; j < biases.Count; j++)
            {
                literals.Add(Literal(biases[j], document.Precision, l, j, -1));
            }
        }

        var topology = new WeightsTopology(
            document.LayerSizes.ToEquatableArray(),
            document.LayersMember.Line,
            document.LayersMember.Column,
            document.Activations.ToEquatableArray(),
            document.ActivationsMember.Line,
            document.Loss,
            document.LossMember.Line,
            document.Precision,
            document.PrecisionMember.Line);
        return new WeightsFile(path, null, topology, literals.ToEquatableArray());
    }

    private static string Literal(JsonValue value, Precision precision, int layer, int neuron, int input)
    {
        // Checked (a number within the range of the precision), not used: the compiler rounds the text the same way.
        WeightsJsonReader.ReadValue(value, precision, layer, neuron, input);
        string text = value.Text!;
        return precision == Precision.Single ? text + "f"
            : text.IndexOfAny(FractionOrExponent) >= 0 ? text
            : text + ".0";
    }

    /// <summary>The library's reason for refusing the file, as the diagnostic that says it in the generator's terms.</summary>
    private static DiagnosticInfo Diagnose(string path, WeightsJsonException problem) => problem switch
    {
        { Reason: ModelFormatReason.InvalidJson } =>
            DiagnosticInfo.Create(DiagnosticDescriptors.WeightsJsonInvalid, null, path, problem.Line, problem.Column, problem.Problem),
        { Length: { } length } => DiagnosticInfo.Create(
            DiagnosticDescriptors.WeightsShapeMismatch,
            null,
            path,
            length.Path + " has " + Text(length.Count) + " " + (length.Count == 1 ? length.Unit.TrimEnd('s') : length.Unit),
            problem.Line,
            problem.Column,
            Text(length.Needed) + " " + length.Unit + ": layer " + Text(length.Layer) + " has " + Text(length.Needed) + " neurons, one " + length.Each + " each"),
        { Value: { } value } => DiagnosticInfo.Create(
            value.BeyondDouble ? DiagnosticDescriptors.WeightsValueNotFinite : DiagnosticDescriptors.WeightsValueOutOfRange,
            null,
            path,
            value.Parameter,
            value.Text,
            problem.Line,
            problem.Column),
        _ => DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileInvalid, null, path, problem.Problem, problem.Line, problem.Column),
    };

    private static WeightsFile Failed(string path, DiagnosticDescriptor descriptor, params object[] arguments) =>
        new(path, DiagnosticInfo.Create(descriptor, null, arguments), null, EquatableArray<string>.Empty);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
