namespace Backprop.Training;

/// <summary>Why <see cref="Trainer{T}.Train"/> stopped.</summary>
public enum TrainingStopReason
{
    /// <summary>It ran every epoch it was asked for.</summary>
    EpochsCompleted = 0,

    /// <summary>An epoch's mean loss reached <see cref="Trainer{T}.TargetLoss"/>.</summary>
    TargetLossReached = 1,
}
