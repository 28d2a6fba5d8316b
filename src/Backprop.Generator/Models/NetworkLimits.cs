using System.Collections.Generic;
using System.Linq;

namespace Backprop.Generator.Models;

/// <summary>
/// The documented bounds of what the generator writes out (docs/diagnostics.md, BP0008). The unrolled code
/// grows with every weight, and two tools downstream change their behaviour past a size:
/// <list type="bullet">
/// <item>RyuJIT compiles a method without optimization (MinOpts) past 20,000 IL instructions, 60,000 bytes
/// of IL, 2,000 locals or 8,000 local references;</item>
/// <item>the C# compiler writes clumsier IL (spills and <c>nop</c>s) once a method has more than 256
/// locals, the most its short instruction forms can address.</item>
/// </list>
/// The generator estimates both sizes for the largest generated method (<c>BackwardCore</c> or
/// <c>TrainStep</c>) and refuses a network whose estimate crosses <see cref="MaxInstructions"/> or
/// <see cref="MaxLocals"/>. JitBudgetTests checks the estimate against compiled IL.
/// </summary>
internal static class NetworkLimits
{
    /// <summary>The most IL instructions the largest generated method may have: under the JIT's 20,000.</summary>
    public const int MaxInstructions = 19_000;

    /// <summary>The most locals the largest generated method may have.</summary>
    public const int MaxLocals = 256;

    /// <summary>The first C# version whose features the generated code uses (<c>#nullable</c>, switch expressions).</summary>
    public const int MinimumLanguageVersion = 800;

    /// <summary>The most parameters a network may have: 2²⁸, a gigabyte of doubles, far inside an array's limits.</summary>
    public const double MaxParameters = 1 << 28;

    /// <summary>The most bytes of stack one call may use for its activations and deltas (BP0026): 64 KiB.</summary>
    public const int MaxStackBytes = 64 * 1024;

    /// <summary>
    /// The largest gradient TrainBatch keeps on the stack: 64 KiB. A larger one is allocated once, with the
    /// network, since a stack of 1 MiB (the default on Windows) must also hold the caller's frames.
    /// </summary>
    public const int MaxStackGradientBytes = 64 * 1024;

    /// <summary>Whether the largest generated method stays within <see cref="MaxInstructions"/> and <see cref="MaxLocals"/>.</summary>
    public static bool Fits(IReadOnlyList<int> sizes, IReadOnlyList<LayerShape> shapes, bool keepsOutputSums, IReadOnlyList<double>? dropout = null) =>
        EstimateInstructions(sizes, shapes, keepsOutputSums, dropout) <= MaxInstructions
        && CountLocals(sizes, shapes, keepsOutputSums, dropout) <= MaxLocals;

    // The IL cost model: how many IL instructions each piece of generated code adds to the largest generated
    // method (BackwardCore or TrainStep; DeltasOfRows for the blocks of rows). Each constant was fitted to the IL
    // of compiled networks, read by JitBudgetTests (which prints the measured counts), so that the estimate is
    // never below the real count and within 15% of it for the networks at the edge of the bounds.

    /// <summary>What every such method has whatever its size: the finiteness checks, the parameter span p, the cost's return.</summary>
    private const double MethodOverhead = 60;

    /// <summary>An unrolled input a¹_k = input[k]: the span's indexer call and a store to a local.</summary>
    private const double PerUnrolledInput = 5;

    /// <summary>The input as a span of constant length (<c>input.Slice(0, InputSize)</c>), for a first layer next to loops.</summary>
    private const double BufferedInput = 10;

    /// <summary>
    /// A layer of vector kernels, whatever its size: one kernel call per equation, its loops over σ and σ′,
    /// its stack buffers and slices.
    /// </summary>
    private const double PerVectorLayer = 140;

    /// <summary>An unrolled layer's four spans: Wˡ and Bˡ sliced from the parameters, and from the gradient.</summary>
    private const double PerUnrolledLayer = 15;

    /// <summary>
    /// Each weight of an unrolled layer: read with a constant index and multiplied in eq. 1's sum, then read
    /// again, multiplied by δ and a, and added to the gradient or stepped in eq. 5.
    /// </summary>
    private const double PerWeight = 19;

    /// <summary>Each weight of an unrolled layer above layer 2, read once more and multiplied by δ in eq. 4's sum.</summary>
    private const double PerWeightInEq4 = 7;

    /// <summary>
    /// Each weight of an unrolled layer next to a buffered layer: the activations or deltas it meets are span
    /// elements, read through the indexer (address, index, call) rather than loaded from a local.
    /// </summary>
    private const double PerWeightNextToBuffer = 12;

    /// <summary>Each hidden neuron of an unrolled layer: σ's call in eq. 2, σ′ and the product of eq. 4, its locals a and δ.</summary>
    private const double PerHiddenNeuron = 25;

    /// <summary>The same when the neuron's a and δ are elements of a stack buffer: each store and load an indexer call.</summary>
    private const double PerBufferedHiddenNeuron = 35;

    /// <summary>Each unrolled output neuron: σ, the error e_j, its term of the cost and eq. 3.</summary>
    private const double PerOutputNeuron = 36;

    /// <summary>The same when the weighted sum z_j is kept: its local, and the softmax or cross-entropy term read from it.</summary>
    private const double PerOutputNeuronKeepingSum = 56;

    /// <summary>An output layer of loops: the loop of the cost and eq. 3's kernel calls.</summary>
    private const double VectorOutput = 70;

    /// <summary>The same with a kept weighted sum: the softmax's three loops, or the loss computed from z.</summary>
    private const double VectorOutputKeepingSums = 130;

    /// <summary>
    /// A hidden layer with dropout, whatever its shape: its two mask buffers, the loop that draws its mask, and (for a
    /// layer of loops) eq. 2′ and eq. 4′'s factor as element-wise loops.
    /// </summary>
    private const double PerDropoutLayer = 58;

    /// <summary>Each unrolled neuron of a layer with dropout: eq. 2′, Dˡ ⊙ σ'(Zˡ) into a buffer and the mask applied to a.</summary>
    private const double PerUnrolledDropoutNeuron = 16;

    /// <summary>DeltasOfRows's fixed part: the block buffer, the rows' inputs, the loop over the rows with its cost and slices.</summary>
    private const double RowPassOverhead = 120;

    /// <summary>DeltasOfRows per layer: its slices of the block buffer, <c>MultiplyAddRows</c> and σ, eq. 3 or 4 for a row.</summary>
    private const double RowPassPerLayer = 230;

    /// <summary>DeltasOfRows's output layer: eq. 2 from the kept sums (softmax or σ) for each row, or only the cost and eq. 3.</summary>
    private const double RowPassOutputKeepingSums = 100;

    /// <inheritdoc cref="RowPassOutputKeepingSums"/>
    private const double RowPassOutput = 40;

    /// <summary>
    /// Estimates the IL instructions of the largest generated method from the cost model above. Computed in
    /// double precision, which no attribute overflows.
    /// </summary>
    /// <param name="sizes">The layer sizes, input layer first.</param>
    /// <param name="shapes">The shape of each layer 2…L.</param>
    /// <param name="keepsOutputSums">Whether the output layer keeps its weighted sums in locals (softmax, binary
    /// cross-entropy).</param>
    public static double EstimateInstructions(IReadOnlyList<int> sizes, IReadOnlyList<LayerShape> shapes, bool keepsOutputSums, IReadOnlyList<double>? dropout = null)
    {
        int last = sizes.Count - 1;
        double estimate = MethodOverhead + (ShapePlanner.IsBuffered(shapes, 1) ? BufferedInput : PerUnrolledInput * sizes[0]);
        for (int i = 0; dropout is not null && i < dropout.Count; i++)
        {
            if (dropout[i] > 0)
            {
                estimate += PerDropoutLayer + (shapes[i] == LayerShape.ScalarUnrolled ? PerUnrolledDropoutNeuron * sizes[i + 1] : 0);
            }
        }

        for (int l = 1; l <= last; l++)
        {
            if (shapes[l - 1] == LayerShape.VectorLoops)
            {
                estimate += PerVectorLayer;
                continue;
            }

            double weights = (double)sizes[l] * sizes[l - 1];
            estimate += PerUnrolledLayer + (PerWeight * weights);
            if (l >= 2)
            {
                estimate += PerWeightInEq4 * weights;
            }

            if (ShapePlanner.IsBuffered(shapes, l) || ShapePlanner.IsBuffered(shapes, l + 1))
            {
                estimate += PerWeightNextToBuffer * weights;
            }

            if (l < last)
            {
                estimate += (ShapePlanner.IsBuffered(shapes, l + 1) ? PerBufferedHiddenNeuron : PerHiddenNeuron) * sizes[l];
            }
        }

        estimate += shapes[last - 1] == LayerShape.VectorLoops
            ? (keepsOutputSums ? VectorOutputKeepingSums : VectorOutput)
            : (keepsOutputSums ? PerOutputNeuronKeepingSum : PerOutputNeuron) * sizes[last];

        // The Deltas phase of BackwardBatch and TrainBatch, DeltasOfRows, may be longer than BackwardCore.
        if (ShapePlanner.UsesRowPasses(sizes, shapes))
        {
            estimate = System.Math.Max(
                estimate,
                RowPassOverhead + (RowPassPerLayer * last) + (keepsOutputSums ? RowPassOutputKeepingSums : RowPassOutput));
        }

        return estimate;
    }

    // The locals model: how many locals the C# compiler gives the method with the most, BackwardCore (or
    // DeltasOfRows), counted from the generated code's declarations; JitBudgetTests checks it is never below
    // the count in compiled IL.

    /// <summary>The cost, and the loop counter or the input span that every method has.</summary>
    private const double LocalsOverhead = 2;

    /// <summary>Per layer: its weight and bias spans, from the parameters and from the gradient.</summary>
    private const double SpanLocalsPerLayer = 4;

    /// <summary>A buffered layer's activations and δ buffers, and its loop counter, in place of two locals per neuron.</summary>
    private const double BufferedLayerLocals = 3;

    /// <summary>An unrolled neuron's a and δ.</summary>
    private const double LocalsPerNeuron = 2;

    /// <summary>An unrolled output neuron's error e_j, and with kept sums its z_j and e^(z_j − m) as well.</summary>
    private const double LocalsPerOutputNeuron = 1;

    /// <inheritdoc cref="LocalsPerOutputNeuron"/>
    private const double LocalsPerOutputNeuronKeepingSums = 3;

    /// <summary>An unrolled softmax's maximum, sum and log-sum.</summary>
    private const double SoftmaxLocals = 3;

    /// <summary>An output layer of loops: its loop counter and the running sum of the cost, and the sum buffer where sums are kept.</summary>
    private const double VectorOutputLocals = 2;

    /// <inheritdoc cref="VectorOutputLocals"/>
    private const double VectorOutputLocalsKeepingSums = 3;

    /// <summary>With dropout: the saved state of DropoutRandom.</summary>
    private const double DropoutLocals = 1;

    /// <summary>Each layer with dropout: its mask and masked-σ′ buffers, and its draw loop's counter.</summary>
    private const double DropoutLocalsPerLayer = 3;

    /// <summary>DeltasOfRows's fixed locals: the loop counters, the cost, the row's target and spans of its own.</summary>
    private const double RowPassLocals = 11;

    /// <summary>DeltasOfRows per layer: its activations and δ of the rows, their row slices, and the parameter and gradient spans.</summary>
    private const double RowPassLocalsPerLayer = 8;

    /// <summary>DeltasOfRows's output with kept sums: the sum buffer and its slice, and the softmax's or loss's locals.</summary>
    private const double RowPassLocalsKeepingSums = 8;

    /// <summary>
    /// Counts (at most) the locals of <c>BackwardCore</c>, the method with the most: every activation and δ
    /// kept in a local, the output errors, the cost, two parameter and two gradient spans per layer, and a
    /// few per layer of loops (its buffers and loop counters).
    /// </summary>
    /// <param name="sizes">The layer sizes, input layer first.</param>
    /// <param name="shapes">The shape of each layer 2…L.</param>
    /// <param name="keepsOutputSums">Whether the output layer keeps its weighted sums (and, for softmax, their
    /// exponentials, maximum and sum) in locals.</param>
    public static double CountLocals(IReadOnlyList<int> sizes, IReadOnlyList<LayerShape> shapes, bool keepsOutputSums, IReadOnlyList<double>? dropout = null)
    {
        int last = sizes.Count - 1;
        double dropoutLocals = dropout is null || !dropout.Any(rate => rate > 0) ? 0 : DropoutLocals + (DropoutLocalsPerLayer * dropout.Count(rate => rate > 0));

        // The input: a span, or one local per input.
        double locals = LocalsOverhead + dropoutLocals + (SpanLocalsPerLayer * last) + (ShapePlanner.IsBuffered(shapes, 1) ? 1 : sizes[0]);
        for (int l = 1; l <= last; l++)
        {
            locals += ShapePlanner.IsBuffered(shapes, l + 1) ? BufferedLayerLocals : LocalsPerNeuron * sizes[l];
        }

        if (shapes[last - 1] == LayerShape.VectorLoops)
        {
            locals += keepsOutputSums ? VectorOutputLocalsKeepingSums : VectorOutputLocals;
        }
        else
        {
            locals += ((keepsOutputSums ? LocalsPerOutputNeuronKeepingSums : LocalsPerOutputNeuron) * sizes[last])
                + (keepsOutputSums ? SoftmaxLocals : 0);
        }

        if (ShapePlanner.UsesRowPasses(sizes, shapes))
        {
            locals = System.Math.Max(
                locals,
                RowPassLocals + dropoutLocals + (RowPassLocalsPerLayer * last) + (keepsOutputSums ? RowPassLocalsKeepingSums : 0));
        }

        return locals;
    }

    /// <summary>The most bytes a stack buffer is allocated beyond its values, to start on a 64-byte boundary.</summary>
    public const int AlignmentSlackBytes = SharedConstants.Alignment;

    /// <summary>
    /// The bytes of stack buffers one call to <c>TrainStep</c> or <c>BackwardCore</c> uses: activations and deltas,
    /// and with <paramref name="dropout"/> (the rate of each hidden layer) each dropout layer's mask and its
    /// masked σ′.
    /// </summary>
    public static double StackBytes(IReadOnlyList<int> sizes, IReadOnlyList<LayerShape> shapes, int numberSize, IReadOnlyList<double>? dropout = null)
    {
        double bytes = 0;
        for (int i = 0; dropout is not null && i < dropout.Count; i++)
        {
            bytes += dropout[i] > 0 ? 2.0 * sizes[i + 1] * numberSize : 0;
        }

        for (int l = 2; l <= sizes.Count; l++)
        {
            if (ShapePlanner.IsBuffered(shapes, l))
            {
                // Activations and deltas, and the weighted sums of an output layer of loops, each with up to
                // 64 bytes more to start on a 64-byte boundary (AlignedMemory).
                bytes += (l == sizes.Count ? 3.0 : 2.0) * (((double)sizes[l - 1] * numberSize) + AlignmentSlackBytes);
            }
        }

        return bytes;
    }

    /// <summary>Counts weights and biases, Σ nₗ·(nₗ₋₁ + 1), in double precision so that no size overflows it.</summary>
    public static double CountParameters(IReadOnlyList<int> sizes)
    {
        double parameters = 0;
        for (int l = 1; l < sizes.Count; l++)
        {
            parameters += (double)sizes[l] * ((double)sizes[l - 1] + 1);
        }

        return parameters;
    }
}
