using System;

namespace Iris;

/// <summary>
/// Rescales each feature to mean 0 and standard deviation 1, with statistics taken from the training rows
/// only: the test rows are scaled with them too, so nothing about the test set leaks into training.
/// </summary>
public sealed class Standardizer
{
    private readonly double[] _mean;
    private readonly double[] _deviation;

    private Standardizer(double[] mean, double[] deviation)
    {
        _mean = mean;
        _deviation = deviation;
    }

    /// <summary>Measures the mean and (population) standard deviation of each feature over <paramref name="rows"/>.</summary>
    /// <param name="features">All features, row-major.</param>
    /// <param name="featureCount">The number of features per row.</param>
    /// <param name="rows">The rows to measure: the training split.</param>
    public static Standardizer Fit(ReadOnlySpan<float> features, int featureCount, ReadOnlySpan<int> rows)
    {
        var mean = new double[featureCount];
        var deviation = new double[featureCount];
        foreach (int row in rows)
        {
            for (int f = 0; f < featureCount; f++)
            {
                mean[f] += features[(row * featureCount) + f];
            }
        }

        for (int f = 0; f < featureCount; f++)
        {
            mean[f] /= rows.Length;
        }

        foreach (int row in rows)
        {
            for (int f = 0; f < featureCount; f++)
            {
                double d = features[(row * featureCount) + f] - mean[f];
                deviation[f] += d * d;
            }
        }

        for (int f = 0; f < featureCount; f++)
        {
            double sd = Math.Sqrt(deviation[f] / rows.Length);

            // A constant feature carries no information; leave it at 0 instead of dividing by 0.
            deviation[f] = sd > 0 ? sd : 1;
        }

        return new Standardizer(mean, deviation);
    }

    /// <summary>The standardized features of <paramref name="rows"/>, row-major, in the order given.</summary>
    /// <param name="features">All features, row-major.</param>
    /// <param name="rows">The rows to take.</param>
    public float[] Transform(ReadOnlySpan<float> features, ReadOnlySpan<int> rows)
    {
        int featureCount = _mean.Length;
        var result = new float[rows.Length * featureCount];
        for (int r = 0; r < rows.Length; r++)
        {
            for (int f = 0; f < featureCount; f++)
            {
                double x = features[(rows[r] * featureCount) + f];
                result[(r * featureCount) + f] = (float)((x - _mean[f]) / _deviation[f]);
            }
        }

        return result;
    }
}
