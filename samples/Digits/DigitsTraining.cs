using System;
using System.Collections.Generic;
using System.Diagnostics;
using Backprop.Data;
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
        var split = TrainTestSplit.Stratified(data.Labels, settings.TestFraction, settings.SplitSeed);
        float[] trainInputs = split.SelectTrain<float>(data.Pixels, DigitsData.PixelCount);
        float[] testInputs = split.SelectTest<float>(data.Pixels, DigitsData.PixelCount);
        float[] trainTargets = OneHot.Encode<float>(split.SelectTrain<int>(data.Labels), DigitsData.ClassCount);
        float[] testTargets = OneHot.Encode<float>(split.SelectTest<int>(data.Labels), DigitsData.ClassCount);

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
            split.TrainRows.Length,
            split.TestRows.Length);
    }

    // The file is parsed once per process: tests run the training several times.
    private static DigitsData Load() => s_data.Value;

    private static readonly Lazy<DigitsData> s_data = new(DigitsData.Load);
}
