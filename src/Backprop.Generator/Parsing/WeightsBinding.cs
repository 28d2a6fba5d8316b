using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Backprop.Generator.Diagnostics;
using Backprop.Generator.Helpers;
using Backprop.Generator.Models;
using Backprop.Serialization;

namespace Backprop.Generator.Parsing;

/// <summary>
/// Finds the weights file each <c>Weights = "…"</c> names among the project's additional files, checks that it
/// fits the network, and puts its literals into the model (or withholds the model, with a diagnostic on the argument).
/// </summary>
internal static class WeightsBinding
{
    /// <summary>The distinct requested file names of every declaration, in ordinal order: what the additional files are filtered by.</summary>
    public static EquatableArray<string> RequestedNames(ImmutableArray<NetworkDeclaration> declarations) =>
        declarations
            .Where(declaration => declaration.Weights is not null && declaration.Model is not null)
            .Select(declaration => declaration.Weights!.FileName)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToEquatableArray();

    public static bool IsRequested(string path, EquatableArray<string> names) => names.Any(name => Matches(path, name));

    /// <summary>
    /// Whether <paramref name="name"/> is the end of <paramref name="path"/>, whole path segments at a time:
    /// <c>"xor.json"</c> and <c>"Models/xor.json"</c> both match <c>/src/Game/Models/xor.json</c>, <c>"or.json"</c>
    /// does not. <c>/</c> and <c>\</c> are the same separator, a leading <c>./</c> is ignored, and letters compare
    /// without case, as Windows and macOS file systems do.
    /// </summary>
    public static bool Matches(string path, string name)
    {
        string[] wanted = Segments(name);
        string[] have = Segments(path);
        if (wanted.Length == 0 || wanted.Length > have.Length || wanted.Any(segment => segment is "" or "." or ".."))
        {
            return false;
        }

        for (int i = 1; i <= wanted.Length; i++)
        {
            if (!string.Equals(wanted[wanted.Length - i], have[have.Length - i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Finds, reads and checks the declaration's weights file; a declaration without one passes unchanged.</summary>
    public static NetworkDeclaration Apply(NetworkDeclaration declaration, ImmutableArray<WeightsFile> files)
    {
        if (declaration.Weights is not { } request || declaration.Model is not { } model)
        {
            return declaration;
        }

        var matches = files.Where(file => Matches(file.Path, request.FileName)).OrderBy(file => file.Path, StringComparer.Ordinal).ToList();
        DiagnosticInfo? problem;
        if (matches.Count == 0)
        {
            problem = DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileNotFound, request.Location, request.FileName);
        }
        else if (matches.Count > 1)
        {
            problem = DiagnosticInfo.Create(
                DiagnosticDescriptors.WeightsFileAmbiguous,
                request.Location,
                request.FileName,
                matches.Count,
                string.Join(", ", matches.Select(file => "'" + file.Path + "'")));
        }
        else if (matches[0].Problem is { } fileProblem)
        {
            problem = fileProblem with { Location = request.Location };
        }
        else
        {
            problem = CheckTopology(matches[0].Path, matches[0].Topology!, model, request.Location);
        }

        return problem is null
            ? declaration with { Model = model with { Weights = new BakedWeights(request.FileName, matches[0].Literals) } }
            : declaration with
            {
                Model = null,
                StandIn = NetworkStandIn.Of(model, new[] { problem.Descriptor.Id }.ToEquatableArray()),
                Diagnostics = declaration.Diagnostics.Concat(new[] { problem }).ToEquatableArray(),
            };
    }

    /// <summary>The first difference between the file's topology and the attribute's, layer sizes first.</summary>
    private static DiagnosticInfo? CheckTopology(string path, WeightsTopology file, NetworkModel model, LocationInfo? location)
    {
        if (!file.LayerSizes.Equals(model.LayerSizes))
        {
            string difference = file.LayerSizes.Count != model.LayerSizes.Count
                ? Text(model.LayerSizes.Count) + " layers, not " + Text(file.LayerSizes.Count)
                : Enumerable.Range(0, file.LayerSizes.Count)
                    .Where(i => file.LayerSizes[i] != model.LayerSizes[i])
                    .Select(i => "layer " + Text(i + 1) + " has " + Text(model.LayerSizes[i]) + " neurons, not " + Text(file.LayerSizes[i]))
                    .First();
            return DiagnosticInfo.Create(
                DiagnosticDescriptors.WeightsShapeMismatch,
                location,
                path,
                "\"layers\" is [" + MessageText.List(file.LayerSizes.Select(Text), "sizes") + "]",
                file.LayersLine,
                file.LayersColumn,
                "the sizes of [Network(" + Sizes(model.LayerSizes) + ")] (" + difference + ")");
        }

        for (int i = 0; i < file.Activations.Count; i++)
        {
            if (file.Activations[i] != model.Activations[i])
            {
                bool output = i == file.Activations.Count - 1;
                return Disagreement(
                    "the activation of layer " + Text(i + 2), file.Activations[i].ToString(), file.ActivationsLine, model.Activations[i].ToString(),
                    output ? "OutputActivation = Activation." + file.Activations[i] : HiddenActivationsOf(file));
            }
        }

        if (file.Loss != model.Loss)
        {
            return Disagreement("the loss", file.Loss.ToString(), file.LossLine, model.Loss.ToString(), "Loss = Loss." + file.Loss);
        }

        if (file.Precision != model.Precision)
        {
            return Disagreement("the precision", file.Precision.ToString(), file.PrecisionLine, model.Precision.ToString(), "Precision = Precision." + file.Precision);
        }

        return null;

        DiagnosticInfo Disagreement(string what, string inFile, int line, string inAttribute, string fix) =>
            DiagnosticInfo.Create(DiagnosticDescriptors.WeightsTopologyMismatch, location, path, what, inFile, line, inAttribute, fix);
    }

    /// <summary>The attribute argument that gives the file's hidden activations.</summary>
    private static string HiddenActivationsOf(WeightsTopology file)
    {
        var hidden = file.Activations.Take(file.Activations.Count - 1).ToList();
        return hidden.Distinct().Count() == 1
            ? "HiddenActivation = Activation." + hidden[0]
            : "HiddenActivations = new[] { " + string.Join(", ", hidden.Select(a => "Activation." + a)) + " }";
    }

    private static string[] Segments(string path)
    {
        string normalized = path.Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized.Substring(2);
        }

        return normalized.Split('/');
    }

    private static string Sizes(IEnumerable<int> sizes) => string.Join(", ", sizes.Select(Text));

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
