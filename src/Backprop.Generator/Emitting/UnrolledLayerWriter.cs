using System;
using System.Linq;
using Backprop.Generator.Helpers;
using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

/// <summary>
/// A layer written out term by term (<see cref="LayerShape.ScalarUnrolled"/>): every weight read with a constant
/// index, every activation and δ a local of its own (or a buffer element, next to a layer of loops).
/// </summary>
internal sealed class UnrolledLayerWriter : LayerWriter, ILayerWriter
{
    public UnrolledLayerWriter(EmitterContext code, LayerPlan layer)
        : base(code, layer)
    {
    }

    public string ShapeName => "unrolled";

    public void WriteForward()
    {
        LayerPlan layer = Layer;
        LayerSymbols math = layer.Symbols;
        Writer.WriteLine();
        Writer.WriteLine($"// Layer {layer.Number}, eq. 1 and 2: {math.A} = σ({math.Z}) with {math.Z} = {math.W}·{math.PreviousA} + {math.B}, {math.W} of {layer.Neurons}×{layer.Inputs}, σ = {ActivationSyntax.Name(layer.Activation)}.");
        Code.WriteActivationBuffers(layer);
        for (int j = 0; j < layer.Neurons; j++)
        {
            var terms = Enumerable.Range(0, layer.Inputs)
                .Select(k => Invariant.Format($"{layer.WeightSpan}[{layer.WeightIndex(j, k)}] * {layer.PreviousA(k)}"))
                .Append(Invariant.Format($"{layer.BiasSpan}[{j}]"))
                .ToList();
            if (layer.KeepsWeightedSums)
            {
                Code.WriteSum($"{layer.Declare(Scalar, layer.Z(j))} = ", terms, ";");
            }
            else if (layer.Activation == Activation.Linear)
            {
                Code.WriteSum($"{layer.Declare(Scalar, layer.A(j))} = ", terms, ";");
            }
            else
            {
                // The weighted sum z goes straight into σ: one local per neuron keeps large layers within
                // the JIT's limits on locals.
                Code.WriteSum($"{layer.Declare(Scalar, layer.A(j))} = {layer.ActivationFunction}(", terms, ");");
            }
        }

        if (layer.KeepsWeightedSums)
        {
            WriteActivationsOfKeptSums();
        }
    }

    /// <summary>Eq. 2 for an output layer whose weighted sums are locals: σ element-wise, or the softmax over all of them.</summary>
    private void WriteActivationsOfKeptSums()
    {
        LayerPlan layer = Layer;
        if (layer.Activation != Activation.Softmax)
        {
            for (int j = 0; j < layer.Neurons; j++)
            {
                Writer.WriteLine($"{layer.Declare(Scalar, layer.A(j))} = {layer.ActivationFunction}({layer.Z(j)});");
            }

            return;
        }

        Writer.WriteLine();
        Writer.WriteLine($"// Softmax, a_j = e^(z_j − m) / Σ e^(z_i − m) with m the largest z: the same {layer.Symbols.A}, and no e^z overflows.");
        Writer.WriteLine($"{Scalar} {layer.SoftmaxMax} = {layer.Z(0)};");
        for (int j = 1; j < layer.Neurons; j++)
        {
            Writer.WriteLine($"{layer.SoftmaxMax} = {RuntimeTypes.Math}.Max({layer.SoftmaxMax}, {layer.Z(j)});");
        }

        for (int j = 0; j < layer.Neurons; j++)
        {
            Writer.WriteLine($"{Scalar} {layer.SoftmaxExp(j)} = {RuntimeTypes.ActivationFunctions}.Exp({layer.Z(j)} - {layer.SoftmaxMax});");
        }

        Code.WriteSum($"{Scalar} {layer.SoftmaxSum} = ", Enumerable.Range(0, layer.Neurons).Select(layer.SoftmaxExp).ToList(), ";");
        for (int j = 0; j < layer.Neurons; j++)
        {
            Writer.WriteLine($"{layer.Declare(Scalar, layer.A(j))} = {layer.SoftmaxExp(j)} / {layer.SoftmaxSum};");
        }
    }

    public void WriteCost()
    {
        LayerPlan output = Layer;
        LayerSymbols math = output.Symbols;
        switch (Code.Model.Loss)
        {
            case Loss.CrossEntropy:
                Writer.WriteLine("// The cost, C = −Σ y_j ln a_j, with ln a_j = z_j − m − ln Σ e^(z_i − m) from the softmax: finite even");
                Writer.WriteLine($"// where a_j rounds to 0. The output errors e = {math.A} − Y serve eq. 3.");
                break;
            case Loss.BinaryCrossEntropy:
                Writer.WriteLine("// The cost, C = −Σ [y_j ln a_j + (1 − y_j) ln(1 − a_j)], computed from z_j so that it stays finite");
                Writer.WriteLine($"// where σ(z_j) rounds to 0 or 1. The output errors e = {math.A} − Y serve eq. 3.");
                break;
            default:
                Writer.WriteLine($"// The cost, C = ½‖Y − {math.A}‖², from the output errors e = {math.A} − Y.");
                break;
        }

        for (int j = 0; j < output.Neurons; j++)
        {
            Writer.WriteLine($"{Scalar} {EmitterContext.Error(j)} = {output.A(j)} - target[{j}];");
        }

        var neurons = Enumerable.Range(0, output.Neurons);
        switch (Code.Model.Loss)
        {
            case Loss.CrossEntropy:
                Writer.WriteLine($"{Scalar} {output.LogSoftmaxSum} = {RuntimeTypes.ActivationFunctions}.Log({output.SoftmaxSum});");
                Code.WriteSum(
                    $"{Scalar} cost = -(",
                    neurons.Select(j => Invariant.Format($"target[{j}] * ({output.Z(j)} - {output.SoftmaxMax} - {output.LogSoftmaxSum})")).ToList(),
                    ");");
                break;
            case Loss.BinaryCrossEntropy:
                Code.WriteSum(
                    $"{Scalar} cost = ",
                    neurons.Select(j => Invariant.Format($"{RuntimeTypes.ActivationFunctions}.BinaryCrossEntropy({output.Z(j)}, target[{j}])")).ToList(),
                    ";");
                break;
            default:
                Code.WriteSum(
                    $"{Scalar} cost = {Code.Literal(0.5)} * (",
                    neurons.Select(j => Invariant.Format($"{EmitterContext.Error(j)} * {EmitterContext.Error(j)}")).ToList(),
                    ");");
                break;
        }
    }

    /// <summary>
    /// Eq. 3 in the form the loss and the output's σ give it (docs/math.md §3.2). The parser pairs cross-entropy
    /// with a softmax and binary cross-entropy with a sigmoid (BP0021); the quadratic cost takes any σ. The
    /// output layer of this shape has no layer of loops next to it, so its deltas are locals.
    /// </summary>
    public void WriteOutputDeltas()
    {
        Writer.WriteLine();
        switch ((Code.Model.Loss, Layer.Activation))
        {
            case (Loss.CrossEntropy, _):
                WriteCrossEntropyDeltas();
                break;
            case (Loss.BinaryCrossEntropy, _):
                WriteBinaryCrossEntropyDeltas();
                break;
            case (_, Activation.Softmax):
                WriteSoftmaxJacobianDeltas();
                break;
            default:
                WriteErrorTimesDerivativeDeltas();
                break;
        }
    }

    /// <summary>Cross-entropy over a softmax: the Jacobian and the targets' sum of 1 leave Δᴸ = Aᴸ − Y.</summary>
    private void WriteCrossEntropyDeltas()
    {
        LayerSymbols math = Layer.Symbols;
        Writer.WriteLine($"// Layer {Layer.Number}, eq. 3 for cross-entropy over a softmax: δ_j = Σ_i ∂C/∂a_i · ∂a_i/∂z_j");
        Writer.WriteLine("// = Σ_i (−y_i / a_i) · a_i(1[i = j] − a_j) = a_j·Σ_i y_i − y_j = a_j − y_j, the targets adding up to 1:");
        Writer.WriteLine($"// {math.Delta} = {math.A} − Y.");
        WriteErrorsAsDeltas();
    }

    /// <summary>Binary cross-entropy over a sigmoid: σ' cancels ∂C/∂a's denominator, leaving Δᴸ = Aᴸ − Y.</summary>
    private void WriteBinaryCrossEntropyDeltas()
    {
        LayerSymbols math = Layer.Symbols;
        Writer.WriteLine($"// Layer {Layer.Number}, eq. 3 for binary cross-entropy over a sigmoid: ∂C/∂a_j = (a_j − y_j) / (a_j(1 − a_j))");
        Writer.WriteLine($"// and σ'(z_j) = a_j(1 − a_j), so {math.Delta} = {math.A} − Y.");
        WriteErrorsAsDeltas();
    }

    /// <summary>δ_j = e_j for every output.</summary>
    private void WriteErrorsAsDeltas()
    {
        for (int j = 0; j < Layer.Neurons; j++)
        {
            Writer.WriteLine($"{Layer.Declare(Scalar, Layer.Delta(j))} = {EmitterContext.Error(j)};");
        }
    }

    /// <summary>The quadratic cost over a softmax, whose full Jacobian couples the outputs.</summary>
    private void WriteSoftmaxJacobianDeltas()
    {
        LayerPlan layer = Layer;
        Writer.WriteLine($"// Layer {layer.Number}, eq. 3 with the softmax's Jacobian ∂a_i/∂z_j = a_i(1[i = j] − a_j), which couples");
        Writer.WriteLine("// the outputs: δ_j = Σ_i e_i·a_i(1[i = j] − a_j) = a_j·(e_j − Σ_i e_i·a_i).");
        Code.WriteSum(
            $"{Scalar} {layer.ErrorDotA} = ",
            Enumerable.Range(0, layer.Neurons).Select(j => Invariant.Format($"{EmitterContext.Error(j)} * {layer.A(j)}")).ToList(),
            ";");
        for (int j = 0; j < layer.Neurons; j++)
        {
            Writer.WriteLine($"{layer.Declare(Scalar, layer.Delta(j))} = {layer.A(j)} * ({EmitterContext.Error(j)} - {layer.ErrorDotA});");
        }
    }

    /// <summary>Eq. 3 in its general form, Δᴸ = (Aᴸ − Y) ⊙ σ'(Zᴸ), without the factor where σ' is 1.</summary>
    private void WriteErrorTimesDerivativeDeltas()
    {
        LayerPlan layer = Layer;
        LayerSymbols math = layer.Symbols;
        Writer.WriteLine($"// Layer {layer.Number}, eq. 3: {math.Delta} = ({math.A} − Y) ⊙ σ'({math.Z}), {DerivativeNote(layer)}");
        for (int j = 0; j < layer.Neurons; j++)
        {
            string? derivative = ActivationSyntax.Derivative(layer.Activation, layer.A(j), Code.Number);
            string error = EmitterContext.Error(j);
            Writer.WriteLine(derivative is null
                ? $"{layer.Declare(Scalar, layer.Delta(j))} = {error};"
                : $"{layer.Declare(Scalar, layer.Delta(j))} = {error} * ({derivative});");
        }
    }

    public void WriteDeltasBelow(LayerPlan below)
    {
        LayerPlan next = Layer;
        Writer.WriteLine();
        Writer.WriteLine(DeltasBelowComment(below, next.Symbols));
        WriteDeltaBuffer(below);
        for (int j = 0; j < below.Neurons; j++)
        {
            // Where the layer has dropout, eq. 2′ kept its factor Dˡ ⊙ σ'(Zˡ) in a buffer.
            string? factor = below.HasDropout
                ? Invariant.Format($"{below.DropoutFactorBuffer}[{j}]")
                : ActivationSyntax.Derivative(below.Activation, below.A(j), Code.Number) is { } derivative ? $"({derivative})" : null;
            string head = Invariant.Format($"{below.Declare(Scalar, below.Delta(j))} = ");

            // Column j of Wˡ⁺¹ meets row j of (Wˡ⁺¹)ᵀ: the weights from neuron j to every neuron of the next layer.
            var terms = Enumerable.Range(0, next.Neurons)
                .Select(i => Invariant.Format($"{next.WeightSpan}[{next.WeightIndex(i, j)}] * {next.Delta(i)}"))
                .ToList();
            if (factor is null)
            {
                Code.WriteSum(head, terms, ";");
            }
            else if (terms.Count == 1)
            {
                Writer.WriteLine($"{head}{terms[0]} * {factor};");
            }
            else
            {
                Code.WriteSum($"{head}(", terms, $") * {factor};");
            }
        }
    }

    public void WriteDropout()
    {
        LayerPlan layer = Layer;
        WriteDropoutComment();
        for (int j = 0; j < layer.Neurons; j++)
        {
            string mask = Invariant.Format($"{layer.MaskBuffer}[{j}]");
            if (layer.KeepsMaskedDerivative)
            {
                Writer.WriteLine($"{layer.MaskedDerivativeBuffer}[{j}] = {mask} * ({ActivationSyntax.Derivative(layer.Activation, layer.A(j), Code.Number)});");
            }

            Writer.WriteLine($"{layer.A(j)} *= {mask};");
        }
    }

    public void WriteGradient() => WriteForEachParameter(
        (j, k) => Invariant.Format($"{Layer.WeightGradientSpan}[{Layer.WeightIndex(j, k)}] += {Layer.Delta(j)} * {Layer.PreviousA(k)};"),
        j => Invariant.Format($"{Layer.BiasGradientSpan}[{j}] += {Layer.Delta(j)};"));

    public void WriteUpdate() => WriteForEachParameter(
        (j, k) => Invariant.Format($"{Layer.WeightSpan}[{Layer.WeightIndex(j, k)}] -= learningRate * ({Layer.Delta(j)} * {Layer.PreviousA(k)});"),
        j => Invariant.Format($"{Layer.BiasSpan}[{j}] -= learningRate * {Layer.Delta(j)};"));

    /// <summary>
    /// Writes one statement per weight w_jk and per bias b_j of the layer, row by row: the shape of eq. 5
    /// and 6, whether they add to a gradient or step the parameters.
    /// </summary>
    private void WriteForEachParameter(Func<int, int, string> weight, Func<int, string> bias)
    {
        for (int j = 0; j < Layer.Neurons; j++)
        {
            for (int k = 0; k < Layer.Inputs; k++)
            {
                Writer.WriteLine(weight(j, k));
            }

            Writer.WriteLine(bias(j));
        }
    }

    /// <summary>Declares a layer's δ buffer, where its deltas live in one rather than in locals.</summary>
    private void WriteDeltaBuffer(LayerPlan layer)
    {
        if (layer.Buffered)
        {
            Writer.WriteLine($"{Code.Span} {layer.DeltaBuffer} = {Code.StackBuffer(layer.Neurons)};");
        }
    }

    private static string DerivativeNote(LayerPlan layer) =>
        Invariant.Format($"σ = {ActivationSyntax.Name(layer.Activation)}, {ActivationSyntax.DerivativeComment(layer.Activation)}.");
}
