using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Digits;
using Xunit;
using Xunit.Abstractions;

namespace Backprop.Samples.Tests;

/// <summary>The Digits sample's data, training and plot, at full size (a few seconds) and reduced.</summary>
public sealed class DigitsSampleTests(ITestOutputHelper output)
{
    [Fact]
    public void The_full_run_reaches_the_required_test_accuracy()
    {
        DigitsReport report = DigitsTraining.Run(new DigitsSettings());
        output.WriteLine($"{report.Training}; test accuracy {report.TestAccuracy:P1}; {report.TimePerEpoch.TotalMilliseconds:F1} ms per epoch.");
        Assert.True(report.TestAccuracy >= 0.95, $"Test accuracy {report.TestAccuracy:P1}, below 95%.");
    }

    [Fact]
    public void A_short_run_records_each_epoch_and_evaluates_on_the_held_out_fifth()
    {
        var epochs = new List<DigitsEpoch>();
        DigitsReport report = DigitsTraining.Run(new DigitsSettings { Epochs = 2 }, new Backprop.Training.SynchronousProgress<DigitsEpoch>(epochs.Add));

        Assert.Equal(report.History, epochs);
        Assert.Equal([1, 2], report.History.Select(e => e.Epoch));
        Assert.True(report.History[1].TrainLoss < report.History[0].TrainLoss);
        Assert.Equal(report.History[^1].TestAccuracy, report.TestAccuracy);
        Assert.True(report.TestAccuracy > 0.5, $"Test accuracy {report.TestAccuracy:P1} after two epochs.");
        Assert.Equal(1797, report.TrainRows + report.TestRows);
        Assert.Equal(report.TestRows, report.Confusion.Total);
        Assert.True(report.TimePerEpoch > TimeSpan.Zero);
    }

    [Fact]
    public void The_data_hold_1797_images_of_64_pixels_scaled_to_one()
    {
        DigitsData data = DigitsData.Load();
        Assert.Equal(1797, data.Rows);
        Assert.Equal(1797 * DigitsData.PixelCount, data.Pixels.Length);
        Assert.All(data.Pixels, p => Assert.InRange(p, 0f, 1f));
        Assert.Equal(Enumerable.Range(0, 10), data.Labels.Distinct().Order());

        // The first line of the file: 0,0,5,13,9,1,0,0,… label 0.
        Assert.Equal([0f, 0f, 5 / 16f, 13 / 16f, 9 / 16f, 1 / 16f], data.Pixels[..6]);
        Assert.Equal(0, data.Labels[0]);
    }

    [Fact]
    public void The_loss_curve_is_written_as_a_png()
    {
        string folder = Path.Combine(Path.GetTempPath(), "backprop-digits-" + Guid.NewGuid().ToString("N"));
        string path = Path.Combine(folder, "curve.png");
        try
        {
            DigitsEpoch[] history = [new(1, 3, 1.5, 0.8), new(2, 3, 0.6, 0.9), new(3, 3, 0.3, 0.95)];
            LossCurve.Save(history, path);

            byte[] png = File.ReadAllBytes(path);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);

            // The IHDR chunk gives the size, big-endian, at bytes 16-23.
            Assert.Equal(LossCurve.Width, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
            Assert.Equal(LossCurve.Height, (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
