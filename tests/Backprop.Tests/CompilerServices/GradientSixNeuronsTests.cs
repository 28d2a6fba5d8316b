using System;
using System.Linq;
using Backprop.CompilerServices;
using Xunit;

namespace Backprop.Tests.CompilerServices;

/// <summary>
/// The six-neuron passes of eq. 5 over a block of rows, which <see cref="VectorKernels.AddGradientRows(Span{float}, Span{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int)"/>
/// takes where <c>Vector&lt;T&gt;</c> is accelerated and <c>Vector512</c> is not (AVX2, SSE, Arm64), called directly so
/// that they run on every machine: each element gets the bits of one AddOuterProduct per row, in row order, and the
/// neurons outside the groups are not touched.
/// </summary>
public sealed class GradientSixNeuronsTests
{
    public static TheoryData<int, int, int, int> Blocks()
    {
        var data = new TheoryData<int, int, int, int>();
        foreach (int inputs in new[] { 1, 5, 8, 15, 16, 17, 31, 32, 40, 67, 130 })
        {
            foreach ((int rows, int first, int groups) in new[] { (1, 0, 1), (2, 1, 1), (7, 0, 2), (32, 3, 3) })
            {
                data.Add(rows, first, groups, inputs);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Each_element_adds_its_rows_in_order_and_the_other_neurons_stay_as_they_were(int rows, int first, int groups, int inputs)
    {
        // Two neurons past the groups, which must keep their bits.
        int neurons = first + (6 * groups) + 2;
        var random = new Random((rows * 1_000_003) + (first * 10_007) + (groups * 101) + inputs);
        float[] start = Values(random, neurons * inputs);
        float[] deltas = Values(random, rows * neurons);
        float[] x = Values(random, rows * inputs);

        // A −0 δ, a NaN and an infinite input, a sum that starts at −0: each must land where the row-by-row sum puts it.
        deltas[random.Next(deltas.Length)] = -0f;
        x[random.Next(x.Length)] = float.NaN;
        x[random.Next(x.Length)] = float.PositiveInfinity;
        start[random.Next(start.Length)] = -0f;

        float[] expected = (float[])start.Clone();
        float[] rowGradient = new float[neurons * inputs];
        for (int r = 0; r < rows; r++)
        {
            VectorKernels.AddOuterProduct(expected.AsSpan(first * inputs, 6 * groups * inputs), deltas.AsSpan((r * neurons) + first, 6 * groups), x.AsSpan(r * inputs, inputs));
        }

        float[] actual = (float[])start.Clone();
        VectorKernels.AddGradientRowsInGroupsOfSix<float>(actual, deltas, x, rows, first, groups);
        Assert.Equal(Bits(expected), Bits(actual));

        double[] startD = start.Select(v => (double)v / 3).ToArray();
        double[] deltasD = deltas.Select(v => (double)v * 1.3).ToArray();
        double[] xD = x.Select(v => (double)v / 7).ToArray();
        double[] expectedD = (double[])startD.Clone();
        for (int r = 0; r < rows; r++)
        {
            VectorKernels.AddOuterProduct(expectedD.AsSpan(first * inputs, 6 * groups * inputs), deltasD.AsSpan((r * neurons) + first, 6 * groups), xD.AsSpan(r * inputs, inputs));
        }

        double[] actualD = (double[])startD.Clone();
        VectorKernels.AddGradientRowsInGroupsOfSix<double>(actualD, deltasD, xD, rows, first, groups);
        Assert.Equal(expectedD.Select(BitConverter.DoubleToInt64Bits), actualD.Select(BitConverter.DoubleToInt64Bits));
    }

    private static float[] Values(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();

    private static System.Collections.Generic.IEnumerable<int> Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits);
}
