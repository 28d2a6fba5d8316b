using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

internal sealed partial class NetworkEmitter
{
    private void WriteTrainStep()
    {
        WriteMemberHeader("<inheritdoc/>");
        using (_writer.WriteBlock("public " + T + " " + GeneratedMembers.TrainStep + "(" + Number.ReadOnlySpan + " input, "
            + Number.ReadOnlySpan + " target, " + T + " learningRate)"))
        {
            WriteLengthCheck("input", GeneratedMembers.InputSize);
            WriteLengthCheck("target", GeneratedMembers.OutputSize);
            _writer.WriteLine("global::Backprop.CompilerServices.NetworkGuard.ThrowIfInvalidLearningRate(learningRate);");
            _writer.WriteLine();
            _writer.WriteLine("// An infinite input can saturate σ and keep the cost finite, while eq. 5 would multiply it by a");
            _writer.WriteLine("// zero σ' into NaN: the input is checked before anything else.");
            _writer.WriteLine("global::Backprop.CompilerServices.NetworkGuard.ThrowIfNotFinite(input, \"input\");");
            _writer.WriteLine();
            WriteParameterSpans(writable: true);
            WriteForwardPass();
            WriteCost();
            using (_writer.WriteBlock("if (!global::Backprop.CompilerServices.NetworkGuard.IsFinite(cost))"))
            {
                _writer.WriteLine("global::Backprop.CompilerServices.NetworkGuard.ThrowNonFiniteCost(cost, input, target, " + ParametersAs(GeneratedMembers.ParametersField) + ", row: -1);");
            }

            // Every δ is computed before any weight moves: eq. 4 needs the weights as they were.
            WriteDeltas();
            foreach (LayerPlan layer in _plan.Layers)
            {
                WriteUpdate(layer);
            }

            _writer.WriteLine();
            _writer.WriteLine("return cost;");
        }
    }

    /// <summary>Eq. 5 and 6 applied at once as a gradient-descent step, without storing the gradient.</summary>
    private void WriteUpdate(LayerPlan layer)
    {
        string l = layer.Superscript;
        _writer.WriteLine();
        _writer.WriteLine("// Layer " + layer.Number + ", eq. 5 and 6 as an SGD step: W" + l + " −= η·Δ" + l + "·(A" + layer.PreviousSuperscript
            + ")ᵀ and B" + l + " −= η·Δ" + l + ".");
        // Each step is η times the very product Backward adds to the gradient, so that TrainStep equals
        // Backward followed by θ −= η·g to the last bit.
        if (layer.IsVector)
        {
            WriteVectorUpdate(layer);
            return;
        }

        WriteForEachParameter(
            layer,
            (j, k) => layer.WeightSpan + "[" + layer.WeightIndex(j, k) + "] -= learningRate * (" + layer.Delta(j) + " * " + layer.PreviousA(k) + ");",
            j => layer.BiasSpan + "[" + j + "] -= learningRate * " + layer.Delta(j) + ";");
    }

    private void WriteTrainBatch()
    {
        WriteMemberHeader("<inheritdoc/>");
        using (_writer.WriteBlock("public " + T + " " + GeneratedMembers.TrainBatch + "(" + Number.ReadOnlySpan + " inputs, "
            + Number.ReadOnlySpan + " targets, " + T + " learningRate)"))
        {
            _writer.WriteLine("int rows = global::Backprop.CompilerServices.NetworkGuard.CountBatchRows(inputs.Length, targets.Length, "
                + GeneratedMembers.InputSize + ", " + GeneratedMembers.OutputSize + ");");
            _writer.WriteLine("global::Backprop.CompilerServices.NetworkGuard.ThrowIfInvalidLearningRate(learningRate);");
            _writer.WriteLine();
            if (_plan.BatchGradientOnStack)
            {
                _writer.WriteLine("// §4: the rows' gradients are summed on the stack, then averaged into one update, so a");
                _writer.WriteLine("// failing row leaves the parameters as they were. Cleared explicitly: under [SkipLocalsInit]");
                _writer.WriteLine("// stack memory starts with whatever was there.");
                _writer.WriteLine(Number.Span + " gradient = " + (_plan.AlignsMemory
                    ? StackBuffer(GeneratedMembers.ParameterCount)
                    : "stackalloc " + T + "[" + GeneratedMembers.ParameterCount + "]") + ";");
            }
            else
            {
                _writer.WriteLine("// §4: the rows' gradients are summed in the network's own buffer, then averaged into one update,");
                _writer.WriteLine("// so a failing row leaves the parameters as they were.");
                _writer.WriteLine(Number.Span + " gradient = global::Backprop.CompilerServices.AlignedMemory.Aligned(" + GeneratedMembers.BatchGradientField + ", " + GeneratedMembers.ParameterCount + ");");
            }

            _writer.WriteLine("gradient.Clear();");
            _writer.WriteLine(T + " totalCost = " + Number.Literal(0) + ";");
            _writer.WriteLine("int row = 0;");
            if (_plan.UsesRowPasses)
            {
                _writer.WriteLine();
                _writer.WriteLine("// Four rows at a time, each row of the weights and of the gradient read once for the four. A row");
                _writer.WriteLine("// that fails stops the pass with the gradient untouched, and the loop below meets it alone.");
                _writer.WriteLine(Number.Span + " costs = stackalloc " + T + "[" + RowsPerPass + "];");
                using (_writer.WriteBlock("for (; row + " + RowsPerPass + " <= rows; row += " + RowsPerPass + ")"))
                {
                    using (_writer.WriteBlock("if (!" + GeneratedMembers.BackwardFour + "(inputs.Slice(row * " + GeneratedMembers.InputSize + ", " + RowsPerPass + " * " + GeneratedMembers.InputSize
                        + "), targets.Slice(row * " + GeneratedMembers.OutputSize + ", " + RowsPerPass + " * " + GeneratedMembers.OutputSize + "), gradient, costs))"))
                    {
                        _writer.WriteLine("break;");
                    }

                    _writer.WriteLine();
                    _writer.WriteLine("totalCost += costs[0];");
                    _writer.WriteLine("totalCost += costs[1];");
                    _writer.WriteLine("totalCost += costs[2];");
                    _writer.WriteLine("totalCost += costs[3];");
                }

                _writer.WriteLine();
            }

            using (_writer.WriteBlock("for (; row < rows; row++)"))
            {
                _writer.WriteLine(Number.ReadOnlySpan + " input = inputs.Slice(row * " + GeneratedMembers.InputSize + ", " + GeneratedMembers.InputSize + ");");
                _writer.WriteLine(Number.ReadOnlySpan + " target = targets.Slice(row * " + GeneratedMembers.OutputSize + ", " + GeneratedMembers.OutputSize + ");");
                _writer.WriteLine(T + " cost = " + GeneratedMembers.BackwardCore + "(input, target, gradient);");
                using (_writer.WriteBlock("if (!global::Backprop.CompilerServices.NetworkGuard.IsFinite(cost))"))
                {
                    _writer.WriteLine("global::Backprop.CompilerServices.NetworkGuard.ThrowNonFiniteCost(cost, input, target, " + ParametersAs(GeneratedMembers.ParametersField) + ", row);");
                }

                _writer.WriteLine();
                _writer.WriteLine("totalCost += cost;");
            }

            _writer.WriteLine();
            _writer.WriteLine("// θ −= (η / m)·Σ ∂C/∂θ, the mean gradient of the m rows.");
            _writer.WriteLine(T + " scale = learningRate / rows;");
            _writer.WriteLine(Number.Span + " p = " + ParametersAs("new " + Number.Span + "(" + GeneratedMembers.ParametersField + ", 0, " + GeneratedMembers.ParameterCount + ")") + ";");
            _writer.WriteLine("global::Backprop.CompilerServices.VectorKernels.SubtractScaled(p, scale, gradient);");

            _writer.WriteLine();
            _writer.WriteLine("return totalCost / rows;");
        }
    }
}
