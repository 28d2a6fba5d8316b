using System;
using System.Linq;
using Backprop.Data;
using Backprop.Tests.Support;
using Xunit;

namespace Backprop.Tests.DataPreparation;

/// <summary>
/// The standardizer against a computation by hand, its constant columns, float and double, and the input it refuses
/// without writing anything.
/// </summary>
public sealed class StandardizerTests
{
    // Column 0 holds 2, 4, 4, 4, 5, 5, 7, 9: mean 40 / 8 = 5, squared deviations 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32,
    // population deviation √(32 / 8) = 2. Column 1 is constant at 3: deviation 0, divided by 1.
    private static readonly float[] s_train = [2, 3, 4, 3, 4, 3, 4, 3, 5, 3, 5, 3, 7, 3, 9, 3];

    [Fact]
    public void Fitting_measures_each_columns_mean_and_population_deviation()
    {
        var standardizer = Standardizer.Fit(s_train, columnCount: 2);
        Assert.Equal(2, standardizer.ColumnCount);
        Assert.Equal([5.0, 3.0], standardizer.Means);
        Assert.Equal([2.0, 0.0], standardizer.StandardDeviations);
    }

    [Fact]
    public void Transforming_subtracts_the_mean_and_divides_by_the_deviation()
    {
        var standardizer = Standardizer.Fit(s_train, columnCount: 2);

        // (x − 5) / 2 for column 0; x − 3 for the constant column 1, which is 0 on the fitted rows.
        Assert.Equal([-1.5f, 0, -0.5f, 0, -0.5f, 0, -0.5f, 0, 0, 0, 0, 0, 1, 0, 2, 0], standardizer.Transform(s_train));
        Assert.Equal([2.5f, 1f, -5f, -3f], standardizer.Transform([10f, 4f, -5f, 0f]));
    }

    [Fact]
    public void Doubles_are_standardized_like_floats()
    {
        double[] train = [.. s_train.Select(x => (double)x)];
        var standardizer = Standardizer.Fit(train, columnCount: 2);
        Assert.Equal([5.0, 3.0], standardizer.Means);
        Assert.Equal([2.0, 0.0], standardizer.StandardDeviations);
        Assert.Equal([2.5, 1.0, -5.0, -3.0], standardizer.Transform([10.0, 4.0, -5.0, 0.0]));
    }

    [Fact]
    public void Transforming_in_place_gives_the_same_values()
    {
        var standardizer = Standardizer.Fit(s_train, columnCount: 2);
        float[] copy = [.. s_train];
        standardizer.Transform(copy, copy);
        Assert.Equal(standardizer.Transform(s_train), copy);
    }

    [Fact]
    public void A_constant_column_of_doubles_that_do_not_sum_exactly_still_has_deviation_zero()
    {
        // 0.1 added ten times is not 10 × 0.1, so the mean is off by rounding; the deviation must still be exactly 0.
        double[] rows = [.. Enumerable.Repeat(0.1, 10)];
        var standardizer = Standardizer.Fit(rows, columnCount: 1);
        Assert.Equal(0.0, standardizer.StandardDeviations[0]);
        Assert.All(standardizer.Transform(rows), x => Assert.True(Math.Abs(x) < 1e-15, $"{x}"));
    }

    [Fact]
    public void A_column_count_below_one_is_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Standardizer.Fit(s_train, 0));
        Assert.Equal("columnCount", e.ParamName);
        Assert.Contains("at least 1, but was 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fitting_no_rows_or_partial_rows_is_refused()
    {
        var empty = Assert.Throws<ArgumentException>(() => Standardizer.Fit(ReadOnlySpan<float>.Empty, 2));
        Assert.Equal("rows", empty.ParamName);
        Assert.Contains("empty", empty.Message, StringComparison.Ordinal);

        var partial = Assert.Throws<ArgumentException>(() => Standardizer.Fit(new float[5], 2));
        Assert.Equal("rows", partial.ParamName);
        Assert.Contains("multiple of 2", partial.Message, StringComparison.Ordinal);
        Assert.Contains("has length 5", partial.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_finite_value_is_refused_with_its_row_and_column()
    {
        var fit = Assert.Throws<ArgumentException>(() => Standardizer.Fit([1f, 2f, 3f, float.NaN], 2));
        Assert.Equal("rows", fit.ParamName);
        Assert.Contains("rows[3] (row 1, column 1) is NaN", fit.Message, StringComparison.Ordinal);

        var standardizer = Standardizer.Fit(s_train, 2);
        float[] rows = [1f, 2f, float.PositiveInfinity, 4f];
        float[] before = [.. rows];
        var transform = Assert.Throws<ArgumentException>(() => standardizer.Transform(rows, rows));
        Assert.Equal("rows", transform.ParamName);
        Assert.Contains("rows[2] (row 1, column 0) is Infinity", transform.Message, StringComparison.Ordinal);
        Assert.Equal(before, rows);
    }

    [Fact]
    public void Rows_or_a_destination_that_do_not_fit_are_refused_and_nothing_is_written()
    {
        var standardizer = Standardizer.Fit(s_train, 2);
        var partial = Assert.Throws<ArgumentException>(() => standardizer.Transform(new float[3]));
        Assert.Equal("rows", partial.ParamName);
        Assert.Contains("multiple of 2", partial.Message, StringComparison.Ordinal);

        float[] destination = [7f, 7f, 7f];
        var shorter = Assert.Throws<ArgumentException>(() => standardizer.Transform(new float[4], destination));
        Assert.Equal("destination", shorter.ParamName);
        Assert.Contains("must have length 4", shorter.Message, StringComparison.Ordinal);
        Assert.Contains("has length 3", shorter.Message, StringComparison.Ordinal);
        Assert.Equal([7f, 7f, 7f], destination);

        float[] buffer = [1f, 2f, 3f, 4f, 5f, 6f];
        var overlap = Assert.Throws<ArgumentException>(() => standardizer.Transform(buffer.AsSpan(0, 4), buffer.AsSpan(2, 4)));
        Assert.Equal("destination", overlap.ParamName);
        Assert.Contains("offset of 2", overlap.Message, StringComparison.Ordinal);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], buffer);
    }

    [Fact]
    public void A_value_that_standardizes_beyond_float_is_refused_and_nothing_is_written()
    {
        // Deviation 5e-31: a test value of 1e30 standardizes to 2e60, beyond float's range.
        var standardizer = Standardizer.Fit([0f, 1e-30f], columnCount: 1);
        float[] rows = [0.5e-30f, 1e30f];
        var e = Assert.Throws<ArgumentException>(() => standardizer.Transform(rows, rows));
        Assert.Equal("rows", e.ParamName);
        Assert.Contains("rows[1] (row 1, column 0)", e.Message, StringComparison.Ordinal);
        Assert.Contains("beyond the range of Single", e.Message, StringComparison.Ordinal);
        Assert.Equal([0.5e-30f, 1e30f], rows);
    }

    [Fact]
    public void Doubles_too_large_to_measure_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Standardizer.Fit([1e308, 1.5e308], columnCount: 1));
        Assert.Equal("rows", e.ParamName);
        Assert.Contains("Column 0 of 'rows' has values too large", e.Message, StringComparison.Ordinal);
    }
}

/// <summary>
/// A standardizer as deployed: recreated from the statistics saved beside the network, and applied to one row at a
/// time with nothing allocated.
/// </summary>
public sealed class DeployedStandardizerTests
{
    private static readonly float[] s_train = [0.3f, -7f, 1.9f, 12.5f, 2.2f, -1f, 0.7f, 4f, -3.1f, 8.25f, 5.5f, -2f];

    [Fact]
    public void A_standardizer_recreated_from_its_statistics_transforms_to_the_same_bits()
    {
        var fitted = Standardizer.Fit(s_train, columnCount: 3);
        var recreated = Standardizer.From(fitted.Means, fitted.StandardDeviations);

        Assert.Equal(fitted.Means, recreated.Means);
        Assert.Equal(fitted.StandardDeviations, recreated.StandardDeviations);
        float[] probe = [0.1f, 100f, -3f, 1e-3f, -1e3f, 0f];
        Assert.Equal(
            fitted.Transform(probe).Select(BitConverter.SingleToInt32Bits),
            recreated.Transform(probe).Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void A_deviation_of_zero_marks_a_constant_column_divided_by_one()
    {
        var standardizer = Standardizer.From([3.0, 1.0], [0.0, 2.0]);
        Assert.Equal([2f, 0.5f], standardizer.Transform([5f, 2f]));
    }

    [Fact]
    public void Transforming_one_row_into_a_buffer_allocates_nothing()
    {
        var standardizer = Standardizer.From([1.0, 2.0, 3.0], [0.5, 0.0, 4.0]);
        float[] row = [2f, 2f, 7f];
        float[] input = new float[3];
        standardizer.Transform(row, input);

        long bytes = Allocations.Least(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                standardizer.Transform(row, input);
            }
        });

        Assert.Equal(0, bytes);
        Assert.Equal([2f, 0f, 1f], input);
    }

    [Theory]
    [InlineData(new double[0], new double[0], "means")]
    [InlineData(new[] { 1.0, 2.0 }, new[] { 1.0 }, "standardDeviations")]
    [InlineData(new[] { double.NaN }, new[] { 1.0 }, "means")]
    [InlineData(new[] { double.PositiveInfinity }, new[] { 1.0 }, "means")]
    [InlineData(new[] { 0.0 }, new[] { -1.0 }, "standardDeviations")]
    [InlineData(new[] { 0.0 }, new[] { double.NaN }, "standardDeviations")]
    [InlineData(new[] { 0.0 }, new[] { double.PositiveInfinity }, "standardDeviations")]
    public void Statistics_that_cannot_standardize_are_refused_by_name(double[] means, double[] deviations, string parameter)
    {
        ArgumentException refused = Assert.Throws<ArgumentException>(() => Standardizer.From(means, deviations));
        Assert.Equal(parameter, refused.ParamName);
    }

    [Fact]
    public void Missing_statistics_are_refused_by_name()
    {
        Assert.Equal("means", Assert.Throws<ArgumentNullException>(() => Standardizer.From(null!, [1.0])).ParamName);
        Assert.Equal("standardDeviations", Assert.Throws<ArgumentNullException>(() => Standardizer.From([1.0], null!)).ParamName);
    }
}
