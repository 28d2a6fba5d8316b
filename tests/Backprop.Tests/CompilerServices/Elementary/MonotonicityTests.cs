using System;
using Backprop.CompilerServices;
using Xunit;

namespace Backprop.Tests.CompilerServices.Elementary;

/// <summary>
/// The double-precision exp, σ, tanh and ln never decrease from one double to the next, on runs of
/// consecutive doubles where an algorithm changes course or saturates. (SingleAccuracyTests checks the
/// single-precision functions on every float of their intervals.)
/// </summary>
public sealed class MonotonicityTests
{
    public static TheoryData<string> Names => new() { "exp", "sigmoid", "tanh", "log" };

    [Theory]
    [MemberData(nameof(Names))]
    public void The_double_precision_function_never_decreases(string name)
    {
        Func<double, double> function = name switch
        {
            "exp" => DoubleFunctions.Exp,
            "sigmoid" => DoubleFunctions.Sigmoid,
            "tanh" => DoubleFunctions.Tanh,
            _ => DoubleFunctions.Log,
        };

        foreach (double start in new[] { -0.35, 0.34, -0.41, 0.39, 0.99, 0.7, -1e-3, 18.5, 36.5, 709.7, -708.4, -745.1 })
        {
            double previous = start;
            for (int i = 0; i < 1 << 14; i++)
            {
                double x = Math.BitIncrement(previous);
                Assert.False(function(x) < function(previous), $"{name}({x:R}) = {function(x):R} < {name}({previous:R}) = {function(previous):R}");
                previous = x;
            }
        }
    }
}
