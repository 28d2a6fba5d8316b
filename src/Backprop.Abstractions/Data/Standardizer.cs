using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using Backprop.Training;
using static System.FormattableString;

namespace Backprop.Data;

/// <summary>
/// Rescales each column of a row-major data set to mean 0 and standard deviation 1, with a mean and a
/// deviation per column measured on the rows it was fitted on (the training rows) and then applied to any rows
/// (training, test, new), so that nothing about the test rows leaks into training.
/// </summary>
/// <remarks>
/// <para>
/// Each value x of column c becomes (x − mean[c]) / deviation[c], computed in double and rounded once to the
/// data's type. The deviation is the population one, √(Σ(x − mean)² / n), as scikit-learn's StandardScaler
/// measures it.
/// </para>
/// <para>
/// A column whose fitted values are all equal has deviation 0 and carries no information: it is divided by 1
/// instead, so that it becomes 0 on those rows (and x − mean on others) instead of NaN.
/// <see cref="StandardDeviations"/> reports its 0.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// Standardizer standardizer = Standardizer.Fit(trainInputs, columnCount: 4);
/// standardizer.Transform(trainInputs, trainInputs);      // in place
/// float[] scaledTest = standardizer.Transform(testInputs); // a new array
///
/// // Deployed: the statistics saved with the network recreate it; one row at a time, nothing allocated.
/// var deployed = Standardizer.From(savedMeans, savedDeviations);
/// deployed.Transform(sensorRow, networkInput);
/// </code>
/// </example>
public sealed class Standardizer
{
    private readonly double[] _mean;
    private readonly double[] _deviation;

    // What each column is divided by: its deviation, or 1 for a constant column.
    private readonly double[] _divisor;

    private Standardizer(double[] mean, double[] deviation, double[] divisor)
    {
        _mean = mean;
        _deviation = deviation;
        _divisor = divisor;
        Means = new ReadOnlyCollection<double>(mean);
        StandardDeviations = new ReadOnlyCollection<double>(deviation);
    }

    /// <summary>The number of columns (values per row).</summary>
    public int ColumnCount => _mean.Length;

    /// <summary>The mean of each column over the fitted rows.</summary>
    public IReadOnlyList<double> Means { get; }

    /// <summary>The population standard deviation of each column over the fitted rows; 0 for a constant column.</summary>
    public IReadOnlyList<double> StandardDeviations { get; }

    /// <summary>Measures the mean and standard deviation of each column of <paramref name="rows"/>.</summary>
    /// <param name="rows">The rows to measure (the training rows), row-major: a multiple of <paramref name="columnCount"/> values, at least one row.</param>
    /// <param name="columnCount">The number of values per row, at least 1.</param>
    /// <returns>The fitted standardizer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columnCount"/> is less than 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="rows"/> is empty, not whole rows, or holds a NaN or infinity.</exception>
    public static Standardizer Fit(ReadOnlySpan<float> rows, int columnCount) => FitRows(rows, columnCount);

    /// <inheritdoc cref="Fit(ReadOnlySpan{float}, int)"/>
    /// <exception cref="ArgumentException">A column's values are so large that their sum or their squares overflow a double.</exception>
    public static Standardizer Fit(ReadOnlySpan<double> rows, int columnCount) => FitRows(rows, columnCount);

    /// <summary>
    /// Recreates a standardizer from the statistics of one fitted before (its <see cref="Means"/> and
    /// <see cref="StandardDeviations"/>, saved beside the trained network): it then transforms every value to the
    /// same bits as the original.
    /// </summary>
    /// <param name="means">The mean of each column; finite.</param>
    /// <param name="standardDeviations">The standard deviation of each column, as many as <paramref name="means"/>; finite and at least 0 (0 marks a constant column, divided by 1).</param>
    /// <returns>The standardizer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="means"/> or <paramref name="standardDeviations"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="means"/> is empty or holds a NaN or infinity; <paramref name="standardDeviations"/> has another
    /// length or holds a value that is negative, NaN or infinite.
    /// </exception>
    public static Standardizer From(IReadOnlyList<double> means, IReadOnlyList<double> standardDeviations)
    {
        if (means is null)
        {
            throw new ArgumentNullException(nameof(means));
        }

        if (standardDeviations is null)
        {
            throw new ArgumentNullException(nameof(standardDeviations));
        }

        if (means.Count == 0)
        {
            throw new ArgumentException("'means' is empty; a standardizer needs the mean of at least one column.", nameof(means));
        }

        DataGuard.Length(standardDeviations.Count, means.Count, nameof(standardDeviations), "one per column, as many as 'means'");
        double[] mean = new double[means.Count];
        double[] deviation = new double[means.Count];
        var divisor = new double[means.Count];
        for (int c = 0; c < mean.Length; c++)
        {
            mean[c] = means[c];
            deviation[c] = standardDeviations[c];
            if (!IsFinite(mean[c]))
            {
                throw new ArgumentException(Invariant($"'means[{c}]' must be finite, but was {mean[c]}."), nameof(means));
            }

            if (!(deviation[c] >= 0.0 && deviation[c] <= double.MaxValue))
            {
                throw new ArgumentException(
                    Invariant($"'standardDeviations[{c}]' must be finite and at least 0, but was {deviation[c]}."),
                    nameof(standardDeviations));
            }

            divisor[c] = deviation[c] == 0.0 ? 1.0 : deviation[c];
        }

        return new Standardizer(mean, deviation, divisor);
    }

    /// <summary>Standardizes <paramref name="rows"/> into a new array.</summary>
    /// <param name="rows">Rows of <see cref="ColumnCount"/> values, row-major.</param>
    /// <returns>The standardized rows, row-major.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="rows"/> is not whole rows, holds a NaN or infinity, or a value whose standardized value overflows a float.
    /// </exception>
    public float[] Transform(ReadOnlySpan<float> rows)
    {
        var result = new float[rows.Length];
        Apply(rows, result);
        return result;
    }

    /// <inheritdoc cref="Transform(ReadOnlySpan{float})"/>
    public double[] Transform(ReadOnlySpan<double> rows)
    {
        var result = new double[rows.Length];
        Apply(rows, result);
        return result;
    }

    /// <summary>Standardizes <paramref name="rows"/> into <paramref name="destination"/>, which may be <paramref name="rows"/> itself.</summary>
    /// <param name="rows">Rows of <see cref="ColumnCount"/> values, row-major.</param>
    /// <param name="destination">As long as <paramref name="rows"/>; the same memory, or memory that does not overlap it.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="rows"/> is not whole rows, holds a NaN or infinity, or a value whose standardized value overflows a float;
    /// <paramref name="destination"/> has another length or overlaps <paramref name="rows"/> at an offset. Nothing is written then.
    /// </exception>
    public void Transform(ReadOnlySpan<float> rows, Span<float> destination) => Apply(rows, destination);

    /// <inheritdoc cref="Transform(ReadOnlySpan{float}, Span{float})"/>
    public void Transform(ReadOnlySpan<double> rows, Span<double> destination) => Apply(rows, destination);

    private static Standardizer FitRows<T>(ReadOnlySpan<T> rows, int columnCount)
        where T : unmanaged
    {
        HyperparameterGuard.AtLeastOne(columnCount, nameof(columnCount));
        if (rows.IsEmpty)
        {
            throw new ArgumentException(Invariant($"'rows' is empty; fitting needs at least one row of 'columnCount' = {columnCount} values."), nameof(rows));
        }

        int rowCount = DataGuard.WholeRows(rows.Length, columnCount, nameof(rows), nameof(columnCount));
        DataSetGuard.ThrowIfNotFinite(rows, columnCount, nameof(rows));
        Scalar<T> scalar = Scalar<T>.Instance;
        var mean = new double[columnCount];
        var deviation = new double[columnCount];
        var divisor = new double[columnCount];
        for (int i = 0; i < rows.Length; i++)
        {
            mean[i % columnCount] += scalar.ToDouble(rows[i]);
        }

        for (int c = 0; c < columnCount; c++)
        {
            mean[c] /= rowCount;
        }

        // Two passes (mean, then squared deviations from it) rather than Σx² − n·mean², which cancels badly.
        // A column is constant when every value equals the first: its deviation is exactly 0, whatever rounding did to the mean.
        var constant = new bool[columnCount];
        constant.AsSpan().Fill(true);
        for (int i = 0; i < rows.Length; i++)
        {
            int c = i % columnCount;
            double x = scalar.ToDouble(rows[i]);
            double d = x - mean[c];
            deviation[c] += d * d;
            constant[c] &= x == scalar.ToDouble(rows[c]);
        }

        for (int c = 0; c < columnCount; c++)
        {
            deviation[c] = constant[c] ? 0.0 : Math.Sqrt(deviation[c] / rowCount);
            if (double.IsInfinity(mean[c]) || double.IsInfinity(deviation[c]))
            {
                throw new ArgumentException(
                    Invariant($"Column {c} of 'rows' has values too large to standardize: their mean is {mean[c]} and their deviation {deviation[c]} in double; every value's magnitude must stay well below {double.MaxValue}."),
                    nameof(rows));
            }

            divisor[c] = constant[c] ? 1.0 : deviation[c];
        }

        return new Standardizer(mean, deviation, divisor);
    }

    private void Apply<T>(ReadOnlySpan<T> rows, Span<T> destination)
        where T : unmanaged
    {
        int columnCount = ColumnCount;
        DataGuard.WholeRows(rows.Length, columnCount, nameof(rows), nameof(ColumnCount));
        DataGuard.Length(destination.Length, rows.Length, nameof(destination), "the length of 'rows'");
        if (rows.Overlaps(destination, out int offset) && offset != 0)
        {
            throw new ArgumentException(
                Invariant($"'destination' overlaps 'rows' at an offset of {offset} elements; it must be the same memory (in place) or memory apart."),
                nameof(destination));
        }

        DataSetGuard.ThrowIfNotFinite(rows, columnCount, nameof(rows));

        // Every result is checked before the first is written, so that a failure leaves the destination as it was.
        Scalar<T> scalar = Scalar<T>.Instance;
        for (int i = 0; i < rows.Length; i++)
        {
            int c = i % columnCount;
            double standardized = scalar.ToDouble(scalar.FromDouble(Standardize(scalar.ToDouble(rows[i]), c)));
            if (double.IsInfinity(standardized))
            {
                throw new ArgumentException(
                    Invariant($"rows[{i}] (row {i / columnCount}, column {c}) is {scalar.ToDouble(rows[i])}, which standardizes to {Standardize(scalar.ToDouble(rows[i]), c)} with the column's mean {_mean[c]} and deviation {_deviation[c]}: beyond the range of {typeof(T).Name}."),
                    nameof(rows));
            }
        }

        for (int i = 0; i < rows.Length; i++)
        {
            destination[i] = scalar.FromDouble(Standardize(scalar.ToDouble(rows[i]), i % columnCount));
        }
    }

    private double Standardize(double x, int column) => (x - _mean[column]) / _divisor[column];

    private static bool IsFinite(double value) => value - value == 0.0;
}
