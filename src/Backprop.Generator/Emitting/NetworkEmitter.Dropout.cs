using System.Linq;
using Backprop.Generator.Helpers;
using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

/// <summary>
/// Dropout (docs/math.md §3.6): the generator of the masks, and the masks each training pass draws. The layers'
/// own part, eq. 2′ and the factor of eq. 4′, is written by their <see cref="ILayerWriter"/>.
/// </summary>
internal sealed partial class NetworkEmitter
{
    /// <summary>The local that keeps DropoutRandom as a call found it, so that a call that throws leaves it so.</summary>
    private const string DropoutStart = "dropoutStart";

    private static string DropoutField => GeneratedMembers.DropoutRandomField;

    /// <summary>The generator's field, seeded as a new network is, and the switch's.</summary>
    private void WriteDropoutField()
    {
        string seed = Model.Construction == Construction.PrimaryConstructorSeed && Model.Weights is null ? GeneratedMembers.SeedParameter : "0";
        _writer.WriteLine();
        _writer.WriteLine("// The generator of the dropout masks (IDropoutNetwork.DropoutRandom); InitializeParameters seeds it again.");
        _writer.WriteLine($"private {RuntimeTypes.DeterministicRandom} {DropoutField} = {GeneratedMembers.DropoutRandomOf}({seed});");
        _writer.WriteLine();
        _writer.WriteLine("// Whether the training methods drop neurons (IDropoutNetwork.DropoutEnabled); InitializeParameters keeps it.");
        _writer.WriteLine($"private bool {GeneratedMembers.DropoutEnabledField} = true;");
    }

    /// <summary>The two properties of IDropoutNetwork, and <c>DropoutRandomOf</c>, which seeds the generator.</summary>
    private void WriteDropoutMembers()
    {
        WriteMemberHeader("<inheritdoc/>");
        using (_writer.WriteBlock($"public {RuntimeTypes.DeterministicRandom} {GeneratedMembers.DropoutRandom}"))
        {
            _writer.WriteLine($"get => {DropoutField};");
            _writer.WriteLine($"set => {DropoutField} = value;");
        }

        WriteMemberHeader("<inheritdoc/>");
        using (_writer.WriteBlock($"public bool {GeneratedMembers.DropoutEnabled}"))
        {
            _writer.WriteLine($"get => {GeneratedMembers.DropoutEnabledField};");
            _writer.WriteLine($"set => {GeneratedMembers.DropoutEnabledField} = value;");
        }

        _writer.WriteLine();
        _writer.WriteLine("// The dropout generator of a network drawn from seed: 2⁶³ draws after the sequence its parameters are");
        _writer.WriteLine("// drawn from (adding 2⁶³ to a SplitMix64 state moves it 2⁶³ steps), so the two never meet.");
        using (_writer.WriteBlock($"private static {RuntimeTypes.DeterministicRandom} {GeneratedMembers.DropoutRandomOf}(int seed)"))
        {
            _writer.WriteLine($"{RuntimeTypes.DeterministicRandom} random = new {RuntimeTypes.DeterministicRandom}(seed);");
            _writer.WriteLine("random.State ^= 0x8000000000000000UL;");
            _writer.WriteLine("return random;");
        }
    }

    /// <summary>
    /// Declares each dropout layer's mask Dˡ (and Dˡ ⊙ σ'(Zˡ), which eq. 2′ fills) for one example, and draws
    /// the mask: layer by layer, neuron by neuron, one draw each.
    /// </summary>
    private void WriteMaskDraws()
    {
        LayerPlan[] layers = Plan.Layers.Where(layer => layer.HasDropout).ToArray();
        _writer.WriteLine();
        _writer.WriteLine("// Dropout masks for this example (docs/math.md §3.6), layer by layer, neuron by neuron: D_j = 1/(1 − p) when");
        _writer.WriteLine("// the top 32 bits of the next draw are at least ⌊p·2³²⌉ (kept, with probability 1 − p), else 0 (dropped).");
        foreach (LayerPlan layer in layers)
        {
            _writer.WriteLine($"{Span} {layer.MaskBuffer} = stackalloc {Scalar}[{layer.Neurons}];");
            if (layer.KeepsMaskedDerivative)
            {
                _writer.WriteLine($"{Span} {layer.MaskedDerivativeBuffer} = stackalloc {Scalar}[{layer.Neurons}];");
            }
        }

        WriteMaskDrawing(layers, rows: null);
    }

    /// <summary>
    /// Draws the masks of a block's <c>count</c> rows into the block buffer: row by row, and in a row layer by
    /// layer, neuron by neuron, one draw each. So a block draws exactly what one TrainStep per row draws.
    /// </summary>
    private void WriteBlockMaskDraws(BatchBlock block)
    {
        LayerPlan[] layers = Plan.Layers.Where(layer => layer.HasDropout).ToArray();
        _writer.WriteLine("// Dropout masks for the block's rows (docs/math.md §3.6), row by row, then layer by layer, neuron by neuron,");
        _writer.WriteLine("// as TrainStep draws them: D_j = 1/(1 − p) when the top 32 bits of the next draw are at least ⌊p·2³²⌉, else 0.");
        foreach (LayerPlan layer in layers)
        {
            _writer.WriteLine(Invariant.Format($"{Span} {layer.MaskBuffer} = block.Slice({block.OffsetOf(layer.MaskBuffer)}, count * {layer.Neurons});"));
        }

        WriteMaskDrawing(layers, rows: "count");
    }

    /// <summary>The draws, for one example or for each of <paramref name="rows"/> rows; a mask of ones where DropoutEnabled is false.</summary>
    private void WriteMaskDrawing(LayerPlan[] layers, string? rows)
    {
        _writer.WriteLine();
        using (_writer.WriteBlock($"if ({GeneratedMembers.DropoutEnabledField})"))
        {
            if (rows is null)
            {
                WriteMaskDrawLoops(layers, row: "");
            }
            else
            {
                using (_writer.WriteBlock($"for (int r = 0; r < {rows}; r++)"))
                {
                    WriteMaskDrawLoops(layers, row: "r * ");
                }
            }
        }

        using (_writer.WriteBlock("else"))
        {
            // x·1 is x exactly, so the pass gives the bits of the network without dropout.
            _writer.WriteLine("// DropoutEnabled is false: nothing is drawn, and every neuron is kept with a factor of exactly 1.");
            foreach (LayerPlan layer in layers)
            {
                _writer.WriteLine($"{layer.MaskBuffer}.Fill({Number.Literal(1)});");
            }
        }
    }

    /// <summary>One loop per dropout layer, drawing its mask for one row; <paramref name="row"/> is that row's offset, "r * ", or "".</summary>
    private void WriteMaskDrawLoops(LayerPlan[] layers, string row)
    {
        for (int i = 0; i < layers.Length; i++)
        {
            LayerPlan layer = layers[i];
            string index = row.Length == 0 ? "j" : Invariant.Format($"{row}{layer.Neurons} + j");
            if (i > 0)
            {
                _writer.WriteLine();
            }

            _writer.WriteLine($"// Layer {layer.Number}: p = {layer.DropoutRate:R}, ⌊p·2³²⌉ = {layer.DropoutThreshold}.");
            using (_writer.WriteBlock(EmitterContext.ForEachNeuron(layer)))
            {
                _writer.WriteLine($"{layer.MaskBuffer}[{index}] = ({DropoutField}.NextUInt64() >> 32) >= {layer.DropoutThreshold}UL ? {Number.Literal(layer.DropoutScale)} : {Number.Literal(0)};");
            }
        }
    }

    /// <summary>
    /// Keeps DropoutRandom as the call found it, for <see cref="WriteDropoutRestore"/>, after a blank line where
    /// <paramref name="separate"/>, under a comment that says <paramref name="when"/> it is put back; nothing without dropout.
    /// </summary>
    private void WriteDropoutSave(bool separate, string when = "put back if the call throws")
    {
        if (!Model.HasDropout)
        {
            return;
        }

        if (separate)
        {
            _writer.WriteLine();
        }

        _writer.WriteLine($"// DropoutRandom as this call found it, {when}.");
        _writer.WriteLine($"{RuntimeTypes.DeterministicRandom} {DropoutStart} = {DropoutField};");
    }

    /// <summary>Before a throw: DropoutRandom back to where the call found it, like the parameters; nothing without dropout.</summary>
    private void WriteDropoutRestore()
    {
        if (Model.HasDropout)
        {
            _writer.WriteLine($"{DropoutField} = {DropoutStart};");
        }
    }
}
