using Backprop.Generator.Helpers;
using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

/// <summary>
/// ForwardBatch, and the forward pass over several rows that ForwardBatch and the block path share. For a
/// network of vector loops each layer of several rows is one <c>MultiplyAddRows</c>, which reads every weight
/// once for four rows, and every input once for four neurons with AVX-512 or for two with AVX2. Other networks
/// keep their weights in registers or the L1 cache anyway, and run the rows one at a time. With
/// <c>BatchWorkers</c>, the rows are shared among the threads in groups of four.
/// </summary>
internal sealed partial class NetworkEmitter
{
    private const int RowsPerPass = SharedConstants.RowsPerPass;

    /// <summary>What a row costs besides its multiply-adds, counted as multiply-adds when a phase's work is weighed (BatchWorkers.MinimumWork).</summary>
    private const int RowWork = 1024;

    private string WorkersParameter => $"{RuntimeTypes.BatchWorkers}? workers = null";

    private void WriteForwardBatch()
    {
        WriteMemberHeader("<inheritdoc/>");
        using (_writer.WriteBlock($"public void {GeneratedMembers.ForwardBatch}({ReadOnlySpan} inputs, {Span} outputs, {WorkersParameter})"))
        {
            _writer.WriteLine($"int rows = {RuntimeTypes.NetworkGuard}.CountBatchRows(inputs.Length, outputs.Length, {GeneratedMembers.InputSize}, {GeneratedMembers.OutputSize}, \"outputs\");");
            _writer.WriteLine();
            _writer.WriteLine("// Every row is checked before any output is written.");
            _writer.WriteLine($"{RuntimeTypes.NetworkGuard}.ThrowIfNotFiniteBatch(inputs, \"inputs\", {GeneratedMembers.InputSize});");
            _writer.WriteLine();
            _writer.WriteLine("// On this thread, or shared among the workers by rows, four at a time, if the rows are work enough");
            _writer.WriteLine("// (BatchWorkers.MinimumWork): the same bits either way.");
            _writer.WriteLine($"long work = rows * ({GeneratedMembers.ForwardMultiplyAdds} + {RowWork});");
            _writer.WriteLine($"{RuntimeTypes.BatchDispatch}.Run(workers, work, this, {RuntimeTypes.BatchPhase}.Forward, inputs, default, outputs, {Number.Literal(0)});");
        }

        _writer.WriteLine();
        _writer.WriteLine("// Eq. 1 and 2 for ForwardBatch's rows, or a worker's share of them.");
        using (_writer.WriteBlock($"private void {GeneratedMembers.ForwardRows}({ReadOnlySpan} inputs, {Span} outputs)"))
        {
            _writer.WriteLine($"int rows = inputs.Length / {GeneratedMembers.InputSize};");
            if (Plan.UsesRowPasses)
            {
                _writer.WriteLine("int row = 0;");
                _writer.WriteLine("// Four rows at a time, each weight read once for the four.");
                using (_writer.WriteBlock($"for (; row + {RowsPerPass} <= rows; row += {RowsPerPass})"))
                {
                    _writer.WriteLine($"{GeneratedMembers.ForwardFourRows}(inputs.Slice(row * {GeneratedMembers.InputSize}, {RowsPerPass} * {GeneratedMembers.InputSize}), outputs.Slice(row * {GeneratedMembers.OutputSize}, {RowsPerPass} * {GeneratedMembers.OutputSize}));");
                }

                _writer.WriteLine();
                _writer.WriteLine("// Eq. 1 and 2 for each row the four-row pass left.");
            }
            else
            {
                _writer.WriteLine();
                _writer.WriteLine("// Eq. 1 and 2 for each row.");
            }

            using (_writer.WriteBlock(Plan.UsesRowPasses ? "for (; row < rows; row++)" : "for (int row = 0; row < rows; row++)"))
            {
                _writer.WriteLine($"{GeneratedMembers.Forward}(inputs.Slice(row * {GeneratedMembers.InputSize}, {GeneratedMembers.InputSize}), outputs.Slice(row * {GeneratedMembers.OutputSize}, {GeneratedMembers.OutputSize}));");
            }
        }
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
            WriteRowsForward("inputs", Invariant.Format($"{RowsPerPass}"), block: null);
            if (output.Layer.KeepsWeightedSums)
            {
                _writer.WriteLine();
                using (_writer.WriteBlock($"for (int r = 0; r < {RowsPerPass}; r++)"))
                {
                    WriteRowSlices(output.Layer, "r", activations: true, sums: true, deltas: false, dropoutFactors: false);
                    output.WriteRowActivationsOfKeptSums();
                }
            }

            _writer.WriteLine();
            _writer.WriteLine($"{output.Layer.ActivationBuffer}.CopyTo(outputs);");
        }
    }

    /// <summary>
    /// Eq. 1 and 2 for <paramref name="rows"/> rows (a number, or <c>count</c>), from <paramref name="inputs"/>:
    /// one <c>MultiplyAddRows</c> per layer, then σ over the rows. The layers' buffers are on the stack, four rows
    /// long, or with a <paramref name="block"/> the rows' slices of the block buffer, after which eq. 2′ applies
    /// the masks drawn already to each layer with dropout.
    /// </summary>
    private void WriteRowsForward(string inputs, string rows, BatchBlock? block)
    {
        _writer.WriteLine();
        _writer.WriteLine("// Layer 1: the rows of A¹, one after another.");
        _writer.WriteLine($"{ReadOnlySpan} {Plan.Layers[0].PreviousActivationBuffer} = {inputs};");
        foreach (IRowPassWriter writer in _rowPassLayers)
        {
            LayerPlan layer = writer.Layer;
            _writer.WriteLine();
            _writer.WriteLine($"// Layer {layer.Number}, eq. 1 and 2 for the rows: {layer.Symbols.Z} of the rows in one call, which reads each weight once for four rows.");
            string destination = layer.KeepsWeightedSums ? layer.SumBuffer : layer.ActivationBuffer;
            if (layer.KeepsWeightedSums)
            {
                WriteRowsBuffer(layer, layer.SumBuffer, block);
            }

            WriteRowsBuffer(layer, layer.ActivationBuffer, block);
            _writer.WriteLine($"{RuntimeTypes.VectorKernels}.MultiplyAddRows({layer.WeightSpan}, {layer.PreviousActivationBuffer}, {layer.BiasSpan}, {destination}, {rows});");
            if (!layer.KeepsWeightedSums && layer.Activation != Activation.Linear && !writer.UsesVectorActivation)
            {
                _writer.WriteLine();
                using (_writer.WriteBlock($"for (int i = 0; i < {layer.ActivationBuffer}.Length; i++)"))
                {
                    _writer.WriteLine($"{layer.ActivationBuffer}[i] = {ActivationSyntax.Function(layer.Activation)}({layer.ActivationBuffer}[i]);");
                }
            }

            if (writer.UsesVectorActivation)
            {
                writer.WriteVectorActivation();
            }

            if (block is not null && layer.HasDropout)
            {
                if (layer.KeepsMaskedDerivative)
                {
                    WriteRowsBuffer(layer, layer.MaskedDerivativeBuffer, block);
                }

                writer.WriteRowsDropout();
            }
        }
    }

    /// <summary>
    /// Declares a layer's buffer for the rows: four rows on the stack, or the slice of the block buffer that holds
    /// rows <c>start</c> to <c>start + count − 1</c>.
    /// </summary>
    private void WriteRowsBuffer(LayerPlan layer, string name, BatchBlock? block) =>
        _writer.WriteLine(block is null
            ? $"{Span} {name} = {_code.StackBuffer(RowsPerPass * layer.Neurons)};"
            : $"{Span} {name} = {RowsOfBlock(block, layer, name)};");

    /// <summary>Declares the current row's slices (row <paramref name="row"/>) of a layer's buffers of several rows.</summary>
    private void WriteRowSlices(LayerPlan layer, string row, bool activations, bool sums, bool deltas, bool dropoutFactors)
    {
        string slice = Invariant.Format($".Slice({row} * {layer.Neurons}, {layer.Neurons});");
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
}
