using System;
using System.Numerics;

namespace Backprop.Tests.Support;

/// <summary>Reproducible test inputs, drawn with System.Random so that they do not depend on the code under test.</summary>
internal static class TestData
{
    /// <summary>A value no network computes by accident: spans filled with it show whether anything was written.</summary>
    public const double Sentinel = 12345.5;

    /// <summary><paramref name="count"/> values drawn uniformly from [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static T[] Uniform<T>(int count, int seed, double min = -1, double max = 1)
        where T : IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var values = new T[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = T.CreateChecked(min + ((max - min) * random.NextDouble()));
        }

        return values;
    }

    /// <summary>
    /// <paramref name="rows"/> targets that suit the network's loss, row after row: each value drawn uniformly from
    /// [0, 1), and for cross-entropy each row divided by its sum, a probability distribution, because the
    /// simplification Δᴸ = Aᴸ − Y of eq. 3 assumes that the targets add up to 1.
    /// </summary>
    public static T[] Targets<T>(INeuralNetwork network, int rows, int seed)
        where T : IFloatingPointIeee754<T>
    {
        T[] targets = Uniform<T>(rows * network.OutputSize, seed, min: 0, max: 1);
        if (network.Loss == Loss.CrossEntropy)
        {
            for (int row = 0; row < rows; row++)
            {
                Span<T> target = targets.AsSpan(row * network.OutputSize, network.OutputSize);
                T sum = T.Zero;
                foreach (T value in target)
                {
                    sum += value;
                }

                for (int j = 0; j < target.Length; j++)
                {
                    target[j] /= sum;
                }
            }
        }

        return targets;
    }

    /// <summary><paramref name="count"/> copies of <see cref="Sentinel"/>.</summary>
    public static T[] Sentinels<T>(int count)
        where T : IFloatingPointIeee754<T>
    {
        var values = new T[count];
        Array.Fill(values, T.CreateChecked(Sentinel));
        return values;
    }
}
