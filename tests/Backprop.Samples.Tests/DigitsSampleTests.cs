using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Backprop.Training;
using Digits;
using Xunit;
using Xunit.Abstractions;

namespace Backprop.Samples.Tests;

/// <summary>The Digits sample's data, training with validation and early stopping, and plot, at full size (under a second each) and reduced.</summary>
public sealed class DigitsSampleTests(ITestOutputHelper output)
{
    [Fact]
    public void The_full_run_reaches_the_required_test_accuracy()
    {
        DigitsReport report = DigitsTraining.Run(new DigitsSettings());
        output.WriteLine($"{report.Training}; test accuracy {report.TestAccuracy:P1}; {report.TimePerEpoch.TotalMilliseconds:F1} ms per epoch.");

        // 97.2% was the sample's figure before it held out a validation set (issue 17 asks to keep it).
        Assert.True(report.TestAccuracy >= 0.972, $"Test accuracy {report.TestAccuracy:P1}, below 97.2%.");
    }

    [Fact]
    public void Early_stopping_stops_before_the_epoch_limit_and_leaves_the_best_epochs_parameters()
    {
        var settings = new DigitsSettings();
        DigitsReport report = DigitsTraining.Run(settings);
        output.WriteLine(report.Training.ToString());

        Assert.Equal(TrainingStopReason.EarlyStopped, report.Training.StopReason);
        Assert.True(report.Training.Epochs < settings.Epochs, $"Ran {report.Training.Epochs} of {settings.Epochs} epochs.");
        Assert.Equal(report.BestEpoch + settings.Patience, report.Training.Epochs);
        Assert.Equal(report.History.Min(e => e.ValidationLoss), report.History[report.BestEpoch - 1].ValidationLoss);

        // The network measures the best epoch's validation loss, not the last epoch's.
        Assert.Equal(report.Training.Best!.Value.ValidationLoss, report.ValidationLossAtEnd);
        Assert.NotEqual(report.History[^1].ValidationLoss, report.ValidationLossAtEnd);

        // A run that ends at the best epoch leaves the same parameters: the same test figures, bit for bit.
        DigitsReport shorter = DigitsTraining.Run(settings with { EarlyStopping = false, Epochs = report.BestEpoch });
        Assert.Equal(TrainingStopReason.EpochsCompleted, shorter.Training.StopReason);
        Assert.Equal(report.TestLoss, shorter.TestLoss);
        Assert.Equal(report.TestAccuracy, shorter.TestAccuracy);
    }

    [Fact]
    public void Without_early_stopping_every_epoch_runs_and_the_last_parameters_stay()
    {
        DigitsReport report = DigitsTraining.Run(new DigitsSettings { EarlyStopping = false, Epochs = 12 });

        Assert.Equal(TrainingStopReason.EpochsCompleted, report.Training.StopReason);
        Assert.Equal(12, report.Training.Epochs);
        Assert.Equal(report.History[^1].ValidationLoss, report.ValidationLossAtEnd);
    }

    [Fact]
    public void A_short_run_records_each_epoch_and_holds_out_validation_and_test_images()
    {
        var epochs = new List<DigitsEpoch>();
        DigitsReport report = DigitsTraining.Run(new DigitsSettings { Epochs = 2 }, new SynchronousProgress<DigitsEpoch>(epochs.Add));

        Assert.Equal(report.History, epochs);
        Assert.Equal([1, 2], report.History.Select(e => e.Epoch));
        Assert.True(report.History[1].TrainLoss < report.History[0].TrainLoss);
        Assert.True(report.History[1].ValidationLoss < report.History[0].ValidationLoss);
        Assert.All(report.History, e => Assert.Equal(0.01, e.LearningRate));
        Assert.True(report.TestAccuracy > 0.5, $"Test accuracy {report.TestAccuracy:P1} after two epochs.");

        // 359 test images (a fifth of each digit), then 15% of each digit of the other 1,438 for validation.
        Assert.Equal(359, report.TestRows);
        Assert.Equal(216, report.ValidationRows);
        Assert.Equal(1797, report.TrainRows + report.ValidationRows + report.TestRows);
        Assert.Equal(report.TestRows, report.Confusion.Total);
        Assert.True(report.TimePerEpoch > TimeSpan.Zero);
    }

    [Fact]
    public void The_plateau_schedule_halves_the_rate_after_epochs_without_improvement()
    {
        DigitsReport report = DigitsTraining.Run(new DigitsSettings { EarlyStopping = false, Epochs = 30 });

        double[] rates = report.History.Select(e => e.LearningRate).Distinct().ToArray();
        Assert.True(rates.Length > 1, "The learning rate never changed.");
        Assert.All(rates.Zip(rates.Skip(1)), pair => Assert.Equal(pair.First / 2, pair.Second));
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
            DigitsEpoch[] history = [new(1, 3, 1.5, 1.2, 0.8, 0.01), new(2, 3, 0.6, 0.7, 0.9, 0.01), new(3, 3, 0.3, 0.8, 0.95, 0.005)];
            LossCurve.Save(history, bestEpoch: 2, path);

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
