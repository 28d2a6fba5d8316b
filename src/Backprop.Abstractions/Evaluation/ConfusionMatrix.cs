using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using static System.FormattableString;

namespace Backprop.Evaluation;

/// <summary>
/// Counts of (actual class, predicted class) pairs over a data set, with per-class precision and recall.
/// Rows are actual classes, columns predicted ones; the diagonal counts the right answers.
/// </summary>
/// <example>
/// <code>
/// ConfusionMatrix matrix = network.ConfusionMatrix(testInputs, testTargets, ["setosa", "versicolor", "virginica"]);
/// Console.WriteLine(matrix);
/// </code>
/// </example>
public sealed class ConfusionMatrix
{
    private readonly int[] _counts;

    /// <summary>Creates an empty matrix for <paramref name="classCount"/> classes.</summary>
    /// <param name="classCount">The number of classes, at least 1.</param>
    /// <param name="classNames">A name for each class, for <see cref="ToString"/>; null names them 0, 1, 2….</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="classNames"/> does not have one name per class.</exception>
    public ConfusionMatrix(int classCount, IReadOnlyList<string>? classNames = null)
    {
        if (classCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, Invariant($"'classCount' must be at least 1, but was {classCount}."));
        }

        if (classNames is not null && classNames.Count != classCount)
        {
            throw new ArgumentException(
                Invariant($"'classNames' must have one name for each of the {classCount} classes, but has {classNames.Count}."),
                nameof(classNames));
        }

        ClassCount = classCount;
        ClassNames = classNames?.ToArray() ?? Enumerable.Range(0, classCount).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
        _counts = new int[classCount * classCount];
    }

    /// <summary>The number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>The name of each class, as given or 0, 1, 2….</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The number of rows counted.</summary>
    public int Total { get; private set; }

    /// <summary>The number of rows whose predicted class is the actual one: the diagonal's sum.</summary>
    public int Correct { get; private set; }

    /// <summary>The fraction of rows predicted right, <see cref="Correct"/> / <see cref="Total"/>; NaN when empty.</summary>
    public double Accuracy => Total == 0 ? double.NaN : (double)Correct / Total;

    /// <summary>The number of rows of class <paramref name="actual"/> that were predicted as <paramref name="predicted"/>.</summary>
    /// <param name="actual">The actual class, from 0.</param>
    /// <param name="predicted">The predicted class, from 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A class is outside 0…<see cref="ClassCount"/> − 1.</exception>
    public int this[int actual, int predicted] => _counts[Index(actual, predicted)];

    /// <summary>Counts one row.</summary>
    /// <param name="actual">The row's actual class, from 0.</param>
    /// <param name="predicted">The class the network predicted, from 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A class is outside 0…<see cref="ClassCount"/> − 1.</exception>
    public void Add(int actual, int predicted)
    {
        _counts[Index(actual, predicted)]++;
        Total++;
        Correct += actual == predicted ? 1 : 0;
    }

    /// <summary>The number of rows whose actual class is <paramref name="actual"/>: the row's sum.</summary>
    /// <param name="actual">A class, from 0.</param>
    /// <returns>The count.</returns>
    public int ActualCount(int actual)
    {
        int sum = 0;
        for (int predicted = 0; predicted < ClassCount; predicted++)
        {
            sum += this[actual, predicted];
        }

        return sum;
    }

    /// <summary>The number of rows predicted as <paramref name="predicted"/>: the column's sum.</summary>
    /// <param name="predicted">A class, from 0.</param>
    /// <returns>The count.</returns>
    public int PredictedCount(int predicted)
    {
        int sum = 0;
        for (int actual = 0; actual < ClassCount; actual++)
        {
            sum += this[actual, predicted];
        }

        return sum;
    }

    /// <summary>
    /// Of the rows predicted as <paramref name="classIndex"/>, the fraction that are of that class:
    /// true positives / (true positives + false positives). NaN when nothing was predicted as it.
    /// </summary>
    /// <param name="classIndex">A class, from 0.</param>
    /// <returns>A value in [0, 1], or NaN.</returns>
    public double Precision(int classIndex) => Ratio(this[classIndex, classIndex], PredictedCount(classIndex));

    /// <summary>
    /// Of the rows of class <paramref name="classIndex"/>, the fraction predicted as it:
    /// true positives / (true positives + false negatives). NaN when no row is of that class.
    /// </summary>
    /// <param name="classIndex">A class, from 0.</param>
    /// <returns>A value in [0, 1], or NaN.</returns>
    public double Recall(int classIndex) => Ratio(this[classIndex, classIndex], ActualCount(classIndex));

    /// <summary>
    /// The matrix as a table for a console: a row per actual class ending with its recall, a column per
    /// predicted class, a last row of precisions, and the accuracy. Percentages; "n/a" where undefined.
    /// </summary>
    /// <returns>Several lines, formatted with the invariant culture.</returns>
    public override string ToString()
    {
        const string Corner = "actual \\ predicted";
        const string PrecisionLabel = "precision %";
        const string RecallLabel = "recall %";
        int first = Math.Max(Math.Max(Corner.Length, PrecisionLabel.Length), ClassNames.Max(n => n.Length));
        int largestCount = Math.Max(Total, 1);
        int width = Math.Max(Math.Max(5, largestCount.ToString(CultureInfo.InvariantCulture).Length), ClassNames.Max(n => n.Length));

        var text = new StringBuilder();
        text.Append(Corner.PadRight(first));
        foreach (string name in ClassNames)
        {
            text.Append("  ").Append(name.PadLeft(width));
        }

        text.Append("  ").Append(RecallLabel).AppendLine();
        for (int actual = 0; actual < ClassCount; actual++)
        {
            text.Append(ClassNames[actual].PadRight(first));
            for (int predicted = 0; predicted < ClassCount; predicted++)
            {
                text.Append("  ").Append(this[actual, predicted].ToString(CultureInfo.InvariantCulture).PadLeft(width));
            }

            text.Append("  ").Append(Percent(Recall(actual)).PadLeft(RecallLabel.Length)).AppendLine();
        }

        text.Append(PrecisionLabel.PadRight(first));
        for (int predicted = 0; predicted < ClassCount; predicted++)
        {
            text.Append("  ").Append(Percent(Precision(predicted)).PadLeft(width));
        }

        text.AppendLine();
        text.Append(Invariant($"accuracy {Percent(Accuracy)}% ({Correct} of {Total} right)"));
        return text.ToString();
    }

    private static double Ratio(int part, int whole) => whole == 0 ? double.NaN : (double)part / whole;

    private static string Percent(double fraction) =>
        double.IsNaN(fraction) ? "n/a" : (fraction * 100).ToString("F1", CultureInfo.InvariantCulture);

    private int Index(int actual, int predicted)
    {
        ThrowIfOutside(actual, nameof(actual));
        ThrowIfOutside(predicted, nameof(predicted));
        return (actual * ClassCount) + predicted;
    }

    private void ThrowIfOutside(int classIndex, string parameterName)
    {
        if ((uint)classIndex >= (uint)ClassCount)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                classIndex,
                Invariant($"'{parameterName}' must be a class from 0 to {ClassCount - 1}, but was {classIndex}."));
        }
    }
}
