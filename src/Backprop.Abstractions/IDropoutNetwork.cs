namespace Backprop;

/// <summary>
/// A generated network with dropout (<see cref="NetworkAttribute.Dropout"/>): the generator its training
/// methods draw the dropout masks from.
/// </summary>
/// <remarks>
/// <para>
/// Each call of Backward or TrainStep, and each row of TrainBatch, draws one mask per row: for each hidden
/// layer with dropout, first hidden layer first, one <see cref="DeterministicRandom.NextUInt64"/> per neuron,
/// neuron 0 first. The neuron is kept when the top 32 bits of the draw are at least ⌊p·2³²⌉ (so with
/// probability 1 − p, to within 2⁻³²), and its activation is then multiplied by 1/(1 − p); otherwise it is 0
/// for that row. TrainBatch over rows r₀…rₙ draws exactly what TrainStep draws for r₀, then r₁, and so on.
/// Forward and ForwardBatch draw nothing.
/// </para>
/// <para>
/// A new network, and <see cref="INeuralNetwork.InitializeParameters"/>, start the generator from the seed:
/// at the state of <c>new DeterministicRandom(seed)</c> plus 2⁶³, that is 2⁶³ draws after the sequence the
/// parameters are drawn from, so the two never meet.
/// </para>
/// </remarks>
public interface IDropoutNetwork
{
    /// <summary>
    /// The generator of the dropout masks, as it stands. Save it and assign it back (with
    /// <see cref="DeterministicRandom.State"/> or the whole value) to replay the same masks: a checkpoint does
    /// that to resume a run bit for bit.
    /// </summary>
    DeterministicRandom DropoutRandom { get; set; }
}
