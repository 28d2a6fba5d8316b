using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace Digits;

/// <summary>
/// The UCI optical recognition of handwritten digits, test set: 1,797 images of 8×8 pixels with values
/// 0 to 16, and the digit each shows.
/// </summary>
/// <param name="Pixels">The images, row-major, each pixel scaled from 0…16 to 0…1.</param>
/// <param name="Labels">The digit of each image.</param>
public sealed record DigitsData(float[] Pixels, int[] Labels)
{
    /// <summary>The number of pixels per image.</summary>
    public const int PixelCount = 64;

    /// <summary>The number of classes: the digits 0 to 9.</summary>
    public const int ClassCount = 10;

    /// <summary>The largest pixel value in the data.</summary>
    public const float MaxPixel = 16f;

    /// <summary>The number of images.</summary>
    public int Rows => Labels.Length;

    /// <summary>Reads the gzipped copy of digits.csv embedded in this assembly: each line is 64 pixels then the label.</summary>
    public static DigitsData Load()
    {
        using Stream compressed = typeof(DigitsData).Assembly.GetManifestResourceStream("digits.csv.gz")
            ?? throw new InvalidOperationException("digits.csv.gz is not embedded in the Digits assembly.");
        using var reader = new StreamReader(new GZipStream(compressed, CompressionMode.Decompress));
        var pixels = new List<float>(1797 * PixelCount);
        var labels = new List<int>(1797);
        while (reader.ReadLine() is string line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = line.Split(',');
            if (fields.Length != PixelCount + 1)
            {
                throw new InvalidDataException($"Line {labels.Count + 1} of digits.csv has {fields.Length} fields instead of {PixelCount + 1}.");
            }

            // A fixed scale, the same for every split: no statistics of the test set are involved.
            for (int p = 0; p < PixelCount; p++)
            {
                pixels.Add(float.Parse(fields[p], CultureInfo.InvariantCulture) / MaxPixel);
            }

            labels.Add(int.Parse(fields[PixelCount], CultureInfo.InvariantCulture));
        }

        return new DigitsData([.. pixels], [.. labels]);
    }
}
