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

    /// <summary><paramref name="count"/> copies of <see cref="Sentinel"/>.</summary>
    public static T[] Sentinels<T>(int count)
        where T : IFloatingPointIeee754<T>
    {
        var values = new T[count];
        Array.Fill(values, T.CreateChecked(Sentinel));
        return values;
    }
}
