using System;
using System.Collections.Generic;
using Backprop.CompilerServices;
using Xunit;

namespace Backprop.Tests.Determinism;

/// <summary>
/// The public dot-product kernels against the documented lane order (<see cref="LaneOrder"/>), bit for bit, on
/// whatever vector width this machine runs (CI runs them again with AVX-512, AVX and all intrinsics switched off):
/// <see cref="VectorKernels.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>, each of
/// <see cref="VectorKernels.Dot4(ReadOnlySpan{float}, ReadOnlySpan{float}, out float, out float, out float, out float)"/>'s
/// four sums, and <see cref="VectorKernels.MultiplyAdd(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>'s rows.
/// </summary>
public sealed class SummationOrderTests
{
    [Fact]
    public void Dot_adds_in_the_documented_lane_order_for_every_length()
    {
        var failures = new List<string>();
        foreach (int n in LaneOrder.Lengths())
        {
            var random = new Random(n);
            double[] x = LaneOrder.Values(random, n), y = LaneOrder.Values(random, n);
            float[] xf = Array.ConvertAll(x, v => (float)v), yf = Array.ConvertAll(y, v => (float)v);
            Expect(failures, "float Dot, n = " + n, LaneOrder.Dot(xf, yf), VectorKernels.Dot(xf, yf));
            Expect(failures, "double Dot, n = " + n, LaneOrder.Dot(x, y), VectorKernels.Dot(x, y));
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Dot4_gives_each_row_the_documented_lane_order_for_every_length()
    {
        var failures = new List<string>();
        foreach (int n in LaneOrder.Lengths())
        {
            var random = new Random(1000 + n);
            double[] x = LaneOrder.Values(random, n), rows = LaneOrder.Values(random, 4 * n);
            float[] xf = Array.ConvertAll(x, v => (float)v), rowsf = Array.ConvertAll(rows, v => (float)v);

            VectorKernels.Dot4(xf, rowsf, out float f0, out float f1, out float f2, out float f3);
            float[] floats = [f0, f1, f2, f3];
            VectorKernels.Dot4(x, rows, out double d0, out double d1, out double d2, out double d3);
            double[] doubles = [d0, d1, d2, d3];
            for (int r = 0; r < 4; r++)
            {
                Expect(failures, "float Dot4 row " + r + ", n = " + n, LaneOrder.Dot(xf, rowsf.AsSpan(r * n, n)), floats[r]);
                Expect(failures, "double Dot4 row " + r + ", n = " + n, LaneOrder.Dot(x, rows.AsSpan(r * n, n)), doubles[r]);
            }
        }

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(16)]
    [InlineData(20)]
    [InlineData(23)]
    public void MultiplyAdd_gives_every_row_its_dot_product_in_the_lane_order_plus_the_bias(int rows)
    {
        var failures = new List<string>();
        foreach (int n in new[] { 0, 1, 2, 3, 5, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 97, 128, 131, 257, 300 })
        {
            var random = new Random((rows * 1000) + n);
            double[] matrix = LaneOrder.Values(random, rows * n), x = LaneOrder.Values(random, n), bias = LaneOrder.Values(random, rows);
            float[] matrixf = Array.ConvertAll(matrix, v => (float)v), xf = Array.ConvertAll(x, v => (float)v), biasf = Array.ConvertAll(bias, v => (float)v);
            var sumsf = new float[rows];
            var sums = new double[rows];
            VectorKernels.MultiplyAdd(matrixf, xf, biasf, sumsf);
            VectorKernels.MultiplyAdd(matrix, x, bias, sums);
            for (int j = 0; j < rows; j++)
            {
                Expect(failures, "float row " + j + ", n = " + n, LaneOrder.Dot(matrixf.AsSpan(j * n, n), xf) + biasf[j], sumsf[j]);
                Expect(failures, "double row " + j + ", n = " + n, LaneOrder.Dot(matrix.AsSpan(j * n, n), x) + bias[j], sums[j]);
            }
        }

        Assert.Empty(failures);
    }

    internal static void Expect(List<string> failures, string what, float expected, float actual)
    {
        if (BitConverter.SingleToInt32Bits(expected) != BitConverter.SingleToInt32Bits(actual))
        {
            failures.Add(what + ": " + expected.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + " expected, " + actual.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + " computed");
        }
    }

    internal static void Expect(List<string> failures, string what, double expected, double actual)
    {
        if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
        {
            failures.Add(what + ": " + expected.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + " expected, " + actual.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + " computed");
        }
    }
}
