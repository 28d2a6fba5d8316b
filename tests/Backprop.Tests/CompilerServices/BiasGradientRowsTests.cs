using System;
using System.Collections.Generic;
using System.Linq;
using Backprop.CompilerServices;
using Xunit;

namespace Backprop.Tests.CompilerServices;

/// <summary>
/// Eq. 6 summed over a block of rows by <see cref="VectorKernels.AddGradientRows(Span{float}, Span{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int)"/>
/// and <see cref="VectorKernels.ApplyGradientRows(Span{float}, Span{float}, float, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int)"/>
/// for layers wide enough that the neurons' sums go through vectors (two at a time, one, then neuron by neuron):
/// every bias gets the bits of adding its rows' δ in row order, wherever the range of neurons starts and ends.
/// </summary>
public sealed class BiasGradientRowsTests
{
    public static TheoryData<int, int> Layers()
    {
        var data = new TheoryData<int, int>();
        foreach (int neurons in new[] { 7, 8, 9, 15, 16, 17, 31, 33, 40, 70 })
        {
            foreach (int rows in new[] { 1, 2, 5, 32 })
            {
                data.Add(neurons, rows);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void Every_bias_is_its_rows_added_in_order_for_any_range_of_neurons(int neurons, int rows)
    {
        const int inputs = 3;
        var random = new Random((neurons * 1_000_003) + rows);
        float[] deltas = Values(random, rows * neurons);
        float[] x = Values(random, rows * inputs);
        float[] start = Values(random, neurons);
        float[] sum = Values(random, neurons);

        // Where the order shows: a −0 (+0 + −0 is +0, −0 + −0 is −0), values that cancel, an infinity and a NaN.
        deltas[random.Next(deltas.Length)] = -0f;
        deltas[random.Next(deltas.Length)] = 3e7f;
        deltas[random.Next(deltas.Length)] = -3e7f;
        deltas[random.Next(deltas.Length)] = float.PositiveInfinity;
        deltas[random.Next(deltas.Length)] = float.NaN;
        const float factor = -0.0375f;

        var failures = new List<string>();
        foreach ((int first, int count) in Ranges(neurons))
        {
            // AddGradientRows: from the bias gradient so far, stored back.
            float[] added = (float[])start.Clone();
            VectorKernels.AddGradientRows(new float[neurons * inputs], added, deltas, x, rows, first, count);

            // ApplyGradientRows: from the earlier rows' sum, or from +0, scaled and added to the biases.
            float[] appliedFromSum = (float[])start.Clone();
            VectorKernels.ApplyGradientRows(new float[neurons * inputs], appliedFromSum, factor, new float[neurons * inputs], sum, deltas, x, rows, first, count);
            float[] appliedFromZero = (float[])start.Clone();
            VectorKernels.ApplyGradientRows(new float[neurons * inputs], appliedFromZero, factor, default, default, deltas, x, rows, first, count);

            for (int j = 0; j < neurons; j++)
            {
                bool inRange = j >= first && j < first + count;
                string where = "neuron " + j + " of " + neurons + ", range " + first + "+" + count + ", " + rows + " rows: ";
                Expect(failures, where + "added", inRange ? RowSum(start[j], deltas, neurons, rows, j) : start[j], added[j]);
                Expect(failures, where + "applied from the sum", inRange ? start[j] + (factor * RowSum(sum[j], deltas, neurons, rows, j)) : start[j], appliedFromSum[j]);
                Expect(failures, where + "applied from +0", inRange ? start[j] + (factor * RowSum(0f, deltas, neurons, rows, j)) : start[j], appliedFromZero[j]);
            }
        }

        Assert.Empty(failures);
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void Every_double_bias_is_its_rows_added_in_order_for_any_range_of_neurons(int neurons, int rows)
    {
        const int inputs = 2;
        var random = new Random((neurons * 2_000_003) + rows);
        double[] deltas = Values(random, rows * neurons).Select(v => (double)v * 1.3).ToArray();
        double[] x = Values(random, rows * inputs).Select(v => (double)v).ToArray();
        double[] start = Values(random, neurons).Select(v => (double)v / 3).ToArray();
        deltas[random.Next(deltas.Length)] = -0d;
        deltas[random.Next(deltas.Length)] = 1e17;
        deltas[random.Next(deltas.Length)] = -1e17;

        var failures = new List<string>();
        foreach ((int first, int count) in Ranges(neurons))
        {
            double[] added = (double[])start.Clone();
            VectorKernels.AddGradientRows(new double[neurons * inputs], added, deltas, x, rows, first, count);
            double[] applied = (double[])start.Clone();
            VectorKernels.ApplyGradientRows(new double[neurons * inputs], applied, -0.01, default, default, deltas, x, rows, first, count);
            for (int j = 0; j < neurons; j++)
            {
                bool inRange = j >= first && j < first + count;
                double sum = start[j], fromZero = 0d;
                for (int r = 0; r < rows; r++)
                {
                    sum += deltas[(r * neurons) + j];
                    fromZero += deltas[(r * neurons) + j];
                }

                string where = "neuron " + j + " of " + neurons + ", range " + first + "+" + count + ", " + rows + " rows: ";
                if (BitConverter.DoubleToInt64Bits(inRange ? sum : start[j]) != BitConverter.DoubleToInt64Bits(added[j]))
                {
                    failures.Add(where + "added " + added[j].ToString("R") + ", expected " + (inRange ? sum : start[j]).ToString("R"));
                }

                double expectedApplied = inRange ? start[j] + (-0.01 * fromZero) : start[j];
                if (BitConverter.DoubleToInt64Bits(expectedApplied) != BitConverter.DoubleToInt64Bits(applied[j]))
                {
                    failures.Add(where + "applied " + applied[j].ToString("R") + ", expected " + expectedApplied.ToString("R"));
                }
            }
        }

        Assert.Empty(failures);
    }

    // The whole layer, a range from an odd neuron to two before the end, and a range of one neuron in the middle.
    private static IEnumerable<(int First, int Count)> Ranges(int neurons)
    {
        yield return (0, neurons);
        yield return (3, neurons - 5);
        yield return (neurons / 2, 1);
    }

    private static float RowSum(float from, float[] deltas, int neurons, int rows, int j)
    {
        float g = from;
        for (int r = 0; r < rows; r++)
        {
            g += deltas[(r * neurons) + j];
        }

        return g;
    }

    private static void Expect(List<string> failures, string what, float expected, float actual)
    {
        if (BitConverter.SingleToInt32Bits(expected) != BitConverter.SingleToInt32Bits(actual))
        {
            failures.Add(what + " " + actual.ToString("R") + ", expected " + expected.ToString("R"));
        }
    }

    private static float[] Values(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
}
