using System;
using System.Globalization;

namespace Backprop.Training;

/// <summary>How a call to <see cref="Trainer{T}.Train"/> ended.</summary>
public sealed class TrainingResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="epochs">The number of epochs run.</param>
    /// <param name="loss">The last epoch's mean loss.</param>
    /// <param name="accuracy">The training accuracy after the last epoch, or null.</param>
    /// <param name="stopReason">Why training stopped.</param>
    /// <param name="elapsed">How long it took.</param>
    public TrainingResult(int epochs, double loss, double? accuracy, TrainingStopReason stopReason, TimeSpan elapsed)
    {
        Epochs = epochs;
        Loss = loss;
        Accuracy = accuracy;
        StopReason = stopReason;
        Elapsed = elapsed;
    }

    /// <summary>The number of epochs run.</summary>
    public int Epochs { get; }

    /// <summary>The last epoch's mean loss (see <see cref="TrainingProgress.Loss"/>).</summary>
    public double Loss { get; }

    /// <summary>The training accuracy after the last epoch, in [0, 1], or null (see <see cref="TrainingProgress.Accuracy"/>).</summary>
    public double? Accuracy { get; }

    /// <summary>Why training stopped.</summary>
    public TrainingStopReason StopReason { get; }

    /// <summary>The time training took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>One line for a console, e.g. <c>100 epochs (all epochs run), loss 0.05203, training accuracy 98.3%, 0.09 s</c>.</summary>
    /// <returns>The result, formatted with the invariant culture; the loss as <see cref="LossFormat.Format"/> writes it.</returns>
    public override string ToString()
    {
        string accuracy = Accuracy is double a ? ", training accuracy " + (a * 100).ToString("F1", CultureInfo.InvariantCulture) + "%" : string.Empty;
        string reason = StopReason == TrainingStopReason.TargetLossReached ? "target loss reached" : "all epochs run";
        return string.Format(
            CultureInfo.InvariantCulture,
            "{0} epoch{1} ({2}), loss {3}{4}, {5:F2} s",
            Epochs,
            Epochs == 1 ? "" : "s",
            reason,
            LossFormat.Format(Loss),
            accuracy,
            Elapsed.TotalSeconds);
    }
}
