using System;
using Backprop.CompilerServices;
using Xunit;

namespace Backprop.Tests.CompilerServices;

/// <summary><see cref="ParameterInitializer"/>: the Glorot and He bounds, the draws, and argument checks.</summary>
public sealed class ParameterInitializerTests
{
    [Theory]
    [InlineData(3, 4)]
    [InlineData(1, 1)]
    [InlineData(784, 100)]
    public void GlorotLimit_is_the_square_root_of_6_over_fan_in_plus_fan_out(int fanIn, int fanOut)
    {
        double limit = ParameterInitializer.GlorotLimit(fanIn, fanOut);
        Assert.Equal(Math.Sqrt(6.0 / (fanIn + fanOut)), limit);

        // r² (fanIn + fanOut) = 6, checked without the formula above.
        Assert.Equal(6.0, limit * limit * (fanIn + fanOut), 12);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(1)]
    [InlineData(784)]
    public void HeLimit_is_the_square_root_of_6_over_fan_in(int fanIn)
    {
        double limit = ParameterInitializer.HeLimit(fanIn);
        Assert.Equal(Math.Sqrt(6.0 / fanIn), limit);
        Assert.Equal(6.0, limit * limit * fanIn, 12);
    }

    [Fact]
    public void The_limits_do_not_overflow_for_the_largest_fans()
    {
        // fanIn + fanOut would overflow int; the sum must be formed in double.
        Assert.Equal(Math.Sqrt(6.0 / (2.0 * int.MaxValue)), ParameterInitializer.GlorotLimit(int.MaxValue, int.MaxValue));
    }

    [Theory]
    [InlineData(0, 1, "fanIn")]
    [InlineData(-3, 1, "fanIn")]
    [InlineData(1, 0, "fanOut")]
    [InlineData(1, int.MinValue, "fanOut")]
    public void GlorotLimit_rejects_a_fan_that_is_not_positive(int fanIn, int fanOut, string parameter)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => ParameterInitializer.GlorotLimit(fanIn, fanOut));
        AssertNamesTheFan(exception, parameter, parameter == "fanIn" ? fanIn : fanOut);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void HeLimit_and_the_fills_reject_a_fan_in_that_is_not_positive(int fanIn)
    {
        var random = new DeterministicRandom(1);
        AssertNamesTheFan(Assert.Throws<ArgumentOutOfRangeException>(() => ParameterInitializer.HeLimit(fanIn)), "fanIn", fanIn);

        // The fills check before they write.
        var weights = new double[4];
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => ParameterInitializer.HeUniform(weights, fanIn, ref random));
        AssertNamesTheFan(exception, "fanIn", fanIn);
        exception = Assert.Throws<ArgumentOutOfRangeException>(() => ParameterInitializer.GlorotUniform(weights, fanIn, 2, ref random));
        AssertNamesTheFan(exception, "fanIn", fanIn);
        Assert.All(weights, w => Assert.Equal(0.0, w));
    }

    [Fact]
    public void GlorotUniform_draws_one_value_per_weight_within_the_limit()
    {
        var random = new DeterministicRandom(9);
        var replay = new DeterministicRandom(9);
        var weights = new double[500];
        ParameterInitializer.GlorotUniform(weights, 3, 4, ref random);

        double limit = Math.Sqrt(6.0 / 7);
        for (int i = 0; i < weights.Length; i++)
        {
            Assert.Equal(replay.NextDouble(-limit, limit), weights[i]);
            Assert.InRange(Math.Abs(weights[i]), 0, limit);
        }

        // One draw per weight: the caller's generator has advanced exactly as far as the replay.
        Assert.Equal(replay.NextUInt64(), random.NextUInt64());
    }

    [Fact]
    public void HeUniform_draws_one_value_per_weight_within_the_limit()
    {
        var random = new DeterministicRandom(10);
        var replay = new DeterministicRandom(10);
        var weights = new double[500];
        ParameterInitializer.HeUniform(weights, 5, ref random);

        double limit = Math.Sqrt(6.0 / 5);
        for (int i = 0; i < weights.Length; i++)
        {
            Assert.Equal(replay.NextDouble(-limit, limit), weights[i]);
        }

        Assert.Equal(replay.NextUInt64(), random.NextUInt64());
    }

    [Fact]
    public void Single_precision_fills_are_the_double_values_rounded_once()
    {
        var doubleRandom = new DeterministicRandom(11);
        var singleRandom = new DeterministicRandom(11);
        var wide = new double[200];
        var narrow = new float[200];
        ParameterInitializer.GlorotUniform(wide, 6, 2, ref doubleRandom);
        ParameterInitializer.GlorotUniform(narrow, 6, 2, ref singleRandom);
        ParameterInitializer.HeUniform(wide.AsSpan(100), 6, ref doubleRandom);
        ParameterInitializer.HeUniform(narrow.AsSpan(100), 6, ref singleRandom);

        for (int i = 0; i < wide.Length; i++)
        {
            Assert.Equal((float)wide[i], narrow[i]);
        }
    }

    private static void AssertNamesTheFan(ArgumentOutOfRangeException exception, string parameter, int value)
    {
        Assert.Equal(parameter, exception.ParamName);
        Assert.Equal(value, exception.ActualValue);
        Assert.Contains($"but was {value}", exception.Message, StringComparison.Ordinal);
    }
}
