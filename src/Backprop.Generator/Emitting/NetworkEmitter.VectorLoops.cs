using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

/// <summary>
/// The layers written as loops over vector kernels (<see cref="LayerShape.VectorLoops"/>): every loop has
/// constant bounds, and every row of Wˡ is a span of constant length handed to a kernel that the JIT inlines.
/// Each loop computes the same expressions, in the same order, as the unrolled statements it replaces, so
/// only the dot products of eq. 1 round differently.
/// </summary>
internal sealed partial class NetworkEmitter
{
    private const string Kernels = "global::Backprop.VectorKernels.";

    /// <summary>Eq. 1 and 2 as one dot product per row of Wˡ.</summary>
    private void WriteVectorLayerForward(LayerPlan layer)
    {
        string l = layer.Superscript;
        _writer.WriteLine();
        _writer.WriteLine("// Layer " + layer.Number + ", eq. 1 and 2: A" + l + " = σ(Z" + l + ") with Z" + l + " = W" + l + "·A" + layer.PreviousSuperscript + " + B" + l
            + ", W" + l + " of " + layer.Neurons + "×" + layer.Inputs + ", σ = " + ActivationSyntax.Name(layer.Activation) + ": z_j is row j of W" + l
            + " dotted with A" + layer.PreviousSuperscript + ".");
        WriteActivationBuffers(layer);
        string sum = Kernels + "Dot(" + Row(layer.WeightSpan, layer) + ", " + layer.PreviousActivationBuffer + ") + " + layer.BiasSpan + "[j]";
        using (_writer.WriteBlock(ForEachNeuron(layer)))
        {
            if (layer.KeepsWeightedSums)
            {
                _writer.WriteLine(layer.SumBuffer + "[j] = " + sum + ";");
            }
            else if (layer.Activation == Activation.Linear || UsesVectorSigmoid(layer))
            {
                _writer.WriteLine(layer.ActivationBuffer + "[j] = " + sum + ";");
            }
            else
            {
                _writer.WriteLine(layer.ActivationBuffer + "[j] = " + ActivationSyntax.Function(layer.Activation) + "(" + sum + ");");
            }
        }

        if (UsesVectorSigmoid(layer))
        {
            WriteVectorSigmoid(layer);
        }

        if (layer.KeepsWeightedSums)
        {
            WriteActivationsOfKeptSums(layer);
        }
    }

    /// <summary>
    /// Whether σ is applied to the whole layer at once by <c>VectorKernels.Sigmoid</c>, whose exponential is
    /// vectorized: sigmoid layers of loops in single precision. Double precision keeps the scalar function,
    /// whose last bits the vectorized one does not match.
    /// </summary>
    private bool UsesVectorSigmoid(LayerPlan layer) =>
        layer.Activation == Activation.Sigmoid && !layer.KeepsWeightedSums && Model.Precision == Precision.Single;

    private void WriteVectorSigmoid(LayerPlan layer)
    {
        _writer.WriteLine();
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
            _writer.WriteLine(Buf(layer.ActivationBuffer) + "[j] = global::Backprop.ActivationFunctions.Exp(" + Buf(layer.SumBuffer) + "[j] - " + SoftmaxMax(layer) + ");");
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
                _writer.WriteLine(T + " logSum" + output.Number + " = global::Backprop.ActivationFunctions.Log(" + SoftmaxSum(output) + ");");
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
                    _writer.WriteLine("cost += global::Backprop.ActivationFunctions.BinaryCrossEntropy(" + z + ", target[j]);");
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
            using (_writer.WriteBlock(ForEachNeuron(layer)))
            {
                _writer.WriteLine(Buf(layer.DeltaBuffer) + "[j] = " + a + " - target[j];");
            }

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

        string? derivative = ActivationSyntax.Derivative(layer.Activation, a, Number);
        _writer.WriteLine("// Layer " + layer.Number + ", eq. 3: Δ" + l + " = (A" + l + " − Y) ⊙ σ'(Z" + l + "), σ = " + ActivationSyntax.Name(layer.Activation) + ", "
            + ActivationSyntax.DerivativeComment(layer.Activation) + ".");
        WriteDeltaBuffer(layer);
        using (_writer.WriteBlock(ForEachNeuron(layer)))
        {
            _writer.WriteLine(Buf(layer.DeltaBuffer) + "[j] = " + (derivative is null ? error : error + " * (" + derivative + ")") + ";");
        }
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
        _writer.WriteLine(Buf(layer.DeltaBuffer) + ".Clear();");
        using (_writer.WriteBlock("for (int i = 0; i < " + next.Neurons + "; i++)"))
        {
            _writer.WriteLine(Kernels + "AddScaled(" + Buf(layer.DeltaBuffer) + ", " + Buf(next.DeltaBuffer) + "[i], "
                + next.WeightSpan + ".Slice(i * " + next.Inputs + ", " + next.Inputs + "));");
        }

        string? derivative = ActivationSyntax.Derivative(layer.Activation, Buf(layer.ActivationBuffer) + "[j]", Number);
        if (derivative is not null)
        {
            _writer.WriteLine();
            using (_writer.WriteBlock(ForEachNeuron(layer)))
            {
                _writer.WriteLine(Buf(layer.DeltaBuffer) + "[j] = " + Buf(layer.DeltaBuffer) + "[j] * (" + derivative + ");");
            }
        }
    }

    /// <summary>Eq. 5 and 6 for a layer of loops: row j of the weight gradient gains δ_j·Aˡ⁻¹.</summary>
    private void WriteVectorGradient(LayerPlan layer)
    {
        using (_writer.WriteBlock(ForEachNeuron(layer)))
        {
            _writer.WriteLine(Kernels + "AddScaled(" + Row(layer.WeightGradientSpan, layer) + ", " + layer.DeltaBuffer + "[j], " + layer.PreviousActivationBuffer + ");");
            _writer.WriteLine(layer.BiasGradientSpan + "[j] += " + layer.DeltaBuffer + "[j];");
        }
    }

    /// <summary>Eq. 5 and 6 as an SGD step for a layer of loops, rounded as Backward followed by θ −= η·g.</summary>
    private void WriteVectorUpdate(LayerPlan layer)
    {
        using (_writer.WriteBlock(ForEachNeuron(layer)))
        {
            _writer.WriteLine(Kernels + "SubtractScaledProduct(" + Row(layer.WeightSpan, layer) + ", learningRate, " + layer.DeltaBuffer + "[j], "
                + layer.PreviousActivationBuffer + ");");
            _writer.WriteLine(layer.BiasSpan + "[j] -= learningRate * " + layer.DeltaBuffer + "[j];");
        }
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

        _writer.WriteLine(Number.Span + " " + layer.DeltaBuffer + " = stackalloc " + T + "[" + layer.Neurons + "];");
    }

    /// <summary>A buffer's name: the buffer itself, or in the four-row pass the slice of the current row.</summary>
    private string Buf(string buffer) => _rowPass ? buffer + "Row" : buffer;

    private static string ForEachNeuron(LayerPlan layer) => "for (int j = 0; j < " + layer.Neurons + "; j++)";

    /// <summary>Row j of a weight block: the weights into neuron j, a span of constant length.</summary>
    private static string Row(string block, LayerPlan layer) => block + ".Slice(j * " + layer.Inputs + ", " + layer.Inputs + ")";
}
