using System;
using System.Globalization;

namespace Backprop.Training;

/// <summary>What <see cref="Trainer{T}"/> reports after each epoch through <see cref="IProgress{T}"/>.</summary>
public readonly struct TrainingProgress : IEquatable<TrainingProgress>
{
    /// <summary>Creates a report.</summary>
    /// <param name="epoch">The epoch just finished, from 1.</param>
    /// <param name="epochCount">The most epochs the training will run.</param>
    /// <param name="loss">The epoch's mean loss.</param>
    /// <param name="accuracy">The training accuracy after the epoch, or null.</param>
    /// <param name="elapsed">The time since <see cref="Trainer{T}.Train(ReadOnlySpan{T}, ReadOnlySpan{T}, int, IProgress{TrainingProgress}?, System.Threading.CancellationToken)"/> started.</param>
    public TrainingProgress(int epoch, int epochCount, double loss, double? accuracy, TimeSpan elapsed)
    {
        Epoch = epoch;
        EpochCount = epochCount;
        Loss = loss;
        Accuracy = accuracy;
        Elapsed = elapsed;
    }

    /// <summary>The epoch just finished, counted from 1.</summary>
    public int Epoch { get; }

    /// <summary>The most epochs this training will run (it may stop earlier).</summary>
    public int EpochCount { get; }

    /// <summary>
    /// The epoch's mean loss: the mean over the data set of each row's cost, as Backward computed it for the
    /// row's mini-batch, before that batch's step.
    /// </summary>
    public double Loss { get; }

    /// <summary>
    /// The fraction of training rows classified right by the parameters at the end of the epoch, in [0, 1];
    /// null when the network is not a classifier (softmax output, or a single sigmoid output) or when
    /// <see cref="Trainer{T}.MeasureAccuracy"/> is off.
    /// </summary>
    public double? Accuracy { get; }

    /// <summary>
    /// The validation set's mean loss with the parameters at the end of the epoch (computed as
    /// <see cref="Evaluation.NetworkEvaluation.MeanLoss"/> does, with dropout off); null when training has no
    /// validation set.
    /// </summary>
    public double? ValidationLoss { get; init; }

    /// <summary>
    /// The fraction of validation rows classified right at the end of the epoch; null without a validation
    /// set, for a network that is not a classifier, or when <see cref="Trainer{T}.MeasureAccuracy"/> is off
    /// (unless <see cref="EarlyStopping"/> watches it).
    /// </summary>
    public double? ValidationAccuracy { get; init; }

    /// <summary>
    /// The time since this call to <c>Train</c> started: cumulative over its epochs (a resumed run counts from
    /// the resumption).
    /// </summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The time this epoch took: its batches and its measurements (accuracy, validation), not checkpoint writing.</summary>
    public TimeSpan EpochElapsed { get; init; }

    /// <summary>The learning rate of the epoch's last step (<see cref="Optimizer.CurrentLearningRate"/>), so a schedule's effect shows.</summary>
    public double LearningRate { get; init; }

    /// <summary>Tells whether two reports are equal, field by field.</summary>
    public static bool operator ==(TrainingProgress left, TrainingProgress right) => left.Equals(right);

    /// <summary>Tells whether two reports differ in a field.</summary>
    public static bool operator !=(TrainingProgress left, TrainingProgress right) => !left.Equals(right);

    /// <summary>
    /// One line for a console, e.g. <c>epoch  20/200  loss 0.07123  accuracy 97.5%  0.04 s</c>, or with a
    /// validation set <c>epoch  20/200  loss 0.07123  accuracy 97.5%  val loss 0.09120  val accuracy 96.0%  0.04 s</c>.
    /// </summary>
    /// <returns>The report, formatted with the invariant culture; the loss as <see cref="LossFormat.Format"/> writes it.</returns>
    public override string ToString()
    {
        string width = EpochCount.ToString(CultureInfo.InvariantCulture);
        string epoch = Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(width.Length);
        string accuracy = Accuracy is double a ? "  accuracy " + Percent(a) : string.Empty;
        string validationLoss = ValidationLoss is double v ? "  val loss " + LossFormat.Format(v) : string.Empty;
        string validationAccuracy = ValidationAccuracy is double va ? "  val accuracy " + Percent(va) : string.Empty;
        return string.Format(
            CultureInfo.InvariantCulture,
            "epoch {0}/{1}  loss {2}{3}{4}{5}  {6:F2} s",
            epoch,
            width,
            LossFormat.Format(Loss),
            accuracy,
            validationLoss,
            validationAccuracy,
            Elapsed.TotalSeconds);
    }

    /// <inheritdoc/>
    public bool Equals(TrainingProgress other) =>
        Epoch == other.Epoch && EpochCount == other.EpochCount && Loss.Equals(other.Loss)
        && Nullable.Equals(Accuracy, other.Accuracy) && Elapsed == other.Elapsed
        && Nullable.Equals(ValidationLoss, other.ValidationLoss) && Nullable.Equals(ValidationAccuracy, other.ValidationAccuracy)
        && EpochElapsed == other.EpochElapsed && LearningRate.Equals(other.LearningRate);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TrainingProgress other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        unchecked
        {
            int hash = (Epoch * 397) ^ EpochCount;
            hash = (hash * 397) ^ Loss.GetHashCode();
            hash = (hash * 397) ^ Accuracy.GetHashCode();
            hash = (hash * 397) ^ Elapsed.GetHashCode();
            hash = (hash * 397) ^ ValidationLoss.GetHashCode();
            hash = (hash * 397) ^ ValidationAccuracy.GetHashCode();
            hash = (hash * 397) ^ EpochElapsed.GetHashCode();
            return (hash * 397) ^ LearningRate.GetHashCode();
        }
    }

    /// <summary>A fraction as a percentage with one decimal, e.g. "97.5%".</summary>
    internal static string Percent(double fraction) => (fraction * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
