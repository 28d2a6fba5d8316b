using System;
using System.Linq;
using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

internal sealed partial class NetworkEmitter
{
    private void WriteBackward()
    {
        WriteMemberHeader("<inheritdoc/>");
        using (_writer.WriteBlock("public " + T + " " + GeneratedMembers.Backward + "(" + Number.ReadOnlySpan + " input, "
            + Number.ReadOnlySpan + " target, " + Number.Span + " gradient)"))
        {
            WriteLengthCheck("input", GeneratedMembers.InputSize);
            WriteLengthCheck("target", GeneratedMembers.OutputSize);
            WriteLengthCheck("gradient", GeneratedMembers.ParameterCount);
            _writer.WriteLine();
            _writer.WriteLine(T + " cost = " + GeneratedMembers.BackwardCore + "(input, target, gradient);");
            using (_writer.WriteBlock("if (!global::Backprop.CompilerServices.NetworkGuard.IsFinite(cost))"))
            {
                _writer.WriteLine("global::Backprop.CompilerServices.NetworkGuard.ThrowNonFiniteCost(cost, input, target, " + ParametersAs(GeneratedMembers.ParametersField) + ", row: -1);");
            }

            _writer.WriteLine();
            _writer.WriteLine("return cost;");
        }
    }

    private void WriteBackwardCore()
    {
        _writer.WriteLine();
        _writer.WriteLine("// One example's backpropagation, eq. 1 to 6, adding ∂C/∂θ into gradient: the body of Backward and");
        _writer.WriteLine("// TrainBatch, which check the lengths first. An input or a cost that is not finite returns a cost");
        _writer.WriteLine("// that is not finite at once, before gradient is touched, and the caller throws.");
        _writer.WriteLine(GeneratedCodeAttribute);
        using (_writer.WriteBlock("private " + T + " " + GeneratedMembers.BackwardCore + "(" + Number.ReadOnlySpan + " input, "
            + Number.ReadOnlySpan + " target, " + Number.Span + " gradient)"))
        {
            _writer.WriteLine("// An infinite input can saturate σ and keep the cost finite, while eq. 5 would multiply it by a");
            _writer.WriteLine("// zero σ' into NaN: the input is checked before anything else.");
            using (_writer.WriteBlock("if (!global::Backprop.CompilerServices.NetworkGuard.AllFinite(input))"))
            {
                _writer.WriteLine("return " + T + ".NaN;");
            }

            _writer.WriteLine();
            WriteParameterSpans(writable: false);
            WriteForwardPass();
            WriteCost();
            using (_writer.WriteBlock("if (!global::Backprop.CompilerServices.NetworkGuard.IsFinite(cost))"))
            {
                _writer.WriteLine("return cost;");
            }

            WriteDeltas();
            foreach (LayerPlan layer in _plan.Layers)
            {
                WriteGradient(layer);
            }

            _writer.WriteLine();
            _writer.WriteLine("return cost;");
        }
    }

    /// <summary>
    /// The cost of the chosen loss (§3.1's C = ½‖Y − Aᴸ‖² by default), after the output errors e_j = a_j − y_j
    /// that eq. 3 reuses.
    /// </summary>
    private void WriteCost()
    {
        LayerPlan output = _plan.Output;
        string l = output.Superscript;
        _writer.WriteLine();
        if (output.IsVector)
        {
            WriteVectorCost(output);
            return;
        }

        switch (Model.Loss)
        {
            case Loss.CrossEntropy:
                _writer.WriteLine("// The cost, C = −Σ y_j ln a_j, with ln a_j = z_j − m − ln Σ e^(z_i − m) from the softmax: finite even");
                _writer.WriteLine("// where a_j rounds to 0. The output errors e = A" + l + " − Y serve eq. 3.");
                break;
            case Loss.BinaryCrossEntropy:
                _writer.WriteLine("// The cost, C = −Σ [y_j ln a_j + (1 − y_j) ln(1 − a_j)], computed from z_j so that it stays finite");
                _writer.WriteLine("// where σ(z_j) rounds to 0 or 1. The output errors e = A" + l + " − Y serve eq. 3.");
                break;
            default:
                _writer.WriteLine("// The cost, C = ½‖Y − A" + l + "‖², from the output errors e = A" + l + " − Y.");
                break;
        }

        for (int j = 0; j < output.Neurons; j++)
        {
            _writer.WriteLine(T + " " + Error(j) + " = " + output.A(j) + " - target[" + j + "];");
        }

        switch (Model.Loss)
        {
            case Loss.CrossEntropy:
                _writer.WriteLine(T + " logSum" + output.Number + " = global::Backprop.CompilerServices.ActivationFunctions.Log(" + SoftmaxSum(output) + ");");
                WriteSumStatement(
                    T + " cost = -(",
                    Enumerable.Range(0, output.Neurons)
                        .Select(j => "target[" + j + "] * (" + output.Z(j) + " - " + SoftmaxMax(output) + " - logSum" + output.Number + ")")
                        .ToList(),
                    ");");
                break;
            case Loss.BinaryCrossEntropy:
                WriteSumStatement(
                    T + " cost = ",
                    Enumerable.Range(0, output.Neurons)
                        .Select(j => "global::Backprop.CompilerServices.ActivationFunctions.BinaryCrossEntropy(" + output.Z(j) + ", target[" + j + "])")
                        .ToList(),
                    ";");
                break;
            default:
                WriteSumStatement(
                    T + " cost = " + Number.Literal(0.5) + " * (",
                    Enumerable.Range(0, output.Neurons).Select(j => Error(j) + " * " + Error(j)).ToList(),
                    ");");
                break;
        }
    }

    private static string Error(int j) => "e" + j;

    /// <summary>
    /// Eq. 3 for the output layer, then eq. 4 down to layer 2, each δ a local or a buffer element. Eq. 4 takes
    /// the shape of the layer whose weights it reads: unrolled sums over the next layer's neurons, or
    /// loops over its rows.
    /// </summary>
    private void WriteDeltas()
    {
        for (int i = _plan.Layers.Count - 1; i >= 0; i--)
        {
            LayerPlan layer = _plan.Layers[i];
            LayerPlan? next = layer.IsOutput ? null : _plan.Layers[i + 1];
            if (next is null ? layer.IsVector : next.IsVector)
            {
                if (next is null)
                {
                    WriteVectorOutputDeltas(layer);
                }
                else
                {
                    WriteVectorRecursion(layer, next);
                }

                continue;
            }

            WriteScalarDeltas(layer, next);
        }
    }

    private void WriteScalarDeltas(LayerPlan layer, LayerPlan? next)
    {
        if (next is null && WriteOutputDeltasOfLoss(layer))
        {
            return;
        }

        string l = layer.Superscript;
        string derivativeNote = "σ = " + ActivationSyntax.Name(layer.Activation) + ", " + ActivationSyntax.DerivativeComment(layer.Activation) + ".";
        _writer.WriteLine();
        _writer.WriteLine(next is null
            ? "// Layer " + layer.Number + ", eq. 3: Δ" + l + " = (A" + l + " − Y) ⊙ σ'(Z" + l + "), " + derivativeNote
            : "// Layer " + layer.Number + ", eq. 4: Δ" + l + " = (W" + next.Superscript + ")ᵀ·Δ" + next.Superscript + " ⊙ σ'(Z" + l + "), " + derivativeNote);
        if (layer.Buffered)
        {
            _writer.WriteLine(Number.Span + " " + layer.DeltaBuffer + " = " + StackBuffer(layer.Neurons) + ";");
        }

        for (int j = 0; j < layer.Neurons; j++)
        {
            string? derivative = ActivationSyntax.Derivative(layer.Activation, layer.A(j), Number);
            string head = layer.Declare(T, layer.Delta(j)) + " = ";
            if (next is null)
            {
                _writer.WriteLine(head + (derivative is null ? Error(j) : Error(j) + " * (" + derivative + ")") + ";");
                continue;
            }

            // Column j of Wˡ⁺¹ meets row j of (Wˡ⁺¹)ᵀ: the weights from neuron j to every neuron of the next layer.
            var terms = Enumerable.Range(0, next.Neurons)
                .Select(i => next.WeightSpan + "[" + next.WeightIndex(i, j) + "] * " + next.Delta(i))
                .ToList();
            if (derivative is null)
            {
                WriteSumStatement(head, terms, ";");
            }
            else if (terms.Count == 1)
            {
                _writer.WriteLine(head + terms[0] + " * (" + derivative + ");");
            }
            else
            {
                WriteSumStatement(head + "(", terms, ") * (" + derivative + ");");
            }
        }
    }

    /// <summary>
    /// Eq. 3 where the loss or the softmax changes its form: δ = Aᴸ − Y for each cross-entropy with its
    /// output, and the softmax's full Jacobian under the quadratic cost (docs/math.md §3.2). False for eq. 3
    /// in its general form, (Aᴸ − Y) ⊙ σ'(Zᴸ).
    /// </summary>
    private bool WriteOutputDeltasOfLoss(LayerPlan layer)
    {
        string l = layer.Superscript;
        if (Model.Loss == Loss.CrossEntropy)
        {
            _writer.WriteLine();
            _writer.WriteLine("// Layer " + layer.Number + ", eq. 3 for cross-entropy over a softmax: δ_j = Σ_i ∂C/∂a_i · ∂a_i/∂z_j");
            _writer.WriteLine("// = Σ_i (−y_i / a_i) · a_i(1[i = j] − a_j) = a_j·Σ_i y_i − y_j = a_j − y_j, the targets adding up to 1:");
            _writer.WriteLine("// Δ" + l + " = A" + l + " − Y.");
        }
        else if (Model.Loss == Loss.BinaryCrossEntropy)
        {
            _writer.WriteLine();
            _writer.WriteLine("// Layer " + layer.Number + ", eq. 3 for binary cross-entropy over a sigmoid: ∂C/∂a_j = (a_j − y_j) / (a_j(1 − a_j))");
            _writer.WriteLine("// and σ'(z_j) = a_j(1 − a_j), so Δ" + l + " = A" + l + " − Y.");
        }
        else if (layer.Activation == Activation.Softmax)
        {
            _writer.WriteLine();
            _writer.WriteLine("// Layer " + layer.Number + ", eq. 3 with the softmax's Jacobian ∂a_i/∂z_j = a_i(1[i = j] − a_j), which couples");
            _writer.WriteLine("// the outputs: δ_j = Σ_i e_i·a_i(1[i = j] − a_j) = a_j·(e_j − Σ_i e_i·a_i).");
            WriteSumStatement(
                T + " errorDotA" + layer.Number + " = ",
                Enumerable.Range(0, layer.Neurons).Select(j => Error(j) + " * " + layer.A(j)).ToList(),
                ";");
            for (int j = 0; j < layer.Neurons; j++)
            {
                _writer.WriteLine(layer.Declare(T, layer.Delta(j)) + " = " + layer.A(j) + " * (" + Error(j) + " - errorDotA" + layer.Number + ");");
            }

            return true;
        }
        else
        {
            return false;
        }

        for (int j = 0; j < layer.Neurons; j++)
        {
            _writer.WriteLine(layer.Declare(T, layer.Delta(j)) + " = " + Error(j) + ";");
        }

        return true;
    }

    /// <summary>Eq. 5 and 6 for one layer, added into the caller's gradient.</summary>
    private void WriteGradient(LayerPlan layer)
    {
        string l = layer.Superscript;
        _writer.WriteLine();
        _writer.WriteLine("// Layer " + layer.Number + ", eq. 5 and 6: ∂C/∂W" + l + " = Δ" + l + "·(A" + layer.PreviousSuperscript + ")ᵀ and ∂C/∂B" + l
            + " = Δ" + l + ", added to the gradient.");
        _writer.WriteLine(Number.Span + " " + layer.WeightGradientSpan + " = gradient.Slice(" + layer.WeightOffset + ", " + layer.WeightCount + ");");
        _writer.WriteLine(Number.Span + " " + layer.BiasGradientSpan + " = gradient.Slice(" + layer.BiasOffset + ", " + layer.Neurons + ");");
        if (layer.IsVector)
        {
            WriteVectorGradient(layer);
            return;
        }

        WriteForEachParameter(
            layer,
            (j, k) => layer.WeightGradientSpan + "[" + layer.WeightIndex(j, k) + "] += " + layer.Delta(j) + " * " + layer.PreviousA(k) + ";",
            j => layer.BiasGradientSpan + "[" + j + "] += " + layer.Delta(j) + ";");
    }

    /// <summary>
    /// Writes one statement per weight w_jk and per bias b_j of a layer, row by row: the shape of eq. 5
    /// and 6, whether they add to a gradient or step the parameters.
    /// </summary>
    private void WriteForEachParameter(LayerPlan layer, Func<int, int, string> weight, Func<int, string> bias)
    {
        switch (layer.Shape)
        {
            case LayerShape.ScalarUnrolled:
                for (int j = 0; j < layer.Neurons; j++)
                {
                    for (int k = 0; k < layer.Inputs; k++)
                    {
                        _writer.WriteLine(weight(j, k));
                    }

                    _writer.WriteLine(bias(j));
                }

                break;
            default:
                throw new InvalidOperationException("Eq. 5 and 6 for shape " + layer.Shape + " are written by its own method.");
        }
    }
}
