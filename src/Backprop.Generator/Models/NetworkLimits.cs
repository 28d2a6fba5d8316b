using System.Collections.Generic;

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
    public static bool Fits(IReadOnlyList<int> sizes, IReadOnlyList<LayerShape> shapes, bool keepsOutputSums) =>
        EstimateInstructions(sizes, shapes, keepsOutputSums) <= MaxInstructions
        && CountLocals(sizes, shapes, keepsOutputSums) <= MaxLocals;

    /// <summary>
    /// Estimates the IL instructions of the largest generated method. In an unrolled layer each weight costs
    /// 19 instructions (read in eq. 1, gradient or update in eq. 5), 7 more when eq. 4 reads it again, and
    /// up to 12 more when a neighbouring layer's values sit in a stack buffer (an indexer call instead of a
    /// local); each hidden neuron about 25 (35 in a buffer), each layer 15 (its spans). A layer of vector loops costs about 140,
    /// whatever its size. Each unrolled output neuron costs about 36 (activation, error, cost, eq. 3), 56
    /// when its weighted sum is kept; loops over the outputs about 70, or 130 with a softmax or a kept sum. Each unrolled input costs 5. Fitted
    /// to compiled networks; JitBudgetTests checks that it is never below the real count and within 15% of
    /// it. Computed in double precision, which no attribute overflows.
    /// </summary>
    /// <param name="sizes">The layer sizes, input layer first.</param>
    /// <param name="shapes">The shape of each layer 2…L.</param>
    /// <param name="keepsOutputSums">Whether the output layer keeps its weighted sums in locals (softmax, binary
    /// cross-entropy).</param>
    public static double EstimateInstructions(IReadOnlyList<int> sizes, IReadOnlyList<LayerShape> shapes, bool keepsOutputSums)
    {
        int last = sizes.Count - 1;
        double estimate = 60 + (ShapePlanner.IsBuffered(shapes, 1) ? 10 : 5.0 * sizes[0]);
        for (int l = 1; l <= last; l++)
        {
            if (shapes[l - 1] == LayerShape.VectorLoops)
            {
                estimate += 140;
                continue;
            }

            double weights = (double)sizes[l] * sizes[l - 1];
            estimate += 15 + (19 * weights);
            if (l >= 2)
            {
                estimate += 7 * weights;
            }

            if (ShapePlanner.IsBuffered(shapes, l) || ShapePlanner.IsBuffered(shapes, l + 1))
            {
                estimate += 12 * weights;
            }

            if (l < last)
            {
                estimate += (ShapePlanner.IsBuffered(shapes, l + 1) ? 35.0 : 25.0) * sizes[l];
            }
        }

        estimate += shapes[last - 1] == LayerShape.VectorLoops ? (keepsOutputSums ? 130 : 70) : (keepsOutputSums ? 56.0 : 36.0) * sizes[last];

        // The four-row pass of TrainBatch, BackwardFour, is longer than BackwardCore: about 230 per layer.
        if (ShapePlanner.UsesRowPasses(sizes, shapes))
        {
            estimate = System.Math.Max(estimate, 120 + (230.0 * last) + (keepsOutputSums ? 100 : 40));
        }

        return estimate;
    }

    /// <summary>
    /// Counts (at most) the locals of <c>BackwardCore</c>, the method with the most: every activation and δ
    /// kept in a local, the output errors, the cost, two parameter and two gradient spans per layer, and a
    /// few per layer of loops (its buffers and loop counters).
    /// </summary>
    /// <param name="sizes">The layer sizes, input layer first.</param>
    /// <param name="shapes">The shape of each layer 2…L.</param>
    /// <param name="keepsOutputSums">Whether the output layer keeps its weighted sums (and, for softmax, their
    /// exponentials, maximum and sum) in locals.</param>
    public static double CountLocals(IReadOnlyList<int> sizes, IReadOnlyList<LayerShape> shapes, bool keepsOutputSums)
    {
        int last = sizes.Count - 1;
        double locals = 2 + (4.0 * last) + (ShapePlanner.IsBuffered(shapes, 1) ? 1 : sizes[0]);
        for (int l = 1; l <= last; l++)
        {
            locals += ShapePlanner.IsBuffered(shapes, l + 1) ? 3 : 2.0 * sizes[l];
        }

        if (shapes[last - 1] == LayerShape.VectorLoops)
        {
            locals += keepsOutputSums ? 3 : 2;
        }
        else
        {
            locals += ((keepsOutputSums ? 3.0 : 1.0) * sizes[last]) + (keepsOutputSums ? 3 : 0);
        }

        // BackwardFour: four dot products, buffers and row slices per layer.
        if (ShapePlanner.UsesRowPasses(sizes, shapes))
        {
            locals = System.Math.Max(locals, 9 + (16.0 * last) + (keepsOutputSums ? 8 : 0));
        }

        return locals;
    }

    /// <summary>The most bytes a stack buffer is allocated beyond its values, to start on a 64-byte boundary.</summary>
    public const int AlignmentSlackBytes = SharedConstants.Alignment;

    /// <summary>The bytes of stack buffers one call to <c>TrainStep</c> or <c>BackwardCore</c> uses: activations and deltas.</summary>
    public static double StackBytes(IReadOnlyList<int> sizes, IReadOnlyList<LayerShape> shapes, int numberSize)
    {
        double bytes = 0;
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
