using System.Linq;
using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

/// <summary>
/// The bytes of stack buffers the generated methods allocate, method by method, as the emitter writes them: an
/// aligned buffer of n values (<see cref="EmitterContext.StackBuffer"/>) takes n plus the alignment slack, a plain
/// one n. A call takes its own buffers and the most any method it calls takes. The generated constant
/// <c>StackBytes</c> is the most of any public method; StackBytesTests reads every <c>stackalloc</c> of the
/// emitted code and checks it to the byte.
/// </summary>
internal sealed class StackUse
{
    private readonly NetworkPlan _plan;
    private readonly long _valueBytes;
    private readonly long _alignmentSlack;

    public StackUse(NetworkPlan plan)
    {
        _plan = plan;
        _valueBytes = plan.Number.Size;
        _alignmentSlack = EmitterContext.AlignmentSlackFor(plan.Number.Size);
    }

    /// <summary>
    /// The most bytes one call of any public method takes: TrainBatch or BackwardBatch, ForwardBatch, TrainStep or
    /// Backward, with their callees.
    /// </summary>
    public long MostPerCall => new[] { BatchGradient + BackwardRows, ForwardBatch, BackwardCore, Forward }.Max();

    /// <summary>Forward: each buffered layer's activations, and the kept weighted sums of an output layer of loops.</summary>
    private long Forward => _plan.Layers.Sum(ActivationBuffers);

    /// <summary>BackwardCore, and TrainStep, which writes the same pass out: Forward's buffers, the buffered layers' δ and the dropout masks.</summary>
    private long BackwardCore => Forward
        + _plan.Layers.Where(layer => layer.Buffered).Sum(layer => Aligned(layer.Neurons))
        + DropoutMasks(rows: 1);

    /// <summary>ForwardBatch: the four-row pass where it has one, else Forward row by row.</summary>
    private long ForwardBatch => System.Math.Max(_plan.UsesRowPasses ? ForwardFourRows : 0, Forward);

    /// <summary>ForwardFourRows: every layer's activations (and kept sums) for four rows.</summary>
    private long ForwardFourRows => _plan.Layers.Sum(layer => FourRowBuffers(layer));

    /// <summary>TrainBatch's and BackwardBatch's summed gradient, where it fits the stack.</summary>
    private long BatchGradient => !_plan.BatchGradientOnStack ? 0 : _plan.AlignsMemory ? Aligned(_plan.ParameterCount) : Plain(_plan.ParameterCount);

    /// <summary>BackwardRows: BackwardCore, which it calls; the blocks keep their rows in the network's own buffer.</summary>
    private long BackwardRows => BackwardCore;

    private long ActivationBuffers(LayerPlan layer) =>
        !layer.Buffered ? 0 : (layer.KeepsWeightedSums ? 2 : 1) * Aligned(layer.Neurons);

    private long FourRowBuffers(LayerPlan layer) =>
        (layer.KeepsWeightedSums ? 2 : 1) * Aligned(SharedConstants.RowsPerPass * layer.Neurons);

    /// <summary>Each dropout layer's mask Dˡ, and its masked σ′ where it keeps one, for <paramref name="rows"/> rows.</summary>
    private long DropoutMasks(int rows) =>
        _plan.Layers.Where(layer => layer.HasDropout).Sum(layer => (layer.KeepsMaskedDerivative ? 2 : 1) * Plain(rows * layer.Neurons));

    private long Aligned(long values) => (values + _alignmentSlack) * _valueBytes;

    private long Plain(long values) => values * _valueBytes;
}
