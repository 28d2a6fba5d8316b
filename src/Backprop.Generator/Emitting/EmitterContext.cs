using System.Collections.Generic;
using System.Linq;
using Backprop.Generator.Helpers;
using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

/// <summary>
/// What every part of the emitter shares: the writer, the plan, and how the network's numbers, spans and
/// stack buffers are spelled.
/// </summary>
internal sealed class EmitterContext
{
    public EmitterContext(NetworkPlan plan)
    {
        Plan = plan;
    }

    public IndentedTextWriter Writer { get; } = new();

    public NetworkPlan Plan { get; }

    public NetworkModel Model => Plan.Model;

    public NumberType Number => Plan.Number;

    /// <summary>The network's number type as generated code writes it: <c>float</c> or <c>double</c>.</summary>
    public string Scalar => Plan.Number.Keyword;

    /// <summary><c>Span&lt;float&gt;</c> (or of double), fully qualified.</summary>
    public string Span => Plan.Number.Span;

    /// <summary><c>ReadOnlySpan&lt;float&gt;</c> (or of double), fully qualified.</summary>
    public string ReadOnlySpan => Plan.Number.ReadOnlySpan;

    /// <summary>A literal of the network's number type: <c>1f</c>, <c>0.5</c>.</summary>
    public string Literal(double value) => Plan.Number.Literal(value);

    /// <summary>The output error e_j = a_j − y_j, a local of the unrolled cost.</summary>
    public static string Error(int j) => Invariant.Format($"e{j}");

    public static string ForEachNeuron(LayerPlan layer) => Invariant.Format($"for (int j = 0; j < {layer.Neurons}; j++)");

    /// <summary>
    /// A stack buffer of <paramref name="length"/> values from its first 64-byte boundary: allocated with room
    /// for the alignment (<c>AlignedMemory.Aligned</c>).
    /// </summary>
    public string StackBuffer(object length) =>
        Invariant.Format($"{RuntimeTypes.AlignedMemory}.Aligned(stackalloc {Scalar}[{length} + {AlignmentSlack}], {length})");

    /// <summary>How many values longer than needed a buffer is allocated, so that a 64-byte boundary falls within reach.</summary>
    public int AlignmentSlack => AlignmentSlackFor(Number.Size);

    /// <inheritdoc cref="AlignmentSlack"/>
    public static int AlignmentSlackFor(int valueBytes) => (NetworkLimits.AlignmentSlackBytes / valueBytes) - 1;

    /// <summary>Declares the stack buffers of a layer whose values are buffered: its activations, and its kept weighted sums.</summary>
    public void WriteActivationBuffers(LayerPlan layer)
    {
        if (!layer.Buffered)
        {
            return;
        }

        if (layer.KeepsWeightedSums)
        {
            Writer.WriteLine($"{Span} {layer.SumBuffer} = {StackBuffer(layer.Neurons)};");
        }

        Writer.WriteLine($"{Span} {layer.ActivationBuffer} = {StackBuffer(layer.Neurons)};");
    }

    /// <summary>
    /// Writes <c>head + term + term + … + tail</c>, over several lines when there are many terms so that
    /// each line stays readable.
    /// </summary>
    public void WriteSum(string head, IReadOnlyList<string> terms, string tail)
    {
        const int TermsPerLine = 6;
        if (terms.Count <= TermsPerLine)
        {
            Writer.WriteLine($"{head}{string.Join(" + ", terms)}{tail}");
            return;
        }

        Writer.WriteLine(head.TrimEnd());
        using (Writer.Indent())
        {
            for (int start = 0; start < terms.Count; start += TermsPerLine)
            {
                string line = string.Join(" + ", terms.Skip(start).Take(TermsPerLine));
                bool last = start + TermsPerLine >= terms.Count;
                string end = last ? tail : "";
                Writer.WriteLine(start == 0 ? $"{line}{end}" : $"+ {line}{end}");
            }
        }
    }
}
