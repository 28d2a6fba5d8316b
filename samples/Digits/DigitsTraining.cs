using System;
using System.Collections.Generic;
using System.Diagnostics;
using Backprop.Evaluation;
using Backprop.Training;

namespace Digits;

/// <summary>What to train with. The defaults are the sample's; tests shorten <see cref="Epochs"/>.</summary>
public sealed record DigitsSettings
{
    /// <summary>The number of epochs.</summary>
    public int Epochs { get; init; } = 40;

    /// <summary>The rows per mini-batch.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam's step size η.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>The L2 weight decay λ on the weights (not the biases).</summary>
    public double WeightDecay { get; init; }

    /// <summary>The seed of the network's initial parameters and of the batches' shuffling.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The seed of the 80/20 train/test split.</summary>
    public int SplitSeed { get; init; } = 1;

    /// <summary>The share of each digit held out for testing.</summary>
    public double TestFraction { get; init; } = 0.2;
}

/// <summary>One epoch of a run, for the console and the loss curve.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="EpochCount">The number of epochs of the run.</param>
/// <param name="TrainLoss">The epoch's mean training loss.</param>
/// <param name="TestAccuracy">The fraction of held-out images classified right after the epoch.</param>
public sealed record DigitsEpoch(int Epoch, int EpochCount, double TrainLoss, double TestAccuracy);

/// <summary>How a run went.</summary>
/// <param name="Training">The trainer's result.</param>
/// <param name="TestAccuracy">The fraction of held-out images classified right.</param>
/// <param name="Confusion">Actual against predicted digits on the held-out images.</param>
/// <param name="History">Every epoch's training loss and test accuracy.</param>
/// <param name="TrainingTime">The time spent training, without the per-epoch test measurements.</param>
/// <param name="TrainRows">The number of training images.</param>
/// <param name="TestRows">The number of held-out images.</param>
public sealed record DigitsReport(
    TrainingResult Training,
    double TestAccuracy,
    ConfusionMatrix Confusion,
    IReadOnlyList<DigitsEpoch> History,
    TimeSpan TrainingTime,
    int TrainRows,
    int TestRows)
{
    /// <summary>The training time per epoch.</summary>
    public TimeSpan TimePerEpoch => TrainingTime / Training.Epochs;
}

/// <summary>The sample's whole job, callable from tests: load, split, train, evaluate.</summary>
public static class DigitsTraining
{
    /// <summary>Trains a <see cref="DigitsNetwork"/> with Adam on 80% of the images and evaluates it on the other 20%.</summary>
    /// <param name="settings">What to train with.</param>
    /// <param name="progress">Receives each epoch's training loss and test accuracy; may be null.</param>
    public static DigitsReport Run(DigitsSettings settings, IProgress<DigitsEpoch>? progress = null)
    {
        DigitsData data = Load();
        (int[] trainRows, int[] testRows) = StratifiedSplit.Split(data.Labels, settings.TestFraction, settings.SplitSeed);
        float[] trainInputs = Rows(data.Pixels, DigitsData.PixelCount, trainRows);
        float[] testInputs = Rows(data.Pixels, DigitsData.PixelCount, testRows);
        float[] trainTargets = OneHot(data.Labels, trainRows);
        float[] testTargets = OneHot(data.Labels, testRows);

        var network = new DigitsNetwork(settings.Seed);
        var trainer = new Trainer<float>(network, new Adam(network, settings.LearningRate) { WeightDecay = settings.WeightDecay })
        {
            BatchSize = settings.BatchSize,
            Seed = settings.Seed,

            // The callback below measures the test accuracy; the training accuracy is not needed.
            MeasureAccuracy = false,
        };

        // After each epoch: record it and measure the test accuracy, timed apart from training.
        var history = new List<DigitsEpoch>(settings.Epochs);
        var measuring = new Stopwatch();
        var recorder = new SynchronousProgress<TrainingProgress>(p =>
        {
            measuring.Start();
            var epoch = new DigitsEpoch(p.Epoch, p.EpochCount, p.Loss, network.Accuracy(testInputs, testTargets));
            history.Add(epoch);
            progress?.Report(epoch);
            measuring.Stop();
        });
        TrainingResult result = trainer.Train(trainInputs, trainTargets, settings.Epochs, recorder);

        return new DigitsReport(
            result,
            network.Accuracy(testInputs, testTargets),
            network.ConfusionMatrix(testInputs, testTargets),
            history,
            result.Elapsed - measuring.Elapsed,
            trainRows.Length,
            testRows.Length);
    }

    // The file is parsed once per process: tests run the training several times.
    private static DigitsData Load() => s_data.Value;

    private static readonly Lazy<DigitsData> s_data = new(DigitsData.Load);

    /// <summary>The given rows of a row-major array, in the order given.</summary>
    private static float[] Rows(float[] values, int rowLength, int[] rows)
    {
        var result = new float[rows.Length * rowLength];
        for (int r = 0; r < rows.Length; r++)
        {
            Array.Copy(values, rows[r] * rowLength, result, r * rowLength, rowLength);
        }

        return result;
    }

    /// <summary>One row per given row: 1 at the row's digit, 0 elsewhere.</summary>
    private static float[] OneHot(int[] labels, int[] rows)
    {
        var targets = new float[rows.Length * DigitsData.ClassCount];
        for (int r = 0; r < rows.Length; r++)
        {
            targets[(r * DigitsData.ClassCount) + labels[rows[r]]] = 1f;
        }

        return targets;
    }
}
