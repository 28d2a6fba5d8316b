using System.Collections.Generic;

namespace Backprop.Generator.Emitting;

/// <summary>
/// The block buffer of the batch path (BackwardBatch and TrainBatch on a network of vector loops): for up to
/// <see cref="Rows"/> rows, each layer's activations, kept weighted sums, δ and dropout factors, then the rows'
/// costs, then (where the network stages them) copies of its input rows, one after another in one array that the
/// first block allocates. Each region holds the rows one after another, so a share of the rows is one slice; every
/// region is <see cref="Rows"/> × a row's values long, so each starts on a 64-byte boundary.
/// </summary>
internal sealed class BatchBlock
{
    /// <summary>The rows of a block.</summary>
    public const int Rows = SharedConstants.BatchBlockRows;

    private readonly Dictionary<string, int> _offsets = new();

    public BatchBlock(NetworkPlan plan)
    {
        int offset = 0;
        foreach (LayerPlan layer in plan.Layers)
        {
            foreach (string buffer in BuffersOf(layer))
            {
                _offsets.Add(buffer, offset);
                offset += Rows * layer.Neurons;
            }
        }

        CostsOffset = offset;
        offset += Rows;
        if (plan.StagesInputs)
        {
            InputsOffset = offset;
            offset += Rows * plan.InputSize;
        }

        Length = offset;
    }

    /// <summary>Where the rows' costs start.</summary>
    public int CostsOffset { get; }

    /// <summary>Where the copies of input rows that did not start on a 64-byte boundary go (<see cref="NetworkPlan.StagesInputs"/>), after the costs; −1 without.</summary>
    public int InputsOffset { get; } = -1;

    /// <summary>The values of the whole buffer.</summary>
    public int Length { get; }

    /// <summary>Where a layer's buffer (its activation, sum, δ, mask or masked-σ′ buffer, by name) starts.</summary>
    public int OffsetOf(string buffer) => _offsets[buffer];

    /// <summary>The buffers a layer keeps for a block: a and δ, z where kept, and the dropout mask and masked σ′.</summary>
    public static IEnumerable<string> BuffersOf(LayerPlan layer)
    {
        yield return layer.ActivationBuffer;
        if (layer.KeepsWeightedSums)
        {
            yield return layer.SumBuffer;
        }

        yield return layer.DeltaBuffer;
        if (layer.HasDropout)
        {
            yield return layer.MaskBuffer;
        }

        if (layer.KeepsMaskedDerivative)
        {
            yield return layer.MaskedDerivativeBuffer;
        }
    }

    /// <summary>The bytes of the buffer, for the remarks and the docs.</summary>
    public long Bytes(int valueBytes) => (long)Length * valueBytes;
}
