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

    /// <summary>Eq. 5 and 6 for a block's rows and a share of each layer's neurons.</summary>
    Gradient = 2,
}
