using System;
using Backprop.CompilerServices;
using Xunit;

namespace Backprop.Tests.CompilerServices;

/// <summary>
/// VectorKernels.Sigmoid, whose exponential is a polynomial on vectors, against the exact logistic function
/// in double precision: every float it can meet, sampled across the whole bit range, and the edges.
/// </summary>
public class VectorSigmoidTests
{
    [Fact]
    public void Is_within_its_documented_tolerance_of_the_exact_sigmoid_across_the_float_range()
    {
        double worst = 0;
        float worstAt = 0;
        var values = new float[4099]; // not a multiple of any vector width: the scalar tail runs too
        var inputs = new float[values.Length];
        for (ulong start = 0; start < uint.MaxValue; start += 7_919UL * (ulong)values.Length)
        {
            for (int i = 0; i < values.Length; i++)
            {
                inputs[i] = BitConverter.UInt32BitsToSingle((uint)((start + (ulong)i * 7_919UL) & uint.MaxValue));
            }

            inputs.CopyTo(values, 0);
            VectorKernels.Sigmoid(values);
            for (int i = 0; i < values.Length; i++)
            {
                float z = inputs[i];
                if (float.IsNaN(z))
                {
                    Assert.True(float.IsNaN(values[i]), "NaN must stay NaN");
                    continue;
                }

                double exact = 1.0 / (1.0 + Math.Exp(-(double)z));
                if (exact > 1e-30)
                {
                    double error = Math.Abs(values[i] - exact) / exact;
                    if (error > worst)
                    {
                        worst = error;
                        worstAt = z;
                    }
                }
                else
                {
                    Assert.True(Math.Abs(values[i] - exact) <= 1e-36, $"absolute error {Math.Abs(values[i] - exact):E3} at z = {z:R}");
                }
            }
        }

        Assert.True(worst <= VectorKernels.SigmoidTolerance, $"relative error {worst:E3} at z = {worstAt:R}");
    }

    [Fact]
    public void Edges_are_exact_where_the_sigmoid_is_flat()
    {
        float[] values = { 0f, -0f, float.PositiveInfinity, 100f, 88.3f, 1e30f, float.NaN, 0f };
        VectorKernels.Sigmoid(values);

        Assert.Equal(0.5f, values[0]);
        Assert.Equal(0.5f, values[1]);
        Assert.Equal(1f, values[2]);
        Assert.Equal(1f, values[3]);
        Assert.Equal(1f, values[4]);
        Assert.Equal(1f, values[5]);
        Assert.True(float.IsNaN(values[6]));
        Assert.Equal(0.5f, values[7]);
    }

    [Fact]
    public void Allocates_nothing()
    {
        var values = new float[300];
        VectorKernels.Sigmoid(values);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            VectorKernels.Sigmoid(values);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
