using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Backprop.CompilerServices;
using Xunit;

namespace Backprop.Tests.Determinism;

/// <summary>
/// Each width's implementation of the dot products called directly, whichever this machine accelerates (a
/// Vector512 method runs in software where Vector512 is not accelerated, with the same rounding): Vector512,
/// Vector256, Vector128 and the scalar lanes all give the bits of the documented order (<see cref="LaneOrder"/>).
/// </summary>
public sealed class SummationWidthTests
{
    private delegate float FloatDot(ref float x, ref float y, int n);

    private delegate double DoubleDot(ref double x, ref double y, int n);

    private delegate void FloatDot4(ref float shared, ref float rows, int stride, int n, out float d0, out float d1, out float d2, out float d3);

    private delegate void DoubleDot4(ref double shared, ref double rows, int stride, int n, out double d0, out double d1, out double d2, out double d3);

    private static readonly (string Name, FloatDot Float, DoubleDot Double)[] Dots =
    [
        ("Vector512", VectorKernels.Dot512, VectorKernels.Dot512),
        ("Vector256", VectorKernels.Dot256, VectorKernels.Dot256),
        ("Vector128", VectorKernels.Dot128, VectorKernels.Dot128),
        ("scalar", VectorKernels.DotScalar, VectorKernels.DotScalar),
    ];

    private static readonly (string Name, FloatDot4 Float, DoubleDot4 Double)[] Dot4s =
    [
        ("Vector512", VectorKernels.Dot4x512, VectorKernels.Dot4x512),
        ("Vector256", VectorKernels.Dot4x256, VectorKernels.Dot4x256),
        ("Vector128", VectorKernels.Dot4x128, VectorKernels.Dot4x128),
    ];

    [Fact]
    public void Every_width_of_Dot_gives_the_bits_of_the_documented_order_for_every_length()
    {
        var failures = new List<string>();
        foreach (int n in LaneOrder.Lengths())
        {
            var random = new Random(n);
            double[] x = LaneOrder.Values(random, n), y = LaneOrder.Values(random, n);
            float[] xf = Array.ConvertAll(x, v => (float)v), yf = Array.ConvertAll(y, v => (float)v);
            float expectedFloat = LaneOrder.Dot(xf, yf);
            double expectedDouble = LaneOrder.Dot(x, y);
            foreach ((string name, FloatDot dotFloat, DoubleDot dotDouble) in Dots)
            {
                SummationOrderTests.Expect(failures, name + " float, n = " + n, expectedFloat, dotFloat(ref Start(xf), ref Start(yf), n));
                SummationOrderTests.Expect(failures, name + " double, n = " + n, expectedDouble, dotDouble(ref Start(x), ref Start(y), n));
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Every_width_of_Dot4_gives_each_row_the_bits_of_the_documented_order_for_every_length()
    {
        var failures = new List<string>();
        foreach (int n in LaneOrder.Lengths())
        {
            // Rows 3 elements apart beyond their length, as a matrix's rows are to a kernel that reads a part of each.
            int stride = n + 3;
            var random = new Random(2000 + n);
            double[] shared = LaneOrder.Values(random, n), rows = LaneOrder.Values(random, (3 * stride) + n);
            float[] sharedf = Array.ConvertAll(shared, v => (float)v), rowsf = Array.ConvertAll(rows, v => (float)v);
            foreach ((string name, FloatDot4 dot4Float, DoubleDot4 dot4Double) in Dot4s)
            {
                dot4Float(ref Start(sharedf), ref Start(rowsf), stride, n, out float f0, out float f1, out float f2, out float f3);
                dot4Double(ref Start(shared), ref Start(rows), stride, n, out double d0, out double d1, out double d2, out double d3);
                float[] floats = [f0, f1, f2, f3];
                double[] doubles = [d0, d1, d2, d3];
                for (int r = 0; r < 4; r++)
                {
                    SummationOrderTests.Expect(failures, name + " float row " + r + ", n = " + n, LaneOrder.Dot(sharedf, rowsf.AsSpan(r * stride, n)), floats[r]);
                    SummationOrderTests.Expect(failures, name + " double row " + r + ", n = " + n, LaneOrder.Dot(shared, rows.AsSpan(r * stride, n)), doubles[r]);
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void The_256_bit_two_neuron_by_four_row_pass_gives_every_sum_the_bits_of_the_documented_order_for_every_length()
    {
        var failures = new List<string>();
        foreach (int n in LaneOrder.Lengths())
        {
            // A four-row block and three rows left; two pairs of neurons and one left.
            ExpectTwoByFour(failures, rows: 7, neurons: 5, n, seed: 3000 + n);
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void The_256_bit_pass_over_a_matrix_larger_than_the_prefetching_threshold_gives_the_same_bits()
    {
        // 23 neurons × 784 inputs is 72 KiB of floats (144 KiB of doubles), above the 64 KiB from which each pass
        // prefetches the next pair's weights; 23 neurons leave one over, and 6 rows two over.
        var failures = new List<string>();
        foreach (int n in new[] { 784, 801, 1027 })
        {
            ExpectTwoByFour(failures, rows: 6, neurons: 23, n, seed: 4000 + n);
        }

        Assert.Empty(failures);
    }

    // MultiplyAddRowsTwoByFour256 called directly (so that it runs on machines that dispatch to another kernel),
    // in both precisions, against the documented order sum by sum.
    private static void ExpectTwoByFour(List<string> failures, int rows, int neurons, int n, int seed)
    {
        var random = new Random(seed);
        double[] matrix = LaneOrder.Values(random, neurons * n), inputs = LaneOrder.Values(random, rows * n), bias = LaneOrder.Values(random, neurons);
        float[] matrixf = Array.ConvertAll(matrix, v => (float)v), inputsf = Array.ConvertAll(inputs, v => (float)v), biasf = Array.ConvertAll(bias, v => (float)v);
        float[] sumsf = new float[rows * neurons];
        double[] sums = new double[rows * neurons];
        VectorKernels.MultiplyAddRowsTwoByFour256(ref Start(matrixf), ref Start(inputsf), n, ref Start(biasf), ref Start(sumsf), neurons, rows);
        VectorKernels.MultiplyAddRowsTwoByFour256(ref Start(matrix), ref Start(inputs), n, ref Start(bias), ref Start(sums), neurons, rows);
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < neurons; j++)
            {
                string what = " row " + r + ", neuron " + j + ", n = " + n;
                float expectedFloat = LaneOrder.Dot(matrixf.AsSpan(j * n, n), inputsf.AsSpan(r * n, n)) + biasf[j];
                double expectedDouble = LaneOrder.Dot(matrix.AsSpan(j * n, n), inputs.AsSpan(r * n, n)) + bias[j];
                SummationOrderTests.Expect(failures, "float" + what, expectedFloat, sumsf[(r * neurons) + j]);
                SummationOrderTests.Expect(failures, "double" + what, expectedDouble, sums[(r * neurons) + j]);
            }
        }
    }

    private static ref T Start<T>(T[] array) => ref MemoryMarshal.GetArrayDataReference(array);
}
