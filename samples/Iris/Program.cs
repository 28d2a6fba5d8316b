// Trains a generated 4-16-3 softmax network on Fisher's Iris flowers with Adam, then prints the test
// accuracy and the confusion matrix. Run: dotnet run --project samples/Iris
using System;
using System.Globalization;
using Backprop.Training;
using Iris;

const double RequiredAccuracy = 0.93;
const int ReportEvery = 10;

var settings = new IrisSettings();
Console.WriteLine($"Iris with a generated [Network(4, {IrisNet.HiddenSize}, 3)], tanh hidden layer, softmax output, cross-entropy: {IrisNet.ParameterCount} parameters.");
Console.WriteLine($"Stratified 80/20 split (seed {settings.SplitSeed}); features standardized with the training split's means and deviations.");
Console.WriteLine($"Adam, learning rate {settings.LearningRate.ToString(CultureInfo.InvariantCulture)}, batches of {settings.BatchSize}, {settings.Epochs} epochs, seed {settings.Seed}.");
Console.WriteLine();

var progress = new SynchronousProgress<TrainingProgress>(p =>
{
    if (p.Epoch == 1 || p.Epoch % ReportEvery == 0)
    {
        Console.WriteLine("  " + p);
    }
});
IrisReport report = IrisTraining.Run(settings, progress);

Console.WriteLine();
Console.WriteLine($"Trained on {report.TrainRows} flowers: {report.Training}.");
Console.WriteLine($"Test accuracy on {report.TestRows} held-out flowers: {Percent(report.TestAccuracy)} (mean test loss {LossFormat.Format(report.TestLoss)}).");
Console.WriteLine();
Console.WriteLine(report.Confusion);
Console.WriteLine();

// A non-zero exit code lets scripts (and CI) tell a run that fell short.
bool passed = report.TestAccuracy >= RequiredAccuracy;
Console.WriteLine(passed ? $"Reached the required {Percent(RequiredAccuracy)}." : $"Below the required {Percent(RequiredAccuracy)}.");
return passed ? 0 : 1;

static string Percent(double fraction) => (fraction * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
