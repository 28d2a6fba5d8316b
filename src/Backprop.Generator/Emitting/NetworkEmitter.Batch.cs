using System.Linq;
using Backprop.Generator.Helpers;
using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

/// <summary>
/// The batch path: ForwardBatch, and TrainBatch's rows four at a time. For a network of vector loops every
/// row of every Wˡ is read once for four examples (one <c>MultiplyAddRows</c> per layer in eq. 1, one
/// <c>AddScaled4</c> per neuron in eq. 5), instead of once per example. Other networks keep their weights in
/// registers or the L1 cache anyway, and run the rows one at a time.
/// </summary>
internal sealed partial class NetworkEmitter
{
    private const int RowsPerPass = SharedConstants.RowsPerPass;

    private void WriteForwardBatch()
    {
        WriteMemberHeader("<inheritdoc/>");
        using (_writer.WriteBlock($"public void {GeneratedMembers.ForwardBatch}({ReadOnlySpan} inputs, {Span} outputs)"))
        {
            _writer.WriteLine($"int rows = {RuntimeTypes.NetworkGuard}.CountBatchRows(inputs.Length, outputs.Length, {GeneratedMembers.InputSize}, {GeneratedMembers.OutputSize}, \"outputs\");");
            _writer.WriteLine();
            _writer.WriteLine("// Every row is checked before any output is written.");
            _writer.WriteLine($"{RuntimeTypes.NetworkGuard}.ThrowIfNotFiniteBatch(inputs, \"inputs\", {GeneratedMembers.InputSize});");
            if (Plan.UsesRowPasses)
            {
                _writer.WriteLine("int row = 0;");
                _writer.WriteLine("// Four rows at a time, each row of the weights read once for the four.");
                using (_writer.WriteBlock($"for (; row + {RowsPerPass} <= rows; row += {RowsPerPass})"))
                {
                    _writer.WriteLine($"{GeneratedMembers.ForwardFourRows}(inputs.Slice(row * {GeneratedMembers.InputSize}, {RowsPerPass} * {GeneratedMembers.InputSize}), outputs.Slice(row * {GeneratedMembers.OutputSize}, {RowsPerPass} * {GeneratedMembers.OutputSize}));");
                }

                _writer.WriteLine();
            }

            using (WriteRowLoop("Eq. 1 and 2", ""))
            {
                _writer.WriteLine($"{GeneratedMembers.Forward}(inputs.Slice(row * {GeneratedMembers.InputSize}, {GeneratedMembers.InputSize}), outputs.Slice(row * {GeneratedMembers.OutputSize}, {GeneratedMembers.OutputSize}));");
            }
        }
    }

    /// <summary>
    /// Opens the loop of ForwardBatch and TrainBatch over the rows taken one at a time: those the four-row pass
    /// left (it declared <c>row</c>), or every row when there is no such pass, under the comment
    /// "// {equations} for each row[ the four-row pass left]{detail}.".
    /// </summary>
    private IndentedTextWriter.Block WriteRowLoop(string equations, string detail)
    {
        _writer.WriteLine();
        _writer.WriteLine(Plan.UsesRowPasses
            ? $"// {equations} for each row the four-row pass left{detail}."
            : $"// {equations} for each row{detail}.");
        return _writer.WriteBlock(Plan.UsesRowPasses ? "for (; row < rows; row++)" : "for (int row = 0; row < rows; row++)");
    }

    /// <summary>Eq. 1 and 2 for four rows; their outputs, one row after another.</summary>
    private void WriteForwardFourRows()
    {
        IRowPassWriter output = _rowPassLayers[_rowPassLayers.Count - 1];
        _writer.WriteLine();
        _writer.WriteLine("// Eq. 1 and 2 for four rows at once, for ForwardBatch: inputs and outputs hold four rows each.");
        using (_writer.WriteBlock($"private void {GeneratedMembers.ForwardFourRows}({ReadOnlySpan} inputs, {Span} outputs)"))
        {
            WriteParameterSpans(writable: false);
            WriteFourRowForward(withDropout: false);
            if (output.Layer.KeepsWeightedSums)
            {
                _writer.WriteLine();
                using (_writer.WriteBlock($"for (int r = 0; r < {RowsPerPass}; r++)"))
                {
                    WriteRowSlices(output.Layer, activations: true, sums: true, deltas: false, dropoutFactors: false);
                    output.WriteRowActivationsOfKeptSums();
                }
            }

            _writer.WriteLine();
            _writer.WriteLine($"{output.Layer.ActivationBuffer}.CopyTo(outputs);");
        }
    }

    /// <summary>
    /// Backpropagation of four rows, adding their gradients to <c>gradient</c>, for TrainBatch. False, with
    /// <c>gradient</c> untouched, when an input or a cost is not finite: TrainBatch then takes those rows one
    /// at a time and reports the first that fails.
    /// </summary>
    private void WriteBackwardFourRows()
    {
        IRowPassWriter output = _rowPassLayers[_rowPassLayers.Count - 1];
        _writer.WriteLine();
        _writer.WriteLine("// Eq. 1 to 6 for four rows at once, for TrainBatch: the rows' gradients are added to gradient and");
        _writer.WriteLine("// their costs written to costs. Returns false, before gradient is touched, if an input or a cost is not");
        _writer.WriteLine("// finite; TrainBatch then runs those rows one at a time to name the one that fails.");
        using (_writer.WriteBlock($"private bool {GeneratedMembers.BackwardFourRows}({ReadOnlySpan} inputs, {ReadOnlySpan} targets, {Span} gradient, {Span} costs)"))
        {
            using (_writer.WriteBlock($"if (!{RuntimeTypes.NetworkGuard}.AllFinite(inputs))"))
            {
                _writer.WriteLine("return false;");
            }

            _writer.WriteLine();
            WriteParameterSpans(writable: false);
            if (Model.HasDropout)
            {
                WriteDropoutSave(separate: true, when: "put back if a row fails, for the rows one at a time to draw the same masks");
                WriteMaskDraws(RowsPerPass);
            }

            WriteFourRowForward(withDropout: true);

            _writer.WriteLine();
            _writer.WriteLine("// The deltas of the four rows, one row after another in each buffer.");
            foreach (LayerPlan layer in Plan.Layers)
            {
                _writer.WriteLine($"{Span} {layer.DeltaBuffer} = {_code.StackBuffer(RowsPerPass * layer.Neurons)};");
            }

            _writer.WriteLine();
            _writer.WriteLine("// Per row: the cost, eq. 3 and eq. 4.");
            using (_writer.WriteBlock($"for (int r = 0; r < {RowsPerPass}; r++)"))
            {
                _writer.WriteLine($"{ReadOnlySpan} target = targets.Slice(r * {GeneratedMembers.OutputSize}, {GeneratedMembers.OutputSize});");
                foreach (LayerPlan layer in Plan.Layers)
                {
                    WriteRowSlices(layer, activations: true, sums: layer.KeepsWeightedSums, deltas: true, dropoutFactors: layer.HasDropout);
                }

                if (output.Layer.KeepsWeightedSums)
                {
                    output.WriteRowActivationsOfKeptSums();
                }

                _writer.WriteLine();
                output.WriteRowCost();
                using (_writer.WriteBlock($"if (!{RuntimeTypes.NetworkGuard}.IsFinite(cost))"))
                {
                    // The rows are taken again one at a time, and draw the same masks again.
                    WriteDropoutRestore();
                    _writer.WriteLine("return false;");
                }

                _writer.WriteLine();
                _writer.WriteLine("costs[r] = cost;");
                output.WriteRowOutputDeltas();
                for (int i = _rowPassLayers.Count - 2; i >= 0; i--)
                {
                    _rowPassLayers[i + 1].WriteRowDeltasBelow(_rowPassLayers[i].Layer);
                }
            }

            foreach (LayerPlan layer in Plan.Layers)
            {
                _writer.WriteLine();
                _writer.WriteLine($"// Layer {layer.Number}, eq. 5 and 6 for the four rows: each row of ∂C/∂{layer.Symbols.W} read and written once.");
                _writer.WriteLine($"{Span} {layer.WeightGradientSpan} = gradient.Slice({layer.WeightOffset}, {layer.WeightCount});");
                _writer.WriteLine($"{Span} {layer.BiasGradientSpan} = gradient.Slice({layer.BiasOffset}, {layer.Neurons});");
                using (_writer.WriteBlock(EmitterContext.ForEachNeuron(layer)))
                {
                    string[] deltas = Enumerable.Range(0, RowsPerPass).Select(r => RowElement(layer.DeltaBuffer, layer, r)).ToArray();
                    _writer.WriteLine($"{RuntimeTypes.VectorKernels}.AddScaled4({Row(layer.WeightGradientSpan, layer)}, {string.Join(", ", deltas)}, {layer.PreviousActivationBuffer});");
                    foreach (string delta in deltas)
                    {
                        _writer.WriteLine($"{layer.BiasGradientSpan}[j] += {delta};");
                    }
                }
            }

            _writer.WriteLine();
            _writer.WriteLine("return true;");
        }
    }

    /// <summary>
    /// Eq. 1 and 2 for four rows: one <c>MultiplyAddRows</c> per layer, which sums four neurons × four rows at a
    /// time where the machine has the registers, then σ over the four rows; for
    /// TrainBatch (<paramref name="withDropout"/>), eq. 2′ after each layer with dropout, on masks drawn already.
    /// </summary>
    private void WriteFourRowForward(bool withDropout)
    {
        _writer.WriteLine();
        _writer.WriteLine("// Layer 1: the four rows of A¹, one after another.");
        _writer.WriteLine($"{ReadOnlySpan} {Plan.Layers[0].PreviousActivationBuffer} = inputs;");
        foreach (IRowPassWriter writer in _rowPassLayers)
        {
            LayerPlan layer = writer.Layer;
            _writer.WriteLine();
            _writer.WriteLine($"// Layer {layer.Number}, eq. 1 and 2 for four rows: {layer.Symbols.Z} of the four rows in one call, which takes four neurons × four rows at a time.");
            string destination = layer.KeepsWeightedSums ? layer.SumBuffer : layer.ActivationBuffer;
            if (layer.KeepsWeightedSums)
            {
                _writer.WriteLine($"{Span} {layer.SumBuffer} = {_code.StackBuffer(RowsPerPass * layer.Neurons)};");
            }

            _writer.WriteLine($"{Span} {layer.ActivationBuffer} = {_code.StackBuffer(RowsPerPass * layer.Neurons)};");
            _writer.WriteLine($"{RuntimeTypes.VectorKernels}.MultiplyAddRows({layer.WeightSpan}, {layer.PreviousActivationBuffer}, {layer.BiasSpan}, {destination}, {RowsPerPass});");
            if (!layer.KeepsWeightedSums && layer.Activation != Activation.Linear && !writer.UsesVectorActivation)
            {
                _writer.WriteLine();
                using (_writer.WriteBlock($"for (int i = 0; i < {RowsPerPass * layer.Neurons}; i++)"))
                {
                    _writer.WriteLine($"{layer.ActivationBuffer}[i] = {ActivationSyntax.Function(layer.Activation)}({layer.ActivationBuffer}[i]);");
                }
            }

            if (writer.UsesVectorActivation)
            {
                writer.WriteVectorActivation();
            }

            if (withDropout && layer.HasDropout)
            {
                writer.WriteFourRowDropout();
            }
        }
    }

    /// <summary>Declares the current row's slices of a layer's four-row buffers.</summary>
    private void WriteRowSlices(LayerPlan layer, bool activations, bool sums, bool deltas, bool dropoutFactors)
    {
        string slice = Invariant.Format($".Slice(r * {layer.Neurons}, {layer.Neurons});");
        if (sums)
        {
            _writer.WriteLine($"{Span} {BufferNames.CurrentRow.Sums(layer)} = {layer.SumBuffer}{slice}");
        }

        if (activations)
        {
            _writer.WriteLine($"{Span} {BufferNames.CurrentRow.Activations(layer)} = {layer.ActivationBuffer}{slice}");
        }

        if (deltas)
        {
            _writer.WriteLine($"{Span} {BufferNames.CurrentRow.Deltas(layer)} = {layer.DeltaBuffer}{slice}");
        }

        if (dropoutFactors)
        {
            _writer.WriteLine($"{Span} {BufferNames.CurrentRow.DropoutFactors(layer)} = {layer.DropoutFactorBuffer}{slice}");
        }
    }

    /// <summary>Element j of row <paramref name="row"/> in a four-row buffer of <paramref name="layer"/>: <c>a3[j]</c>, <c>a3[10 + j]</c>.</summary>
    private static string RowElement(string buffer, LayerPlan layer, int row) =>
        row == 0 ? Invariant.Format($"{buffer}[j]") : Invariant.Format($"{buffer}[{row * layer.Neurons} + j]");

    /// <summary>Row j of a weight block: the weights into neuron j, a span of constant length.</summary>
    private static string Row(string block, LayerPlan layer) => Invariant.Format($"{block}.Slice(j * {layer.Inputs}, {layer.Inputs})");
}
