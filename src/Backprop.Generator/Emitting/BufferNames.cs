namespace Backprop.Generator.Emitting;

/// <summary>
/// Which buffers the code of a layer of vector kernels reads and writes: a call's own (<c>a3</c>, <c>delta3</c>),
/// or in a pass over several rows one row's slice of buffers several rows long (<c>a3Row</c>, <c>delta3Row</c>),
/// which that pass declares before its loop over the rows.
/// </summary>
internal sealed class BufferNames
{
    /// <summary>The buffers of one example, each δ buffer declared where eq. 3 or 4 first writes it.</summary>
    public static readonly BufferNames OneExample = new(suffix: "", declaresDeltas: true);

    /// <summary>The current row's slices in a pass over several rows, every buffer declared already.</summary>
    public static readonly BufferNames CurrentRow = new(suffix: "Row", declaresDeltas: false);

    private readonly string _suffix;

    private BufferNames(string suffix, bool declaresDeltas)
    {
        _suffix = suffix;
        DeclaresDeltas = declaresDeltas;
    }

    /// <summary>Whether eq. 3 and 4 declare the δ buffer they write.</summary>
    public bool DeclaresDeltas { get; }

    public string Activations(LayerPlan layer) => layer.ActivationBuffer + _suffix;

    public string Sums(LayerPlan layer) => layer.SumBuffer + _suffix;

    public string Deltas(LayerPlan layer) => layer.DeltaBuffer + _suffix;

    /// <summary>The factor eq. 4′ multiplies by, for a layer with dropout: Dˡ ⊙ σ'(Zˡ), or Dˡ for a linear layer.</summary>
    public string DropoutFactors(LayerPlan layer) => layer.DropoutFactorBuffer + _suffix;
}
