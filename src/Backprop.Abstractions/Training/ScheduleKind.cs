namespace Backprop.Training;

/// <summary>How a checkpoint names a learning-rate schedule: stored as one byte, so the values never change.</summary>
internal enum ScheduleKind : byte
{
    None = 0,
    StepDecay = 1,
    ExponentialDecay = 2,
    CosineDecay = 3,
    ReduceOnPlateau = 4,
}
