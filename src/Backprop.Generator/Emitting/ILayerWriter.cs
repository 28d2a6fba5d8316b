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

    /// <summary>
    /// For a hidden layer with dropout, in the training methods, eq. 2′ after eq. 2: Ãˡ = Dˡ ⊙ Aˡ in place of Aˡ,
    /// after keeping Dˡ ⊙ σ'(Zˡ) (σ' from Aˡ before the mask) for eq. 4′.
    /// </summary>
    void WriteDropout();

    /// <summary>For the output layer: the output errors and the cost C of the chosen loss.</summary>
    void WriteCost();

    /// <summary>For the output layer, eq. 3: Δᴸ = ∇ₐC ⊙ σ'(Zᴸ), in the form the loss gives it.</summary>
    void WriteOutputDeltas();

    /// <summary>
    /// Eq. 4 for the layer <paramref name="below"/> this one: Δˡ⁻¹ = (Wˡ)ᵀ·Δˡ ⊙ σ'(Zˡ⁻¹), in this layer's shape,
    /// since it reads this layer's weights; eq. 4′, Δˡ⁻¹ = (Wˡ)ᵀ·Δˡ ⊙ Dˡ⁻¹ ⊙ σ'(Zˡ⁻¹), where that layer has dropout.
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

    /// <summary>The comment before eq. 2′ of a layer with dropout.</summary>
    protected void WriteDropoutComment()
    {
        LayerSymbols math = Layer.Symbols;
        Writer.WriteLine();
        Writer.WriteLine($"// Layer {Layer.Number}, eq. 2′ (dropout): {math.DroppedA} = {math.D} ⊙ {math.A} takes the place of {math.A}{(Layer.KeepsMaskedDerivative ? $", after {math.D} ⊙ σ'({math.Z}) is kept for eq. 4′ (σ' is read from {math.A} before the mask)" : "")}.");
    }

    /// <summary>The comment line of eq. 4 or 4′ for <paramref name="below"/>, as the next layer's writer states it.</summary>
    protected static string DeltasBelowComment(LayerPlan below, LayerSymbols next)
    {
        LayerSymbols math = below.Symbols;
        string derivative = Invariant.Format($"σ = {ActivationSyntax.Name(below.Activation)}, {ActivationSyntax.DerivativeComment(below.Activation)}");
        return below.HasDropout
            ? Invariant.Format($"// Layer {below.Number}, eq. 4′: {math.Delta} = ({next.W})ᵀ·{next.Delta} ⊙ {math.D} ⊙ σ'({math.Z}), {derivative}; {math.D} ⊙ σ'({math.Z}) from eq. 2′.")
            : Invariant.Format($"// Layer {below.Number}, eq. 4: {math.Delta} = ({next.W})ᵀ·{next.Delta} ⊙ σ'({math.Z}), {derivative}.");
    }

    /// <summary>The writer for <paramref name="layer"/>'s shape: the one place the shape is looked at.</summary>
    public static ILayerWriter Create(EmitterContext code, LayerPlan layer) => layer.Shape switch
    {
        LayerShape.VectorLoops => new VectorLayerWriter(code, layer),
        _ => new UnrolledLayerWriter(code, layer),
    };
}
