using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

/// <summary>
/// The batch path: ForwardBatch, and TrainBatch's rows four at a time. For a network of vector loops every
/// row of every Wˡ is read once for four examples (one <c>Dot4</c> in eq. 1, one <c>AddScaled4</c> in eq. 5),
/// instead of once per example. Other networks keep their weights in registers or the L1 cache anyway, and
/// run the rows one at a time.
/// </summary>
internal sealed partial class NetworkEmitter
{
    private const int RowsPerPass = SharedConstants.RowsPerPass;

    /// <summary>While the four-row pass is written: buffers hold four rows, and <see cref="Buf"/> names the current row's slice.</summary>
    private bool _rowPass;

    private void WriteForwardBatch()
    {
        WriteMemberHeader("<inheritdoc/>");
        using (_writer.WriteBlock("public void " + GeneratedMembers.ForwardBatch + "(" + Number.ReadOnlySpan + " inputs, " + Number.Span + " outputs)"))
        {
            _writer.WriteLine("int rows = global::Backprop.CompilerServices.NetworkGuard.CountBatchRows(inputs.Length, outputs.Length, "
                + GeneratedMembers.InputSize + ", " + GeneratedMembers.OutputSize + ", \"outputs\");");
            _writer.WriteLine("// Every row is checked before any output is written.");
            _writer.WriteLine("global::Backprop.CompilerServices.NetworkGuard.ThrowIfNotFiniteBatch(inputs, \"inputs\", " + GeneratedMembers.InputSize + ");");
            _writer.WriteLine("int row = 0;");
            if (_plan.UsesRowPasses)
            {
                _writer.WriteLine("// Four rows at a time, each row of the weights read once for the four.");
                using (_writer.WriteBlock("for (; row + " + RowsPerPass + " <= rows; row += " + RowsPerPass + ")"))
                {
                    _writer.WriteLine(GeneratedMembers.ForwardFour + "(inputs.Slice(row * " + GeneratedMembers.InputSize + ", " + RowsPerPass + " * " + GeneratedMembers.InputSize
                        + "), outputs.Slice(row * " + GeneratedMembers.OutputSize + ", " + RowsPerPass + " * " + GeneratedMembers.OutputSize + "));");
                }

                _writer.WriteLine();
            }

            using (_writer.WriteBlock("for (; row < rows; row++)"))
            {
                _writer.WriteLine(GeneratedMembers.Forward + "(inputs.Slice(row * " + GeneratedMembers.InputSize + ", " + GeneratedMembers.InputSize
                    + "), outputs.Slice(row * " + GeneratedMembers.OutputSize + ", " + GeneratedMembers.OutputSize + "));");
            }
        }
    }

    /// <summary>Eq. 1 and 2 for four rows; their outputs, one row after another.</summary>
    private void WriteForwardFour()
    {
        _writer.WriteLine();
        _writer.WriteLine("// Eq. 1 and 2 for four rows at once, for ForwardBatch: inputs and outputs hold four rows each.");
        _writer.WriteLine(GeneratedCodeAttribute);
        using (_writer.WriteBlock("private void " + GeneratedMembers.ForwardFour + "(" + Number.ReadOnlySpan + " inputs, " + Number.Span + " outputs)"))
        {
            WriteParameterSpans(writable: false);
            WriteFourRowForward();
            LayerPlan output = _plan.Output;
            if (output.KeepsWeightedSums)
            {
                _writer.WriteLine();
                using (_writer.WriteBlock("for (int r = 0; r < " + RowsPerPass + "; r++)"))
                {
                    WriteRowSlices(output, activations: true, sums: true, deltas: false);
                    WriteRowPass(() => WriteActivationsOfKeptSums(output));
                }
            }

            _writer.WriteLine();
            _writer.WriteLine(output.ActivationBuffer + ".CopyTo(outputs);");
        }
    }

    /// <summary>
    /// Backpropagation of four rows, adding their gradients to <c>gradient</c>, for TrainBatch. False, with
    /// <c>gradient</c> untouched, when an input or a cost is not finite: TrainBatch then takes those rows one
    /// at a time and reports the first that fails.
    /// </summary>
    private void WriteBackwardFour()
    {
        _writer.WriteLine();
        _writer.WriteLine("// Eq. 1 to 6 for four rows at once, for TrainBatch: the rows' gradients are added to gradient and");
        _writer.WriteLine("// their costs written to costs. Returns false, before gradient is touched, if an input or a cost is not");
        _writer.WriteLine("// finite; TrainBatch then runs those rows one at a time to name the one that fails.");
        _writer.WriteLine(GeneratedCodeAttribute);
        using (_writer.WriteBlock("private bool " + GeneratedMembers.BackwardFour + "(" + Number.ReadOnlySpan + " inputs, " + Number.ReadOnlySpan + " targets, "
            + Number.Span + " gradient, " + Number.Span + " costs)"))
        {
            using (_writer.WriteBlock("if (!global::Backprop.CompilerServices.NetworkGuard.AllFinite(inputs))"))
            {
                _writer.WriteLine("return false;");
            }

            _writer.WriteLine();
            WriteParameterSpans(writable: false);
            WriteFourRowForward();

            _writer.WriteLine();
            _writer.WriteLine("// The deltas of the four rows, one row after another in each buffer.");
            foreach (LayerPlan layer in _plan.Layers)
            {
                _writer.WriteLine(Number.Span + " " + layer.DeltaBuffer + " = " + StackBuffer(RowsPerPass * layer.Neurons) + ";");
            }

            _writer.WriteLine();
            _writer.WriteLine("// Per row: the cost, eq. 3 and eq. 4.");
            using (_writer.WriteBlock("for (int r = 0; r < " + RowsPerPass + "; r++)"))
            {
                LayerPlan output = _plan.Output;
                _writer.WriteLine(Number.ReadOnlySpan + " target = targets.Slice(r * " + GeneratedMembers.OutputSize + ", " + GeneratedMembers.OutputSize + ");");
                foreach (LayerPlan layer in _plan.Layers)
                {
                    WriteRowSlices(layer, activations: true, sums: layer.KeepsWeightedSums, deltas: true);
                }

                WriteRowPass(() =>
                {
                    if (output.KeepsWeightedSums)
                    {
                        WriteActivationsOfKeptSums(output);
                    }

                    _writer.WriteLine();
                    WriteVectorCost(output);
                    using (_writer.WriteBlock("if (!global::Backprop.CompilerServices.NetworkGuard.IsFinite(cost))"))
                    {
                        _writer.WriteLine("return false;");
                    }

                    _writer.WriteLine();
                    _writer.WriteLine("costs[r] = cost;");
                    WriteVectorOutputDeltas(output);
                    for (int i = _plan.Layers.Count - 2; i >= 0; i--)
                    {
                        WriteVectorRecursion(_plan.Layers[i], _plan.Layers[i + 1]);
                    }
                });
            }

            foreach (LayerPlan layer in _plan.Layers)
            {
                string l = layer.Superscript;
                _writer.WriteLine();
                _writer.WriteLine("// Layer " + layer.Number + ", eq. 5 and 6 for the four rows: each row of ∂C/∂W" + l + " read and written once.");
                _writer.WriteLine(Number.Span + " " + layer.WeightGradientSpan + " = gradient.Slice(" + layer.WeightOffset + ", " + layer.WeightCount + ");");
                _writer.WriteLine(Number.Span + " " + layer.BiasGradientSpan + " = gradient.Slice(" + layer.BiasOffset + ", " + layer.Neurons + ");");
                using (_writer.WriteBlock(ForEachNeuron(layer)))
                {
                    string[] deltas = new string[RowsPerPass];
                    for (int r = 0; r < RowsPerPass; r++)
                    {
                        deltas[r] = layer.DeltaBuffer + "[" + (r == 0 ? string.Empty : (r * layer.Neurons) + " + ") + "j]";
                    }

                    _writer.WriteLine(Kernels + "AddScaled4(" + Row(layer.WeightGradientSpan, layer) + ", " + string.Join(", ", deltas) + ", " + layer.PreviousActivationBuffer + ");");
                    foreach (string delta in deltas)
                    {
                        _writer.WriteLine(layer.BiasGradientSpan + "[j] += " + delta + ";");
                    }
                }
            }

            _writer.WriteLine();
            _writer.WriteLine("return true;");
        }
    }

    /// <summary>Eq. 1 and 2 for four rows: one <c>Dot4</c> per row of Wˡ, whose four results go to the four rows.</summary>
    private void WriteFourRowForward()
    {
        _writer.WriteLine();
        _writer.WriteLine("// Layer 1: the four rows of A¹, one after another.");
        _writer.WriteLine(Number.ReadOnlySpan + " " + _plan.Layers[0].PreviousActivationBuffer + " = inputs;");
        foreach (LayerPlan layer in _plan.Layers)
        {
            string l = layer.Superscript;
            _writer.WriteLine();
            _writer.WriteLine("// Layer " + layer.Number + ", eq. 1 and 2 for four rows: row j of W" + l + " dotted with the four rows of A"
                + layer.PreviousSuperscript + " at once.");
            string destination = layer.KeepsWeightedSums ? layer.SumBuffer : layer.ActivationBuffer;
            if (layer.KeepsWeightedSums)
            {
                _writer.WriteLine(Number.Span + " " + layer.SumBuffer + " = " + StackBuffer(RowsPerPass * layer.Neurons) + ";");
            }

            _writer.WriteLine(Number.Span + " " + layer.ActivationBuffer + " = " + StackBuffer(RowsPerPass * layer.Neurons) + ";");
            using (_writer.WriteBlock(ForEachNeuron(layer)))
            {
                _writer.WriteLine(Kernels + "Dot4(" + Row(layer.WeightSpan, layer) + ", " + layer.PreviousActivationBuffer + ", out " + T + " dot0, out "
                    + T + " dot1, out " + T + " dot2, out " + T + " dot3);");
                _writer.WriteLine(T + " bias = " + layer.BiasSpan + "[j];");
                for (int r = 0; r < RowsPerPass; r++)
                {
                    string sum = "dot" + r + " + bias";
                    string value = layer.KeepsWeightedSums || layer.Activation == Activation.Linear || UsesVectorActivation(layer)
                        ? sum
                        : ActivationSyntax.Function(layer.Activation) + "(" + sum + ")";
                    _writer.WriteLine(destination + "[" + (r == 0 ? string.Empty : (r * layer.Neurons) + " + ") + "j] = " + value + ";");
                }
            }

            if (UsesVectorActivation(layer))
            {
                WriteVectorActivation(layer);
            }
        }
    }

    /// <summary>Declares the current row's slices of a layer's four-row buffers.</summary>
    private void WriteRowSlices(LayerPlan layer, bool activations, bool sums, bool deltas)
    {
        string slice = ".Slice(r * " + layer.Neurons + ", " + layer.Neurons + ");";
        if (sums)
        {
            _writer.WriteLine(Number.Span + " " + layer.SumBuffer + "Row = " + layer.SumBuffer + slice);
        }

        if (activations)
        {
            _writer.WriteLine(Number.Span + " " + layer.ActivationBuffer + "Row = " + layer.ActivationBuffer + slice);
        }

        if (deltas)
        {
            _writer.WriteLine(Number.Span + " " + layer.DeltaBuffer + "Row = " + layer.DeltaBuffer + slice);
        }
    }

    private void WriteRowPass(System.Action write)
    {
        _rowPass = true;
        try
        {
            write();
        }
        finally
        {
            _rowPass = false;
        }
    }
}
