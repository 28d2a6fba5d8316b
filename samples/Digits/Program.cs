// Trains a generated 64-32-10 softmax network on the 8x8 handwritten digits with Adam, a validation split,
// early stopping on the validation loss and a reduce-on-plateau schedule; prints the validation figures, why
// training stopped, the test accuracy and the time per epoch, and draws the loss curves.
// Run: dotnet run -c Release --project samples/Digits [-- [--no-early-stopping] [path/of/the/plot.png]]
using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using Backprop.Training;
using Digits;

const double RequiredAccuracy = 0.95;
const int ReportEvery = 5;
const string NoEarlyStopping = "--no-early-stopping";

const string Usage = "Usage: dotnet run -c Release --project samples/Digits [-- [" + NoEarlyStopping + "] [path/of/the/plot.png]]\n"
    + "Exit codes: 0 if the test accuracy reached the required one, 1 if it fell short, 2 for an unknown option.";
if (args.Any(a => a is "--help" or "-h" or "-?"))
{
    Console.WriteLine(Usage);
    return 0;
}

// An option this program does not know is refused rather than taken for the plot's path.
string? unknown = args.FirstOrDefault(a => a.StartsWith('-') && a != NoEarlyStopping);
if (unknown is not null)
{
    Console.Error.WriteLine($"Unknown option '{unknown}'.");
    Console.Error.WriteLine(Usage);
    return 2;
}

var settings = new DigitsSettings { EarlyStopping = !args.Contains(NoEarlyStopping) };
string? plotArgument = args.FirstOrDefault(a => a != NoEarlyStopping);
Console.WriteLine($"Digits with a generated [Network(64, {DigitsNetwork.HiddenSize}, 10)], tanh hidden layer, softmax output, cross-entropy: {DigitsNetwork.ParameterCount} parameters.");
Console.WriteLine($"Stratified 80/20 train/test split, then {Percent(settings.ValidationFraction)} of each digit of the training part for validation (seed {settings.SplitSeed}); pixels scaled from 0-16 to 0-1.");
Console.WriteLine($"Adam, learning rate {Number(settings.LearningRate)}, {ScheduleText(settings)}, batches of {settings.BatchSize}, at most {settings.Epochs} epochs, seed {settings.Seed}.");
Console.WriteLine(settings.EarlyStopping
    ? $"Early stopping after {settings.Patience} epochs without a lower validation loss, ending with the best epoch's parameters ({NoEarlyStopping} turns it off)."
    : "Early stopping off: every epoch runs and the network keeps the last one's parameters.");
Console.WriteLine();

var progress = new SynchronousProgress<DigitsEpoch>(e =>
{
    if (e.Epoch == 1 || e.Epoch % ReportEvery == 0)
    {
        Console.WriteLine($"  epoch {e.Epoch,3}/{e.EpochCount}  training loss {LossFormat.Format(e.TrainLoss),-9}  validation loss {LossFormat.Format(e.ValidationLoss),-9}  validation accuracy {Percent(e.ValidationAccuracy),-6}  learning rate {Number(e.LearningRate)}");
    }
});
DigitsReport report = DigitsTraining.Run(settings, progress);
DigitsEpoch best = report.History[report.BestEpoch - 1];
DigitsEpoch last = report.History[^1];

Console.WriteLine();
Console.WriteLine($"Trained on {report.TrainRows} images, validated on {report.ValidationRows}: {report.Training}.");
Console.WriteLine(report.Training.StopReason == TrainingStopReason.EarlyStopped
    ? $"Stopped after epoch {report.Training.Epochs}: the validation loss had not gone below epoch {best.Epoch}'s for {settings.Patience} epochs; the network holds epoch {best.Epoch}'s parameters."
    : $"Ran all {report.Training.Epochs} epochs; the lowest validation loss was epoch {best.Epoch}'s, and the network holds epoch {last.Epoch}'s parameters{(settings.EarlyStopping ? " (the best ones: early stopping restored them)" : string.Empty)}.");
Console.WriteLine($"Best epoch {best.Epoch}: validation loss {LossFormat.Format(best.ValidationLoss)}, validation accuracy {Percent(best.ValidationAccuracy)}; last epoch {last.Epoch}: {LossFormat.Format(last.ValidationLoss)}, {Percent(last.ValidationAccuracy)}.");
Console.WriteLine($"Time per epoch: {report.TimePerEpoch.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture)} ms ({report.TrainRows} rows, with the training and validation measurements).");
if (typeof(Trainer<>).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true)
{
    // The vector kernels and the optimizer live in Backprop.Abstractions; a Debug build of it runs unoptimized.
    Console.WriteLine("  (Backprop.Abstractions is a Debug build, which the JIT does not optimize: run with -c Release for representative timings.)");
}

Console.WriteLine($"Test accuracy on {report.TestRows} held-out images: {Percent(report.TestAccuracy)} (mean test loss {LossFormat.Format(report.TestLoss)}).");
Console.WriteLine();
Console.WriteLine(report.Confusion);
Console.WriteLine();

string plotPath = Path.GetFullPath(plotArgument ?? Path.Combine(AppContext.BaseDirectory, "digits-training.png"));
LossCurve.Save(report.History, report.BestEpoch, plotPath);
Console.WriteLine($"Loss curves: {plotPath}");
Console.WriteLine();

// A non-zero exit code lets scripts (and CI) tell a run that fell short.
bool passed = report.TestAccuracy >= RequiredAccuracy;
Console.WriteLine(passed ? $"Reached the required {Percent(RequiredAccuracy)}." : $"Below the required {Percent(RequiredAccuracy)}.");
return passed ? 0 : 1;

static string ScheduleText(DigitsSettings settings) => settings.Schedule switch
{
    DigitsSchedule.ReduceOnPlateau => $"halved after {settings.PlateauPatience} epochs without a lower validation loss",
    DigitsSchedule.Cosine => $"cosine decay to 0 over {settings.Epochs} epochs",
    _ => "constant",
};

static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

static string Percent(double fraction) => (fraction * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
