using System;
using Backprop.Data;
using Backprop.Evaluation;
using Backprop.Training;

namespace Iris;

/// <summary>What to train with. The defaults are the sample's; tests shorten <see cref="Epochs"/>.</summary>
public sealed record IrisSettings
{
    /// <summary>The most epochs to run; early stopping may end training sooner.</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>The rows per mini-batch.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Adam's step size η.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>The seed of the network's initial parameters and of the batches' shuffling.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The seed of the train/test split and of the validation split inside the training part.</summary>
    public int SplitSeed { get; init; } = 1;

    /// <summary>The share of each species held out for testing.</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>The share of each species of the training part held out for validation (never trained on).</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>
    /// Whether to stop when the validation loss stops improving and end with the best epoch's parameters;
    /// false runs every epoch and keeps the last one's.
    /// </summary>
    public bool EarlyStopping { get; init; } = true;

    /// <summary>Epochs in a row without a lower validation loss that stop training.</summary>
    public int Patience { get; init; } = 10;

    /// <summary>
    /// Epochs without a lower validation loss after which the learning rate is halved (<see cref="ReduceOnPlateau"/>);
    /// null keeps Adam's rate constant.
    /// </summary>
    public int? PlateauPatience { get; init; } = 3;
}

/// <summary>How a run went.</summary>
/// <param name="Training">The trainer's result: epochs, final loss and training accuracy, why it stopped, the best epoch by validation loss.</param>
/// <param name="TestAccuracy">The fraction of held-out test flowers classified right.</param>
/// <param name="TestLoss">The mean cross-entropy on the held-out test flowers.</param>
/// <param name="Confusion">Actual against predicted species on the held-out test flowers.</param>
/// <param name="ValidationLossAtEnd">The validation loss of the network as training left it (the best epoch's with early stopping).</param>
/// <param name="TrainRows">The number of training flowers.</param>
/// <param name="ValidationRows">The number of validation flowers.</param>
/// <param name="TestRows">The number of held-out test flowers.</param>
public sealed record IrisReport(TrainingResult Training, double TestAccuracy, double TestLoss, ConfusionMatrix Confusion, double ValidationLossAtEnd, int TrainRows, int ValidationRows, int TestRows);

/// <summary>The sample's whole job, callable from tests: load, split, standardize, train with validation, evaluate.</summary>
public static class IrisTraining
{
    /// <summary>
    /// Trains an <see cref="IrisNet"/> with Adam on 80% of the flowers, less a validation share, and evaluates it
    /// on the other 20%, which training never sees.
    /// </summary>
    /// <param name="settings">What to train with.</param>
    /// <param name="progress">Receives a report after every epoch; may be null.</param>
    public static IrisReport Run(IrisSettings settings, IProgress<TrainingProgress>? progress = null)
    {
        IrisData data = IrisData.Load();
        var split = TrainTestSplit.Stratified(data.Labels, settings.TestFraction, settings.SplitSeed);
        float[] fitFeatures = split.SelectTrain<float>(data.Features, IrisData.FeatureCount);
        int[] fitLabels = split.SelectTrain<int>(data.Labels);

        // The validation flowers come out of the training part, a share of each species: the test set stays untouched.
        var holdOut = TrainTestSplit.Stratified(fitLabels, settings.ValidationFraction, settings.SplitSeed);
        float[] trainInputs = holdOut.SelectTrain<float>(fitFeatures, IrisData.FeatureCount);
        float[] validationInputs = holdOut.SelectTest<float>(fitFeatures, IrisData.FeatureCount);
        float[] testInputs = split.SelectTest<float>(data.Features, IrisData.FeatureCount);

        // Statistics from the training rows only; the validation and test rows are scaled with them.
        var standardizer = Standardizer.Fit(trainInputs, IrisData.FeatureCount);
        standardizer.Transform(trainInputs, trainInputs);
        standardizer.Transform(validationInputs, validationInputs);
        standardizer.Transform(testInputs, testInputs);
        float[] trainTargets = OneHot.Encode<float>(holdOut.SelectTrain<int>(fitLabels), data.ClassNames.Length);
        float[] validationTargets = OneHot.Encode<float>(holdOut.SelectTest<int>(fitLabels), data.ClassNames.Length);
        float[] testTargets = OneHot.Encode<float>(split.SelectTest<int>(data.Labels), data.ClassNames.Length);

        var network = new IrisNet(settings.Seed);
        var optimizer = new Adam(network, settings.LearningRate)
        {
            Schedule = settings.PlateauPatience is int plateau ? new ReduceOnPlateau(reductionFactor: 0.5, patience: plateau) : null,
        };
        var trainer = new Trainer<float>(network, optimizer)
        {
            BatchSize = settings.BatchSize,
            Seed = settings.Seed,
            EarlyStopping = settings.EarlyStopping ? new EarlyStopping(ValidationMetric.Loss, settings.Patience) : null,
        };
        TrainingResult result = trainer.Train(trainInputs, trainTargets, validationInputs, validationTargets, settings.Epochs, progress);

        return new IrisReport(
            result,
            network.Accuracy(testInputs, testTargets),
            network.MeanLoss(testInputs, testTargets),
            network.ConfusionMatrix(testInputs, testTargets, data.ClassNames),
            network.MeanLoss(validationInputs, validationTargets),
            holdOut.TrainRows.Length,
            holdOut.TestRows.Length,
            split.TestRows.Length);
    }
}
