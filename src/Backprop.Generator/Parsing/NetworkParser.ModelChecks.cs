using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Backprop.Generator.Diagnostics;
using Backprop.Generator.Models;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Backprop.Generator.Parsing;

internal static partial class NetworkParser
{
    /// <summary>
    /// Checks that the activations and the loss make a network that trains: softmax only on an output of
    /// two or more neurons, each cross-entropy with the output it is derived for, one activation per hidden layer.
    /// </summary>
    private static void CheckModel(
        NetworkArguments arguments,
        AttributeSyntax? attributeSyntax,
        LocationInfo? attributeLocation,
        List<DiagnosticInfo> diagnostics)
    {
        LocationInfo? At(string name) =>
            attributeSyntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name) is { } argument
                ? LocationInfo.From(argument)
                : attributeLocation;

        int hiddenLayers = arguments.LayerSizes.Length - 2;
        bool hasList = !arguments.HiddenActivations.IsDefault;
        if (hasList && arguments.HasHiddenActivation)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BothHiddenActivationForms, At(HiddenActivationsName)));
        }
        else if (hasList && hiddenLayers >= 0 && arguments.HiddenActivations.Length != hiddenLayers)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.HiddenActivationCountMismatch,
                At(HiddenActivationsName),
                Plural(arguments.HiddenActivations.Length, "activation"),
                Plural(hiddenLayers, "hidden layer")));
        }

        // Each form that names the softmax, even both at once (BP0025): fixing one error must not reveal another.
        if (hasList && arguments.HiddenActivations.Contains(Activation.Softmax))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxInHiddenLayer, At(HiddenActivationsName)));
        }

        if (arguments.HiddenActivation == Activation.Softmax)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxInHiddenLayer, At(HiddenActivationName)));
        }

        // With fewer than two sizes (BP0003) there is no output layer to judge.
        Activation output = arguments.OutputActivation;
        int outputSize = arguments.LayerSizes.Length < 2 ? 0 : arguments.LayerSizes[arguments.LayerSizes.Length - 1];
        if (output == Activation.Softmax && outputSize == 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxSingleOutput, At(OutputActivationName)));
        }

        switch (arguments.Loss)
        {
            case Loss.CrossEntropy when output != Activation.Softmax:
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.LossNeedsOutputActivation, At(LossName), "CrossEntropy", output.ToString(), "Softmax",
                    output == Activation.Sigmoid ? "; for independent yes/no outputs with a sigmoid, use Loss = Loss.BinaryCrossEntropy" : string.Empty));
                break;
            case Loss.BinaryCrossEntropy when output != Activation.Sigmoid:
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.LossNeedsOutputActivation, At(LossName), "BinaryCrossEntropy", output.ToString(), "Sigmoid",
                    output == Activation.Softmax ? "; for one class out of several with a softmax, use Loss = Loss.CrossEntropy" : string.Empty));
                break;
            case Loss.MeanSquaredError when output == Activation.Softmax && outputSize > 1:
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxWithMeanSquaredError, At(OutputActivationName)));
                break;
        }
    }

    private static string Plural(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");
}
