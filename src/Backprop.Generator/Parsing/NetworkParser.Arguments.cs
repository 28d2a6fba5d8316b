using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Backprop.Generator.Diagnostics;
using Backprop.Generator.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Backprop.Generator.Parsing;

internal static partial class NetworkParser
{
    public const string HiddenActivationName = nameof(NetworkAttribute.HiddenActivation);
    public const string OutputActivationName = nameof(NetworkAttribute.OutputActivation);
    public const string HiddenActivationsName = nameof(NetworkAttribute.HiddenActivations);
    public const string PrecisionName = nameof(NetworkAttribute.Precision);
    public const string LossName = nameof(NetworkAttribute.Loss);
    public const string CodeShapeName = nameof(NetworkAttribute.CodeShape);
    public const string WeightsName = nameof(NetworkAttribute.Weights);
    public const string DropoutName = nameof(NetworkAttribute.Dropout);

    /// <summary>Reads the bound arguments; false when the compiler could not bind them (its error to report).</summary>
    private static bool TryReadArguments(AttributeData attribute, out NetworkArguments arguments)
    {
        arguments = new NetworkArguments();
        if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.IsEmpty)
        {
            return false;
        }

        // The sizes come either as the params array or, with up to six sizes, one argument each.
        ImmutableArray<TypedConstant> constructorArguments = attribute.ConstructorArguments;
        TypedConstant first = constructorArguments[0];
        if (constructorArguments.Length == 1 && first.Kind == TypedConstantKind.Array)
        {
            if (!first.IsNull)
            {
                if (!TryReadSizes(first.Values, out ImmutableArray<int> sizes))
                {
                    return false;
                }

                arguments.LayerSizes = sizes;
            }
        }
        else if (TryReadSizes(constructorArguments, out ImmutableArray<int> sizes))
        {
            arguments.LayerSizes = sizes;
        }
        else
        {
            return false;
        }

        var unknown = new List<(string, int, string)>();
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Key == HiddenActivationsName)
            {
                if (!TryReadActivationList(named.Value, arguments, unknown))
                {
                    return false;
                }

                continue;
            }

            if (named.Key == DropoutName)
            {
                if (!TryReadDropout(named.Value, arguments))
                {
                    return false;
                }

                continue;
            }

            if (named.Key == WeightsName)
            {
                if (named.Value.Kind == TypedConstantKind.Error || (named.Value.Value is not string && !named.Value.IsNull))
                {
                    return false;
                }

                arguments.Weights = named.Value.Value as string;
                continue;
            }

            if (named.Value.Kind == TypedConstantKind.Error || named.Value.Value is not int value)
            {
                return false;
            }

            switch (named.Key)
            {
                case HiddenActivationName when IsDefined<Activation>(value):
                    arguments.HiddenActivation = (Activation)value;
                    arguments.HasHiddenActivation = true;
                    break;
                case OutputActivationName when IsDefined<Activation>(value):
                    arguments.OutputActivation = (Activation)value;
                    break;
                case PrecisionName when IsDefined<Precision>(value):
                    arguments.Precision = (Precision)value;
                    break;
                case HiddenActivationName or OutputActivationName:
                    unknown.Add((named.Key, value, nameof(Activation)));
                    break;
                case LossName when IsDefined<Loss>(value):
                    arguments.Loss = (Loss)value;
                    break;
                case CodeShapeName when IsDefined<CodeShape>(value):
                    arguments.CodeShape = (CodeShape)value;
                    break;
                case CodeShapeName:
                    unknown.Add((named.Key, value, nameof(CodeShape)));
                    break;
                case PrecisionName:
                    unknown.Add((named.Key, value, nameof(Precision)));
                    break;
                case LossName:
                    unknown.Add((named.Key, value, nameof(Loss)));
                    break;
            }
        }

        arguments.UnknownEnumValues = unknown.ToImmutableArray();
        return true;
    }

    /// <summary>Reads <c>HiddenActivations = new[] { … }</c>; a null array counts as not written.</summary>
    private static bool TryReadActivationList(TypedConstant list, NetworkArguments arguments, List<(string, int, string)> unknown)
    {
        if (list.Kind != TypedConstantKind.Array)
        {
            return false;
        }

        if (list.IsNull)
        {
            return true;
        }

        var activations = ImmutableArray.CreateBuilder<Activation>(list.Values.Length);
        for (int i = 0; i < list.Values.Length; i++)
        {
            TypedConstant item = list.Values[i];
            if (item.Kind == TypedConstantKind.Error || item.Value is not int value)
            {
                return false;
            }

            if (!IsDefined<Activation>(value))
            {
                // Named with its index, "HiddenActivations[1] = 42", which says which entry to change.
                unknown.Add((HiddenActivationsName + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", value, nameof(Activation)));
            }

            activations.Add((Activation)value);
        }

        arguments.HiddenActivations = activations.MoveToImmutable();
        return true;
    }

    /// <summary>Reads <c>Dropout = new[] { … }</c>; a null array counts as not written.</summary>
    private static bool TryReadDropout(TypedConstant list, NetworkArguments arguments)
    {
        if (list.Kind != TypedConstantKind.Array)
        {
            return false;
        }

        if (list.IsNull)
        {
            return true;
        }

        var rates = ImmutableArray.CreateBuilder<double>(list.Values.Length);
        foreach (TypedConstant item in list.Values)
        {
            if (item.Kind == TypedConstantKind.Error || item.Value is not double rate)
            {
                return false;
            }

            rates.Add(rate);
        }

        arguments.Dropout = rates.MoveToImmutable();
        return true;
    }

    private static bool IsDefined<TEnum>(int value)
        where TEnum : struct, Enum => Enum.IsDefined(typeof(TEnum), value);

    private static void CheckArguments(
        NetworkArguments arguments,
        AttributeSyntax? attributeSyntax,
        LocationInfo? attributeLocation,
        List<DiagnosticInfo> diagnostics)
    {
        var positional = attributeSyntax?.ArgumentList?.Arguments
            .Where(a => a.NameEquals is null)
            .ToList() ?? new List<AttributeArgumentSyntax>();

        ImmutableArray<int> sizes = arguments.LayerSizes;
        if (sizes.Length < 2)
        {
            LocationInfo? where = attributeSyntax?.ArgumentList is { } list ? LocationInfo.From(list) : attributeLocation;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooFewLayers, where, sizes.Length == 0 ? "no layer sizes" : "only one layer size"));
        }

        for (int i = 0; i < sizes.Length; i++)
        {
            if (sizes[i] <= 0)
            {
                // Point at the size itself when each size is its own argument (the params form).
                LocationInfo? where = positional.Count == sizes.Length
                    ? LocationInfo.From(positional[i])
                    : positional.Count > 0 ? LocationInfo.From(positional[0]) : attributeLocation;
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.LayerSizeNotPositive,
                    where,
                    (i + 1).ToString(CultureInfo.InvariantCulture),
                    sizes[i].ToString(CultureInfo.InvariantCulture)));
            }
        }

        foreach ((string name, int value, string enumName) in arguments.UnknownEnumValues)
        {
            string property = name.IndexOf('[') is int bracket and >= 0 ? name.Substring(0, bracket) : name;
            AttributeArgumentSyntax? argument = attributeSyntax?.ArgumentList?.Arguments
                .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == property);
            string choices = string.Join(", ", enumName switch
            {
                nameof(Activation) => Enum.GetNames(typeof(Activation)),
                nameof(Loss) => Enum.GetNames(typeof(Loss)),
                nameof(CodeShape) => Enum.GetNames(typeof(CodeShape)),
                _ => Enum.GetNames(typeof(Precision)),
            });
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UnknownEnumValue,
                argument is null ? attributeLocation : LocationInfo.From(argument),
                name,
                value.ToString(CultureInfo.InvariantCulture),
                enumName,
                choices));
        }

        if (arguments.UnknownEnumValues.IsEmpty)
        {
            CheckModel(arguments, attributeSyntax, attributeLocation, diagnostics);
        }

        CheckDropout(arguments, attributeSyntax, attributeLocation, diagnostics);

        if (sizes.Length >= 2 && sizes.All(size => size > 0))
        {
            double[] dropout = DropoutRatesOf(arguments);
            LayerShape[] shapes = ShapePlanner.Choose(sizes, arguments.CodeShape, arguments.KeepsOutputSums, dropout);
            double instructions = NetworkLimits.EstimateInstructions(sizes, shapes, arguments.KeepsOutputSums, dropout);
            double locals = NetworkLimits.CountLocals(sizes, shapes, arguments.KeepsOutputSums, dropout);
            double stack = NetworkLimits.StackBytes(sizes, shapes, arguments.Precision == Precision.Double ? 8 : 4, dropout);
            bool tooManyParameters = NetworkLimits.CountParameters(sizes) > NetworkLimits.MaxParameters;
            if (stack > NetworkLimits.MaxStackBytes && !tooManyParameters)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.StackTooLarge,
                    attributeLocation,
                    string.Join(", ", sizes.Select(size => size.ToString(CultureInfo.InvariantCulture))),
                    Count(stack),
                    Count(NetworkLimits.MaxStackBytes)));
            }
            else if (instructions > NetworkLimits.MaxInstructions || locals > NetworkLimits.MaxLocals || tooManyParameters)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.NetworkTooLarge,
                    attributeLocation,
                    string.Join(", ", sizes.Select(size => size.ToString(CultureInfo.InvariantCulture))),
                    Count(NetworkLimits.CountParameters(sizes)),
                    Count(instructions),
                    Count(locals),
                    Count(NetworkLimits.MaxInstructions),
                    Count(NetworkLimits.MaxLocals)));
            }
        }
    }

    /// <summary>A count for a message: "11,110", or "more than 10¹⁵" where digits stop helping.</summary>
    private static string Count(double value) =>
        value > 1e15 ? "more than 10¹⁵" : value.ToString("N0", CultureInfo.InvariantCulture);

    private static bool TryReadSizes(ImmutableArray<TypedConstant> constants, out ImmutableArray<int> sizes)
    {
        var values = ImmutableArray.CreateBuilder<int>(constants.Length);
        foreach (TypedConstant size in constants)
        {
            if (size.Kind != TypedConstantKind.Primitive || size.Value is not int value)
            {
                sizes = default;
                return false;
            }

            values.Add(value);
        }

        sizes = values.MoveToImmutable();
        return true;
    }
}
