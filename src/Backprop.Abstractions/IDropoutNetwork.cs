namespace Backprop;

/// <summary>
/// A generated network with dropout (<see cref="NetworkAttribute.Dropout"/>): the generator its training
/// methods draw the dropout masks from, and the switch that turns dropout off.
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
/// <see cref="DropoutEnabled"/> switches dropout off for the training methods too, as PyTorch's
/// <c>model.eval()</c> does: they then draw nothing and keep every neuron, and compute the very bits of the same
/// network declared without <see cref="NetworkAttribute.Dropout"/>. Measuring a loss does that
/// (<see cref="Evaluation.NetworkEvaluation.MeanLoss"/>, the validation loss of <see cref="Training.Trainer{T}"/>).
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

    /// <summary>
    /// Whether Backward, TrainStep and TrainBatch drop neurons; <see langword="true"/> for a new network. Set it
    /// to <see langword="false"/> to compute losses and gradients without dropout (PyTorch's <c>model.eval()</c>;
    /// <see langword="true"/> is <c>model.train()</c>): each mask is then exactly 1, nothing is drawn from
    /// <see cref="DropoutRandom"/>, and the results are, bit for bit, those of the network without dropout.
    /// </summary>
    /// <remarks>
    /// Forward and ForwardBatch never drop, whatever its value. It is not a parameter:
    /// <see cref="INeuralNetwork.InitializeParameters"/>, the model files and checkpoints leave it as it is, and
    /// <see cref="Training.Trainer{T}"/> trains with it as it finds it (set it back to <see langword="true"/> to
    /// train with dropout).
    /// </remarks>
    bool DropoutEnabled { get; set; }
}
