using Backprop.Generator.Helpers;
using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

/// <summary>
/// A layer written with vector kernels (<see cref="LayerShape.VectorLoops"/>): one call per equation for the
/// whole layer (<c>MultiplyAdd</c> for eq. 1, <c>MultiplyTransposed</c> for eq. 4, <c>AddOuterProduct</c> and
/// <c>SubtractScaledOuterProduct</c> for eq. 5), each taking spans of constant length and inlined by the JIT, and
/// element-wise loops of constant bounds for the rest. Every kernel but eq. 1's rounds each element exactly as
/// the unrolled statements it replaces, so only the dot products of eq. 1 round differently. Eq. 2 to 4 are
/// written once, for the buffers of one example or for the current row of the four-row pass
/// (<see cref="IRowPassWriter"/>), as <see cref="BufferNames"/> says.
/// </summary>
internal sealed class VectorLayerWriter : LayerWriter, IRowPassWriter
{
    public VectorLayerWriter(EmitterContext code, LayerPlan layer)
        : base(code, layer)
    {
    }

    public string ShapeName => "vector loops";

    private static string Kernels => RuntimeTypes.VectorKernels;

    /// <summary>
    /// Eq. 1 for the whole layer in one kernel call (<c>VectorKernels.MultiplyAdd</c>, which takes the rows of
    /// Wˡ in groups), then eq. 2 over the layer.
    /// </summary>
    public void WriteForward()
    {
        LayerPlan layer = Layer;
        LayerSymbols math = layer.Symbols;
        Writer.WriteLine();
        Writer.WriteLine($"// Layer {layer.Number}, eq. 1 and 2: {math.A} = σ({math.Z}) with {math.Z} = {math.W}·{math.PreviousA} + {math.B}, {math.W} of {layer.Neurons}×{layer.Inputs}, σ = {ActivationSyntax.Name(layer.Activation)}: {math.Z} in one call, which takes the rows of {math.W} several at a time.");
        Code.WriteActivationBuffers(layer);
        string sums = layer.KeepsWeightedSums ? layer.SumBuffer : layer.ActivationBuffer;
        Writer.WriteLine($"{Kernels}.MultiplyAdd({layer.WeightSpan}, {layer.PreviousActivationBuffer}, {layer.BiasSpan}, {sums});");
        if (layer.KeepsWeightedSums)
        {
            WriteActivationsOfKeptSums(BufferNames.OneExample);
        }
        else if (UsesVectorActivation)
        {
            WriteVectorActivation();
        }
        else if (layer.Activation != Activation.Linear)
        {
            Writer.WriteLine();
            using (Writer.WriteBlock(EmitterContext.ForEachNeuron(layer)))
            {
                Writer.WriteLine($"{layer.ActivationBuffer}[j] = {ActivationSyntax.Function(layer.Activation)}({layer.ActivationBuffer}[j]);");
            }
        }
    }

    /// <summary>
    /// Whether σ is applied to the whole layer at once by a vectorized kernel (<c>VectorKernels.Sigmoid</c>,
    /// <c>.Tanh</c>, <c>.ReLU</c> or <c>.LeakyReLU</c>): such layers of vector kernels in single precision. Double
    /// precision calls the scalar functions (there are no double kernels yet); either way the bits are the same.
    /// </summary>
    public bool UsesVectorActivation =>
        Layer.Activation is Activation.Sigmoid or Activation.Tanh or Activation.ReLU or Activation.LeakyReLU
        && !Layer.KeepsWeightedSums
        && Code.Model.Precision == Precision.Single;

    public void WriteVectorActivation()
    {
        Writer.WriteLine();
        switch (Layer.Activation)
        {
            case Activation.Tanh:
                Writer.WriteLine("// tanh over the whole layer at once, vectorized: the bits of the scalar tanh (docs/math.md §10).");
                Writer.WriteLine($"{Kernels}.Tanh({Layer.ActivationBuffer});");
                break;
            case Activation.ReLU:
                Writer.WriteLine("// ReLU over the whole layer at once, lane by lane without a branch: the bits of the scalar ReLU (docs/math.md §5.1).");
                Writer.WriteLine($"{Kernels}.ReLU({Layer.ActivationBuffer});");
                break;
            case Activation.LeakyReLU:
                Writer.WriteLine("// Leaky ReLU over the whole layer at once, lane by lane without a branch: the bits of the scalar one (docs/math.md §5.1).");
                Writer.WriteLine($"{Kernels}.LeakyReLU({Layer.ActivationBuffer});");
                break;
            default:
                Writer.WriteLine("// σ over the whole layer at once, vectorized: the bits of the scalar σ (docs/math.md §10).");
                Writer.WriteLine($"{Kernels}.Sigmoid({Layer.ActivationBuffer});");
                break;
        }
    }

    public void WriteRowActivationsOfKeptSums() => WriteActivationsOfKeptSums(BufferNames.CurrentRow);

    /// <summary>Eq. 2 for an output layer of loops whose weighted sums are kept: σ element-wise, or the softmax.</summary>
    private void WriteActivationsOfKeptSums(BufferNames buffers)
    {
        LayerPlan layer = Layer;
        string a = buffers.Activations(layer);
        string z = buffers.Sums(layer);
        string forEachNeuron = EmitterContext.ForEachNeuron(layer);
        if (layer.Activation != Activation.Softmax)
        {
            Writer.WriteLine();
            using (Writer.WriteBlock(forEachNeuron))
            {
                Writer.WriteLine($"{a}[j] = {ActivationSyntax.Function(layer.Activation)}({z}[j]);");
            }

            return;
        }

        Writer.WriteLine();
        Writer.WriteLine($"// Softmax, a_j = e^(z_j − m) / Σ e^(z_i − m) with m the largest z: the same {layer.Symbols.A}, and no e^z overflows.");
        Writer.WriteLine($"{Scalar} {layer.SoftmaxMax} = {z}[0];");
        using (Writer.WriteBlock($"for (int j = 1; j < {layer.Neurons}; j++)"))
        {
            Writer.WriteLine($"{layer.SoftmaxMax} = {RuntimeTypes.Math}.Max({layer.SoftmaxMax}, {z}[j]);");
        }

        Writer.WriteLine();
        Writer.WriteLine($"{Scalar} {layer.SoftmaxSum} = {Code.Literal(0)};");
        using (Writer.WriteBlock(forEachNeuron))
        {
            Writer.WriteLine($"{a}[j] = {RuntimeTypes.ActivationFunctions}.Exp({z}[j] - {layer.SoftmaxMax});");
            Writer.WriteLine($"{layer.SoftmaxSum} += {a}[j];");
        }

        Writer.WriteLine();
        using (Writer.WriteBlock(forEachNeuron))
        {
            Writer.WriteLine($"{a}[j] = {a}[j] / {layer.SoftmaxSum};");
        }
    }

    public void WriteCost() => WriteCost(BufferNames.OneExample);

    public void WriteRowCost() => WriteCost(BufferNames.CurrentRow);

    /// <summary>The cost of the chosen loss as a loop over the outputs.</summary>
    private void WriteCost(BufferNames buffers)
    {
        LayerPlan output = Layer;
        string a = buffers.Activations(output);
        string z = buffers.Sums(output);
        string forEachNeuron = EmitterContext.ForEachNeuron(output);
        switch (Code.Model.Loss)
        {
            case Loss.CrossEntropy:
                Writer.WriteLine("// The cost, C = −Σ y_j ln a_j, with ln a_j = z_j − m − ln Σ e^(z_i − m) from the softmax: finite even");
                Writer.WriteLine("// where a_j rounds to 0.");
                Writer.WriteLine($"{Scalar} {output.LogSoftmaxSum} = {RuntimeTypes.ActivationFunctions}.Log({output.SoftmaxSum});");
                Writer.WriteLine($"{Scalar} crossSum = {Code.Literal(0)};");
                using (Writer.WriteBlock(forEachNeuron))
                {
                    Writer.WriteLine($"crossSum += target[j] * ({z}[j] - {output.SoftmaxMax} - {output.LogSoftmaxSum});");
                }

                Writer.WriteLine();
                Writer.WriteLine($"{Scalar} cost = -crossSum;");
                break;
            case Loss.BinaryCrossEntropy:
                Writer.WriteLine("// The cost, C = −Σ [y_j ln a_j + (1 − y_j) ln(1 − a_j)], computed from z_j so that it stays finite");
                Writer.WriteLine("// where σ(z_j) rounds to 0 or 1.");
                Writer.WriteLine($"{Scalar} cost = {Code.Literal(0)};");
                using (Writer.WriteBlock(forEachNeuron))
                {
                    Writer.WriteLine($"cost += {RuntimeTypes.ActivationFunctions}.BinaryCrossEntropy({z}[j], target[j]);");
                }

                break;
            default:
                Writer.WriteLine($"// The cost, C = ½‖Y − {output.Symbols.A}‖².");
                Writer.WriteLine($"{Scalar} squares = {Code.Literal(0)};");
                using (Writer.WriteBlock(forEachNeuron))
                {
                    Writer.WriteLine($"{Scalar} error = {a}[j] - target[j];");
                    Writer.WriteLine("squares += error * error;");
                }

                Writer.WriteLine();
                Writer.WriteLine($"{Scalar} cost = {Code.Literal(0.5)} * squares;");
                break;
        }

        Writer.WriteLine();
    }

    public void WriteOutputDeltas() => WriteOutputDeltas(BufferNames.OneExample);

    public void WriteRowOutputDeltas() => WriteOutputDeltas(BufferNames.CurrentRow);

    /// <summary>
    /// Eq. 3 as loops over the outputs, in the form the loss and the output's σ give it (docs/math.md §3.2). The
    /// parser pairs cross-entropy with a softmax and binary cross-entropy with a sigmoid (BP0021); the quadratic
    /// cost takes any σ.
    /// </summary>
    private void WriteOutputDeltas(BufferNames buffers)
    {
        Writer.WriteLine();
        switch ((Code.Model.Loss, Layer.Activation))
        {
            case (Loss.CrossEntropy, _):
                Writer.WriteLine($"// Layer {Layer.Number}, eq. 3 for cross-entropy over a softmax: δ_j = a_j·Σ_i y_i − y_j = a_j − y_j, the targets adding up to 1.");
                WriteErrorsAsDeltas(buffers);
                break;
            case (Loss.BinaryCrossEntropy, _):
                Writer.WriteLine($"// Layer {Layer.Number}, eq. 3 for binary cross-entropy over a sigmoid: ∂C/∂a_j·σ'(z_j) = a_j − y_j.");
                WriteErrorsAsDeltas(buffers);
                break;
            case (_, Activation.Softmax):
                WriteSoftmaxJacobianDeltas(buffers);
                break;
            default:
                WriteErrorTimesDerivativeDeltas(buffers);
                break;
        }
    }

    /// <summary>The quadratic cost over a softmax, whose full Jacobian couples the outputs.</summary>
    private void WriteSoftmaxJacobianDeltas(BufferNames buffers)
    {
        LayerPlan layer = Layer;
        string a = Invariant.Format($"{buffers.Activations(layer)}[j]");
        string error = Invariant.Format($"({a} - target[j])");
        Writer.WriteLine($"// Layer {layer.Number}, eq. 3 with the softmax's Jacobian: δ_j = a_j·(e_j − Σ_i e_i·a_i), e = {layer.Symbols.A} − Y.");
        WriteDeltaBuffer(layer, buffers);
        Writer.WriteLine($"{Scalar} {layer.ErrorDotA} = {Code.Literal(0)};");
        using (Writer.WriteBlock(EmitterContext.ForEachNeuron(layer)))
        {
            Writer.WriteLine($"{layer.ErrorDotA} += {error} * {a};");
        }

        Writer.WriteLine();
        using (Writer.WriteBlock(EmitterContext.ForEachNeuron(layer)))
        {
            Writer.WriteLine($"{buffers.Deltas(layer)}[j] = {a} * ({error} - {layer.ErrorDotA});");
        }
    }

    /// <summary>Eq. 3 in its general form, Δᴸ = (Aᴸ − Y) ⊙ σ'(Zᴸ), without the factor where σ' is 1.</summary>
    private void WriteErrorTimesDerivativeDeltas(BufferNames buffers)
    {
        LayerPlan layer = Layer;
        LayerSymbols math = layer.Symbols;
        Writer.WriteLine($"// Layer {layer.Number}, eq. 3: {math.Delta} = ({math.A} − Y) ⊙ σ'({math.Z}), σ = {ActivationSyntax.Name(layer.Activation)}, {ActivationSyntax.DerivativeComment(layer.Activation)}.");
        WriteErrorsAsDeltas(buffers);
        if (HasDerivativeFactor(layer))
        {
            Writer.WriteLine();
            WriteTimesDerivative(layer, buffers);
        }
    }

    /// <summary>Declares Δᴸ's buffer and sets Δᴸ = Aᴸ − Y, each element rounded once.</summary>
    private void WriteErrorsAsDeltas(BufferNames buffers)
    {
        WriteDeltaBuffer(Layer, buffers);
        using (Writer.WriteBlock(EmitterContext.ForEachNeuron(Layer)))
        {
            Writer.WriteLine($"{buffers.Deltas(Layer)}[j] = {buffers.Activations(Layer)}[j] - target[j];");
        }
    }

    public void WriteDeltasBelow(LayerPlan below) => WriteDeltasBelow(below, BufferNames.OneExample);

    public void WriteRowDeltasBelow(LayerPlan below) => WriteDeltasBelow(below, BufferNames.CurrentRow);

    /// <summary>
    /// Eq. 4 for <paramref name="below"/>: (Wˡ)ᵀ·Δˡ is the sum of the rows of Wˡ, each scaled by its δ, which
    /// reads Wˡ row by row as it is stored. Where <paramref name="below"/> has dropout, eq. 4′ multiplies by the
    /// factor Dˡ⁻¹ ⊙ σ'(Zˡ⁻¹) that eq. 2′ kept instead of σ'.
    /// </summary>
    private void WriteDeltasBelow(LayerPlan below, BufferNames buffers)
    {
        LayerSymbols math = Layer.Symbols;
        Writer.WriteLine();
        Writer.WriteLine(DeltasBelowComment(below, math));
        Writer.WriteLine($"// ({math.W})ᵀ·{math.Delta} is the sum over i of row i of {math.W} times {math.SmallDelta}_i.");
        WriteDeltaBuffer(below, buffers);
        Writer.WriteLine($"{Kernels}.MultiplyTransposed({Layer.WeightSpan}, {buffers.Deltas(Layer)}, {buffers.Deltas(below)});");
        if (below.HasDropout)
        {
            using (Writer.WriteBlock(EmitterContext.ForEachNeuron(below)))
            {
                Writer.WriteLine($"{buffers.Deltas(below)}[j] *= {buffers.DropoutFactors(below)}[j];");
            }
        }
        else
        {
            WriteTimesDerivative(below, buffers);
        }
    }

    /// <summary>Δ ⊙= σ'(Z) for a whole layer (<c>MultiplyByDerivative</c>), unless σ' is 1 (a linear layer).</summary>
    private void WriteTimesDerivative(LayerPlan layer, BufferNames buffers)
    {
        if (HasDerivativeFactor(layer))
        {
            Writer.WriteLine($"{Kernels}.MultiplyByDerivative({buffers.Deltas(layer)}, {buffers.Activations(layer)}, {ActivationSyntax.EnumMember(layer.Activation)});");
        }
    }

    public void WriteDropout() => WriteDropout(Invariant.Format($"{Layer.Neurons}"));

    public void WriteRowsDropout() => WriteDropout($"{Layer.ActivationBuffer}.Length");

    /// <summary>Eq. 2′ over the first <paramref name="values"/> values of the layer's buffers: one row's, or all the rows'.</summary>
    private void WriteDropout(string values)
    {
        LayerPlan layer = Layer;
        WriteDropoutComment();
        using (Writer.WriteBlock($"for (int i = 0; i < {values}; i++)"))
        {
            if (layer.KeepsMaskedDerivative)
            {
                string a = Invariant.Format($"{layer.ActivationBuffer}[i]");
                Writer.WriteLine($"{layer.MaskedDerivativeBuffer}[i] = {layer.MaskBuffer}[i] * ({ActivationSyntax.Derivative(layer.Activation, a, Code.Number)});");
            }

            Writer.WriteLine($"{layer.ActivationBuffer}[i] *= {layer.MaskBuffer}[i];");
        }
    }

    /// <summary>Whether eq. 3 and 4 multiply by σ'(Z): not where it is 1 (linear) or taken care of (softmax).</summary>
    private bool HasDerivativeFactor(LayerPlan layer) => ActivationSyntax.Derivative(layer.Activation, "a", Code.Number) is not null;

    /// <summary>Declares a layer's δ buffer, unless the four-row pass declared it (four rows long) already.</summary>
    private void WriteDeltaBuffer(LayerPlan layer, BufferNames buffers)
    {
        if (buffers.DeclaresDeltas)
        {
            Writer.WriteLine($"{Code.Span} {layer.DeltaBuffer} = {Code.StackBuffer(layer.Neurons)};");
        }
    }

    /// <summary>Eq. 5 and 6 for a layer of loops: the weight gradient gains Δˡ·(Aˡ⁻¹)ᵀ, the bias gradient Δˡ.</summary>
    public void WriteGradient()
    {
        Writer.WriteLine($"{Kernels}.AddOuterProduct({Layer.WeightGradientSpan}, {Layer.DeltaBuffer}, {Layer.PreviousActivationBuffer});");
        Writer.WriteLine($"{Kernels}.AddScaled({Layer.BiasGradientSpan}, {Code.Literal(1)}, {Layer.DeltaBuffer});");
    }

    /// <summary>Eq. 5 and 6 as an SGD step for a layer of loops, rounded as Backward followed by θ −= η·g.</summary>
    public void WriteUpdate()
    {
        Writer.WriteLine($"{Kernels}.SubtractScaledOuterProduct({Layer.WeightSpan}, learningRate, {Layer.DeltaBuffer}, {Layer.PreviousActivationBuffer});");
        Writer.WriteLine($"{Kernels}.SubtractScaled({Layer.BiasSpan}, learningRate, {Layer.DeltaBuffer});");
    }
}
