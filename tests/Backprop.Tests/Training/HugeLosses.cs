using System;

namespace Backprop.Tests.Training;

/// <summary>
/// Four rows for <see cref="LinearUnit"/> (double) whose targets are near 10¹⁵⁴: each row's cost ½(a − y)² is
/// between 5·10³⁰⁷ and 8.5·10³⁰⁷, finite, but the four add up past <see cref="double.MaxValue"/>.
/// </summary>
internal static class HugeLosses
{
    public const int Rows = 4;

    public static readonly double[] Inputs = [1, 0, 0, 1, 1, 1, -1, 0.5];

    public static readonly double[] Targets = [1.0e154, -1.1e154, 1.2e154, 1.3e154];

    /// <summary>The plain double sum of the rows' costs, which overflows: the premise of the tests.</summary>
    public static double NaiveSum(LinearUnit network)
    {
        double sum = 0;
        for (int row = 0; row < Rows; row++)
        {
            sum += Cost(network, row);
        }

        return sum;
    }

    /// <summary>The mean of the rows' costs, each divided by the row count first so that nothing overflows.</summary>
    public static double Mean(LinearUnit network)
    {
        double mean = 0;
        for (int row = 0; row < Rows; row++)
        {
            mean += Cost(network, row) / Rows;
        }

        return mean;
    }

    private static double Cost(LinearUnit network, int row)
    {
        Span<double> output = stackalloc double[1];
        network.Forward(Inputs.AsSpan(row * 2, 2), output);
        double error = output[0] - Targets[row];
        return 0.5 * error * error;
    }
}
