using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

/// <summary>
/// The layers written with vector kernels (<see cref="LayerShape.VectorLoops"/>): one call per equation for the
/// whole layer (<c>MultiplyAdd</c> for eq. 1, <c>MultiplyTransposed</c> for eq. 4, <c>AddOuterProduct</c> and
/// <c>SubtractScaledOuterProduct</c> for eq. 5), each taking spans of constant length and inlined by the JIT, and
/// element-wise loops of constant bounds for the rest. Every kernel but eq. 1's rounds each element exactly as
/// the unrolled statements it replaces, so only the dot products of eq. 1 round differently.
/// </summary>
internal sealed partial class NetworkEmitter
{
    private const string Kernels = "global::Backprop.CompilerServices.VectorKernels.";

    /// <summary>
    /// Eq. 1 for the whole layer in one kernel call (<c>VectorKernels.MultiplyAdd</c>, which takes the rows of
    /// Wˡ in groups), then eq. 2 over the layer.
    /// </summary>
    private void WriteVectorLayerForward(LayerPlan layer)
    {
        string l = layer.Superscript;
        _writer.WriteLine();
        _writer.WriteLine("// Layer " + layer.Number + ", eq. 1 and 2: A" + l + " = σ(Z" + l + ") with Z" + l + " = W" + l + "·A" + layer.PreviousSuperscript + " + B" + l
            + ", W" + l + " of " + layer.Neurons + "×" + layer.Inputs + ", σ = " + ActivationSyntax.Name(layer.Activation) + ": Z" + l
            + " in one call, which takes the rows of W" + l + " several at a time.");
        WriteActivationBuffers(layer);
        string sums = layer.KeepsWeightedSums ? layer.SumBuffer : layer.ActivationBuffer;
        _writer.WriteLine(Kernels + "MultiplyAdd(" + layer.WeightSpan + ", " + layer.PreviousActivationBuffer + ", " + layer.BiasSpan + ", " + sums + ");");
        if (layer.KeepsWeightedSums)
        {
            WriteActivationsOfKeptSums(layer);
        }
        else if (UsesVectorActivation(layer))
        {
            WriteVectorActivation(layer);
        }
        else if (layer.Activation != Activation.Linear)
        {
            _writer.WriteLine();
            using (_writer.WriteBlock(ForEachNeuron(layer)))
            {
                _writer.WriteLine(layer.ActivationBuffer + "[j] = " + ActivationSyntax.Function(layer.Activation) + "(" + layer.ActivationBuffer + "[j]);");
            }
        }
    }

    /// <summary>
    /// Whether σ is applied to the whole layer at once by a vectorized kernel (<c>VectorKernels.Sigmoid</c> or
    /// <c>VectorKernels.Tanh</c>): sigmoid and tanh layers of vector kernels in single precision. Double
    /// precision keeps the scalar functions, whose last bits the vectorized ones do not match.
    /// </summary>
    private bool UsesVectorActivation(LayerPlan layer) =>
        layer.Activation is Activation.Sigmoid or Activation.Tanh && !layer.KeepsWeightedSums && Model.Precision == Precision.Single;

    private void WriteVectorActivation(LayerPlan layer)
    {
        _writer.WriteLine();
        if (layer.Activation == Activation.Tanh)
        {
            _writer.WriteLine("// tanh over the whole layer at once, vectorized (within 4.8e-7 of the exact value).");
            _writer.WriteLine(Kernels + "Tanh(" + layer.ActivationBuffer + ");");
            return;
        }

        _writer.WriteLine("// σ over the whole layer at once, its exponential vectorized (within 4.8e-7 of the exact value).");
        _writer.WriteLine(Kernels + "Sigmoid(" + layer.ActivationBuffer + ");");
    }

    /// <summary>Eq. 2 for an output layer of loops whose weighted sums are kept: σ element-wise, or the softmax.</summary>
    private void WriteActivationsOfKeptSums(LayerPlan layer)
    {
        string l = layer.Superscript;
        if (layer.Activation != Activation.Softmax)
        {
            _writer.WriteLine();
            using (_writer.WriteBlock(ForEachNeuron(layer)))
            {
                _writer.WriteLine(Buf(layer.ActivationBuffer) + "[j] = " + ActivationSyntax.Function(layer.Activation) + "(" + Buf(layer.SumBuffer) + "[j]);");
            }

            return;
        }

        _writer.WriteLine();
        _writer.WriteLine("// Softmax, a_j = e^(z_j − m) / Σ e^(z_i − m) with m the largest z: the same A" + l + ", and no e^z overflows.");
        _writer.WriteLine(T + " " + SoftmaxMax(layer) + " = " + Buf(layer.SumBuffer) + "[0];");
        using (_writer.WriteBlock("for (int j = 1; j < " + layer.Neurons + "; j++)"))
        {
            _writer.WriteLine(SoftmaxMax(layer) + " = global::System.Math.Max(" + SoftmaxMax(layer) + ", " + Buf(layer.SumBuffer) + "[j]);");
        }

        _writer.WriteLine();
        _writer.WriteLine(T + " " + SoftmaxSum(layer) + " = " + Number.Literal(0) + ";");
        using (_writer.WriteBlock(ForEachNeuron(layer)))
        {
            _writer.WriteLine(Buf(layer.ActivationBuffer) + "[j] = global::Backprop.CompilerServices.ActivationFunctions.Exp(" + Buf(layer.SumBuffer) + "[j] - " + SoftmaxMax(layer) + ");");
            _writer.WriteLine(SoftmaxSum(layer) + " += " + Buf(layer.ActivationBuffer) + "[j];");
        }

        _writer.WriteLine();
        using (_writer.WriteBlock(ForEachNeuron(layer)))
        {
            _writer.WriteLine(Buf(layer.ActivationBuffer) + "[j] = " + Buf(layer.ActivationBuffer) + "[j] / " + SoftmaxSum(layer) + ";");
        }
    }

    /// <summary>The cost of the chosen loss as a loop over the outputs.</summary>
    private void WriteVectorCost(LayerPlan output)
    {
        string a = Buf(output.ActivationBuffer) + "[j]";
        string z = Buf(output.SumBuffer) + "[j]";
        switch (Model.Loss)
        {
            case Loss.CrossEntropy:
                _writer.WriteLine("// The cost, C = −Σ y_j ln a_j, with ln a_j = z_j − m − ln Σ e^(z_i − m) from the softmax: finite even");
                _writer.WriteLine("// where a_j rounds to 0.");
                _writer.WriteLine(T + " logSum" + output.Number + " = global::Backprop.CompilerServices.ActivationFunctions.Log(" + SoftmaxSum(output) + ");");
                _writer.WriteLine(T + " crossSum = " + Number.Literal(0) + ";");
                using (_writer.WriteBlock(ForEachNeuron(output)))
                {
                    _writer.WriteLine("crossSum += target[j] * (" + z + " - " + SoftmaxMax(output) + " - logSum" + output.Number + ");");
                }

                _writer.WriteLine();
                _writer.WriteLine(T + " cost = -crossSum;");
                break;
            case Loss.BinaryCrossEntropy:
                _writer.WriteLine("// The cost, C = −Σ [y_j ln a_j + (1 − y_j) ln(1 − a_j)], computed from z_j so that it stays finite");
                _writer.WriteLine("// where σ(z_j) rounds to 0 or 1.");
                _writer.WriteLine(T + " cost = " + Number.Literal(0) + ";");
                using (_writer.WriteBlock(ForEachNeuron(output)))
                {
                    _writer.WriteLine("cost += global::Backprop.CompilerServices.ActivationFunctions.BinaryCrossEntropy(" + z + ", target[j]);");
                }

                break;
            default:
                _writer.WriteLine("// The cost, C = ½‖Y − A" + output.Superscript + "‖².");
                _writer.WriteLine(T + " squares = " + Number.Literal(0) + ";");
                using (_writer.WriteBlock(ForEachNeuron(output)))
                {
                    _writer.WriteLine(T + " error = " + a + " - target[j];");
                    _writer.WriteLine("squares += error * error;");
                }

                _writer.WriteLine();
                _writer.WriteLine(T + " cost = " + Number.Literal(0.5) + " * squares;");
                break;
        }

        _writer.WriteLine();
    }

    /// <summary>Eq. 3 as a loop over the outputs, in the form the loss gives it.</summary>
    private void WriteVectorOutputDeltas(LayerPlan layer)
    {
        string l = layer.Superscript;
        string a = Buf(layer.ActivationBuffer) + "[j]";
        string error = "(" + a + " - target[j])";
        _writer.WriteLine();
        if (Model.Loss != Loss.MeanSquaredError)
        {
            _writer.WriteLine(Model.Loss == Loss.CrossEntropy
                ? "// Layer " + layer.Number + ", eq. 3 for cross-entropy over a softmax: δ_j = a_j·Σ_i y_i − y_j = a_j − y_j, the targets adding up to 1."
                : "// Layer " + layer.Number + ", eq. 3 for binary cross-entropy over a sigmoid: ∂C/∂a_j·σ'(z_j) = a_j − y_j.");
            WriteDeltaBuffer(layer);
            WriteErrors(layer);
            return;
        }

        if (layer.Activation == Activation.Softmax)
        {
            _writer.WriteLine("// Layer " + layer.Number + ", eq. 3 with the softmax's Jacobian: δ_j = a_j·(e_j − Σ_i e_i·a_i), e = A" + l + " − Y.");
            WriteDeltaBuffer(layer);
            _writer.WriteLine(T + " errorDotA" + layer.Number + " = " + Number.Literal(0) + ";");
            using (_writer.WriteBlock(ForEachNeuron(layer)))
            {
                _writer.WriteLine("errorDotA" + layer.Number + " += " + error + " * " + a + ";");
            }

            _writer.WriteLine();
            using (_writer.WriteBlock(ForEachNeuron(layer)))
            {
                _writer.WriteLine(Buf(layer.DeltaBuffer) + "[j] = " + a + " * (" + error + " - errorDotA" + layer.Number + ");");
            }

            return;
        }

        _writer.WriteLine("// Layer " + layer.Number + ", eq. 3: Δ" + l + " = (A" + l + " − Y) ⊙ σ'(Z" + l + "), σ = " + ActivationSyntax.Name(layer.Activation) + ", "
            + ActivationSyntax.DerivativeComment(layer.Activation) + ".");
        WriteDeltaBuffer(layer);
        WriteErrors(layer);
        WriteTimesDerivative(layer);
    }

    /// <summary>Δ ⊙= σ'(Z) for the whole layer (<c>MultiplyByDerivative</c>), unless σ' is 1 (a linear layer).</summary>
    private void WriteTimesDerivative(LayerPlan layer)
    {
        if (ActivationSyntax.Derivative(layer.Activation, "a", Number) is not null)
        {
            _writer.WriteLine(Kernels + "MultiplyByDerivative(" + Buf(layer.DeltaBuffer) + ", " + Buf(layer.ActivationBuffer) + ", "
                + ActivationSyntax.EnumMember(layer.Activation) + ");");
        }
    }

    /// <summary>Δ = A − Y for a whole output layer: A copied into the δ buffer, then Y subtracted, each element rounded once.</summary>
    private void WriteErrors(LayerPlan layer)
    {
        _writer.WriteLine(Buf(layer.ActivationBuffer) + ".CopyTo(" + Buf(layer.DeltaBuffer) + ");");
        _writer.WriteLine(Kernels + "SubtractScaled(" + Buf(layer.DeltaBuffer) + ", " + Number.Literal(1) + ", target);");
    }

    /// <summary>
    /// Eq. 4 for <paramref name="layer"/> when the next layer is written as loops: (Wˡ⁺¹)ᵀ·Δˡ⁺¹ is the sum of
    /// the rows of Wˡ⁺¹, each scaled by its δ, which reads Wˡ⁺¹ row by row as it is stored.
    /// </summary>
    private void WriteVectorRecursion(LayerPlan layer, LayerPlan next)
    {
        string l = layer.Superscript;
        _writer.WriteLine();
        _writer.WriteLine("// Layer " + layer.Number + ", eq. 4: Δ" + l + " = (W" + next.Superscript + ")ᵀ·Δ" + next.Superscript + " ⊙ σ'(Z" + l + "), σ = "
            + ActivationSyntax.Name(layer.Activation) + ", " + ActivationSyntax.DerivativeComment(layer.Activation) + ".");
        _writer.WriteLine("// (W" + next.Superscript + ")ᵀ·Δ" + next.Superscript + " is the sum over i of row i of W" + next.Superscript + " times δ" + next.Superscript + "_i.");
        WriteDeltaBuffer(layer);
        _writer.WriteLine(Kernels + "MultiplyTransposed(" + next.WeightSpan + ", " + Buf(next.DeltaBuffer) + ", " + Buf(layer.DeltaBuffer) + ");");
        WriteTimesDerivative(layer);
    }

    /// <summary>Eq. 5 and 6 for a layer of loops: the weight gradient gains Δˡ·(Aˡ⁻¹)ᵀ, the bias gradient Δˡ.</summary>
    private void WriteVectorGradient(LayerPlan layer)
    {
        _writer.WriteLine(Kernels + "AddOuterProduct(" + layer.WeightGradientSpan + ", " + layer.DeltaBuffer + ", " + layer.PreviousActivationBuffer + ");");
        _writer.WriteLine(Kernels + "AddScaled(" + layer.BiasGradientSpan + ", " + Number.Literal(1) + ", " + layer.DeltaBuffer + ");");
    }

    /// <summary>Eq. 5 and 6 as an SGD step for a layer of loops, rounded as Backward followed by θ −= η·g.</summary>
    private void WriteVectorUpdate(LayerPlan layer)
    {
        _writer.WriteLine(Kernels + "SubtractScaledOuterProduct(" + layer.WeightSpan + ", learningRate, " + layer.DeltaBuffer + ", " + layer.PreviousActivationBuffer + ");");
        _writer.WriteLine(Kernels + "SubtractScaled(" + layer.BiasSpan + ", learningRate, " + layer.DeltaBuffer + ");");
    }

    /// <summary>
    /// Declares a layer's δ buffer, except in the four-row pass, which declares every buffer (four rows
    /// long) before its loop over the rows and points <see cref="Buf"/> at one row's slice.
    /// </summary>
    private void WriteDeltaBuffer(LayerPlan layer)
    {
        if (_rowPass)
        {
            return;
        }

        _writer.WriteLine(Number.Span + " " + layer.DeltaBuffer + " = " + StackBuffer(layer.Neurons) + ";");
    }

    /// <summary>A buffer's name: the buffer itself, or in the four-row pass the slice of the current row.</summary>
    private string Buf(string buffer) => _rowPass ? buffer + "Row" : buffer;

    private static string ForEachNeuron(LayerPlan layer) => "for (int j = 0; j < " + layer.Neurons + "; j++)";

    /// <summary>Row j of a weight block: the weights into neuron j, a span of constant length.</summary>
    private static string Row(string block, LayerPlan layer) => block + ".Slice(j * " + layer.Inputs + ", " + layer.Inputs + ")";

    /// <summary>
    /// A stack buffer of <paramref name="length"/> values from its first 64-byte boundary: allocated with room
    /// for the alignment (<c>AlignedMemory.Aligned</c>).
    /// </summary>
    private string StackBuffer(object length) =>
        "global::Backprop.CompilerServices.AlignedMemory.Aligned(stackalloc " + T + "[" + length + " + " + AlignmentSlack + "], " + length + ")";

    /// <summary>How many values longer than needed a buffer is allocated, so that a 64-byte boundary falls within reach.</summary>
    private int AlignmentSlack => (NetworkLimits.AlignmentSlackBytes / Number.Size) - 1;
}
