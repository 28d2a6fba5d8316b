using System;
using Backprop.Evaluation;
using Xunit;

namespace Backprop.Tests.Evaluation;

/// <summary>Counts, precision and recall of a matrix filled by hand, and its table.</summary>
public sealed class ConfusionMatrixTests
{
    // Actual → predicted, 10 rows over three classes:
    //            a  b  c
    //   a        3  1  0     recall a = 3/4
    //   b        0  2  0     recall b = 2/2
    //   c        1  2  1     recall c = 1/4
    //   precision a = 3/4, b = 2/5, c = 1/1; accuracy = (3 + 2 + 1) / 10.
    private static ConfusionMatrix Filled()
    {
        var matrix = new ConfusionMatrix(3, ["a", "b", "c"]);
        (int Actual, int Predicted, int Count)[] cells = [(0, 0, 3), (0, 1, 1), (1, 1, 2), (2, 0, 1), (2, 1, 2), (2, 2, 1)];
        foreach ((int actual, int predicted, int count) in cells)
        {
            for (int i = 0; i < count; i++)
            {
                matrix.Add(actual, predicted);
            }
        }

        return matrix;
    }

    [Fact]
    public void Counts_each_pair()
    {
        ConfusionMatrix matrix = Filled();
        Assert.Equal(3, matrix[0, 0]);
        Assert.Equal(1, matrix[0, 1]);
        Assert.Equal(0, matrix[1, 0]);
        Assert.Equal(2, matrix[2, 1]);
        Assert.Equal(10, matrix.Total);
        Assert.Equal(6, matrix.Correct);
        Assert.Equal(0.6, matrix.Accuracy);
        Assert.Equal(4, matrix.ActualCount(0));
        Assert.Equal(5, matrix.PredictedCount(1));
    }

    [Fact]
    public void Precision_and_recall_per_class()
    {
        ConfusionMatrix matrix = Filled();
        Assert.Equal(0.75, matrix.Precision(0));
        Assert.Equal(0.4, matrix.Precision(1));
        Assert.Equal(1.0, matrix.Precision(2));
        Assert.Equal(0.75, matrix.Recall(0));
        Assert.Equal(1.0, matrix.Recall(1));
        Assert.Equal(0.25, matrix.Recall(2));
    }

    [Fact]
    public void Precision_and_recall_are_NaN_where_nothing_was_counted()
    {
        var matrix = new ConfusionMatrix(2);
        Assert.True(double.IsNaN(matrix.Accuracy));
        matrix.Add(0, 0);
        Assert.True(double.IsNaN(matrix.Precision(1)));
        Assert.True(double.IsNaN(matrix.Recall(1)));
    }

    [Fact]
    public void Prints_a_table_with_recall_per_row_and_precision_per_column()
    {
        string expected = string.Join(
            Environment.NewLine,
            "actual \\ predicted      a      b      c  recall %",
            "a                       3      1      0      75.0",
            "b                       0      2      0     100.0",
            "c                       1      2      1      25.0",
            "precision %          75.0   40.0  100.0",
            "accuracy 60.0% (6 of 10 right)");
        Assert.Equal(expected, Filled().ToString());
    }

    [Fact]
    public void Unnamed_classes_are_numbered_and_undefined_ratios_print_as_na()
    {
        var matrix = new ConfusionMatrix(2);
        matrix.Add(0, 0);
        Assert.Equal(["0", "1"], matrix.ClassNames);
        Assert.Contains("n/a", matrix.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Classes_outside_the_matrix_are_refused()
    {
        var matrix = new ConfusionMatrix(3);
        Assert.Equal("actual", Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Add(3, 0)).ParamName);
        Assert.Equal("predicted", Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Add(0, -1)).ParamName);
        Assert.Equal("classCount", Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix(0)).ParamName);
        Assert.Equal("classNames", Assert.Throws<ArgumentException>(() => new ConfusionMatrix(3, ["x", "y"])).ParamName);
    }
}
