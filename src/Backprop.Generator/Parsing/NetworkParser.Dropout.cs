using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Backprop.Generator.Diagnostics;
using Backprop.Generator.Models;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Backprop.Generator.Parsing;

internal static partial class NetworkParser
{
    /// <summary>
    /// Checks <c>Dropout = new[] { … }</c>: only on a network with hidden layers, one rate per hidden layer or one
    /// for all, each at least 0 and less than 1. Each diagnostic points at what to change: the rate itself where
    /// the array is written out, else the argument.
    /// </summary>
    private static void CheckDropout(
        NetworkArguments arguments,
        AttributeSyntax? attributeSyntax,
        LocationInfo? attributeLocation,
        List<DiagnosticInfo> diagnostics)
    {
        ImmutableArray<double> rates = arguments.Dropout;
        if (rates.IsDefault || arguments.LayerSizes.Length < 2)
        {
            return;
        }

        AttributeArgumentSyntax? argument = attributeSyntax?.ArgumentList?.Arguments
            .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == DropoutName);
        LocationInfo? where = argument is null ? attributeLocation : LocationInfo.From(argument);
        int hiddenLayers = arguments.LayerSizes.Length - 2;
        if (hiddenLayers == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.DropoutWithoutHiddenLayer,
                where,
                string.Join(", ", arguments.LayerSizes.Select(size => size.ToString(CultureInfo.InvariantCulture)))));
            return;
        }

        if (rates.Length != 1 && rates.Length != hiddenLayers)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.DropoutCountMismatch,
                where,
                rates.Length == 0 ? "no rate" : Plural(rates.Length, "rate"),
                Plural(hiddenLayers, "hidden layer")));
        }

        // The rates as written, when the array is written out in the argument: each diagnostic goes on its own.
        var elements = argument?.Expression.DescendantNodesAndSelf().OfType<InitializerExpressionSyntax>().FirstOrDefault()?.Expressions;
        for (int i = 0; i < rates.Length; i++)
        {
            double rate = rates[i];
            if (rate >= 0 && rate < 1)
            {
                continue;
            }

            LocationInfo? at = elements is { } written && written.Count == rates.Length ? LocationInfo.From(written[i]) : where;
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.DropoutRateOutOfRange,
                at,
                DropoutName + "[" + i.ToString(CultureInfo.InvariantCulture) + "]",
                rate.ToString("R", CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>
    /// The dropout rate of each hidden layer, first hidden layer first, as <see cref="CheckDropout"/> accepts them;
    /// empty when no layer has dropout, so that such a network's model (and code) is the one without <c>Dropout</c>.
    /// </summary>
    private static double[] DropoutRatesOf(NetworkArguments arguments)
    {
        int hiddenLayers = arguments.LayerSizes.Length - 2;
        ImmutableArray<double> rates = arguments.Dropout;
        if (rates.IsDefault || hiddenLayers <= 0 || (rates.Length != 1 && rates.Length != hiddenLayers) || rates.All(rate => rate == 0))
        {
            return new double[0];
        }

        return Enumerable.Range(0, hiddenLayers).Select(i => rates.Length == 1 ? rates[0] : rates[i]).ToArray();
    }
}
