using System;

namespace Backprop.Tests.Determinism;

/// <summary>
/// The summation order docs/math.md promises for every dot product, written as plainly as possible: element k
/// multiplied, then added to lane k mod L (L = 16 floats or 8 doubles, 64 bytes), every lane from +0; the lanes
/// folded in halves (lane i += lane i + half) until 16 bytes remain; those added in adjacent pairs.
/// </summary>
internal static class LaneOrder
{
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var lanes = new float[16];
        for (int k = 0; k < x.Length; k++)
        {
            float product = x[k] * y[k];
            lanes[k % 16] = lanes[k % 16] + product;
        }

        for (int half = 8; half >= 4; half /= 2)
        {
            for (int i = 0; i < half; i++)
            {
                lanes[i] = lanes[i] + lanes[i + half];
            }
        }

        return (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
    }

    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var lanes = new double[8];
        for (int k = 0; k < x.Length; k++)
        {
            double product = x[k] * y[k];
            lanes[k % 8] = lanes[k % 8] + product;
        }

        for (int half = 4; half >= 2; half /= 2)
        {
            for (int i = 0; i < half; i++)
            {
                lanes[i] = lanes[i] + lanes[i + half];
            }
        }

        return lanes[0] + lanes[1];
    }

    /// <summary>
    /// Values whose sum depends on its order: signs mixed and magnitudes spread over 2⁻¹² to 2¹², so that two
    /// orders of addition almost never round alike.
    /// </summary>
    public static double[] Values(Random random, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = ((2 * random.NextDouble()) - 1) * Math.Pow(2, random.Next(-12, 13));
        }

        return values;
    }

    public static float[] Floats(Random random, int count) => Array.ConvertAll(Values(random, count), v => (float)v);

    /// <summary>Every length from 0 to 300: each remainder of every lane count and vector width, 1, L − 1, L, L + 1, primes.</summary>
    public static int[] Lengths()
    {
        var lengths = new int[301];
        for (int i = 0; i < lengths.Length; i++)
        {
            lengths[i] = i;
        }

        return lengths;
    }
}
