using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Iris;

/// <summary>Fisher's Iris flowers: 150 rows of four measurements (cm) and a species, 50 of each.</summary>
/// <param name="Features">The measurements, row-major: sepal length, sepal width, petal length, petal width.</param>
/// <param name="Labels">The species of each row, 0 to 2.</param>
/// <param name="ClassNames">The species' names, by label.</param>
public sealed record IrisData(float[] Features, int[] Labels, string[] ClassNames)
{
    /// <summary>The number of measurements per flower.</summary>
    public const int FeatureCount = 4;

    /// <summary>The number of flowers.</summary>
    public int Rows => Labels.Length;

    /// <summary>
    /// Reads the copy of iris.csv embedded in this assembly. Its first line is "rows,features,name0,name1,name2",
    /// then one line per flower: four measurements and the label.
    /// </summary>
    public static IrisData Load()
    {
        using Stream stream = typeof(IrisData).Assembly.GetManifestResourceStream("iris.csv")
            ?? throw new InvalidOperationException("iris.csv is not embedded in the Iris assembly.");
        using var reader = new StreamReader(stream);
        string[] header = (reader.ReadLine() ?? throw new InvalidDataException("iris.csv is empty.")).Split(',');
        int rows = int.Parse(header[0], CultureInfo.InvariantCulture);
        if (int.Parse(header[1], CultureInfo.InvariantCulture) != FeatureCount)
        {
            throw new InvalidDataException($"iris.csv should have {FeatureCount} features, but its header says {header[1]}.");
        }

        string[] classNames = header[2..];
        var features = new List<float>(rows * FeatureCount);
        var labels = new List<int>(rows);
        while (reader.ReadLine() is string line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = line.Split(',');
            for (int f = 0; f < FeatureCount; f++)
            {
                features.Add(float.Parse(fields[f], CultureInfo.InvariantCulture));
            }

            labels.Add(int.Parse(fields[FeatureCount], CultureInfo.InvariantCulture));
        }

        if (labels.Count != rows)
        {
            throw new InvalidDataException($"iris.csv announces {rows} rows, but holds {labels.Count}.");
        }

        return new IrisData([.. features], [.. labels], classNames);
    }
}
