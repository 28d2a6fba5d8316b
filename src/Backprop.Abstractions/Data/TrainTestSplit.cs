using System;
using Backprop.Training;
using static System.FormattableString;

namespace Backprop.Data;

/// <summary>
/// A division of a data set's rows into a training part and a test part, drawn from a seed: at random, or
/// stratified so that every class gives the same share of its rows to the test part.
/// </summary>
/// <remarks>
/// <para>
/// The split holds row indices; <see cref="SelectTrain{T}"/> and <see cref="SelectTest{T}"/> copy those rows
/// out of any row-major array (inputs, labels, targets), ready for <see cref="Trainer{T}"/> and the
/// evaluation methods. Both parts list their rows in ascending order, and together they hold every row once.
/// </para>
/// <para>
/// The same rows, fraction and seed give the same split on every machine, runtime and version of this
/// library: the shuffles draw from <see cref="DeterministicRandom"/>. A part's size is the fraction of the rows
/// (of each class, when stratified), rounded half away from zero.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// TrainTestSplit split = TrainTestSplit.Stratified(labels, testFraction: 0.2, seed: 1);
/// float[] trainInputs = split.SelectTrain&lt;float&gt;(features, rowLength: 4);
/// int[] trainLabels = split.SelectTrain&lt;int&gt;(labels);
/// </code>
/// </example>
public sealed class TrainTestSplit
{
    private readonly int[] _train;
    private readonly int[] _test;

    private TrainTestSplit(int[] train, int[] test)
    {
        _train = train;
        _test = test;
    }

    /// <summary>The number of rows of the data set: the training rows and the test rows together.</summary>
    public int RowCount => _train.Length + _test.Length;

    /// <summary>The indices of the training rows, ascending.</summary>
    public ReadOnlySpan<int> TrainRows => _train;

    /// <summary>The indices of the test rows, ascending.</summary>
    public ReadOnlySpan<int> TestRows => _test;

    /// <summary>
    /// Splits <paramref name="rowCount"/> rows at random: a Fisher–Yates shuffle of all rows from
    /// <paramref name="seed"/>, whose first round(<paramref name="rowCount"/> × <paramref name="testFraction"/>)
    /// rows are the test part.
    /// </summary>
    /// <param name="rowCount">The number of rows of the data set, at least 2.</param>
    /// <param name="testFraction">The share of the rows that goes to the test part, greater than 0 and less than 1, e.g. 0.2.</param>
    /// <param name="seed">Fixes which rows go where.</param>
    /// <returns>The split.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowCount"/> is less than 2, or <paramref name="testFraction"/> is not between 0 and 1, or is NaN.</exception>
    /// <exception cref="ArgumentException">One of the two parts would be empty.</exception>
    public static TrainTestSplit Random(int rowCount, double testFraction, int seed)
    {
        if (rowCount < 2)
        {
            throw new ArgumentOutOfRangeException(
                nameof(rowCount),
                rowCount,
                Invariant($"'rowCount' must be at least 2 (a row for each part), but was {rowCount}."));
        }

        DataGuard.Fraction(testFraction);
        int testCount = DataGuard.TestCount(rowCount, testFraction);
        if (testCount < 1 || testCount >= rowCount)
        {
            throw new ArgumentException(
                Invariant($"A test fraction of {testFraction} of 'rowCount' = {rowCount} rows gives {testCount} test rows and {rowCount - testCount} training rows; each part needs at least one."),
                nameof(testFraction));
        }

        var order = new int[rowCount];
        RowShuffle.Identity(order);
        var random = new DeterministicRandom(seed);
        RowShuffle.Shuffle(order, ref random);
        var isTest = new bool[rowCount];
        foreach (int row in order.AsSpan(0, testCount))
        {
            isTest[row] = true;
        }

        return FromMarks(isTest, testCount);
    }

    /// <summary>
    /// Splits rows by class: the rows of each class (classes in ascending order of label, each class's rows in
    /// ascending order) are shuffled by Fisher–Yates, one random sequence from <paramref name="seed"/> running
    /// through all classes, and the first round(class size × <paramref name="testFraction"/>) go to the test part.
    /// </summary>
    /// <param name="labels">The class of each row; any integers.</param>
    /// <param name="testFraction">The share of each class that goes to the test part, greater than 0 and less than 1, e.g. 0.2.</param>
    /// <param name="seed">Fixes which rows go where.</param>
    /// <returns>The split.</returns>
    /// <remarks>A class too small to give a test row (a class of 2 rows and a fraction of 0.2) stays whole in the training part.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testFraction"/> is not between 0 and 1, or is NaN.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="labels"/> is empty, a class would give all its rows to the test part, or the test part would be empty.
    /// </exception>
    public static TrainTestSplit Stratified(ReadOnlySpan<int> labels, double testFraction, int seed)
    {
        DataGuard.Fraction(testFraction);
        if (labels.IsEmpty)
        {
            throw new ArgumentException("'labels' is empty; a split needs at least two rows.", nameof(labels));
        }

        int[] order = ByClass(labels);
        var random = new DeterministicRandom(seed);
        var isTest = new bool[labels.Length];
        int testTotal = 0;
        for (int start = 0, end; start < order.Length; start = end)
        {
            int label = labels[order[start]];
            end = start + 1;
            while (end < order.Length && labels[order[end]] == label)
            {
                end++;
            }

            Span<int> rows = order.AsSpan(start, end - start);
            RowShuffle.Shuffle(rows, ref random);
            int testCount = DataGuard.TestCount(rows.Length, testFraction);
            if (testCount == rows.Length)
            {
                throw new ArgumentException(
                    Invariant($"Class {label} has {rows.Length} row{(rows.Length == 1 ? "" : "s")}, and a test fraction of {testFraction} would give all of them to the test part, none to training. Lower 'testFraction', or gather more rows of that class."),
                    nameof(testFraction));
            }

            foreach (int row in rows.Slice(0, testCount))
            {
                isTest[row] = true;
            }

            testTotal += testCount;
        }

        if (testTotal == 0)
        {
            throw new ArgumentException(
                Invariant($"A test fraction of {testFraction} gives no class of the {labels.Length} rows a test row; the test part would be empty. Raise 'testFraction'."),
                nameof(testFraction));
        }

        return FromMarks(isTest, testTotal);
    }

    /// <summary>Copies the training rows out of <paramref name="values"/>, in the order of <see cref="TrainRows"/>.</summary>
    /// <typeparam name="T">The element type: float or double for inputs and targets, int for labels, or any other.</typeparam>
    /// <param name="values">The whole data set, row-major: <see cref="RowCount"/> rows of <paramref name="rowLength"/> values.</param>
    /// <param name="rowLength">The number of values per row, at least 1: the features of an input, or 1 for labels.</param>
    /// <returns>A new array of the training rows, row-major.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowLength"/> is less than 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not hold <see cref="RowCount"/> rows of <paramref name="rowLength"/> values.</exception>
    public T[] SelectTrain<T>(ReadOnlySpan<T> values, int rowLength = 1) => Select(values, rowLength, _train);

    /// <summary>Copies the test rows out of <paramref name="values"/>, in the order of <see cref="TestRows"/>.</summary>
    /// <typeparam name="T">The element type: float or double for inputs and targets, int for labels, or any other.</typeparam>
    /// <param name="values">The whole data set, row-major: <see cref="RowCount"/> rows of <paramref name="rowLength"/> values.</param>
    /// <param name="rowLength">The number of values per row, at least 1: the features of an input, or 1 for labels.</param>
    /// <returns>A new array of the test rows, row-major.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowLength"/> is less than 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not hold <see cref="RowCount"/> rows of <paramref name="rowLength"/> values.</exception>
    public T[] SelectTest<T>(ReadOnlySpan<T> values, int rowLength = 1) => Select(values, rowLength, _test);

    private T[] Select<T>(ReadOnlySpan<T> values, int rowLength, int[] rows)
    {
        HyperparameterGuard.AtLeastOne(rowLength, nameof(rowLength));
        DataGuard.Length(values.Length, (long)RowCount * rowLength, nameof(values), Invariant($"the split's {RowCount} rows of 'rowLength' = {rowLength} values"));
        var result = new T[rows.Length * rowLength];
        for (int r = 0; r < rows.Length; r++)
        {
            values.Slice(rows[r] * rowLength, rowLength).CopyTo(result.AsSpan(r * rowLength, rowLength));
        }

        return result;
    }

    /// <summary>The row indices grouped by label, labels ascending, each group's rows ascending.</summary>
    private static int[] ByClass(ReadOnlySpan<int> labels)
    {
        // One key per row, label in the high half and row in the low half: a plain sort orders by (label, row).
        var keys = new long[labels.Length];
        for (int row = 0; row < keys.Length; row++)
        {
            keys[row] = ((long)labels[row] << 32) | (uint)row;
        }

        Array.Sort(keys);
        var order = new int[keys.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = (int)(uint)keys[i];
        }

        return order;
    }

    /// <summary>The split whose test rows are those marked, both parts ascending.</summary>
    private static TrainTestSplit FromMarks(bool[] isTest, int testCount)
    {
        var train = new int[isTest.Length - testCount];
        var test = new int[testCount];
        int trainNext = 0;
        int testNext = 0;
        for (int row = 0; row < isTest.Length; row++)
        {
            if (isTest[row])
            {
                test[testNext++] = row;
            }
            else
            {
                train[trainNext++] = row;
            }
        }

        return new TrainTestSplit(train, test);
    }
}
