using System;
using System.Linq;
using Backprop.Data;
using Xunit;

namespace Backprop.Tests.DataPreparation;

/// <summary>
/// Random and stratified splits: exact sizes per class, parts that are disjoint and complete, and the very rows a
/// seed picks. The expected rows come from a separate reference (SplitMix64, rejection sampling, Fisher–Yates,
/// written apart in Python), so that any change of algorithm, and so of every user's split, is noticed.
/// </summary>
public sealed class TrainTestSplitTests
{
    // Five classes of 2, 6, 4, 4 and 4 rows, in no particular order, negative labels allowed.
    private static readonly int[] s_labels = [2, 0, 1, 0, 2, 1, 0, 0, 2, 1, 0, 1, 2, 0, 5, 5, 5, 5, -3, -3];

    [Fact]
    public void A_random_split_takes_the_rows_its_seed_fixes()
    {
        var split = TrainTestSplit.Random(10, 0.3, seed: 42);
        Assert.Equal([0, 1, 4, 5, 7, 8, 9], split.TrainRows.ToArray());
        Assert.Equal([2, 3, 6], split.TestRows.ToArray());

        Assert.Equal([3, 4, 6], TrainTestSplit.Random(10, 0.3, seed: 43).TestRows.ToArray());
    }

    [Fact]
    public void A_stratified_split_takes_the_rows_its_seed_fixes()
    {
        var split = TrainTestSplit.Stratified(s_labels, 0.25, seed: 7);
        Assert.Equal([0, 3, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 19], split.TrainRows.ToArray());
        Assert.Equal([1, 2, 4, 6, 16, 18], split.TestRows.ToArray());
    }

    [Fact]
    public void Each_class_gives_its_fraction_of_rows_rounded_half_away_from_zero()
    {
        // 0.25 of 2, 6, 4, 4, 4 rows: 0.5 → 1, 1.5 → 2, 1, 1, 1.
        var split = TrainTestSplit.Stratified(s_labels, 0.25, seed: 3);
        int[] test = split.TestRows.ToArray();
        Assert.Equal(1, test.Count(r => s_labels[r] == -3));
        Assert.Equal(2, test.Count(r => s_labels[r] == 0));
        Assert.Equal(1, test.Count(r => s_labels[r] == 1));
        Assert.Equal(1, test.Count(r => s_labels[r] == 2));
        Assert.Equal(1, test.Count(r => s_labels[r] == 5));
    }

    [Fact]
    public void Uneven_classes_each_give_their_own_share()
    {
        // 7, 13 and 3 rows at 0.3: 2.1 → 2, 3.9 → 4, 0.9 → 1.
        int[] labels = [.. Enumerable.Repeat(0, 7), .. Enumerable.Repeat(1, 13), .. Enumerable.Repeat(2, 3)];
        int[] test = TrainTestSplit.Stratified(labels, 0.3, seed: 11).TestRows.ToArray();
        Assert.Equal([2, 4, 1], Enumerable.Range(0, 3).Select(c => test.Count(r => labels[r] == c)));
    }

    [Fact]
    public void A_class_too_small_for_a_test_row_stays_whole_in_training()
    {
        int[] labels = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1];
        var split = TrainTestSplit.Stratified(labels, 0.2, seed: 1);
        Assert.Equal(2, split.TestRows.Length);
        Assert.All(split.TestRows.ToArray(), r => Assert.Equal(0, labels[r]));
        Assert.Contains(10, split.TrainRows.ToArray());
        Assert.Contains(11, split.TrainRows.ToArray());
    }

    [Theory]
    [InlineData(1, 0.2)]
    [InlineData(2, 0.5)]
    [InlineData(3, 0.9)]
    [InlineData(17, 0.33)]
    public void Every_split_is_disjoint_complete_and_ascending(int seed, double testFraction)
    {
        int[] labels = [.. Enumerable.Range(0, 97).Select(r => (r * 7) % 5)];
        foreach (TrainTestSplit split in new[] { TrainTestSplit.Random(labels.Length, testFraction, seed), TrainTestSplit.Stratified(labels, testFraction, seed) })
        {
            int[] train = split.TrainRows.ToArray();
            int[] test = split.TestRows.ToArray();
            Assert.Equal(labels.Length, split.RowCount);
            Assert.Equal(Enumerable.Range(0, labels.Length), train.Concat(test).Order());
            Assert.Equal(train.Order(), train);
            Assert.Equal(test.Order(), test);
            Assert.NotEmpty(train);
            Assert.NotEmpty(test);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_and_another_seed_another()
    {
        int[] labels = [.. Enumerable.Range(0, 60).Select(r => r % 3)];
        int[] first = TrainTestSplit.Stratified(labels, 0.2, seed: 5).TestRows.ToArray();
        Assert.Equal(first, TrainTestSplit.Stratified(labels, 0.2, seed: 5).TestRows.ToArray());
        Assert.NotEqual(first, TrainTestSplit.Stratified(labels, 0.2, seed: 500).TestRows.ToArray());
        Assert.Equal(TrainTestSplit.Random(60, 0.2, seed: 5).TestRows.ToArray(), TrainTestSplit.Random(60, 0.2, seed: 5).TestRows.ToArray());
    }

    [Fact]
    public void Selecting_copies_each_parts_rows_in_order()
    {
        var split = TrainTestSplit.Random(10, 0.3, seed: 42);    // test rows 2, 3, 6
        float[] features = [.. Enumerable.Range(0, 20).Select(i => (float)i)];   // row r holds 2r, 2r + 1
        Assert.Equal([4f, 5f, 6f, 7f, 12f, 13f], split.SelectTest<float>(features, rowLength: 2));
        Assert.Equal([0f, 1f, 2f, 3f, 8f, 9f, 10f, 11f, 14f, 15f, 16f, 17f, 18f, 19f], split.SelectTrain<float>(features, rowLength: 2));

        int[] labels = [.. Enumerable.Range(100, 10)];
        Assert.Equal([102, 103, 106], split.SelectTest<int>(labels));
        Assert.Equal(7, split.SelectTrain<int>(labels).Length);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.2)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_test_fraction_outside_zero_to_one_is_refused(double testFraction)
    {
        foreach (Func<TrainTestSplit> split in new Func<TrainTestSplit>[] { () => TrainTestSplit.Random(10, testFraction, 1), () => TrainTestSplit.Stratified(s_labels, testFraction, 1) })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(split);
            Assert.Equal("testFraction", e.ParamName);
            Assert.Equal(testFraction, e.ActualValue);
            Assert.Contains("greater than 0 and less than 1", e.Message, StringComparison.Ordinal);
            Assert.Contains(FormattableString.Invariant($"but was {testFraction}"), e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-4)]
    public void A_random_split_of_fewer_than_two_rows_is_refused(int rowCount)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => TrainTestSplit.Random(rowCount, 0.5, 1));
        Assert.Equal("rowCount", e.ParamName);
        Assert.Equal(rowCount, e.ActualValue);
        Assert.Contains(FormattableString.Invariant($"must be at least 2 (a row for each part), but was {rowCount}."), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, 0.01, "testFraction", "gives 0 test rows")]
    [InlineData(10, 0.97, "testFraction", "0 training rows")]
    public void A_random_split_with_an_empty_part_is_refused(int rowCount, double testFraction, string parameter, string says)
    {
        var e = Assert.Throws<ArgumentException>(() => TrainTestSplit.Random(rowCount, testFraction, 1));
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stratifying_no_labels_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => TrainTestSplit.Stratified([], 0.2, 1));
        Assert.Equal("labels", e.ParamName);
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_that_would_give_every_row_to_the_test_part_is_refused()
    {
        int[] labels = [0, 0, 0, 0, 9];
        var e = Assert.Throws<ArgumentException>(() => TrainTestSplit.Stratified(labels, 0.5, 1));
        Assert.Equal("testFraction", e.ParamName);
        Assert.Contains("Class 9 has 1 row,", e.Message, StringComparison.Ordinal);
        Assert.Contains("all of them to the test part", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stratified_split_without_a_test_row_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => TrainTestSplit.Stratified([0, 1, 2, 0, 1, 2], 0.2, 1));
        Assert.Equal("testFraction", e.ParamName);
        Assert.Contains("test part would be empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Selecting_from_values_of_another_length_is_refused()
    {
        var split = TrainTestSplit.Random(10, 0.3, seed: 1);
        var e = Assert.Throws<ArgumentException>(() => split.SelectTrain<float>(new float[19], rowLength: 2));
        Assert.Equal("values", e.ParamName);
        Assert.Contains("must have length 20", e.Message, StringComparison.Ordinal);
        Assert.Contains("has length 19", e.Message, StringComparison.Ordinal);

        var r = Assert.Throws<ArgumentOutOfRangeException>(() => split.SelectTest<float>(new float[10], rowLength: 0));
        Assert.Equal("rowLength", r.ParamName);
        Assert.Contains("at least 1, but was 0", r.Message, StringComparison.Ordinal);
    }
}
