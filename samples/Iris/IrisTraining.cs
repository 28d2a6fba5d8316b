using System;
using Backprop.Data;
using Backprop.Evaluation;
using Backprop.Training;

namespace Iris;

/// <summary>What to train with. The defaults are the sample's; tests shorten <see cref="Epochs"/>.</summary>
public sealed record IrisSettings
{
    /// <summary>The number of epochs.</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>The rows per mini-batch.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Adam's step size η.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>The seed of the network's initial parameters and of the batches' shuffling.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The seed of the 80/20 train/test split.</summary>
    public int SplitSeed { get; init; } = 1;

    /// <summary>The share of each species held out for testing.</summary>
    public double TestFraction { get; init; } = 0.2;
}

/// <summary>How a run went.</summary>
/// <param name="Training">The trainer's result: epochs, final loss and training accuracy.</param>
/// <param name="TestAccuracy">The fraction of held-out flowers classified right.</param>
/// <param name="TestLoss">The mean cross-entropy on the held-out flowers.</param>
/// <param name="Confusion">Actual against predicted species on the held-out flowers.</param>
/// <param name="TrainRows">The number of training flowers.</param>
/// <param name="TestRows">The number of held-out flowers.</param>
public sealed record IrisReport(TrainingResult Training, double TestAccuracy, double TestLoss, ConfusionMatrix Confusion, int TrainRows, int TestRows);

/// <summary>The sample's whole job, callable from tests: load, split, standardize, train, evaluate.</summary>
public static class IrisTraining
{
    /// <summary>Trains an <see cref="IrisNet"/> with Adam on 80% of the flowers and evaluates it on the other 20%.</summary>
    /// <param name="settings">What to train with.</param>
    /// <param name="progress">Receives a report after every epoch; may be null.</param>
    public static IrisReport Run(IrisSettings settings, IProgress<TrainingProgress>? progress = null)
    {
        IrisData data = IrisData.Load();
        var split = TrainTestSplit.Stratified(data.Labels, settings.TestFraction, settings.SplitSeed);
        float[] trainInputs = split.SelectTrain<float>(data.Features, IrisData.FeatureCount);
        float[] testInputs = split.SelectTest<float>(data.Features, IrisData.FeatureCount);

        // Statistics from the training split only; the test split is scaled with them.
        var standardizer = Standardizer.Fit(trainInputs, IrisData.FeatureCount);
        standardizer.Transform(trainInputs, trainInputs);
        standardizer.Transform(testInputs, testInputs);
        float[] trainTargets = OneHot.Encode<float>(split.SelectTrain<int>(data.Labels), data.ClassNames.Length);
        float[] testTargets = OneHot.Encode<float>(split.SelectTest<int>(data.Labels), data.ClassNames.Length);

        var network = new IrisNet(settings.Seed);
        var optimizer = new Adam(network, settings.LearningRate);
        var trainer = new Trainer<float>(network, optimizer) { BatchSize = settings.BatchSize, Seed = settings.Seed };
        TrainingResult result = trainer.Train(trainInputs, trainTargets, settings.Epochs, progress);

        return new IrisReport(
            result,
            network.Accuracy(testInputs, testTargets),
            network.MeanLoss(testInputs, testTargets),
            network.ConfusionMatrix(testInputs, testTargets, data.ClassNames),
            split.TrainRows.Length,
            split.TestRows.Length);
    }
}
