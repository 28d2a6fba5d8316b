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
    /// <param name="elapsed">The time since training started.</param>
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

    /// <summary>The time since <see cref="Trainer{T}.Train"/> started.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Tells whether two reports are equal, field by field.</summary>
    public static bool operator ==(TrainingProgress left, TrainingProgress right) => left.Equals(right);

    /// <summary>Tells whether two reports differ in a field.</summary>
    public static bool operator !=(TrainingProgress left, TrainingProgress right) => !left.Equals(right);

    /// <summary>One line for a console, e.g. <c>epoch  20/200  loss 0.07123  accuracy 97.5%  0.04 s</c>.</summary>
    /// <returns>The report, formatted with the invariant culture; the loss as <see cref="LossFormat.Format"/> writes it.</returns>
    public override string ToString()
    {
        string width = EpochCount.ToString(CultureInfo.InvariantCulture);
        string epoch = Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(width.Length);
        string accuracy = Accuracy is double a ? "  accuracy " + (a * 100).ToString("F1", CultureInfo.InvariantCulture) + "%" : string.Empty;
        return string.Format(
            CultureInfo.InvariantCulture,
            "epoch {0}/{1}  loss {2}{3}  {4:F2} s",
            epoch,
            width,
            LossFormat.Format(Loss),
            accuracy,
            Elapsed.TotalSeconds);
    }

    /// <inheritdoc/>
    public bool Equals(TrainingProgress other) =>
        Epoch == other.Epoch && EpochCount == other.EpochCount && Loss.Equals(other.Loss)
        && Nullable.Equals(Accuracy, other.Accuracy) && Elapsed == other.Elapsed;

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
            return (hash * 397) ^ Elapsed.GetHashCode();
        }
    }
}
