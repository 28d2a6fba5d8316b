using System;
using System.Globalization;

namespace Backprop.Training;

/// <summary>How a call to <c>Trainer&lt;T&gt;.Train</c> ended.</summary>
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

    /// <summary>The time this call to <c>Train</c> took (a resumed run counts from the resumption).</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The last epoch's validation loss, or null without a validation set (see <see cref="TrainingProgress.ValidationLoss"/>).</summary>
    public double? ValidationLoss { get; init; }

    /// <summary>The last epoch's validation accuracy, or null (see <see cref="TrainingProgress.ValidationAccuracy"/>).</summary>
    public double? ValidationAccuracy { get; init; }

    /// <summary>
    /// The report of the best epoch by the validation metric (<see cref="EarlyStopping.Monitor"/>, or the
    /// validation loss without early stopping), over the whole run including the part before a resumption; null
    /// without a validation set. With <see cref="Trainer{T}.EarlyStopping"/> set, the network holds this epoch's parameters.
    /// </summary>
    public TrainingProgress? Best { get; init; }

    /// <summary>
    /// One line for a console, e.g. <c>100 epochs (all epochs run), loss 0.05203, training accuracy 98.3%, 0.09 s</c>,
    /// with <c>, best epoch 41: val loss 0.06120, val accuracy 96.7%</c> before the time when there is a validation set.
    /// </summary>
    /// <returns>The result, formatted with the invariant culture; the loss as <see cref="LossFormat.Format"/> writes it.</returns>
    public override string ToString()
    {
        string accuracy = Accuracy is double a ? ", training accuracy " + TrainingProgress.Percent(a) : string.Empty;
        string reason = StopReason switch
        {
            TrainingStopReason.TargetLossReached => "target loss reached",
            TrainingStopReason.EarlyStopped => "stopped early",
            _ => "all epochs run",
        };
        string best = Best is TrainingProgress b
            ? string.Format(CultureInfo.InvariantCulture, ", best epoch {0}: val loss {1}{2}", b.Epoch, LossFormat.Format(b.ValidationLoss ?? double.NaN), b.ValidationAccuracy is double va ? ", val accuracy " + TrainingProgress.Percent(va) : string.Empty)
            : string.Empty;
        return string.Format(
            CultureInfo.InvariantCulture,
            "{0} epoch{1} ({2}), loss {3}{4}{5}, {6:F2} s",
            Epochs,
            Epochs == 1 ? "" : "s",
            reason,
            LossFormat.Format(Loss),
            accuracy,
            best,
            Elapsed.TotalSeconds);
    }
}
