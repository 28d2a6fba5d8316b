using Backprop.Generator.Helpers;
using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

/// <summary>
/// Writes the equations of one layer in the layer's shape (<see cref="LayerShape"/>): unrolled statements
/// (<see cref="UnrolledLayerWriter"/>) or whole-layer vector kernels (<see cref="VectorLayerWriter"/>). The emitter
/// picks one per layer, once (<see cref="LayerWriter.Create"/>), and never asks for the shape again: every pass
/// uses those writers, the four-row pass too (<see cref="IRowPassWriter"/>, <see cref="RowPassWriters.From"/>).
/// </summary>
internal interface ILayerWriter
{
    LayerPlan Layer { get; }

    /// <summary>The shape as the remarks' table names it: "unrolled", "vector loops".</summary>
    string ShapeName { get; }

    /// <summary>Eq. 1 and 2: Zˡ = Wˡ·Aˡ⁻¹ + Bˡ, Aˡ = σ(Zˡ).</summary>
    void WriteForward();

    /// <summary>For the output layer: the output errors and the cost C of the chosen loss.</summary>
    void WriteCost();

    /// <summary>For the output layer, eq. 3: Δᴸ = ∇ₐC ⊙ σ'(Zᴸ), in the form the loss gives it.</summary>
    void WriteOutputDeltas();

    /// <summary>
    /// Eq. 4 for the layer <paramref name="below"/> this one: Δˡ⁻¹ = (Wˡ)ᵀ·Δˡ ⊙ σ'(Zˡ⁻¹), in this layer's shape,
    /// since it reads this layer's weights.
    /// </summary>
    void WriteDeltasBelow(LayerPlan below);

    /// <summary>Eq. 5 and 6 added to the gradient spans: ∂C/∂Wˡ += Δˡ·(Aˡ⁻¹)ᵀ, ∂C/∂Bˡ += Δˡ.</summary>
    void WriteGradient();

    /// <summary>Eq. 5 and 6 as a gradient-descent step: Wˡ −= η·Δˡ·(Aˡ⁻¹)ᵀ, Bˡ −= η·Δˡ.</summary>
    void WriteUpdate();
}

/// <summary>What both shapes' writers hold: the layer, and the emitter's writer and context.</summary>
internal abstract class LayerWriter
{
    protected LayerWriter(EmitterContext code, LayerPlan layer)
    {
        Code = code;
        Writer = code.Writer;
        Layer = layer;
    }

    public LayerPlan Layer { get; }

    protected EmitterContext Code { get; }

    protected IndentedTextWriter Writer { get; }

    /// <summary><c>float</c> or <c>double</c>.</summary>
    protected string Scalar => Code.Scalar;

    /// <summary>The writer for <paramref name="layer"/>'s shape: the one place the shape is looked at.</summary>
    public static ILayerWriter Create(EmitterContext code, LayerPlan layer) => layer.Shape switch
    {
        LayerShape.VectorLoops => new VectorLayerWriter(code, layer),
        _ => new UnrolledLayerWriter(code, layer),
    };
}
