namespace Backprop.Training;

/// <summary>Why <c>Trainer&lt;T&gt;.Train</c> stopped.</summary>
public enum TrainingStopReason
{
    /// <summary>It ran every epoch it was asked for.</summary>
    EpochsCompleted = 0,

    /// <summary>An epoch's mean loss reached <see cref="Trainer{T}.TargetLoss"/>.</summary>
    TargetLossReached = 1,

    /// <summary>The validation metric had not improved for <see cref="EarlyStopping.Patience"/> epochs (<see cref="Trainer{T}.EarlyStopping"/>).</summary>
    EarlyStopped = 2,
}
