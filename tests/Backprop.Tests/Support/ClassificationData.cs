using System;

namespace Backprop.Tests.Support;

/// <summary>
/// Small, learnable classification data sets, made with System.Random so that they do not depend on the
/// code under test.
/// </summary>
internal static class ClassificationData
{
    /// <summary>
    /// Three well-separated blobs in four dimensions: row r has class r mod 3, features drawn around the
    /// class's centre; one-hot targets.
    /// </summary>
    public static (T[] Inputs, T[] Targets, int[] Labels) Blobs<T>(int rows, int seed, Func<double, T> convert)
    {
        var random = new Random(seed);
        var inputs = new T[rows * 4];
        var targets = new T[rows * 3];
        var labels = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            int label = r % 3;
            labels[r] = label;
            for (int f = 0; f < 4; f++)
            {
                double centre = f == label ? 2.0 : (f == 3 ? -1.0 * label : 0.0);
                inputs[(r * 4) + f] = convert(centre + ((random.NextDouble() - 0.5) * 1.5));
            }

            for (int c = 0; c < 3; c++)
            {
                targets[(r * 3) + c] = convert(c == label ? 1.0 : 0.0);
            }
        }

        return (inputs, targets, labels);
    }

    /// <summary>Blobs in single precision.</summary>
    public static (float[] Inputs, float[] Targets, int[] Labels) Blobs(int rows, int seed) => Blobs(rows, seed, x => (float)x);
}
