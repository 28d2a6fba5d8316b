using Backprop.Generator.Helpers;
using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

/// <summary>
/// BackwardBatch, and the body it shares with TrainBatch. A network of vector loops takes the rows in blocks of
/// <see cref="BatchBlock.Rows"/>: eq. 1 to 4 for the block's rows into the block buffer (the Deltas phase, shared
/// among workers by rows), then eq. 5 and 6 for the whole block (the Gradient phase, shared by neurons), which
/// reads and writes each element of the gradient once per block. Each element still adds the rows one after
/// another in their order, so the bits are those of one Backward per row, however many threads share the work.
/// Other networks take the rows one at a time, on the calling thread.
/// </summary>
internal sealed partial class NetworkEmitter
{
    private void WriteBackwardBatch()
    {
        WriteMemberHeader("<inheritdoc/>");
        using (_writer.WriteBlock($"public {Scalar} {GeneratedMembers.BackwardBatch}({ReadOnlySpan} inputs, {ReadOnlySpan} targets, {Span} gradient, {Span} costs, {WorkersParameter})"))
        {
            _writer.WriteLine($"int rows = {RuntimeTypes.NetworkGuard}.CountBatchRows(inputs.Length, targets.Length, {GeneratedMembers.InputSize}, {GeneratedMembers.OutputSize});");
            WriteLengthCheck("gradient", GeneratedMembers.ParameterCount);
            _writer.WriteLine($"{RuntimeTypes.NetworkGuard}.ThrowIfWrongLength(\"costs\", costs.Length, rows, \"the number of rows\");");
            _writer.WriteLine();
            WriteBatchGradient("the rows' gradients are summed apart and added to gradient at the end, so that a failing row leaves it as it was.");
            _writer.WriteLine($"{Scalar} totalCost = {GeneratedMembers.BackwardRows}(inputs, targets, sum, costs, workers);");
            _writer.WriteLine();
            _writer.WriteLine("// gradient + Σ: for a gradient of zeros exactly Σ, the bits of one Backward per row.");
            _writer.WriteLine($"{RuntimeTypes.VectorKernels}.AddScaled(gradient, {Number.Literal(1)}, sum);");
            _writer.WriteLine("return totalCost;");
        }
    }

    /// <summary>
    /// Declares <c>sum</c>, the batch's summed gradient, cleared: on the stack, or in the network's own buffer
    /// when it is too large; <paramref name="why"/> completes the comment.
    /// </summary>
    private void WriteBatchGradient(string why)
    {
        if (Plan.BatchGradientOnStack)
        {
            _writer.WriteLine($"// §4: {why} On the stack, and cleared explicitly: under [SkipLocalsInit] stack memory starts with");
            _writer.WriteLine("// whatever was there.");
            _writer.WriteLine(Plan.AlignsMemory
                ? $"{Span} sum = {_code.StackBuffer(GeneratedMembers.ParameterCount)};"
                : $"{Span} sum = stackalloc {Scalar}[{GeneratedMembers.ParameterCount}];");
        }
        else
        {
            _writer.WriteLine($"// §4: {why} In the network's own buffer, too large for the stack.");
            _writer.WriteLine($"{Span} sum = {RuntimeTypes.AlignedMemory}.Aligned({GeneratedMembers.BatchGradientField}, {GeneratedMembers.ParameterCount});");
        }

        _writer.WriteLine("sum.Clear();");
    }

    /// <summary>
    /// The body of BackwardBatch and TrainBatch: adds every row's ∂C/∂θ to <c>gradient</c> in row order, writes
    /// the costs to <c>costs</c> unless it is empty, and returns their sum; throws at the first row whose input or
    /// cost is not finite, with DropoutRandom put back.
    /// </summary>
    private void WriteBackwardRows()
    {
        _writer.WriteLine();
        _writer.WriteLine("// Eq. 1 to 6 for every row, each row's ∂C/∂θ added to gradient in row order, its cost to costs (unless");
        _writer.WriteLine("// empty); returns the sum of the costs. Throws at the first row whose input or cost is not finite.");
        using (_writer.WriteBlock($"private {Scalar} {GeneratedMembers.BackwardRows}({ReadOnlySpan} inputs, {ReadOnlySpan} targets, {Span} gradient, {Span} costs, {RuntimeTypes.BatchWorkers}? workers)"))
        {
            _writer.WriteLine($"int rows = inputs.Length / {GeneratedMembers.InputSize};");
            _writer.WriteLine($"{Scalar} totalCost = {Number.Literal(0)};");
            WriteDropoutSave(separate: false);
            _writer.WriteLine($"{RuntimeTypes.BatchDispatch}.ThrowIfDisposed(workers);");
            if (Plan.UsesRowPasses)
            {
                WriteBlockLoop(new BatchBlock(Plan));
            }

            _writer.WriteLine();
            _writer.WriteLine(Plan.UsesRowPasses
                ? "// Eq. 1 to 6 for each row from the block that failed on, one at a time, so that the row that fails is named."
                : "// Eq. 1 to 6 for each row, its ∂C/∂θ added to gradient, on this thread: a row of unrolled layers is less work than a handoff.");
            using (_writer.WriteBlock(Plan.UsesRowPasses ? "for (; row < rows; row++)" : "for (int row = 0; row < rows; row++)"))
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
                using (_writer.WriteBlock("if (!costs.IsEmpty)"))
                {
                    _writer.WriteLine("costs[row] = cost;");
                }
            }

            _writer.WriteLine();
            _writer.WriteLine("return totalCost;");
        }
    }

    /// <summary>The loop over the blocks of rows, which stops at a block with a row that fails.</summary>
    private void WriteBlockLoop(BatchBlock block)
    {
        string rowsOfBlock = Invariant.Format($"{BatchBlock.Rows}");
        _writer.WriteLine();
        _writer.WriteLine("// The block buffer: allocated by the first block, and kept.");
        _writer.WriteLine(Invariant.Format($"{GeneratedMembers.BatchRowsField} ??= {RuntimeTypes.AlignedMemory}.Allocate<{Scalar}>({block.Length});"));
        _writer.WriteLine(Invariant.Format($"{Span} block = {RuntimeTypes.AlignedMemory}.Aligned({GeneratedMembers.BatchRowsField}, {block.Length});"));
        _writer.WriteLine(Invariant.Format($"{Span} blockCosts = block.Slice({block.CostsOffset}, {rowsOfBlock});"));
        _writer.WriteLine("int row = 0;");
        _writer.WriteLine();
        _writer.WriteLine($"// Blocks of up to {rowsOfBlock} rows: eq. 1 to 4 for the block's rows (shared among the workers by rows), then eq. 5");
        _writer.WriteLine("// and 6 for the block (shared by neurons), each element of the gradient read and written once per block. A");
        _writer.WriteLine("// block with a row whose input or cost is not finite leaves gradient untouched, and the loop below meets it.");
        using (_writer.WriteBlock($"for (; row < rows; row += {rowsOfBlock})"))
        {
            _writer.WriteLine($"int count = {RuntimeTypes.Math}.Min({rowsOfBlock}, rows - row);");
            _writer.WriteLine($"{ReadOnlySpan} blockInputs = inputs.Slice(row * {GeneratedMembers.InputSize}, count * {GeneratedMembers.InputSize});");
            _writer.WriteLine($"{ReadOnlySpan} blockTargets = targets.Slice(row * {GeneratedMembers.OutputSize}, count * {GeneratedMembers.OutputSize});");
            using (_writer.WriteBlock($"if (!{RuntimeTypes.NetworkGuard}.AllFinite(blockInputs))"))
            {
                _writer.WriteLine("break;");
            }

            if (Model.HasDropout)
            {
                _writer.WriteLine();
                _writer.WriteLine("// DropoutRandom before the block's masks, put back if a row fails, for the rows one at a time to draw them again.");
                _writer.WriteLine($"{RuntimeTypes.DeterministicRandom} blockStart = {DropoutField};");
                WriteBlockMaskDraws(block);
            }

            _writer.WriteLine();
            WriteBlockSharing();
            if (Model.HasDropout)
            {
                // Workers busy with another thread's batch throw before any part runs: the masks go back too.
                using (_writer.WriteBlock("try"))
                {
                    WriteBlockPhases();
                }

                using (_writer.WriteBlock("catch"))
                {
                    _writer.WriteLine($"{DropoutField} = {DropoutStart};");
                    _writer.WriteLine("throw;");
                }
            }
            else
            {
                WriteBlockPhases();
            }

            _writer.WriteLine();
            using (_writer.WriteBlock("for (int r = 0; r < count; r++)"))
            {
                _writer.WriteLine("totalCost += blockCosts[r];");
            }

            _writer.WriteLine();
            using (_writer.WriteBlock("if (!costs.IsEmpty)"))
            {
                _writer.WriteLine("blockCosts.Slice(0, count).CopyTo(costs.Slice(row, count));");
            }
        }
    }

    /// <summary>The block's two phases, and the check of its costs between them.</summary>
    private void WriteBlockPhases()
    {
        _writer.WriteLine($"{RuntimeTypes.BatchDispatch}.Run(workers, deltasWork, this, {RuntimeTypes.BatchPhase}.Deltas, blockInputs, blockTargets, default);");
        using (_writer.WriteBlock($"if (!{RuntimeTypes.NetworkGuard}.AllFinite(blockCosts.Slice(0, count)))"))
        {
            if (Model.HasDropout)
            {
                _writer.WriteLine($"{DropoutField} = blockStart;");
            }

            _writer.WriteLine("break;");
        }

        _writer.WriteLine();
        _writer.WriteLine($"{RuntimeTypes.BatchDispatch}.Run(workers, gradientWork, this, {RuntimeTypes.BatchPhase}.Gradient, blockInputs, default, gradient);");
    }

    /// <summary>
    /// Declares the block's two phases' work for BatchWorkers.MinimumWork: eq. 1 to 4 as a forward pass and a
    /// training step's rest; eq. 5 and 6 as a quarter of their multiply-adds, since each thread's share of the
    /// gradient and the rows it reads move between caches.
    /// </summary>
    private void WriteBlockSharing()
    {
        _writer.WriteLine("// The two phases' work, which BatchDispatch weighs against BatchWorkers.MinimumWork before it shares them;");
        _writer.WriteLine("// eq. 5 and 6 count a quarter, as their rows and gradient move between the threads' caches.");
        _writer.WriteLine($"long deltasWork = count * ({GeneratedMembers.ForwardMultiplyAdds} + {RowWork});");
        _writer.WriteLine($"long gradientWork = count * ({GeneratedMembers.TrainStepMultiplyAdds} - {GeneratedMembers.ForwardMultiplyAdds}) / 4;");
    }

    /// <summary>The Deltas phase: eq. 1 to 4 for rows <c>start</c> … <c>start + count − 1</c> of a block.</summary>
    private void WriteDeltasOfRows()
    {
        BatchBlock block = new(Plan);
        IRowPassWriter output = _rowPassLayers[_rowPassLayers.Count - 1];
        _writer.WriteLine();
        _writer.WriteLine("// The Deltas phase: eq. 1 to 4 for rows start … start + count − 1 of a block, their activations, δ and costs");
        _writer.WriteLine("// into the block buffer. A row whose cost is not finite gets that cost and no δ; BackwardRows sees it.");
        using (_writer.WriteBlock($"private void {GeneratedMembers.DeltasOfRows}({ReadOnlySpan} inputs, {ReadOnlySpan} targets, int start, int count)"))
        {
            using (_writer.WriteBlock("if (count == 0)"))
            {
                _writer.WriteLine("return;");
            }

            _writer.WriteLine();
            _writer.WriteLine(Invariant.Format($"{Span} block = {RuntimeTypes.AlignedMemory}.Aligned({GeneratedMembers.BatchRowsField}!, {block.Length});"));
            WriteParameterSpans(writable: false);
            foreach (LayerPlan layer in Plan.Layers)
            {
                if (layer.HasDropout)
                {
                    _writer.WriteLine($"{Span} {layer.MaskBuffer} = {RowsOfBlock(block, layer, layer.MaskBuffer)};");
                }
            }

            WriteRowsForward($"inputs.Slice(start * {GeneratedMembers.InputSize}, count * {GeneratedMembers.InputSize})", "count", block);
            _writer.WriteLine();
            _writer.WriteLine("// The rows' δ and costs.");
            foreach (LayerPlan layer in Plan.Layers)
            {
                WriteRowsBuffer(layer, layer.DeltaBuffer, block);
            }

            _writer.WriteLine(Invariant.Format($"{Span} costs = block.Slice({block.CostsOffset} + start, count);"));
            _writer.WriteLine();
            _writer.WriteLine("// Per row: the cost, eq. 3 and eq. 4.");
            using (_writer.WriteBlock("for (int r = 0; r < count; r++)"))
            {
                _writer.WriteLine($"{ReadOnlySpan} target = targets.Slice((start + r) * {GeneratedMembers.OutputSize}, {GeneratedMembers.OutputSize});");
                foreach (LayerPlan layer in Plan.Layers)
                {
                    WriteRowSlices(layer, "r", activations: true, sums: layer.KeepsWeightedSums, deltas: true, dropoutFactors: layer.HasDropout);
                }

                if (output.Layer.KeepsWeightedSums)
                {
                    output.WriteRowActivationsOfKeptSums();
                }

                _writer.WriteLine();
                output.WriteRowCost();
                _writer.WriteLine("costs[r] = cost;");
                using (_writer.WriteBlock($"if (!{RuntimeTypes.NetworkGuard}.IsFinite(cost))"))
                {
                    _writer.WriteLine("continue;");
                }

                output.WriteRowOutputDeltas();
                for (int i = _rowPassLayers.Count - 2; i >= 0; i--)
                {
                    _rowPassLayers[i + 1].WriteRowDeltasBelow(_rowPassLayers[i].Layer);
                }
            }
        }
    }

    /// <summary>The slice of the block buffer that holds rows <c>start</c> to <c>start + count − 1</c> of a layer's buffer.</summary>
    private static string RowsOfBlock(BatchBlock block, LayerPlan layer, string buffer)
    {
        int offset = block.OffsetOf(buffer);
        string start = offset == 0 ? Invariant.Format($"start * {layer.Neurons}") : Invariant.Format($"{offset} + (start * {layer.Neurons})");
        return Invariant.Format($"block.Slice({start}, count * {layer.Neurons})");
    }

    /// <summary>The Gradient phase: eq. 5 and 6 for a block's rows, a share of each layer's neurons.</summary>
    private void WriteGradientOfRows()
    {
        BatchBlock block = new(Plan);
        _writer.WriteLine();
        _writer.WriteLine("// The Gradient phase: eq. 5 and 6 for the block's rows, part of parts of each layer's neurons, each element");
        _writer.WriteLine("// of ∂C/∂W read and written once with the rows added in order.");
        using (_writer.WriteBlock($"private void {GeneratedMembers.GradientOfRows}({ReadOnlySpan} inputs, {Span} gradient, int part, int parts)"))
        {
            _writer.WriteLine($"int count = inputs.Length / {GeneratedMembers.InputSize};");
            _writer.WriteLine(Invariant.Format($"{ReadOnlySpan} block = {RuntimeTypes.AlignedMemory}.Aligned({GeneratedMembers.BatchRowsField}!, {block.Length});"));
            bool first = true;
            foreach (LayerPlan layer in Plan.Layers)
            {
                string below = layer.Number == 2
                    ? "inputs"
                    : Invariant.Format($"block.Slice({block.OffsetOf(layer.PreviousActivationBuffer)}, count * {layer.Inputs})");
                string deltas = Invariant.Format($"block.Slice({block.OffsetOf(layer.DeltaBuffer)}, count * {layer.Neurons})");
                _writer.WriteLine();
                _writer.WriteLine($"// Layer {layer.Number}: ∂C/∂{layer.Symbols.W} += Σ_rows {layer.Symbols.Delta}·({layer.Symbols.PreviousA})ᵀ, ∂C/∂{layer.Symbols.B} += Σ_rows {layer.Symbols.Delta}.");
                _writer.WriteLine(Invariant.Format($"{RuntimeTypes.BatchDispatch}.Share({layer.Neurons}, part, parts, {RowsPerPass}, out {(first ? "int " : "")}first, out {(first ? "int " : "")}neurons);"));
                _writer.WriteLine(Invariant.Format($"{RuntimeTypes.VectorKernels}.AddGradientRows(gradient.Slice({layer.WeightOffset}, {layer.WeightCount}), gradient.Slice({layer.BiasOffset}, {layer.Neurons}), {deltas}, {below}, count, first, neurons);"));
                first = false;
            }
        }
    }

    /// <summary>IBatchWork: the phases, each cut into parts by rows or by neurons.</summary>
    private void WriteRunPart()
    {
        _writer.WriteLine();
        _writer.WriteLine("// The batch phases, on this thread or a worker's: each part takes its own rows or neurons (IBatchWork).");
        using (_writer.WriteBlock($"void {RuntimeTypes.IBatchWork}<{Scalar}>.RunPart({RuntimeTypes.BatchPhase} phase, int part, int parts, {ReadOnlySpan} inputs, {ReadOnlySpan} targets, {Span} destination)"))
        {
            _writer.WriteLine($"{RuntimeTypes.BatchDispatch}.Share(inputs.Length / {GeneratedMembers.InputSize}, part, parts, {RowsPerPass}, out int start, out int count);");
            if (Plan.UsesRowPasses)
            {
                using (_writer.WriteBlock($"if (phase == {RuntimeTypes.BatchPhase}.Gradient)"))
                {
                    _writer.WriteLine($"{GeneratedMembers.GradientOfRows}(inputs, destination, part, parts);");
                }

                using (_writer.WriteBlock($"else if (phase == {RuntimeTypes.BatchPhase}.Deltas)"))
                {
                    _writer.WriteLine($"{GeneratedMembers.DeltasOfRows}(inputs, targets, start, count);");
                }

                using (_writer.WriteBlock("else"))
                {
                    WriteForwardRowsCall();
                }
            }
            else
            {
                _writer.WriteLine("// The only phase of a network with unrolled layers: Forward.");
                WriteForwardRowsCall();
            }
        }
    }

    private void WriteForwardRowsCall() =>
        _writer.WriteLine($"{GeneratedMembers.ForwardRows}(inputs.Slice(start * {GeneratedMembers.InputSize}, count * {GeneratedMembers.InputSize}), destination.Slice(start * {GeneratedMembers.OutputSize}, count * {GeneratedMembers.OutputSize}));");
}
