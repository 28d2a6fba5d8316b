using System;
using System.Collections.Generic;
using System.Linq;
using Backprop.CompilerServices;
using Xunit;

namespace Backprop.Tests.CompilerServices;

/// <summary>
/// The whole-layer kernels of <see cref="VectorKernels"/> against the row kernels and the scalar statements they
/// replace: bit for bit where they promise it (eq. 4, 5, 6 and σ'), within the dot product's rounding bound for
/// eq. 1. The sizes cover rows and columns below, at and past every vector width, and remainders of each.
/// </summary>
public sealed class LayerKernelsTests
{
    public static TheoryData<int, int> Shapes()
    {
        var data = new TheoryData<int, int>();
        foreach (int rows in new[] { 1, 3, 4, 7, 8, 9, 16, 17, 33 })
        {
            foreach (int columns in new[] { 1, 2, 5, 8, 13, 16, 31, 32, 40, 67 })
            {
                data.Add(rows, columns);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyAdd_is_each_row_dotted_with_x_plus_its_bias_within_the_dot_product_bound(int rows, int columns)
    {
        var random = new Random((rows * 1000) + columns);
        float[] matrix = Values(random, rows * columns);
        float[] x = Values(random, columns);
        float[] bias = Values(random, rows);
        float[] sums = new float[rows];
        VectorKernels.MultiplyAdd(matrix, x, bias, sums);

        double[] matrixD = matrix.Select(v => (double)v).ToArray();
        double[] xD = x.Select(v => (double)v).ToArray();
        double[] biasD = bias.Select(v => (double)v).ToArray();
        double[] sumsD = new double[rows];
        VectorKernels.MultiplyAdd(matrixD, xD, biasD, sumsD);

        for (int j = 0; j < rows; j++)
        {
            double exact = biasD[j];
            double magnitude = Math.Abs(biasD[j]);
            for (int k = 0; k < columns; k++)
            {
                exact += matrixD[(j * columns) + k] * xD[k];
                magnitude += Math.Abs(matrixD[(j * columns) + k] * xD[k]);
            }

            // n products and n + 1 additions, in any order and with or without fused multiply-adds, are within
            // (n + 2)·u·Σ|terms| of the exact sum, u the unit roundoff.
            Assert.InRange(Math.Abs(sums[j] - exact), 0, (columns + 2) * Math.Pow(2, -24) * magnitude);
            Assert.InRange(Math.Abs(sumsD[j] - exact), 0, (columns + 2) * Math.Pow(2, -53) * magnitude);
        }
    }

    public static TheoryData<int, int, int> RowBlocks()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int rows in new[] { 1, 3, 4, 5, 8, 11 })
        {
            foreach (int neurons in new[] { 1, 3, 4, 7, 8, 10, 13 })
            {
                foreach (int inputs in new[] { 1, 5, 16, 17, 40, 67 })
                {
                    data.Add(rows, neurons, inputs);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RowBlocks))]
    public void MultiplyAddRows_is_MultiplyAdd_row_by_row_to_the_bit(int rows, int neurons, int inputs)
    {
        var random = new Random((rows * 1_000_003) + (neurons * 1009) + inputs);
        float[] matrix = Values(random, neurons * inputs);
        float[] x = Values(random, rows * inputs);
        float[] bias = Values(random, neurons);

        // A NaN, an infinity and a −0 among the inputs: the kernel must add them where the row kernel does.
        x[random.Next(x.Length)] = float.NaN;
        x[random.Next(x.Length)] = float.NegativeInfinity;
        x[random.Next(x.Length)] = -0f;
        float[] expected = new float[rows * neurons];
        for (int r = 0; r < rows; r++)
        {
            VectorKernels.MultiplyAdd(matrix, x.AsSpan(r * inputs, inputs), bias, expected.AsSpan(r * neurons, neurons));
        }

        float[] actual = Filled(rows * neurons, 1234.5f);
        VectorKernels.MultiplyAddRows(matrix, x, bias, actual, rows);
        Assert.Equal(Bits(expected), Bits(actual));

        double[] matrixD = matrix.Select(v => (double)v / 3).ToArray();
        double[] xD = x.Select(v => (double)v * 1.7).ToArray();
        double[] biasD = bias.Select(v => (double)v / 7).ToArray();
        double[] expectedD = new double[rows * neurons];
        for (int r = 0; r < rows; r++)
        {
            VectorKernels.MultiplyAdd(matrixD, xD.AsSpan(r * inputs, inputs), biasD, expectedD.AsSpan(r * neurons, neurons));
        }

        double[] actualD = new double[rows * neurons];
        VectorKernels.MultiplyAddRows(matrixD, xD, biasD, actualD, rows);
        Assert.Equal(expectedD.Select(BitConverter.DoubleToInt64Bits), actualD.Select(BitConverter.DoubleToInt64Bits));
    }

    [Theory]
    [MemberData(nameof(RowBlocks))]
    public void AddGradientRows_is_one_AddOuterProduct_per_row_in_order_however_the_neurons_are_shared(int rows, int neurons, int inputs)
    {
        var random = new Random((rows * 7_000_003) + (neurons * 1013) + inputs);
        float[] start = Values(random, neurons * inputs);
        float[] startBias = Values(random, neurons);
        float[] deltas = Values(random, rows * neurons);
        float[] x = Values(random, rows * inputs);
        deltas[random.Next(deltas.Length)] = -0f;

        float[] expected = (float[])start.Clone();
        float[] expectedBias = (float[])startBias.Clone();
        for (int r = 0; r < rows; r++)
        {
            VectorKernels.AddOuterProduct(expected, deltas.AsSpan(r * neurons, neurons), x.AsSpan(r * inputs, inputs));
            for (int j = 0; j < neurons; j++)
            {
                expectedBias[j] += deltas[(r * neurons) + j];
            }
        }

        // All the neurons at once, and in two and three parts cut anywhere: the same bits.
        foreach (int[] cuts in new[] { new[] { 0, neurons }, new[] { 0, neurons / 2, neurons }, new[] { 0, 1, Math.Max(1, neurons - 1), neurons } })
        {
            float[] actual = (float[])start.Clone();
            float[] actualBias = (float[])startBias.Clone();
            for (int part = 0; part + 1 < cuts.Length; part++)
            {
                VectorKernels.AddGradientRows(actual, actualBias, deltas, x, rows, cuts[part], cuts[part + 1] - cuts[part]);
            }

            Assert.Equal(Bits(expected), Bits(actual));
            Assert.Equal(Bits(expectedBias), Bits(actualBias));
        }

        double[] startD = start.Select(v => (double)v / 3).ToArray();
        double[] deltasD = deltas.Select(v => (double)v * 1.3).ToArray();
        double[] xD = x.Select(v => (double)v / 7).ToArray();
        double[] expectedD = (double[])startD.Clone();
        double[] biasD = new double[neurons];
        double[] expectedBiasD = new double[neurons];
        for (int r = 0; r < rows; r++)
        {
            VectorKernels.AddOuterProduct(expectedD, deltasD.AsSpan(r * neurons, neurons), xD.AsSpan(r * inputs, inputs));
            for (int j = 0; j < neurons; j++)
            {
                expectedBiasD[j] += deltasD[(r * neurons) + j];
            }
        }

        double[] actualD = (double[])startD.Clone();
        VectorKernels.AddGradientRows(actualD, biasD, deltasD, xD, rows, 0, neurons);
        Assert.Equal(expectedD.Select(BitConverter.DoubleToInt64Bits), actualD.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(expectedBiasD.Select(BitConverter.DoubleToInt64Bits), biasD.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void AddGradientRows_names_the_argument_that_does_not_fit_and_writes_nothing()
    {
        float[] weights = Filled(12, 5f);
        float[] bias = Filled(3, 5f);
        float[] deltas = new float[6];
        float[] x = new float[8];

        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => VectorKernels.AddGradientRows(weights, bias, deltas, x, 0, 0, 3)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => VectorKernels.AddGradientRows(weights, bias, deltas, new float[7], 2, 0, 3)).ParamName);
        Assert.Equal("deltas", Assert.Throws<ArgumentException>(() => VectorKernels.AddGradientRows(weights, bias, new float[5], x, 2, 0, 3)).ParamName);
        Assert.Equal("firstNeuron", Assert.Throws<ArgumentOutOfRangeException>(() => VectorKernels.AddGradientRows(weights, bias, deltas, x, 2, 4, 0)).ParamName);
        Assert.Equal("neuronCount", Assert.Throws<ArgumentOutOfRangeException>(() => VectorKernels.AddGradientRows(weights, bias, deltas, x, 2, 1, 3)).ParamName);
        ArgumentException short_ = Assert.Throws<ArgumentException>(() => VectorKernels.AddGradientRows(new float[11], bias, deltas, x, 2, 0, 3));
        Assert.Equal("weightGradient", short_.ParamName);
        Assert.Contains("3 neurons × 4 inputs", short_.Message, StringComparison.Ordinal);
        Assert.Equal("biasGradient", Assert.Throws<ArgumentException>(() => VectorKernels.AddGradientRows(weights, new float[2], deltas, x, 2, 0, 3)).ParamName);
        Assert.All(weights, value => Assert.Equal(5f, value));
        Assert.All(bias, value => Assert.Equal(5f, value));
    }

    [Fact]
    public void MultiplyAddRows_names_the_argument_that_does_not_fit_and_writes_nothing()
    {
        float[] matrix = new float[12];
        float[] bias = new float[3];
        float[] destination = Filled(6, 5f);

        ArgumentOutOfRangeException rows = Assert.Throws<ArgumentOutOfRangeException>(() => VectorKernels.MultiplyAddRows(matrix, new float[8], bias, destination, 0));
        Assert.Equal("rows", rows.ParamName);
        ArgumentException inputs = Assert.Throws<ArgumentException>(() => VectorKernels.MultiplyAddRows(matrix, new float[7], bias, destination, 2));
        Assert.Equal("inputs", inputs.ParamName);
        Assert.Contains("7 elements", inputs.Message, StringComparison.Ordinal);
        ArgumentException output = Assert.Throws<ArgumentException>(() => VectorKernels.MultiplyAddRows(matrix, new float[8], bias, new float[5], 2));
        Assert.Equal("destination", output.ParamName);
        ArgumentException weights = Assert.Throws<ArgumentException>(() => VectorKernels.MultiplyAddRows(new float[11], new float[8], bias, destination, 2));
        Assert.Equal("matrix", weights.ParamName);
        Assert.Contains("12", weights.Message, StringComparison.Ordinal);
        ArgumentException biases = Assert.Throws<ArgumentException>(() => VectorKernels.MultiplyAddRows(matrix, new float[8], new float[2], destination, 2));
        Assert.Equal("bias", biases.ParamName);
        Assert.All(destination, value => Assert.Equal(5f, value));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyTransposed_rounds_as_Clear_then_one_AddScaled_per_row(int rows, int columns)
    {
        var random = new Random((rows * 7919) + columns);
        float[] matrix = Values(random, rows * columns);
        float[] scales = Values(random, rows);
        float[] expected = new float[columns];
        for (int i = 0; i < rows; i++)
        {
            VectorKernels.AddScaled(expected, scales[i], matrix.AsSpan(i * columns, columns));
        }

        float[] actual = Filled(columns, float.NaN);
        VectorKernels.MultiplyTransposed(matrix, scales, actual);
        Assert.Equal(Bits(expected), Bits(actual));

        double[] matrixD = matrix.Select(v => (double)v * 1.1).ToArray();
        double[] scalesD = scales.Select(v => (double)v / 3).ToArray();
        double[] expectedD = new double[columns];
        for (int i = 0; i < rows; i++)
        {
            VectorKernels.AddScaled(expectedD, scalesD[i], matrixD.AsSpan(i * columns, columns));
        }

        double[] actualD = new double[columns];
        VectorKernels.MultiplyTransposed(matrixD, scalesD, actualD);
        Assert.Equal(expectedD.Select(BitConverter.DoubleToInt64Bits), actualD.Select(BitConverter.DoubleToInt64Bits));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_outer_products_round_as_one_row_kernel_per_row(int rows, int columns)
    {
        var random = new Random((rows * 104729) + columns);
        float[] start = Values(random, rows * columns);
        float[] scales = Values(random, rows);
        float[] x = Values(random, columns);

        float[] expected = (float[])start.Clone();
        float[] actual = (float[])start.Clone();
        for (int j = 0; j < rows; j++)
        {
            VectorKernels.AddScaled(expected.AsSpan(j * columns, columns), scales[j], x);
        }

        VectorKernels.AddOuterProduct(actual, scales, x);
        Assert.Equal(Bits(expected), Bits(actual));

        expected = (float[])start.Clone();
        actual = (float[])start.Clone();
        for (int j = 0; j < rows; j++)
        {
            VectorKernels.SubtractScaledProduct(expected.AsSpan(j * columns, columns), 0.37f, scales[j], x);
        }

        VectorKernels.SubtractScaledOuterProduct(actual, 0.37f, scales, x);
        Assert.Equal(Bits(expected), Bits(actual));

        double[] startD = start.Select(v => (double)v / 7).ToArray();
        double[] scalesD = scales.Select(v => (double)v * 1.3).ToArray();
        double[] xD = x.Select(v => (double)v / 3).ToArray();
        double[] expectedD = (double[])startD.Clone();
        double[] actualD = (double[])startD.Clone();
        for (int j = 0; j < rows; j++)
        {
            VectorKernels.SubtractScaledProduct(expectedD.AsSpan(j * columns, columns), 0.37, scalesD[j], xD);
        }

        VectorKernels.SubtractScaledOuterProduct(actualD, 0.37, scalesD, xD);
        Assert.Equal(expectedD.Select(BitConverter.DoubleToInt64Bits), actualD.Select(BitConverter.DoubleToInt64Bits));
    }

    [Theory]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.ReLU)]
    [InlineData(Activation.LeakyReLU)]
    public void MultiplyByDerivative_rounds_as_the_scalar_statement(Activation activation)
    {
        foreach (int length in new[] { 1, 7, 8, 15, 16, 17, 64, 100 })
        {
            var random = new Random(length);
            float[] activations = Values(random, length);
            activations[0] = 0f;
            if (length > 2)
            {
                activations[1] = -0f;
                activations[2] = float.NaN;
            }

            float[] delta = Values(random, length);
            float[] expected = delta.Select((d, i) => d * Derivative(activation, activations[i])).ToArray();
            VectorKernels.MultiplyByDerivative(delta, activations, activation);
            Assert.Equal(Bits(expected), Bits(delta));

            double[] activationsD = activations.Select(v => (double)v).ToArray();
            double[] deltaD = delta.Select(v => (double)v / 3).ToArray();
            double[] expectedD = deltaD.Select((d, i) => d * DerivativeD(activation, activationsD[i])).ToArray();
            VectorKernels.MultiplyByDerivative(deltaD, activationsD, activation);
            Assert.Equal(expectedD.Select(BitConverter.DoubleToInt64Bits), deltaD.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Theory]
    [InlineData(Activation.Linear)]
    [InlineData(Activation.Softmax)]
    [InlineData((Activation)99)]
    public void MultiplyByDerivative_refuses_an_activation_without_a_derivative_in_terms_of_a(Activation activation)
    {
        var error = Assert.Throws<ArgumentException>(() => VectorKernels.MultiplyByDerivative(new float[4], new float[4], activation));
        Assert.Equal("activation", error.ParamName);
        Assert.Contains(activation.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_spans_are_refused_with_the_parameter_and_both_lengths()
    {
        var matrix = Assert.Throws<ArgumentException>(() => VectorKernels.MultiplyAdd(new float[11], new float[4], new float[3], new float[3]));
        Assert.Equal("matrix", matrix.ParamName);
        Assert.Contains("has 11 elements, but needs at least 12 (3 rows of 4)", matrix.Message, StringComparison.Ordinal);

        var bias = Assert.Throws<ArgumentException>(() => VectorKernels.MultiplyAdd(new double[12], new double[4], new double[2], new double[3]));
        Assert.Equal("bias", bias.ParamName);
        Assert.Contains("has 2 elements, but needs at least 3", bias.Message, StringComparison.Ordinal);

        Assert.Equal("matrix", Assert.Throws<ArgumentException>(() => VectorKernels.MultiplyTransposed(new float[5], new float[2], new float[3])).ParamName);
        Assert.Equal("matrix", Assert.Throws<ArgumentException>(() => VectorKernels.AddOuterProduct(new float[5], new float[2], new float[3])).ParamName);
        Assert.Equal("matrix", Assert.Throws<ArgumentException>(() => VectorKernels.SubtractScaledOuterProduct(new double[5], 0.1, new double[2], new double[3])).ParamName);
        Assert.Equal("activations", Assert.Throws<ArgumentException>(() => VectorKernels.MultiplyByDerivative(new float[4], new float[3], Activation.Sigmoid)).ParamName);
    }

    [Fact]
    public void A_matrix_of_more_elements_than_an_int_holds_is_counted_without_overflow()
    {
        // 65,536 × 65,536 overflows int to 0: the check must still see that 4 elements are too few.
        var error = Assert.Throws<ArgumentException>(() => VectorKernels.MultiplyTransposed(new float[4], new float[65_536], new float[65_536]));
        Assert.Contains("needs at least 4294967296 (65536 rows of 65536)", error.Message, StringComparison.Ordinal);
    }

    private static float Derivative(Activation activation, float a) => activation switch
    {
        Activation.Sigmoid => a * (1f - a),
        Activation.Tanh => 1f - (a * a),
        Activation.ReLU => a > 0f ? 1f : 0f,
        _ => a > 0f ? 1f : 0.01f,
    };

    private static double DerivativeD(Activation activation, double a) => activation switch
    {
        Activation.Sigmoid => a * (1.0 - a),
        Activation.Tanh => 1.0 - (a * a),
        Activation.ReLU => a > 0.0 ? 1.0 : 0.0,
        _ => a > 0.0 ? 1.0 : 0.01,
    };

    private static float[] Values(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();

    private static float[] Filled(int count, float value) => Enumerable.Repeat(value, count).ToArray();

    private static IEnumerable<int> Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits);
}
