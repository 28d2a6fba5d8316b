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
            _writer.WriteLine("// §4: gradient + 1·Σ ∂C/∂θ, which leaves gradient as it was if a row fails; for a gradient of zeros exactly Σ,");
            _writer.WriteLine("// the bits of one Backward per row.");
            _writer.WriteLine($"return {GeneratedMembers.BackwardRows}(inputs, targets, gradient, {Number.Literal(1)}, costs, workers);");
        }
    }

    /// <summary>
    /// Declares <c>sum</c>, cleared, for the rows of a network of unrolled layers: on the stack, or in the network's
    /// own buffer when it is too large.
    /// </summary>
    private void WriteRowSum()
    {
        _writer.WriteLine();
        if (Plan.BatchGradientOnStack)
        {
            _writer.WriteLine("// The rows' ∂C/∂θ are summed apart, on the stack, and cleared first: under [SkipLocalsInit] stack memory");
            _writer.WriteLine("// starts with whatever was there.");
            _writer.WriteLine(Plan.AlignsMemory
                ? $"{Span} sum = {_code.StackBuffer(GeneratedMembers.ParameterCount)};"
                : $"{Span} sum = stackalloc {Scalar}[{GeneratedMembers.ParameterCount}];");
        }
        else
        {
            _writer.WriteLine("// The rows' ∂C/∂θ are summed apart, in the network's own buffer, too large for the stack.");
            _writer.WriteLine($"{Span} sum = {RuntimeTypes.AlignedMemory}.Aligned({GeneratedMembers.BatchGradientField}, {GeneratedMembers.ParameterCount});");
        }

        _writer.WriteLine("sum.Clear();");
    }

    /// <summary>Sets <c>sum</c> to the network's own buffer for the sum of a batch's blocks, allocated on first use, cleared.</summary>
    private void WriteKeptSum()
    {
        _writer.WriteLine($"sum = {RuntimeTypes.AlignedMemory}.Kept(ref {GeneratedMembers.BatchGradientField}, {GeneratedMembers.ParameterCount});");
        _writer.WriteLine("sum.Clear();");
    }

    /// <summary>
    /// The body of BackwardBatch and TrainBatch: sums every row's ∂C/∂θ in row order, adds the sum times
    /// <c>factor</c> to <c>destination</c>, writes the costs to <c>costs</c> unless it is empty, and returns their
    /// sum; throws at the first row whose input or cost is not finite, with destination untouched and
    /// DropoutRandom put back.
    /// </summary>
    private void WriteBackwardRows()
    {
        _writer.WriteLine();
        _writer.WriteLine("// Eq. 1 to 6 for every row, their ∂C/∂θ summed in row order and the sum, times factor, added to destination;");
        _writer.WriteLine("// each row's cost to costs (unless empty). Returns the sum of the costs. Throws at the first row whose input or");
        _writer.WriteLine("// cost is not finite, before destination is touched.");
        using (_writer.WriteBlock($"private {Scalar} {GeneratedMembers.BackwardRows}({ReadOnlySpan} inputs, {ReadOnlySpan} targets, {Span} destination, {Scalar} factor, {Span} costs, {RuntimeTypes.BatchWorkers}? workers)"))
        {
            _writer.WriteLine($"int rows = inputs.Length / {GeneratedMembers.InputSize};");
            _writer.WriteLine($"{Scalar} totalCost = {Number.Literal(0)};");
            WriteDropoutSave(separate: false);
            _writer.WriteLine($"{RuntimeTypes.BatchDispatch}.ThrowIfDisposed(workers);");
            if (Plan.UsesRowPasses)
            {
                WriteBlockLoop(new BatchBlock(Plan));
                _writer.WriteLine();
                using (_writer.WriteBlock("if (row >= rows)"))
                {
                    _writer.WriteLine("return totalCost;");
                }

                _writer.WriteLine();
                _writer.WriteLine("// Eq. 1 to 6 for each row from the block that failed on, one at a time, so that the row that fails is named;");
                _writer.WriteLine("// into sum, which a batch of one block has yet to take.");
                using (_writer.WriteBlock("if (sum.IsEmpty)"))
                {
                    WriteKeptSum();
                }

                _writer.WriteLine();
            }
            else
            {
                WriteRowSum();
                _writer.WriteLine();
                _writer.WriteLine("// Eq. 1 to 6 for each row, its ∂C/∂θ added to sum, on this thread: a row of unrolled layers is less work than a handoff.");
            }

            using (_writer.WriteBlock(Plan.UsesRowPasses ? "for (; row < rows; row++)" : "for (int row = 0; row < rows; row++)"))
            {
                _writer.WriteLine($"{ReadOnlySpan} input = inputs.Slice(row * {GeneratedMembers.InputSize}, {GeneratedMembers.InputSize});");
                _writer.WriteLine($"{ReadOnlySpan} target = targets.Slice(row * {GeneratedMembers.OutputSize}, {GeneratedMembers.OutputSize});");
                _writer.WriteLine($"{Scalar} cost = {GeneratedMembers.BackwardCore}(input, target, sum);");
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
            _writer.WriteLine(Plan.UsesRowPasses
                ? "// Not reached while a row that fails in its block also fails alone, as every row does: the sum, times factor, into destination."
                : "// The sum, times factor, into destination.");
            _writer.WriteLine($"{RuntimeTypes.VectorKernels}.AddScaled(destination, factor, sum);");
            _writer.WriteLine("return totalCost;");
        }
    }

    /// <summary>
    /// Where a block's rows that do not start on a 64-byte boundary are copied to, by the parts of the Deltas phase:
    /// the block buffer, where they do. The kernels read every row once per two neurons (eq. 1) and once per six
    /// (eq. 5), and half of those loads would straddle two cache lines. The copy changes no value, so no bit. Decided
    /// here once, since the caller's memory may move: the Deltas phase copies only when given the place.
    /// </summary>
    private void WriteInputStaging(BatchBlock block)
    {
        _writer.WriteLine();
        _writer.WriteLine("// Rows that do not start on a 64-byte boundary: the Deltas phase copies them into the block buffer, where they do,");
        _writer.WriteLine("// and both phases read the copies. Eq. 1 reads each row once per two neurons and eq. 5 once per six, and half of");
        _writer.WriteLine("// those vector loads would straddle two cache lines.");
        _writer.WriteLine(Invariant.Format($"{Span} staged = {RuntimeTypes.AlignedMemory}.StartsOnBoundary(blockInputs) ? default : block.Slice({block.InputsOffset}, count * {GeneratedMembers.InputSize});"));
    }

    /// <summary>The loop over the blocks of rows, which stops at a block with a row that fails.</summary>
    private void WriteBlockLoop(BatchBlock block)
    {
        string rowsOfBlock = Invariant.Format($"{BatchBlock.Rows}");
        _writer.WriteLine();
        _writer.WriteLine("// The block buffer: allocated by the first block, and kept.");
        _writer.WriteLine(Invariant.Format($"{Span} block = {RuntimeTypes.AlignedMemory}.Kept(ref {GeneratedMembers.BatchRowsField}, {block.Length});"));
        _writer.WriteLine(Invariant.Format($"{Span} blockCosts = block.Slice({block.CostsOffset}, {rowsOfBlock});"));
        _writer.WriteLine("int row = 0;");
        _writer.WriteLine();
        _writer.WriteLine("// The sum of the blocks before the last, in the network's own buffer: a batch of one block does without.");
        _writer.WriteLine($"{Span} sum = default;");
        using (_writer.WriteBlock($"if (rows > {rowsOfBlock})"))
        {
            WriteKeptSum();
        }

        _writer.WriteLine();
        _writer.WriteLine($"// Blocks of up to {rowsOfBlock} rows: eq. 1 to 4 for the block's rows (shared among the workers by rows), then eq. 5");
        _writer.WriteLine("// and 6 for the block (shared by neurons), each element read and written once per block: added to sum, or for");
        _writer.WriteLine("// the last block added with sum, times factor, to destination in the same pass. A block with a row whose input");
        _writer.WriteLine("// or cost is not finite leaves sum and destination untouched, and the loop below meets it.");
        using (_writer.WriteBlock($"for (; row < rows; row += {rowsOfBlock})"))
        {
            _writer.WriteLine($"int count = {RuntimeTypes.Math}.Min({rowsOfBlock}, rows - row);");
            _writer.WriteLine($"{ReadOnlySpan} blockInputs = inputs.Slice(row * {GeneratedMembers.InputSize}, count * {GeneratedMembers.InputSize});");
            _writer.WriteLine($"{ReadOnlySpan} blockTargets = targets.Slice(row * {GeneratedMembers.OutputSize}, count * {GeneratedMembers.OutputSize});");
            using (_writer.WriteBlock($"if (!{RuntimeTypes.NetworkGuard}.AllFinite(blockInputs))"))
            {
                _writer.WriteLine("break;");
            }

            if (Plan.StagesInputs)
            {
                WriteInputStaging(block);
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
        string staged = Plan.StagesInputs ? "staged" : "default";
        _writer.WriteLine($"{RuntimeTypes.BatchDispatch}.Run(workers, deltasWork, this, {RuntimeTypes.BatchPhase}.Deltas, blockInputs, blockTargets, {staged}, {Number.Literal(0)});");
        using (_writer.WriteBlock($"if (!{RuntimeTypes.NetworkGuard}.AllFinite(blockCosts.Slice(0, count)))"))
        {
            if (Model.HasDropout)
            {
                _writer.WriteLine($"{DropoutField} = blockStart;");
            }

            _writer.WriteLine("break;");
        }

        _writer.WriteLine();
        if (Plan.StagesInputs)
        {
            using (_writer.WriteBlock("if (!staged.IsEmpty)"))
            {
                _writer.WriteLine("blockInputs = staged;");
            }

            _writer.WriteLine();
        }

        using (_writer.WriteBlock("if (row + count < rows)"))
        {
            _writer.WriteLine($"{RuntimeTypes.BatchDispatch}.Run(workers, gradientWork, this, {RuntimeTypes.BatchPhase}.Gradient, blockInputs, default, sum, {Number.Literal(0)});");
        }

        using (_writer.WriteBlock("else"))
        {
            _writer.WriteLine($"{ReadOnlySpan} earlier = row == 0 ? default : sum;");
            _writer.WriteLine($"{RuntimeTypes.BatchDispatch}.Run(workers, gradientWork, this, {RuntimeTypes.BatchPhase}.GradientStep, blockInputs, earlier, destination, factor);");
        }
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
        WriteCompiledAtOnce();
        string staged = Plan.StagesInputs ? $" {Span} staged," : "";
        using (_writer.WriteBlock($"private void {GeneratedMembers.DeltasOfRows}({ReadOnlySpan} inputs, {ReadOnlySpan} targets,{staged} int start, int count)"))
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

            string rows = $"inputs.Slice(start * {GeneratedMembers.InputSize}, count * {GeneratedMembers.InputSize})";
            if (Plan.StagesInputs)
            {
                _writer.WriteLine();
                _writer.WriteLine("// The rows, or their copies on a 64-byte boundary where BackwardRows gave the place for them.");
                _writer.WriteLine($"{ReadOnlySpan} rows = {rows};");
                using (_writer.WriteBlock("if (!staged.IsEmpty)"))
                {
                    _writer.WriteLine($"{Span} copies = staged.Slice(start * {GeneratedMembers.InputSize}, count * {GeneratedMembers.InputSize});");
                    _writer.WriteLine("rows.CopyTo(copies);");
                    _writer.WriteLine("rows = copies;");
                }

                rows = "rows";
            }

            WriteRowsForward(rows, "count", block);
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

    /// <summary>
    /// Where the compilation names it, <c>AggressiveOptimization</c> for a batch phase, which holds the layers' kernels
    /// and no stack buffer. The runtime compiles the methods with stack buffers (<c>Forward</c>, <c>TrainStep</c>, the
    /// four-row pass) fully optimized at their first call; a phase would otherwise be compiled from a profile of the
    /// calls made while it was instrumented, and a one-row <c>TrainBatch</c> run after larger ones then took 1.5× as
    /// long in most processes (docs/benchmarks.md, run 16).
    /// </summary>
    private void WriteCompiledAtOnce()
    {
        if (Model.AggressiveOptimization)
        {
            _writer.WriteLine("// Compiled fully optimized at its first call, as the methods with stack buffers are, rather than from a");
            _writer.WriteLine("// profile of whichever batch sizes happened to run first.");
            _writer.WriteLine($"[{RuntimeTypes.MethodImpl}({RuntimeTypes.MethodImplOptions}.AggressiveOptimization)]");
        }
    }

    /// <summary>The slice of the block buffer that holds rows <c>start</c> to <c>start + count − 1</c> of a layer's buffer.</summary>
    private static string RowsOfBlock(BatchBlock block, LayerPlan layer, string buffer)
    {
        int offset = block.OffsetOf(buffer);
        string start = offset == 0 ? Invariant.Format($"start * {layer.Neurons}") : Invariant.Format($"{offset} + (start * {layer.Neurons})");
        return Invariant.Format($"block.Slice({start}, count * {layer.Neurons})");
    }

    /// <summary>
    /// The Gradient and GradientStep phases: eq. 5 and 6 for a block's rows, a share of each layer's neurons, into
    /// the sum, or with the earlier blocks' sum, times factor, into the destination.
    /// </summary>
    private void WriteGradientOfRows()
    {
        BatchBlock block = new(Plan);
        _writer.WriteLine();
        _writer.WriteLine("// The Gradient and GradientStep phases: eq. 5 and 6 for the block's rows, part of parts of each layer's neurons,");
        _writer.WriteLine("// each element read and written once with the rows added in order. Gradient adds them to destination, the sum;");
        _writer.WriteLine("// GradientStep adds them to sum (the earlier blocks', empty for none) and the total, times factor, to destination.");
        WriteCompiledAtOnce();
        using (_writer.WriteBlock($"private void {GeneratedMembers.GradientOfRows}({RuntimeTypes.BatchPhase} phase, {ReadOnlySpan} inputs, {ReadOnlySpan} sum, {Span} destination, {Scalar} factor, int part, int parts)"))
        {
            _writer.WriteLine($"int count = inputs.Length / {GeneratedMembers.InputSize};");
            _writer.WriteLine(Invariant.Format($"{ReadOnlySpan} block = {RuntimeTypes.AlignedMemory}.Aligned({GeneratedMembers.BatchRowsField}!, {block.Length});"));
            _writer.WriteLine($"bool step = phase == {RuntimeTypes.BatchPhase}.GradientStep;");
            _writer.WriteLine("bool earlier = !sum.IsEmpty;");
            bool first = true;
            foreach (LayerPlan layer in Plan.Layers)
            {
                string below = layer.Number == 2
                    ? "inputs"
                    : Invariant.Format($"block.Slice({block.OffsetOf(layer.PreviousActivationBuffer)}, count * {layer.Inputs})");
                string deltas = Invariant.Format($"block.Slice({block.OffsetOf(layer.DeltaBuffer)}, count * {layer.Neurons})");
                string weights = Invariant.Format($"destination.Slice({layer.WeightOffset}, {layer.WeightCount})");
                string biases = Invariant.Format($"destination.Slice({layer.BiasOffset}, {layer.Neurons})");
                _writer.WriteLine();
                _writer.WriteLine($"// Layer {layer.Number}: Σ_rows {layer.Symbols.Delta}·({layer.Symbols.PreviousA})ᵀ for ∂C/∂{layer.Symbols.W}, Σ_rows {layer.Symbols.Delta} for ∂C/∂{layer.Symbols.B}.");
                _writer.WriteLine(Invariant.Format($"{RuntimeTypes.BatchDispatch}.Share({layer.Neurons}, part, parts, {RowsPerPass}, out {(first ? "int " : "")}first, out {(first ? "int " : "")}neurons);"));
                using (_writer.WriteBlock("if (step)"))
                {
                    _writer.WriteLine(Invariant.Format($"{ReadOnlySpan} weightSum = earlier ? sum.Slice({layer.WeightOffset}, {layer.WeightCount}) : default;"));
                    _writer.WriteLine(Invariant.Format($"{ReadOnlySpan} biasSum = earlier ? sum.Slice({layer.BiasOffset}, {layer.Neurons}) : default;"));
                    _writer.WriteLine($"{RuntimeTypes.VectorKernels}.ApplyGradientRows({weights}, {biases}, factor, weightSum, biasSum, {deltas}, {below}, count, first, neurons);");
                }

                using (_writer.WriteBlock("else"))
                {
                    _writer.WriteLine($"{RuntimeTypes.VectorKernels}.AddGradientRows({weights}, {biases}, {deltas}, {below}, count, first, neurons);");
                }

                first = false;
            }
        }
    }

    /// <summary>IBatchWork: the phases, each cut into parts by rows or by neurons.</summary>
    private void WriteRunPart()
    {
        _writer.WriteLine();
        _writer.WriteLine("// The batch phases, on this thread or a worker's: each part takes its own rows or neurons (IBatchWork).");
        using (_writer.WriteBlock($"void {RuntimeTypes.IBatchWork}<{Scalar}>.RunPart({RuntimeTypes.BatchPhase} phase, int part, int parts, {ReadOnlySpan} inputs, {ReadOnlySpan} targets, {Span} destination, {Scalar} factor)"))
        {
            _writer.WriteLine($"{RuntimeTypes.BatchDispatch}.Share(inputs.Length / {GeneratedMembers.InputSize}, part, parts, {RowsPerPass}, out int start, out int count);");
            if (Plan.UsesRowPasses)
            {
                using (_writer.WriteBlock($"if (phase == {RuntimeTypes.BatchPhase}.Forward)"))
                {
                    WriteForwardRowsCall();
                }

                using (_writer.WriteBlock($"else if (phase == {RuntimeTypes.BatchPhase}.Deltas)"))
                {
                    if (Plan.StagesInputs)
                    {
                        _writer.WriteLine("// destination: where to copy rows that do not start on a 64-byte boundary, or empty.");
                    }

                    _writer.WriteLine(Plan.StagesInputs
                        ? $"{GeneratedMembers.DeltasOfRows}(inputs, targets, destination, start, count);"
                        : $"{GeneratedMembers.DeltasOfRows}(inputs, targets, start, count);");
                }

                using (_writer.WriteBlock("else"))
                {
                    _writer.WriteLine("// Gradient or GradientStep: targets is the earlier blocks' sum.");
                    _writer.WriteLine($"{GeneratedMembers.GradientOfRows}(phase, inputs, targets, destination, factor, part, parts);");
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
