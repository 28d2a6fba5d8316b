// Trains a generated 64-32-10 softmax network on the 8x8 handwritten digits with Adam, prints the test
// accuracy and the time per epoch, and draws the training-loss curve.
// Run: dotnet run -c Release --project samples/Digits [-- path/of/the/plot.png]
using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Reflection;
using Backprop.Training;
using Digits;

const double RequiredAccuracy = 0.95;
const int ReportEvery = 5;

var settings = new DigitsSettings();
Console.WriteLine($"Digits with a generated [Network(64, {DigitsNetwork.HiddenSize}, 10)], tanh hidden layer, softmax output, cross-entropy: {DigitsNetwork.ParameterCount} parameters.");
Console.WriteLine($"Stratified 80/20 split (seed {settings.SplitSeed}), pixels scaled from 0-16 to 0-1.");
Console.WriteLine($"Adam, learning rate {settings.LearningRate.ToString(CultureInfo.InvariantCulture)}, batches of {settings.BatchSize}, {settings.Epochs} epochs, seed {settings.Seed}.");
Console.WriteLine();

var progress = new SynchronousProgress<DigitsEpoch>(e =>
{
    if (e.Epoch == 1 || e.Epoch % ReportEvery == 0)
    {
        Console.WriteLine($"  epoch {e.Epoch,3}/{e.EpochCount}  training loss {LossFormat.Format(e.TrainLoss),-9}  test accuracy {Percent(e.TestAccuracy)}");
    }
});
DigitsReport report = DigitsTraining.Run(settings, progress);

Console.WriteLine();
Console.WriteLine($"Trained on {report.TrainRows} images: {report.Training}.");
Console.WriteLine($"Time per epoch: {report.TimePerEpoch.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture)} ms ({report.TrainRows} rows; the per-epoch test measurements not included).");
if (typeof(Trainer<>).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true)
{
    // The vector kernels and the optimizer live in Backprop.Abstractions; a Debug build of it runs unoptimized.
    Console.WriteLine("  (Backprop.Abstractions is a Debug build, which the JIT does not optimize: run with -c Release for representative timings.)");
}

Console.WriteLine($"Test accuracy on {report.TestRows} held-out images: {Percent(report.TestAccuracy)}.");
Console.WriteLine();
Console.WriteLine(report.Confusion);
Console.WriteLine();

string plotPath = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "digits-training.png"));
LossCurve.Save(report.History, plotPath);
Console.WriteLine($"Training-loss curve: {plotPath}");
Console.WriteLine();

// A non-zero exit code lets scripts (and CI) tell a run that fell short.
bool passed = report.TestAccuracy >= RequiredAccuracy;
Console.WriteLine(passed ? $"Reached the required {Percent(RequiredAccuracy)}." : $"Below the required {Percent(RequiredAccuracy)}.");
return passed ? 0 : 1;

static string Percent(double fraction) => (fraction * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
