using System;
using System.Collections.Generic;
using Backprop.Data;
using Backprop.Evaluation;
using Backprop.Training;

namespace Digits;

/// <summary>What to train with. The defaults are the sample's; tests shorten <see cref="Epochs"/>.</summary>
public sealed record DigitsSettings
{
    /// <summary>The most epochs to run; early stopping usually ends training sooner.</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>The rows per mini-batch.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam's step size η.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>The L2 weight decay λ on the weights (not the biases).</summary>
    public double WeightDecay { get; init; }

    /// <summary>The seed of the network's initial parameters and of the batches' shuffling.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The seed of the train/test split and of the validation split inside the training part.</summary>
    public int SplitSeed { get; init; } = 1;

    /// <summary>The share of each digit held out for testing.</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>The share of each digit of the training part held out for validation (never trained on).</summary>
    public double ValidationFraction { get; init; } = 0.15;

    /// <summary>
    /// Whether to stop when the validation loss stops improving and end with the best epoch's parameters;
    /// false runs every epoch and keeps the last one's, for comparison.
    /// </summary>
    public bool EarlyStopping { get; init; } = true;

    /// <summary>Epochs in a row without a lower validation loss that stop training.</summary>
    public int Patience { get; init; } = 10;

    /// <summary>The learning-rate schedule.</summary>
    public DigitsSchedule Schedule { get; init; } = DigitsSchedule.ReduceOnPlateau;

    /// <summary>For <see cref="DigitsSchedule.ReduceOnPlateau"/>: epochs without improvement before the rate is halved.</summary>
    public int PlateauPatience { get; init; } = 3;
}

/// <summary>One epoch of a run, for the console and the loss curve.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="EpochCount">The most epochs of the run.</param>
/// <param name="TrainLoss">The epoch's mean training loss.</param>
/// <param name="ValidationLoss">The mean loss on the validation images after the epoch.</param>
/// <param name="ValidationAccuracy">The fraction of validation images classified right after the epoch.</param>
/// <param name="LearningRate">The learning rate of the epoch's last step.</param>
public sealed record DigitsEpoch(int Epoch, int EpochCount, double TrainLoss, double ValidationLoss, double ValidationAccuracy, double LearningRate);

/// <summary>How a run went.</summary>
/// <param name="Training">The trainer's result, with the best epoch by validation loss.</param>
/// <param name="TestAccuracy">The fraction of held-out test images classified right by the network as training left it.</param>
/// <param name="TestLoss">The mean loss on the held-out test images.</param>
/// <param name="Confusion">Actual against predicted digits on the held-out test images.</param>
/// <param name="History">Every epoch's losses and validation accuracy.</param>
/// <param name="ValidationLossAtEnd">The validation loss of the network as training left it (the best epoch's with early stopping).</param>
/// <param name="TrainRows">The number of training images.</param>
/// <param name="ValidationRows">The number of validation images.</param>
/// <param name="TestRows">The number of held-out test images.</param>
public sealed record DigitsReport(
    TrainingResult Training,
    double TestAccuracy,
    double TestLoss,
    ConfusionMatrix Confusion,
    IReadOnlyList<DigitsEpoch> History,
    double ValidationLossAtEnd,
    int TrainRows,
    int ValidationRows,
    int TestRows)
{
    /// <summary>The epoch with the lowest validation loss.</summary>
    public int BestEpoch => Training.Best?.Epoch ?? throw new InvalidOperationException("A run with a validation set always has a best epoch.");

    /// <summary>The time per epoch: the batches and the per-epoch training and validation measurements.</summary>
    public TimeSpan TimePerEpoch => Training.Elapsed / Training.Epochs;
}

/// <summary>The sample's whole job, callable from tests: load, split, train with validation, evaluate.</summary>
public static class DigitsTraining
{
    /// <summary>
    /// Trains a <see cref="DigitsNetwork"/> with Adam on 80% of the images, less a validation share, and
    /// evaluates it on the other 20%, which training never sees.
    /// </summary>
    /// <param name="settings">What to train with.</param>
    /// <param name="progress">Receives each epoch's losses and validation accuracy; may be null.</param>
    public static DigitsReport Run(DigitsSettings settings, IProgress<DigitsEpoch>? progress = null)
    {
        DigitsData data = Load();
        var split = TrainTestSplit.Stratified(data.Labels, settings.TestFraction, settings.SplitSeed);
        float[] fitPixels = split.SelectTrain<float>(data.Pixels, DigitsData.PixelCount);
        int[] fitLabels = split.SelectTrain<int>(data.Labels);

        // The validation images come out of the training part, a share of each digit: the test set stays untouched.
        var holdOut = TrainTestSplit.Stratified(fitLabels, settings.ValidationFraction, settings.SplitSeed);
        float[] trainInputs = holdOut.SelectTrain<float>(fitPixels, DigitsData.PixelCount);
        float[] validationInputs = holdOut.SelectTest<float>(fitPixels, DigitsData.PixelCount);
        float[] trainTargets = OneHot.Encode<float>(holdOut.SelectTrain<int>(fitLabels), DigitsData.ClassCount);
        float[] validationTargets = OneHot.Encode<float>(holdOut.SelectTest<int>(fitLabels), DigitsData.ClassCount);
        float[] testInputs = split.SelectTest<float>(data.Pixels, DigitsData.PixelCount);
        float[] testTargets = OneHot.Encode<float>(split.SelectTest<int>(data.Labels), DigitsData.ClassCount);

        var network = new DigitsNetwork(settings.Seed);
        int stepsPerEpoch = (holdOut.TrainRows.Length + settings.BatchSize - 1) / settings.BatchSize;
        var optimizer = new Adam(network, settings.LearningRate)
        {
            WeightDecay = settings.WeightDecay,
            Schedule = CreateSchedule(settings, stepsPerEpoch),
        };
        var trainer = new Trainer<float>(network, optimizer)
        {
            BatchSize = settings.BatchSize,
            Seed = settings.Seed,
            EarlyStopping = settings.EarlyStopping ? new EarlyStopping(ValidationMetric.Loss, settings.Patience) : null,
        };

        var history = new List<DigitsEpoch>(settings.Epochs);
        var recorder = new SynchronousProgress<TrainingProgress>(p =>
        {
            var epoch = new DigitsEpoch(p.Epoch, p.EpochCount, p.Loss, p.ValidationLoss!.Value, p.ValidationAccuracy!.Value, p.LearningRate);
            history.Add(epoch);
            progress?.Report(epoch);
        });
        TrainingResult result = trainer.Train(trainInputs, trainTargets, validationInputs, validationTargets, settings.Epochs, recorder);

        return new DigitsReport(
            result,
            network.Accuracy(testInputs, testTargets),
            network.MeanLoss(testInputs, testTargets),
            network.ConfusionMatrix(testInputs, testTargets),
            history,
            network.MeanLoss(validationInputs, validationTargets),
            holdOut.TrainRows.Length,
            holdOut.TestRows.Length,
            split.TestRows.Length);
    }

    private static LearningRateSchedule? CreateSchedule(DigitsSettings settings, int stepsPerEpoch) => settings.Schedule switch
    {
        DigitsSchedule.ReduceOnPlateau => new ReduceOnPlateau(reductionFactor: 0.5, patience: settings.PlateauPatience),
        DigitsSchedule.Cosine => new CosineDecay(totalSteps: (long)settings.Epochs * stepsPerEpoch),
        _ => null,
    };

    // The file is parsed once per process: tests run the training several times.
    private static DigitsData Load() => s_data.Value;

    private static readonly Lazy<DigitsData> s_data = new(DigitsData.Load);
}
