using System.ComponentModel;

namespace Backprop.CompilerServices;

/// <summary>
/// Called by code the Backprop generator writes. Not a contract for users: it may change in any version.
/// The phases of a generated network's batch work (<see cref="IBatchWork{T}"/>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum BatchPhase
{
    /// <summary>Eq. 1 and 2 for a share of ForwardBatch's rows.</summary>
    Forward = 0,

    /// <summary>Eq. 1 to 4 for a share of a block's rows: their activations, δ and costs, kept for the gradient.</summary>
    Deltas = 1,

    /// <summary>
    /// Eq. 5 and 6 for a block before a batch's last, a share of each layer's neurons: the block's rows added to
    /// the sum of the earlier blocks' (the destination).
    /// </summary>
    Gradient = 2,

    /// <summary>
    /// Eq. 5 and 6 for a batch's last block, a share of each layer's neurons: the block's rows added to the
    /// earlier blocks' sum (the second span, empty when the block is the batch), and the total, times the factor,
    /// added to the destination (the parameters, or the caller's gradient).
    /// </summary>
    GradientStep = 3,
}
