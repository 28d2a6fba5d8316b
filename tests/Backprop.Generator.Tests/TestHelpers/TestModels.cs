using System.Linq;
using Backprop.Generator.Helpers;
using Backprop.Generator.Models;

namespace Backprop.Generator.Tests.TestHelpers;

using Activation = Backprop.Generator.Models.Activation;
using CodeShape = Backprop.Generator.Models.CodeShape;
using Loss = Backprop.Generator.Models.Loss;
using Precision = Backprop.Generator.Models.Precision;

/// <summary>Builds network models by hand, for emitter tests that bypass the parser.</summary>
internal static class TestModels
{
    public static NetworkModel Network(
        string className,
        int[] sizes,
        Activation hidden = Activation.Sigmoid,
        Activation output = Activation.Sigmoid,
        Precision precision = Precision.Single,
        string? ns = "Samples",
        Loss loss = Loss.MeanSquaredError,
        Activation[]? hiddenLayers = null,
        CodeShape codeShape = CodeShape.Automatic,
        params ContainingType[] containingTypes)
    {
        var activations = Enumerable.Range(2, sizes.Length - 1)
            .Select(layer => layer == sizes.Length ? output : hiddenLayers is null ? hidden : hiddenLayers[layer - 2])
            .ToEquatableArray();
        string nesting = string.Concat(containingTypes.Select(t => t.Name + "+"));
        string hintName = ((ns is null ? "" : ns + ".") + nesting + className + ".g.cs").Replace("@", "", System.StringComparison.Ordinal);
        return new NetworkModel(ns, containingTypes.ToEquatableArray(), className, hintName, sizes.ToEquatableArray(), activations, precision, loss, codeShape,
            ShapePlanner.Choose(sizes, codeShape, ShapePlanner.KeepsOutputSums(activations[activations.Count - 1], loss)).ToEquatableArray());
    }
}
