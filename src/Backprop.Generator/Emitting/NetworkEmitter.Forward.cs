using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

internal sealed partial class NetworkEmitter
{
    private void WriteForward()
    {
        WriteMemberHeader("<inheritdoc/>");
        using (_writer.WriteBlock($"public void {GeneratedMembers.Forward}({ReadOnlySpan} input, {Span} output)"))
        {
            WriteLengthCheck("input", GeneratedMembers.InputSize);
            WriteLengthCheck("output", GeneratedMembers.OutputSize);
            _writer.WriteLine($"{RuntimeTypes.NetworkGuard}.ThrowIfNotFinite(input, \"input\");");
            _writer.WriteLine();
            WriteParameterSpans(writable: false);
            WriteForwardPass(withDropout: false);

            _writer.WriteLine();
            _writer.WriteLine($"// The output is {Plan.Output.Symbols.A}.");
            if (Plan.Output.Buffered)
            {
                _writer.WriteLine($"{Plan.Output.ActivationBuffer}.CopyTo(output);");
            }
            else
            {
                for (int j = 0; j < Plan.OutputSize; j++)
                {
                    _writer.WriteLine($"output[{j}] = {Plan.Output.A(j)};");
                }
            }
        }
    }

    private void WriteLengthCheck(string parameter, string size) =>
        _writer.WriteLine($"{RuntimeTypes.NetworkGuard}.ThrowIfWrongLength(\"{parameter}\", {parameter}.Length, {size}, \"{size}\");");

    /// <summary>
    /// Declares <c>p</c>, the parameters as a span of constant length, and a slice of it for each block
    /// (w2, b2, …). From constant lengths the JIT proves every constant index in range and drops the
    /// bounds checks, which a plain array field would keep (the class remarks say so once).
    /// </summary>
    private void WriteParameterSpans(bool writable)
    {
        string span = writable ? Span : ReadOnlySpan;
        _writer.WriteLine("// The parameters θ, and each layer's Wˡ and Bˡ within them.");
        _writer.WriteLine($"{span} p = {ParametersAs($"new {span}({GeneratedMembers.ParametersField}, 0, {GeneratedMembers.ParameterCount})")};");
        foreach (LayerPlan layer in Plan.Layers)
        {
            _writer.WriteLine($"{span} {layer.WeightSpan} = p.Slice({layer.WeightOffset}, {layer.WeightCount});");
            _writer.WriteLine($"{span} {layer.BiasSpan} = p.Slice({layer.BiasOffset}, {layer.Neurons});");
        }
    }

    /// <summary>
    /// Eq. 1 and 2 for every layer, from <c>input</c> to the output activations a{L}_j; for the training methods
    /// (<paramref name="withDropout"/>) of a network with dropout, after drawing the masks, with eq. 2′ after
    /// eq. 2 of each layer that has dropout.
    /// </summary>
    private void WriteForwardPass(bool withDropout)
    {
        if (withDropout && Model.HasDropout)
        {
            WriteMaskDraws();
        }

        _writer.WriteLine();
        _writer.WriteLine("// Layer 1: A¹ is the input.");
        if (Plan.Layers[0].PreviousBuffered)
        {
            _writer.WriteLine($"{ReadOnlySpan} {Plan.Layers[0].PreviousActivationBuffer} = input.Slice(0, {GeneratedMembers.InputSize});");
        }
        else
        {
            for (int k = 0; k < Plan.InputSize; k++)
            {
                _writer.WriteLine($"{Scalar} {LayerPlan.Activations(1, k)} = input[{k}];");
            }
        }

        foreach (ILayerWriter layer in _layers)
        {
            layer.WriteForward();
            if (withDropout && layer.Layer.HasDropout)
            {
                layer.WriteDropout();
            }
        }
    }
}
