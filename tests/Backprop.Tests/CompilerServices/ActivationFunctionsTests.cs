using System;
using System.Collections.Generic;
using Backprop.CompilerServices;
using Xunit;

namespace Backprop.Tests.CompilerServices;

/// <summary>
/// <see cref="ActivationFunctions"/> against the definitions in <see cref="Activation"/>'s documentation,
/// in double precision (to a few units of roundoff) and single precision (against the double result).
/// </summary>
public sealed class ActivationFunctionsTests
{
    private const double DoubleU = 1.1102230246251565e-16; // 2⁻⁵³
    private const double SingleU = 5.9604644775390625e-8; // 2⁻²⁴

    // A grid over the range where the functions change, the awkward points around zero, and the large
    // magnitudes where e^(−z) overflows.
    private static IEnumerable<double> Points()
    {
        for (double z = -40; z <= 40; z += 0.37)
        {
            yield return z;
        }

        foreach (double z in new[] { 0.0, -0.0, 1e-300, -1e-300, 1e-8, -1e-8, 88.8, -88.8, 710, -710, 1e6, -1e6, double.MaxValue, double.MinValue })
        {
            yield return z;
        }
    }

    [Fact]
    public void Sigmoid_is_the_logistic_function()
    {
        // e^z / (1 + e^z) for negative z: the same function, free of the overflow of e^(−z).
        static double Logistic(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

        foreach (double z in Points())
        {
            // The single-precision function is checked at the float nearest z, against the double result.
            float zf = (float)z;
            AssertClose(Logistic(z), ActivationFunctions.Sigmoid(z), 4, $"Sigmoid({z})");
            AssertClose((float)Logistic(zf), ActivationFunctions.Sigmoid(zf), 4, $"Sigmoid({zf}f)");
        }
    }

    [Theory]
    [InlineData(1000, 1)]
    [InlineData(-1000, 0)]
    [InlineData(double.PositiveInfinity, 1)]
    [InlineData(double.NegativeInfinity, 0)]
    public void Sigmoid_of_a_large_magnitude_saturates_instead_of_becoming_NaN(double z, double limit)
    {
        Assert.Equal(limit, ActivationFunctions.Sigmoid(z));
        Assert.Equal((float)limit, ActivationFunctions.Sigmoid((float)z));
    }

    [Fact]
    public void Tanh_is_the_hyperbolic_tangent()
    {
        // (e^z − e^(−z)) / (e^z + e^(−z)) = (1 − e^(−2|z|)) / (1 + e^(−2|z|)) with the sign of z; near zero,
        // where the difference cancels, the series z − z³/3 instead.
        static double Hyperbolic(double z)
        {
            double t = Math.Exp(-2 * Math.Abs(z));
            return Math.Abs(z) < 1e-4 ? z - (z * z * z / 3) : Math.CopySign((1 - t) / (1 + t), z);
        }

        foreach (double z in Points())
        {
            float zf = (float)z;
            AssertClose(Hyperbolic(z), ActivationFunctions.Tanh(z), 8, $"Tanh({z})");
            AssertClose((float)Hyperbolic(zf), ActivationFunctions.Tanh(zf), 4, $"Tanh({zf}f)");
            Assert.InRange(ActivationFunctions.Tanh(z), -1.0, 1.0);
        }
    }

    [Fact]
    public void ReLU_is_the_positive_part_and_keeps_NaN()
    {
        foreach (double z in Points())
        {
            Assert.Equal(z > 0 ? z : 0.0, ActivationFunctions.ReLU(z));
            Assert.Equal(z > 0 ? (float)z : 0f, ActivationFunctions.ReLU((float)z));
        }

        // NaN must propagate, so that a NaN parameter makes the cost NaN and is reported.
        Assert.True(double.IsNaN(ActivationFunctions.ReLU(double.NaN)));
        Assert.True(float.IsNaN(ActivationFunctions.ReLU(float.NaN)));
        Assert.Equal(double.PositiveInfinity, ActivationFunctions.ReLU(double.PositiveInfinity));
        Assert.Equal(0.0, ActivationFunctions.ReLU(double.NegativeInfinity));
    }

    [Fact]
    public void LeakyReLU_has_slope_one_hundredth_below_zero_and_keeps_NaN()
    {
        Assert.Equal(0.01, ActivationFunctions.LeakyReLUSlope);
        foreach (double z in Points())
        {
            Assert.Equal(z > 0 ? z : 0.01 * z, ActivationFunctions.LeakyReLU(z));

            // In single precision the slope is 0.01 rounded to float, times z rounded once more.
            AssertClose(z > 0 ? (float)z : (float)(0.01 * (float)z), ActivationFunctions.LeakyReLU((float)z), 2, $"LeakyReLU({(float)z}f)");
        }

        Assert.True(double.IsNaN(ActivationFunctions.LeakyReLU(double.NaN)));
        Assert.True(float.IsNaN(ActivationFunctions.LeakyReLU(float.NaN)));
    }

    // |actual − expected| ≤ units·u·|expected| + the smallest normal number, u being the unit roundoff of
    // the precision. The absolute term allows for results below the normal range: Sigmoid(−88.8f) =
    // 1/(1 + e^88.8) may round to 0 because e^88.8 overflows float. Infinities are compared exactly.
    private static void AssertClose(double expected, double actual, double units, string what) =>
        AssertClose(expected, actual, units * DoubleU, Math.ScaleB(1.0, -1022), what);

    private static void AssertClose(float expected, float actual, double units, string what) =>
        AssertClose(expected, actual, units * SingleU, Math.ScaleB(1.0, -126), what);

    private static void AssertClose(double expected, double actual, double relative, double smallestNormal, string what)
    {
        if (double.IsInfinity(expected))
        {
            Assert.True(expected == actual, $"{what} should be {expected} but is {actual}.");
            return;
        }

        double tolerance = (relative * Math.Abs(expected)) + smallestNormal;
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{what} should be {expected:R} but is {actual:R}.");
    }
}
