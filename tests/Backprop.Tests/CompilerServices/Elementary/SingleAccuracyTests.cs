using System;
using System.Collections.Generic;
using System.Linq;
using Backprop.CompilerServices;
using Xunit;
using Xunit.Abstractions;

namespace Backprop.Tests.CompilerServices.Elementary;

/// <summary>The bounds docs/math.md states for the single-precision functions, in ulps (measured: in the comments).</summary>
internal static class SingleBounds
{
    public const double Exp = 1.0; // 0.51
    public const double Log = 1.5; // 0.95
    public const double Sigmoid = 2.5; // 2.18
    public const double Tanh = 2.5; // 2.13
    public const double Softplus = 2.5; // 1.88
}

/// <summary>
/// The single-precision elementary functions against the exact values (in double precision): every 2⁸-th float
/// across the whole range, and every float in the intervals where an algorithm changes course or saturates.
/// The bounds are those docs/math.md states. In those intervals, the functions that are monotone (all but
/// softplus, which is the sum of a rising and a falling term) are checked never to decrease from one float to
/// the next.
/// </summary>
public sealed class SingleAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Exp_is_within_its_bound()
    {
        Check("exp", SingleFunctions.Exp, References.Exp, SingleBounds.Exp, monotone: true,
            Floats.Between(-104f, -103.5f), Floats.Between(-87.6f, -87.1f), Floats.Between(88.5f, 88.8f),
            Floats.Between(0.0105f, 0.0112f), Floats.Between(-0.0112f, -0.0105f), Floats.Between(0.680f, 0.685f), Floats.Between(-0.685f, -0.680f));
    }

    [Fact]
    public void Log_is_within_its_bound()
    {
        Check("log", SingleFunctions.Log, References.Log, SingleBounds.Log, monotone: true,
            Floats.Between(0.995f, 1.005f), Floats.Between(0.705f, 0.709f), Floats.Between(1.412f, 1.416f), Floats.Between(0f, 1e-40f));
    }

    [Fact]
    public void Sigmoid_is_within_its_bound()
    {
        Check("sigmoid", SingleFunctions.Sigmoid, References.Sigmoid, SingleBounds.Sigmoid, monotone: true,
            Floats.Between(16.5f, 17.5f), Floats.Between(-104f, -103.5f), Floats.Between(-87.6f, -87.1f), Floats.Between(-0.01f, -0.0099f));
    }

    [Fact]
    public void Tanh_is_within_its_bound()
    {
        Check("tanh", SingleFunctions.Tanh, References.Tanh, SingleBounds.Tanh, monotone: true,
            Floats.Between(0.395f, 0.405f), Floats.Between(-0.405f, -0.395f), Floats.Between(8.6f, 8.8f));
    }

    [Fact]
    public void Softplus_is_within_its_bound()
    {
        Check("softplus", SingleFunctions.Softplus, References.Softplus, SingleBounds.Softplus, monotone: false,
            Floats.Between(16.5f, 17.5f), Floats.Between(-104f, -103.5f), Floats.Between(-17.5f, -16.5f));
    }

    private void Check(string name, Func<float, float> function, Func<double, double> exact, double boundUlps, bool monotone, params IEnumerable<float[]>[] intervals)
    {
        double worst = 0;
        float worstAt = 0;
        long count = 0;
        foreach (float[] chunk in Floats.AcrossTheRange())
        {
            foreach (float x in chunk)
            {
                Measure(function(x), x);
            }
        }

        foreach (IEnumerable<float> interval in intervals.Select(chunks => chunks.SelectMany(chunk => chunk)))
        {
            float previous = float.NaN;
            float previousValue = float.NaN;
            foreach (float x in interval)
            {
                float value = function(x);
                Measure(value, x);
                Assert.False(monotone && value < previousValue, $"{name}({x:R}) = {value:R} < {name}({previous:R}) = {previousValue:R}");
                previous = x;
                previousValue = value;
            }
        }

        output.WriteLine($"{name}: worst {worst:F3} ulp at {worstAt:R} over {count} floats");
        Assert.True(worst <= boundUlps, $"{name}: {worst:F3} ulp at x = {worstAt:R}, bound {boundUlps}");

        void Measure(float value, float x)
        {
            double error = Ulps.Of(value, exact(x));
            count++;
            if (error > worst)
            {
                worst = error;
                worstAt = x;
            }
        }
    }
}
