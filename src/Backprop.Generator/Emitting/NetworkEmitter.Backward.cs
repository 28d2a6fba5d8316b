using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

internal sealed partial class NetworkEmitter
{
    private void WriteBackward()
    {
        WriteMemberHeader("<inheritdoc/>");
        using (_writer.WriteBlock($"public {Scalar} {GeneratedMembers.Backward}({ReadOnlySpan} input, {ReadOnlySpan} target, {Span} gradient)"))
        {
            WriteLengthCheck("input", GeneratedMembers.InputSize);
            WriteLengthCheck("target", GeneratedMembers.OutputSize);
            WriteLengthCheck("gradient", GeneratedMembers.ParameterCount);
            _writer.WriteLine();
            WriteDropoutSave(separate: false);
            _writer.WriteLine($"{Scalar} cost = {GeneratedMembers.BackwardCore}(input, target, gradient);");
            using (_writer.WriteBlock($"if (!{RuntimeTypes.NetworkGuard}.IsFinite(cost))"))
            {
                WriteDropoutRestore();
                _writer.WriteLine($"{RuntimeTypes.NetworkGuard}.ThrowNonFiniteCost(cost, input, target, {ParametersAs(GeneratedMembers.ParametersField)}, row: -1);");
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
        using (_writer.WriteBlock($"private {Scalar} {GeneratedMembers.BackwardCore}({ReadOnlySpan} input, {ReadOnlySpan} target, {Span} gradient)"))
        {
            using (_writer.WriteBlock($"if (!{RuntimeTypes.NetworkGuard}.AllFinite(input))"))
            {
                _writer.WriteLine($"return {Scalar}.NaN;");
            }

            _writer.WriteLine();
            WriteParameterSpans(writable: false);
            WriteForwardPass(withDropout: true);
            WriteCost();
            using (_writer.WriteBlock($"if (!{RuntimeTypes.NetworkGuard}.IsFinite(cost))"))
            {
                _writer.WriteLine("return cost;");
            }

            WriteDeltas();
            foreach (ILayerWriter layer in _layers)
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
        _writer.WriteLine();
        OutputWriter.WriteCost();
    }

    /// <summary>
    /// Eq. 3 for the output layer, then eq. 4 down to layer 2, each δ a local or a buffer element. Eq. 4 takes
    /// the shape of the layer whose weights it reads: unrolled sums over the next layer's neurons, or
    /// loops over its rows.
    /// </summary>
    private void WriteDeltas()
    {
        OutputWriter.WriteOutputDeltas();
        for (int i = _layers.Count - 2; i >= 0; i--)
        {
            _layers[i + 1].WriteDeltasBelow(_layers[i].Layer);
        }
    }

    /// <summary>Eq. 5 and 6 for one layer, added into the caller's gradient.</summary>
    private void WriteGradient(ILayerWriter writer)
    {
        LayerPlan layer = writer.Layer;
        LayerSymbols math = layer.Symbols;
        _writer.WriteLine();
        _writer.WriteLine($"// Layer {layer.Number}, eq. 5 and 6: ∂C/∂{math.W} = {math.Delta}·({math.PreviousA})ᵀ and ∂C/∂{math.B} = {math.Delta}, added to the gradient.");
        _writer.WriteLine($"{Span} {layer.WeightGradientSpan} = gradient.Slice({layer.WeightOffset}, {layer.WeightCount});");
        _writer.WriteLine($"{Span} {layer.BiasGradientSpan} = gradient.Slice({layer.BiasOffset}, {layer.Neurons});");
        writer.WriteGradient();
    }
}
