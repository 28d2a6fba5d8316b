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
        using (_writer.WriteBlock($"public {Scalar} {GeneratedMembers.TrainBatch}({ReadOnlySpan} inputs, {ReadOnlySpan} targets, {Scalar} learningRate, {WorkersParameter})"))
        {
            _writer.WriteLine($"int rows = {RuntimeTypes.NetworkGuard}.CountBatchRows(inputs.Length, targets.Length, {GeneratedMembers.InputSize}, {GeneratedMembers.OutputSize});");
            _writer.WriteLine($"{RuntimeTypes.NetworkGuard}.ThrowIfInvalidLearningRate(learningRate);");
            _writer.WriteLine();
            _writer.WriteLine("// §4: θ −= (η / m)·Σ ∂C/∂θ, one update along the mean gradient of the m rows, which leaves the parameters as");
            _writer.WriteLine("// they were if a row fails; written θ + (−η / m)·Σ, the same bits.");
            _writer.WriteLine($"{Span} p = {ParametersAs($"new {Span}({GeneratedMembers.ParametersField}, 0, {GeneratedMembers.ParameterCount})")};");
            _writer.WriteLine($"{Scalar} totalCost = {GeneratedMembers.BackwardRows}(inputs, targets, p, -(learningRate / rows), default, workers);");
            _writer.WriteLine("return totalCost / rows;");
        }
    }
}
