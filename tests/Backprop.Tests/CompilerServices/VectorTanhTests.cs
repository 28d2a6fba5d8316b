using System;
using Backprop.CompilerServices;
using Xunit;

namespace Backprop.Tests.CompilerServices;

/// <summary>
/// VectorKernels.Tanh, an odd polynomial near 0 and (1 − e^(−2|z|))/(1 + e^(−2|z|)) elsewhere, against the exact
/// hyperbolic tangent in double precision: floats sampled across the whole bit range, every float around the
/// switch between the two forms, and the edges.
/// </summary>
public class VectorTanhTests
{
    [Fact]
    public void Is_within_its_documented_tolerance_of_the_exact_tanh_across_the_float_range()
    {
        var inputs = new float[4099]; // not a multiple of any vector width: the scalar tail runs too
        double worst = 0;
        float worstAt = 0;
        for (ulong start = 0; start < uint.MaxValue; start += 7_919UL * (ulong)inputs.Length)
        {
            for (int i = 0; i < inputs.Length; i++)
            {
                inputs[i] = BitConverter.UInt32BitsToSingle((uint)((start + (ulong)i * 7_919UL) & uint.MaxValue));
            }

            Measure(inputs, ref worst, ref worstAt);
        }

        Assert.True(worst <= VectorKernels.TanhTolerance, $"relative error {worst:E3} at z = {worstAt:R}");
    }

    [Fact]
    public void Is_within_its_tolerance_on_every_float_around_the_switch_to_the_exponential()
    {
        // Every float from 0.3 to 0.5 and the negatives: the polynomial's end and the exponential's start.
        int first = BitConverter.SingleToInt32Bits(0.3f);
        int last = BitConverter.SingleToInt32Bits(0.5f);
        var inputs = new float[2 * (last - first + 1)];
        for (int bits = first; bits <= last; bits++)
        {
            float z = BitConverter.Int32BitsToSingle(bits);
            inputs[2 * (bits - first)] = z;
            inputs[(2 * (bits - first)) + 1] = -z;
        }

        double worst = 0;
        float worstAt = 0;
        Measure(inputs, ref worst, ref worstAt);
        Assert.True(worst <= VectorKernels.TanhTolerance, $"relative error {worst:E3} at z = {worstAt:R}");
    }

    [Fact]
    public void Edges_keep_their_sign_and_saturate_to_one()
    {
        float[] values = { 0f, -0f, float.PositiveInfinity, float.NegativeInfinity, 20f, -20f, 1e30f, float.NaN, 1e-40f };
        VectorKernels.Tanh(values);

        Assert.Equal(0, BitConverter.SingleToInt32Bits(values[0]));
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(values[1]));
        Assert.Equal(1f, values[2]);
        Assert.Equal(-1f, values[3]);
        Assert.Equal(1f, values[4]);
        Assert.Equal(-1f, values[5]);
        Assert.Equal(1f, values[6]);
        Assert.True(float.IsNaN(values[7]));
        Assert.Equal(1e-40f, values[8]);
    }

    [Fact]
    public void Allocates_nothing()
    {
        var values = new float[300];
        VectorKernels.Tanh(values);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            VectorKernels.Tanh(values);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void Measure(float[] inputs, ref double worst, ref float worstAt)
    {
        var values = (float[])inputs.Clone();
        VectorKernels.Tanh(values);
        for (int i = 0; i < values.Length; i++)
        {
            float z = inputs[i];
            if (float.IsNaN(z))
            {
                Assert.True(float.IsNaN(values[i]), "NaN must stay NaN");
                continue;
            }

            double exact = Math.Tanh(z);
            if (exact == 0)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(z), BitConverter.SingleToInt32Bits(values[i]));
                continue;
            }

            double error = Math.Abs(values[i] - exact) / Math.Abs(exact);
            if (error > worst)
            {
                worst = error;
                worstAt = z;
            }
        }
    }
}
