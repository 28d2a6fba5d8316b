using System;
using System.Linq;
using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

internal sealed partial class NetworkEmitter
{
    private void WriteForward()
    {
        WriteMemberHeader("<inheritdoc/>");
        using (_writer.WriteBlock("public void " + GeneratedMembers.Forward + "(" + Number.ReadOnlySpan + " input, " + Number.Span + " output)"))
        {
            WriteLengthCheck("input", GeneratedMembers.InputSize);
            WriteLengthCheck("output", GeneratedMembers.OutputSize);
            _writer.WriteLine("global::Backprop.CompilerServices.NetworkGuard.ThrowIfNotFinite(input, \"input\");");
            _writer.WriteLine();
            WriteParameterSpans(writable: false);
            WriteForwardPass();

            _writer.WriteLine();
            _writer.WriteLine("// The output is A" + Superscripts.Of(Model.LayerCount) + ".");
            if (_plan.Output.Buffered)
            {
                _writer.WriteLine(_plan.Output.ActivationBuffer + ".CopyTo(output);");
            }
            else
            {
                for (int j = 0; j < _plan.OutputSize; j++)
                {
                    _writer.WriteLine("output[" + j + "] = " + _plan.Output.A(j) + ";");
                }
            }
        }
    }

    private void WriteLengthCheck(string parameter, string size) =>
        _writer.WriteLine("global::Backprop.CompilerServices.NetworkGuard.ThrowIfWrongLength(\"" + parameter + "\", " + parameter + ".Length, " + size + ", \"" + size + "\");");

    /// <summary>
    /// Declares <c>p</c>, the parameters as a span of constant length, and a slice of it for each block
    /// (w2, b2, …). From constant lengths the JIT proves every constant index in range and drops the
    /// bounds checks, which a plain array field would keep.
    /// </summary>
    private void WriteParameterSpans(bool writable)
    {
        string span = writable ? Number.Span : Number.ReadOnlySpan;
        _writer.WriteLine("// The parameter blocks as spans of constant length, so that the JIT proves every index into them in range.");
        _writer.WriteLine(span + " p = " + ParametersAs("new " + span + "(" + GeneratedMembers.ParametersField + ", 0, " + GeneratedMembers.ParameterCount + ")") + ";");
        foreach (LayerPlan layer in _plan.Layers)
        {
            _writer.WriteLine(span + " " + layer.WeightSpan + " = p.Slice(" + layer.WeightOffset + ", " + layer.WeightCount + ");");
            _writer.WriteLine(span + " " + layer.BiasSpan + " = p.Slice(" + layer.BiasOffset + ", " + layer.Neurons + ");");
        }
    }

    /// <summary>Eq. 1 and 2 for every layer, from <c>input</c> to the output activations a{L}_j.</summary>
    private void WriteForwardPass()
    {
        _writer.WriteLine();
        _writer.WriteLine("// Layer 1: A¹ is the input.");
        if (_plan.Layers[0].PreviousBuffered)
        {
            _writer.WriteLine(Number.ReadOnlySpan + " " + _plan.Layers[0].PreviousActivationBuffer + " = input.Slice(0, " + GeneratedMembers.InputSize + ");");
        }
        else
        {
            for (int k = 0; k < _plan.InputSize; k++)
            {
                _writer.WriteLine(T + " " + LayerPlan.Activations(1, k) + " = input[" + k + "];");
            }
        }

        foreach (LayerPlan layer in _plan.Layers)
        {
            switch (layer.Shape)
            {
                case LayerShape.ScalarUnrolled:
                    WriteScalarLayerForward(layer);
                    break;
                case LayerShape.VectorLoops:
                    WriteVectorLayerForward(layer);
                    break;
                default:
                    throw new InvalidOperationException("No forward pass for shape " + layer.Shape + ".");
            }
        }
    }

    private void WriteScalarLayerForward(LayerPlan layer)
    {
        string l = layer.Superscript;
        _writer.WriteLine();
        _writer.WriteLine("// Layer " + layer.Number + ", eq. 1 and 2: A" + l + " = σ(Z" + l + ") with Z" + l + " = W" + l + "·A" + layer.PreviousSuperscript + " + B" + l
            + ", W" + l + " of " + layer.Neurons + "×" + layer.Inputs + ", σ = " + ActivationSyntax.Name(layer.Activation) + ".");
        WriteActivationBuffers(layer);
        for (int j = 0; j < layer.Neurons; j++)
        {
            var terms = Enumerable.Range(0, layer.Inputs)
                .Select(k => layer.WeightSpan + "[" + layer.WeightIndex(j, k) + "] * " + layer.PreviousA(k))
                .Append(layer.BiasSpan + "[" + j + "]")
                .ToList();
            if (layer.KeepsWeightedSums)
            {
                WriteSumStatement(layer.Declare(T, layer.Z(j)) + " = ", terms, ";");
                continue;
            }

            string head = layer.Declare(T, layer.A(j)) + " = ";
            if (layer.Activation == Activation.Linear)
            {
                WriteSumStatement(head, terms, ";");
            }
            else
            {
                // The weighted sum z goes straight into σ: one local per neuron keeps large layers within
                // the JIT's limits on locals.
                WriteSumStatement(head + ActivationSyntax.Function(layer.Activation) + "(", terms, ");");
            }
        }

        if (layer.KeepsWeightedSums)
        {
            WriteActivationsFromWeightedSums(layer);
        }
    }

    /// <summary>Eq. 2 for an output layer whose weighted sums are locals: σ element-wise, or the softmax over all of them.</summary>
    private void WriteActivationsFromWeightedSums(LayerPlan layer)
    {
        if (layer.Activation != Activation.Softmax)
        {
            for (int j = 0; j < layer.Neurons; j++)
            {
                _writer.WriteLine(layer.Declare(T, layer.A(j)) + " = " + ActivationSyntax.Function(layer.Activation) + "(" + layer.Z(j) + ");");
            }

            return;
        }

        _writer.WriteLine();
        _writer.WriteLine("// Softmax, a_j = e^(z_j − m) / Σ e^(z_i − m) with m the largest z: the same A" + layer.Superscript
            + ", and no e^z overflows.");
        _writer.WriteLine(T + " " + SoftmaxMax(layer) + " = " + layer.Z(0) + ";");
        for (int j = 1; j < layer.Neurons; j++)
        {
            _writer.WriteLine(SoftmaxMax(layer) + " = global::System.Math.Max(" + SoftmaxMax(layer) + ", " + layer.Z(j) + ");");
        }

        for (int j = 0; j < layer.Neurons; j++)
        {
            _writer.WriteLine(T + " " + SoftmaxExp(layer, j) + " = global::Backprop.CompilerServices.ActivationFunctions.Exp(" + layer.Z(j) + " - " + SoftmaxMax(layer) + ");");
        }

        WriteSumStatement(T + " " + SoftmaxSum(layer) + " = ", Enumerable.Range(0, layer.Neurons).Select(j => SoftmaxExp(layer, j)).ToList(), ";");
        for (int j = 0; j < layer.Neurons; j++)
        {
            _writer.WriteLine(layer.Declare(T, layer.A(j)) + " = " + SoftmaxExp(layer, j) + " / " + SoftmaxSum(layer) + ";");
        }
    }

    /// <summary>Declares the stack buffers of a layer whose values are buffered: its activations, and its kept weighted sums.</summary>
    private void WriteActivationBuffers(LayerPlan layer)
    {
        if (!layer.Buffered)
        {
            return;
        }

        if (layer.KeepsWeightedSums)
        {
            _writer.WriteLine(Number.Span + " " + layer.SumBuffer + " = " + StackBuffer(layer.Neurons) + ";");
        }

        _writer.WriteLine(Number.Span + " " + layer.ActivationBuffer + " = " + StackBuffer(layer.Neurons) + ";");
    }

    private static string SoftmaxMax(LayerPlan layer) => "max" + layer.Number;

    private static string SoftmaxSum(LayerPlan layer) => "sum" + layer.Number;

    private static string SoftmaxExp(LayerPlan layer, int j) => "exp" + layer.Number + "_" + j;
}
