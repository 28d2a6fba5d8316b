using System;
using System.Linq;
using Backprop.CompilerServices;
using Xunit;

namespace Backprop.Tests.CompilerServices;

/// <summary>
/// <see cref="VectorKernels.ApplyGradientRows(Span{float}, Span{float}, float, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int)"/>,
/// the last block of a batch in one pass, against the passes it replaces: the rows summed into the earlier sum
/// (or zeros) with AddGradientRows, then AddScaled, and for a negative factor SubtractScaled, bit for bit.
/// </summary>
public sealed class ApplyGradientRowsTests
{
    [Theory]
    [MemberData(nameof(LayerKernelsTests.RowBlocks), MemberType = typeof(LayerKernelsTests))]
    public void One_pass_gives_the_bits_of_summing_then_adding_the_scaled_sum(int rows, int neurons, int inputs)
    {
        var random = new Random((rows * 9_000_011) + (neurons * 1031) + inputs);
        float[] theta = Values(random, neurons * inputs);
        float[] thetaBias = Values(random, neurons);
        float[] sum = Values(random, neurons * inputs);
        float[] sumBias = Values(random, neurons);
        float[] deltas = Values(random, rows * neurons);
        float[] x = Values(random, rows * inputs);

        // Zeros of both signs where they change a result: a −0 product on an empty sum, a −0 parameter.
        deltas[random.Next(deltas.Length)] = -0f;
        theta[random.Next(theta.Length)] = -0f;
        thetaBias[random.Next(thetaBias.Length)] = -0f;

        foreach (bool earlier in new[] { false, true })
        {
            foreach (float factor in new[] { -0.0375f, 1f })
            {
                // The passes it replaces: sum (or zeros) += the rows, then θ += factor·sum.
                float[] g = earlier ? (float[])sum.Clone() : new float[sum.Length];
                float[] gBias = earlier ? (float[])sumBias.Clone() : new float[sumBias.Length];
                VectorKernels.AddGradientRows(g, gBias, deltas, x, rows, 0, neurons);
                float[] expected = (float[])theta.Clone();
                float[] expectedBias = (float[])thetaBias.Clone();
                VectorKernels.AddScaled(expected, factor, g);
                VectorKernels.AddScaled(expectedBias, factor, gBias);

                // TrainBatch's step as it was written before, θ −= (η/m)·g: the same bits.
                float[] subtracted = (float[])theta.Clone();
                VectorKernels.SubtractScaled(subtracted, -factor, g);
                Assert.Equal(Bits(expected), Bits(subtracted));

                // In one part, and in two and three cut anywhere.
                foreach (int[] cuts in new[] { new[] { 0, neurons }, new[] { 0, neurons / 2, neurons }, new[] { 0, 1, Math.Max(1, neurons - 1), neurons } })
                {
                    float[] actual = (float[])theta.Clone();
                    float[] actualBias = (float[])thetaBias.Clone();
                    float[] sumBefore = (float[])sum.Clone();
                    for (int part = 0; part + 1 < cuts.Length; part++)
                    {
                        VectorKernels.ApplyGradientRows(actual, actualBias, factor, earlier ? sum : default, earlier ? sumBias : default, deltas, x, rows, cuts[part], cuts[part + 1] - cuts[part]);
                    }

                    Assert.Equal(Bits(expected), Bits(actual));
                    Assert.Equal(Bits(expectedBias), Bits(actualBias));
                    Assert.Equal(Bits(sumBefore), Bits(sum));
                }
            }
        }

        // Double precision, the whole layer.
        double[] thetaD = theta.Select(v => (double)v / 3).ToArray();
        double[] thetaBiasD = thetaBias.Select(v => (double)v * 1.1).ToArray();
        double[] sumD = sum.Select(v => (double)v / 7).ToArray();
        double[] sumBiasD = sumBias.Select(v => (double)v * 1.9).ToArray();
        double[] deltasD = deltas.Select(v => (double)v * 1.3).ToArray();
        double[] xD = x.Select(v => (double)v / 5).ToArray();
        foreach (bool earlier in new[] { false, true })
        {
            double[] g = earlier ? (double[])sumD.Clone() : new double[sumD.Length];
            double[] gBias = earlier ? (double[])sumBiasD.Clone() : new double[sumBiasD.Length];
            VectorKernels.AddGradientRows(g, gBias, deltasD, xD, rows, 0, neurons);
            double[] expected = (double[])thetaD.Clone();
            double[] expectedBias = (double[])thetaBiasD.Clone();
            VectorKernels.AddScaled(expected, -0.01, g);
            VectorKernels.AddScaled(expectedBias, -0.01, gBias);

            double[] actual = (double[])thetaD.Clone();
            double[] actualBias = (double[])thetaBiasD.Clone();
            VectorKernels.ApplyGradientRows(actual, actualBias, -0.01, earlier ? sumD : default, earlier ? sumBiasD : default, deltasD, xD, rows, 0, neurons);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(expectedBias.Select(BitConverter.DoubleToInt64Bits), actualBias.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Theory]
    [InlineData(4, 40)]
    [InlineData(9, 67)]
    [InlineData(12, 16)]
    public void A_one_row_pass_keeps_the_sign_of_zero_on_every_element(int neurons, int inputs)
    {
        // A one-row batch has its own pass over each group of four neurons; every element of it here is a signed
        // zero case: −0 and +0 parameters, δ and inputs of both signs and zeros, so that the +0 an element's sum
        // starts from decides the sign of a zero result.
        var random = new Random((neurons * 131) + inputs);
        float[] Pick(int length, params float[] choices) => Enumerable.Range(0, length).Select(_ => choices[random.Next(choices.Length)]).ToArray();
        float[] theta = Pick(neurons * inputs, -0f, 0f, 1.5f);
        float[] thetaBias = Pick(neurons, -0f, 0f);
        float[] deltas = Pick(neurons, -0f, 0f, -2f, 0.25f);
        float[] x = Pick(inputs, -0f, 0f, 3f, -0.5f);
        foreach (float factor in new[] { -0.0375f, 1f, -1f })
        {
            float[] g = new float[theta.Length];
            float[] gBias = new float[neurons];
            VectorKernels.AddGradientRows(g, gBias, deltas, x, 1, 0, neurons);
            float[] expected = (float[])theta.Clone();
            float[] expectedBias = (float[])thetaBias.Clone();
            VectorKernels.AddScaled(expected, factor, g);
            VectorKernels.AddScaled(expectedBias, factor, gBias);

            float[] actual = (float[])theta.Clone();
            float[] actualBias = (float[])thetaBias.Clone();
            VectorKernels.ApplyGradientRows(actual, actualBias, factor, default, default, deltas, x, 1, 0, neurons);
            Assert.Equal(Bits(expected), Bits(actual));
            Assert.Equal(Bits(expectedBias), Bits(actualBias));

            double[] thetaD = theta.Select(v => (double)v).ToArray();
            double[] gD = new double[theta.Length];
            VectorKernels.AddGradientRows(gD, new double[neurons], deltas.Select(v => (double)v).ToArray(), x.Select(v => (double)v).ToArray(), 1, 0, neurons);
            double[] expectedD = (double[])thetaD.Clone();
            VectorKernels.AddScaled(expectedD, factor, gD);
            double[] actualD = (double[])thetaD.Clone();
            VectorKernels.ApplyGradientRows(actualD, new double[neurons], factor, default, default, deltas.Select(v => (double)v).ToArray(), x.Select(v => (double)v).ToArray(), 1, 0, neurons);
            Assert.Equal(expectedD.Select(BitConverter.DoubleToInt64Bits), actualD.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void Names_the_argument_that_does_not_fit_and_writes_nothing()
    {
        float[] weights = Filled(12, 5f);
        float[] bias = Filled(3, 5f);
        float[] sum = new float[12];
        float[] sumBias = new float[3];
        float[] deltas = new float[6];
        float[] x = new float[8];

        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => VectorKernels.ApplyGradientRows(weights, bias, 1f, sum, sumBias, deltas, x, 0, 0, 3)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => VectorKernels.ApplyGradientRows(weights, bias, 1f, sum, sumBias, deltas, new float[7], 2, 0, 3)).ParamName);
        Assert.Equal("neuronCount", Assert.Throws<ArgumentOutOfRangeException>(() => VectorKernels.ApplyGradientRows(weights, bias, 1f, sum, sumBias, deltas, x, 2, 1, 3)).ParamName);
        ArgumentException shortWeights = Assert.Throws<ArgumentException>(() => VectorKernels.ApplyGradientRows(new float[11], bias, 1f, sum, sumBias, deltas, x, 2, 0, 3));
        Assert.Equal("weights", shortWeights.ParamName);
        Assert.Contains("3 neurons × 4 inputs", shortWeights.Message, StringComparison.Ordinal);
        Assert.Equal("biases", Assert.Throws<ArgumentException>(() => VectorKernels.ApplyGradientRows(weights, new float[2], 1f, sum, sumBias, deltas, x, 2, 0, 3)).ParamName);

        // The sums: both or neither, each long enough.
        ArgumentException one = Assert.Throws<ArgumentException>(() => VectorKernels.ApplyGradientRows(weights, bias, 1f, sum, default, deltas, x, 2, 0, 3));
        Assert.Equal("biasSum", one.ParamName);
        Assert.Contains("give both sums, or neither", one.Message, StringComparison.Ordinal);
        Assert.Equal("weightSum", Assert.Throws<ArgumentException>(() => VectorKernels.ApplyGradientRows(weights, bias, 1f, default, sumBias, deltas, x, 2, 0, 3)).ParamName);
        ArgumentException shortSum = Assert.Throws<ArgumentException>(() => VectorKernels.ApplyGradientRows(weights, bias, 1f, new float[11], sumBias, deltas, x, 2, 0, 3));
        Assert.Equal("weightSum", shortSum.ParamName);
        Assert.Contains("has 11 elements, but needs at least 12", shortSum.Message, StringComparison.Ordinal);
        Assert.Equal("biasSum", Assert.Throws<ArgumentException>(() => VectorKernels.ApplyGradientRows(weights, bias, 1f, sum, new float[2], deltas, x, 2, 0, 3)).ParamName);

        Assert.All(weights, value => Assert.Equal(5f, value));
        Assert.All(bias, value => Assert.Equal(5f, value));
    }

    private static float[] Values(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();

    private static float[] Filled(int count, float value) => Enumerable.Repeat(value, count).ToArray();

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
