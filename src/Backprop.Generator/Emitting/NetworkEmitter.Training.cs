using Backprop.Generator.Helpers;
using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

internal sealed partial class NetworkEmitter
{
    private void WriteTrainStep()
    {
        WriteMemberHeader("<inheritdoc/>");
        using (_writer.WriteBlock($"public {Scalar} {GeneratedMembers.TrainStep}({ReadOnlySpan} input, {ReadOnlySpan} target, {Scalar} learningRate)"))
        {
            WriteLengthCheck("input", GeneratedMembers.InputSize);
            WriteLengthCheck("target", GeneratedMembers.OutputSize);
            _writer.WriteLine($"{RuntimeTypes.NetworkGuard}.ThrowIfInvalidLearningRate(learningRate);");
            _writer.WriteLine($"{RuntimeTypes.NetworkGuard}.ThrowIfNotFinite(input, \"input\");");
            _writer.WriteLine();
            WriteParameterSpans(writable: true);
            WriteDropoutSave(separate: true);
            WriteForwardPass(withDropout: true);
            WriteCost();
            using (_writer.WriteBlock($"if (!{RuntimeTypes.NetworkGuard}.IsFinite(cost))"))
            {
                WriteDropoutRestore();
                _writer.WriteLine($"{RuntimeTypes.NetworkGuard}.ThrowNonFiniteCost(cost, input, target, {ParametersAs(GeneratedMembers.ParametersField)}, row: -1);");
            }

            // Every δ is computed before any weight moves: eq. 4 needs the weights as they were.
            WriteDeltas();
            foreach (ILayerWriter layer in _layers)
            {
                WriteUpdate(layer);
            }

            _writer.WriteLine();
            _writer.WriteLine("return cost;");
        }
    }

    /// <summary>Eq. 5 and 6 applied at once as a gradient-descent step, without storing the gradient.</summary>
    private void WriteUpdate(ILayerWriter writer)
    {
        LayerPlan layer = writer.Layer;
        LayerSymbols math = layer.Symbols;
        _writer.WriteLine();
        _writer.WriteLine($"// Layer {layer.Number}, eq. 5 and 6 as an SGD step: {math.W} −= η·{math.Delta}·({math.PreviousA})ᵀ and {math.B} −= η·{math.Delta}.");

        // Each step is η times the very product Backward adds to the gradient, so that TrainStep equals
        // Backward followed by θ −= η·g to the last bit.
        writer.WriteUpdate();
    }

    private void WriteTrainBatch()
    {
        WriteMemberHeader("<inheritdoc/>");
        using (_writer.WriteBlock($"public {Scalar} {GeneratedMembers.TrainBatch}({ReadOnlySpan} inputs, {ReadOnlySpan} targets, {Scalar} learningRate)"))
        {
            _writer.WriteLine($"int rows = {RuntimeTypes.NetworkGuard}.CountBatchRows(inputs.Length, targets.Length, {GeneratedMembers.InputSize}, {GeneratedMembers.OutputSize});");
            _writer.WriteLine($"{RuntimeTypes.NetworkGuard}.ThrowIfInvalidLearningRate(learningRate);");
            _writer.WriteLine();
            if (Plan.BatchGradientOnStack)
            {
                _writer.WriteLine("// §4: the rows' gradients are summed on the stack, then averaged into one update, so a");
                _writer.WriteLine("// failing row leaves the parameters as they were. Cleared explicitly: under [SkipLocalsInit]");
                _writer.WriteLine("// stack memory starts with whatever was there.");
                _writer.WriteLine(Plan.AlignsMemory
                    ? $"{Span} gradient = {_code.StackBuffer(GeneratedMembers.ParameterCount)};"
                    : $"{Span} gradient = stackalloc {Scalar}[{GeneratedMembers.ParameterCount}];");
            }
            else
            {
                _writer.WriteLine("// §4: the rows' gradients are summed in the network's own buffer, then averaged into one update,");
                _writer.WriteLine("// so a failing row leaves the parameters as they were.");
                _writer.WriteLine($"{Span} gradient = {RuntimeTypes.AlignedMemory}.Aligned({GeneratedMembers.BatchGradientField}, {GeneratedMembers.ParameterCount});");
            }

            _writer.WriteLine("gradient.Clear();");
            _writer.WriteLine($"{Scalar} totalCost = {Number.Literal(0)};");
            WriteDropoutSave(separate: true);
            if (Plan.UsesRowPasses)
            {
                _writer.WriteLine("int row = 0;");
                _writer.WriteLine();
                _writer.WriteLine("// Four rows at a time, each row of the weights and of the gradient read once for the four. A row");
                _writer.WriteLine("// that fails stops the pass with the gradient untouched, and the loop below meets it alone.");
                _writer.WriteLine($"{Span} costs = stackalloc {Scalar}[{RowsPerPass}];");
                using (_writer.WriteBlock($"for (; row + {RowsPerPass} <= rows; row += {RowsPerPass})"))
                {
                    string inputRows = Invariant.Format($"inputs.Slice(row * {GeneratedMembers.InputSize}, {RowsPerPass} * {GeneratedMembers.InputSize})");
                    string targetRows = Invariant.Format($"targets.Slice(row * {GeneratedMembers.OutputSize}, {RowsPerPass} * {GeneratedMembers.OutputSize})");
                    using (_writer.WriteBlock($"if (!{GeneratedMembers.BackwardFourRows}({inputRows}, {targetRows}, gradient, costs))"))
                    {
                        _writer.WriteLine("break;");
                    }

                    _writer.WriteLine();
                    for (int r = 0; r < RowsPerPass; r++)
                    {
                        _writer.WriteLine($"totalCost += costs[{r}];");
                    }
                }

                _writer.WriteLine();
            }

            using (WriteRowLoop("Eq. 1 to 6", ", its ∂C/∂θ added to gradient"))
            {
                _writer.WriteLine($"{ReadOnlySpan} input = inputs.Slice(row * {GeneratedMembers.InputSize}, {GeneratedMembers.InputSize});");
                _writer.WriteLine($"{ReadOnlySpan} target = targets.Slice(row * {GeneratedMembers.OutputSize}, {GeneratedMembers.OutputSize});");
                _writer.WriteLine($"{Scalar} cost = {GeneratedMembers.BackwardCore}(input, target, gradient);");
                using (_writer.WriteBlock($"if (!{RuntimeTypes.NetworkGuard}.IsFinite(cost))"))
                {
                    WriteDropoutRestore();
                    _writer.WriteLine($"{RuntimeTypes.NetworkGuard}.ThrowNonFiniteCost(cost, input, target, {ParametersAs(GeneratedMembers.ParametersField)}, row);");
                }

                _writer.WriteLine();
                _writer.WriteLine("totalCost += cost;");
            }

            _writer.WriteLine();
            _writer.WriteLine("// θ −= (η / m)·Σ ∂C/∂θ, the mean gradient of the m rows.");
            _writer.WriteLine($"{Scalar} scale = learningRate / rows;");
            _writer.WriteLine($"{Span} p = {ParametersAs($"new {Span}({GeneratedMembers.ParametersField}, 0, {GeneratedMembers.ParameterCount})")};");
            _writer.WriteLine($"{RuntimeTypes.VectorKernels}.SubtractScaled(p, scale, gradient);");

            _writer.WriteLine();
            _writer.WriteLine("return totalCost / rows;");
        }
    }
}
