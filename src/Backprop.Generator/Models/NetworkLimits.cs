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

    /// <summary>
    /// Estimates the IL instructions of the largest generated method. Each weight costs 19 instructions
    /// (read in eq. 1, gradient or update in eq. 5), and 7 more when eq. 4 reads it again; each output
    /// neuron about 35 (activation, error, cost, eq. 3, bias), each hidden neuron 25, each input 5, each
    /// layer 15 (its spans). Fitted to compiled networks; JitBudgetTests checks that it is never below
    /// the real count and within 15% of it. Computed in double precision, which no attribute overflows.
    /// </summary>
    /// <param name="sizes">The layer sizes, input layer first.</param>
    /// <param name="keepsOutputSums">Whether the output layer keeps its weighted sums in locals (softmax, binary
    /// cross-entropy), which costs about 20 more instructions per output neuron.</param>
    public static double EstimateInstructions(IReadOnlyList<int> sizes, bool keepsOutputSums = false)
    {
        double estimate = 60 + (5.0 * sizes[0]) + ((keepsOutputSums ? 55.0 : 35.0) * sizes[sizes.Count - 1]);
        for (int l = 1; l < sizes.Count; l++)
        {
            double weights = (double)sizes[l] * sizes[l - 1];
            estimate += 15 + (19 * weights);
            if (l >= 2)
            {
                estimate += 7 * weights;
            }

            if (l < sizes.Count - 1)
            {
                estimate += 25.0 * sizes[l];
            }
        }

        return estimate;
    }

    /// <summary>
    /// Counts (at most) the locals of <c>BackwardCore</c>, the method with the most: every activation, every δ, the
    /// output errors, the cost, and two parameter and two gradient spans per layer.
    /// </summary>
    /// <param name="sizes">The layer sizes, input layer first.</param>
    /// <param name="keepsOutputSums">Whether the output layer keeps its weighted sums (and, for softmax, their
    /// exponentials, maximum and sum) in locals.</param>
    public static double CountLocals(IReadOnlyList<int> sizes, bool keepsOutputSums = false)
    {
        double locals = sizes[0] + ((keepsOutputSums ? 3.0 : 1.0) * sizes[sizes.Count - 1]) + (keepsOutputSums ? 5 : 2) + (4.0 * (sizes.Count - 1));
        for (int l = 1; l < sizes.Count; l++)
        {
            locals += 2.0 * sizes[l];
        }

        return locals;
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
