namespace Backprop.Training;

/// <summary>How a checkpoint names an optimizer's type: stored as one byte, so the values never change.</summary>
internal enum OptimizerKind : byte
{
    /// <summary>A type derived outside this library: its state is unknown, so it cannot be checkpointed.</summary>
    Custom = 0,
    Sgd = 1,
    MomentumSgd = 2,
    Adam = 3,
    RmsProp = 4,
}
