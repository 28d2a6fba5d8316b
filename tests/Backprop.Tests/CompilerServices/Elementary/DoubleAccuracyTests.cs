using System;
using System.Collections.Generic;
using System.Linq;
using Backprop.CompilerServices;
using Xunit;
using Xunit.Abstractions;

namespace Backprop.Tests.CompilerServices.Elementary;

/// <summary>
/// The double-precision elementary functions against the platform's double library (itself within about an
/// ulp): bit patterns spread over the whole range, a fine grid where the functions change, and runs of
/// consecutive doubles where an algorithm changes course. The bounds are those docs/math.md states.
/// </summary>
public sealed class DoubleAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Exp_is_within_its_bound() =>
        Check("exp", DoubleFunctions.Exp, References.Exp, 2.0 /* measured 1.00 */, Grid(-746, 710), Run(0.3465735902799726), Run(-0.3465735902799726), Run(709.7), Run(-708.3));

    [Fact]
    public void Log_is_within_its_bound() =>
        Check("log", DoubleFunctions.Log, References.Log, 2.0 /* measured 1.00 */, Grid(0, 100), Grid(0.5, 2), Run(1.0), Run(Math.Sqrt(0.5)), Run(1e-310));

    [Fact]
    public void Sigmoid_is_within_its_bound() =>
        Check("sigmoid", DoubleFunctions.Sigmoid, References.Sigmoid, 3.0 /* measured 2.00 */, Grid(-746, 40), Run(0.0), Run(36.7));

    [Fact]
    public void Tanh_is_within_its_bound() =>
        Check("tanh", DoubleFunctions.Tanh, References.Tanh, 4.0 /* measured 3.00 */, Grid(-20, 20), Grid(-1, 1), Run(0.4), Run(-0.4), Run(19));

    [Fact]
    public void Softplus_is_within_its_bound() =>
        Check("softplus", DoubleFunctions.Softplus, References.Softplus, 3.0 /* measured 2.00 */, Grid(-746, 40), Run(0.0), Run(36.7));

    // Every 2⁴⁴-th bit pattern: 2²⁰ doubles of both signs, NaNs, infinities and subnormals.
    private static IEnumerable<double> AcrossTheRange()
    {
        for (ulong bits = 0; bits < ulong.MaxValue - (1UL << 44); bits += 1UL << 44)
        {
            yield return BitConverter.UInt64BitsToDouble(bits + 0x123456789UL);
        }
    }

    // 2¹⁸ evenly spaced points.
    private static IEnumerable<double> Grid(double from, double to) =>
        Enumerable.Range(0, 1 << 18).Select(i => from + ((to - from) * i / (1 << 18)));

    // 2¹⁴ consecutive doubles on each side of x.
    private static IEnumerable<double> Run(double x)
    {
        double below = x;
        double above = x;
        for (int i = 0; i < 1 << 14; i++)
        {
            yield return below = Math.BitDecrement(below);
            yield return above = Math.BitIncrement(above);
        }
    }

    private void Check(string name, Func<double, double> function, Func<double, double> exact, double boundUlps, params IEnumerable<double>[] intervals)
    {
        double worst = 0;
        double worstAt = 0;
        long count = 0;
        foreach (double x in intervals.Prepend(AcrossTheRange()).SelectMany(values => values))
        {
            double error = Ulps.Of(function(x), exact(x));
            count++;
            if (error > worst)
            {
                worst = error;
                worstAt = x;
            }
        }

        output.WriteLine($"{name}: worst {worst:F3} ulp at {worstAt:R} over {count} doubles");
        Assert.True(worst <= boundUlps, $"{name}: {worst:F3} ulp at x = {worstAt:R}, bound {boundUlps}");
    }
}
