// Trains a generated 4-16-3 softmax network on Fisher's Iris flowers with Adam, a validation split, early
// stopping on the validation loss and a reduce-on-plateau schedule, then prints why training stopped, the test
// accuracy and the confusion matrix.
// Run: dotnet run --project samples/Iris [-- --no-early-stopping]
using System;
using System.Globalization;
using System.Linq;
using Backprop.Training;
using Iris;

const double RequiredAccuracy = 0.93;
const int ReportEvery = 10;
const string NoEarlyStopping = "--no-early-stopping";

var settings = new IrisSettings { EarlyStopping = !args.Contains(NoEarlyStopping) };
Console.WriteLine($"Iris with a generated [Network(4, {IrisNet.HiddenSize}, 3)], tanh hidden layer, softmax output, cross-entropy: {IrisNet.ParameterCount} parameters.");
Console.WriteLine($"Stratified 80/20 train/test split, then {Percent(settings.ValidationFraction)} of each species of the training part for validation (seed {settings.SplitSeed}); features standardized with the training rows' means and deviations.");
string schedule = settings.PlateauPatience is int plateau ? $"halved after {plateau} epochs without a lower validation loss" : "constant";
Console.WriteLine($"Adam, learning rate {settings.LearningRate.ToString(CultureInfo.InvariantCulture)}, {schedule}, batches of {settings.BatchSize}, at most {settings.Epochs} epochs, seed {settings.Seed}.");
Console.WriteLine(settings.EarlyStopping
    ? $"Early stopping after {settings.Patience} epochs without a lower validation loss, ending with the best epoch's parameters ({NoEarlyStopping} turns it off)."
    : "Early stopping off: every epoch runs and the network keeps the last one's parameters.");
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
TrainingProgress best = report.Training.Best!.Value;
Console.WriteLine($"Trained on {report.TrainRows} flowers, validated on {report.ValidationRows}: {report.Training}.");
Console.WriteLine(report.Training.StopReason == TrainingStopReason.EarlyStopped
    ? $"Stopped after epoch {report.Training.Epochs}: the validation loss had not gone below epoch {best.Epoch}'s for {settings.Patience} epochs; the network holds epoch {best.Epoch}'s parameters."
    : $"Ran all {report.Training.Epochs} epochs; the lowest validation loss was epoch {best.Epoch}'s, and the network holds {(settings.EarlyStopping ? "that epoch's parameters (early stopping restored them)" : "the last epoch's parameters")}.");
Console.WriteLine($"Test accuracy on {report.TestRows} held-out flowers: {Percent(report.TestAccuracy)} (mean test loss {LossFormat.Format(report.TestLoss)}).");
Console.WriteLine();
Console.WriteLine(report.Confusion);
Console.WriteLine();

// A non-zero exit code lets scripts (and CI) tell a run that fell short.
bool passed = report.TestAccuracy >= RequiredAccuracy;
Console.WriteLine(passed ? $"Reached the required {Percent(RequiredAccuracy)}." : $"Below the required {Percent(RequiredAccuracy)}.");
return passed ? 0 : 1;

static string Percent(double fraction) => (fraction * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
