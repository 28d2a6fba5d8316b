using System;
using Backprop.CompilerServices;
using Xunit;

namespace Backprop.Tests.CompilerServices;

/// <summary>
/// <see cref="NetworkGuard"/>'s checks on their own: the messages users see when a generated network
/// rejects an argument.
/// </summary>
public sealed class NetworkGuardTests
{
    [Theory]
    [InlineData(3, 2, 3, 2, 1)]
    [InlineData(12, 8, 3, 2, 4)]
    [InlineData(6, 3, 2, 1, 3)]
    public void CountBatchRows_returns_the_number_of_whole_matching_rows(int inputsLength, int targetsLength, int inputSize, int outputSize, int rows) =>
        Assert.Equal(rows, NetworkGuard.CountBatchRows(inputsLength, targetsLength, inputSize, outputSize));

    [Fact]
    public void CountBatchRows_rejects_an_empty_batch()
    {
        var exception = Assert.Throws<ArgumentException>(() => NetworkGuard.CountBatchRows(0, 0, 3, 2));
        Assert.Equal("inputs", exception.ParamName);
        Assert.Contains("'inputs' is empty", exception.Message, StringComparison.Ordinal);
        Assert.Contains("InputSize = 3", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CountBatchRows_rejects_inputs_that_end_part_way_through_a_row()
    {
        var exception = Assert.Throws<ArgumentException>(() => NetworkGuard.CountBatchRows(7, 4, 3, 2));
        Assert.Equal("inputs", exception.ParamName);
        Assert.Contains("length 7", exception.Message, StringComparison.Ordinal);
        Assert.Contains("InputSize = 3", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(0)]
    public void CountBatchRows_rejects_targets_for_another_number_of_rows(int targetsLength)
    {
        // 9 inputs of size 3 are 3 rows, which need 3 × 2 = 6 targets.
        var exception = Assert.Throws<ArgumentException>(() => NetworkGuard.CountBatchRows(9, targetsLength, 3, 2));
        Assert.Equal("targets", exception.ParamName);
        Assert.Contains($"'targets' has length {targetsLength}", exception.Message, StringComparison.Ordinal);
        Assert.Contains("holds 3 rows", exception.Message, StringComparison.Ordinal);
        Assert.Contains("3 × OutputSize (2) = 6", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CountBatchRows_does_not_overflow_when_rows_times_output_size_exceeds_int()
    {
        // 2³⁰ rows of 1 input need 2³⁰ × 4 targets: more than int can hold, so no int length can match.
        var exception = Assert.Throws<ArgumentException>(() => NetworkGuard.CountBatchRows(1 << 30, 0, 1, 4));
        Assert.Equal("targets", exception.ParamName);
        Assert.Contains("= 4294967296", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfWrongLength_names_the_parameter_the_size_and_both_lengths()
    {
        NetworkGuard.ThrowIfWrongLength("input", 3, 3, "InputSize");
        var exception = Assert.Throws<ArgumentException>(() => NetworkGuard.ThrowIfWrongLength("input", 2, 3, "InputSize"));
        Assert.Equal("input", exception.ParamName);
        Assert.Contains("'input' must have length InputSize = 3, but has length 2", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(0f)]
    [InlineData(-1f)]
    public void ThrowIfInvalidLearningRate_rejects_rates_that_are_not_finite_and_positive(float rate)
    {
        var single = Assert.Throws<ArgumentOutOfRangeException>(() => NetworkGuard.ThrowIfInvalidLearningRate(rate));
        var @double = Assert.Throws<ArgumentOutOfRangeException>(() => NetworkGuard.ThrowIfInvalidLearningRate((double)rate));
        Assert.Equal("learningRate", single.ParamName);
        Assert.Equal("learningRate", @double.ParamName);
        NetworkGuard.ThrowIfInvalidLearningRate(float.MaxValue);
        NetworkGuard.ThrowIfInvalidLearningRate(double.Epsilon);
    }

    [Fact]
    public void IsFinite_is_false_exactly_for_NaN_and_the_infinities()
    {
        foreach (double value in new[] { 0.0, -0.0, double.Epsilon, double.MaxValue, double.MinValue, 1.5 })
        {
            Assert.True(NetworkGuard.IsFinite(value));
            Assert.True(NetworkGuard.IsFinite((float)value) == float.IsFinite((float)value));
        }

        foreach (double value in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            Assert.False(NetworkGuard.IsFinite(value));
            Assert.False(NetworkGuard.IsFinite((float)value));
        }
    }

    [Fact]
    public void AllFinite_and_ThrowIfNotFinite_find_one_bad_value_at_any_position_of_any_length()
    {
        // Lengths below, at and past each vector width, so that the vector loops and the scalar tail each
        // meet the bad value; the message names the first bad index.
        foreach (int length in new[] { 1, 3, 4, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100 })
        {
            var floats = new float[length];
            var doubles = new double[length];
            for (int i = 0; i < length; i++)
            {
                floats[i] = (i % 5) - 2.5f;
                doubles[i] = floats[i];
            }

            Assert.True(NetworkGuard.AllFinite(floats));
            Assert.True(NetworkGuard.AllFinite(doubles));
            NetworkGuard.ThrowIfNotFinite(floats, "input");
            NetworkGuard.ThrowIfNotFinite(doubles, "input");
            foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
            {
                for (int at = 0; at < length; at++)
                {
                    float keptFloat = floats[at];
                    double keptDouble = doubles[at];
                    floats[at] = (float)bad;
                    doubles[at] = bad;
                    Assert.False(NetworkGuard.AllFinite(floats));
                    Assert.False(NetworkGuard.AllFinite(doubles));
                    var error = Assert.Throws<ArgumentException>(() => NetworkGuard.ThrowIfNotFinite(floats, "input"));
                    Assert.Equal("input", error.ParamName);
                    Assert.Contains("[" + at + "]", error.Message, StringComparison.Ordinal);
                    Assert.Equal("input", Assert.Throws<ArgumentException>(() => NetworkGuard.ThrowIfNotFinite(doubles, "input")).ParamName);
                    floats[at] = keptFloat;
                    doubles[at] = keptDouble;
                }
            }
        }

        Assert.True(NetworkGuard.AllFinite(ReadOnlySpan<float>.Empty));
        Assert.True(NetworkGuard.AllFinite(new[] { float.MaxValue, -float.MaxValue, float.Epsilon, -0f }));
        Assert.True(NetworkGuard.AllFinite(new[] { double.MaxValue, -double.MaxValue, double.Epsilon, -0.0 }));
    }
}
