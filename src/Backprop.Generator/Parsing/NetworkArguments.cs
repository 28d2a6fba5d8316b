using System.Collections.Immutable;
using Backprop.Generator.Models;

namespace Backprop.Generator.Parsing;

/// <summary>The attribute's arguments as the compiler bound them, before any check.</summary>
internal sealed class NetworkArguments
{
    // An argument not written has the default of the attribute's property (NetworkAttribute.cs, linked as source).
    private static readonly NetworkAttribute Defaults = new();

    public ImmutableArray<int> LayerSizes { get; set; } = ImmutableArray<int>.Empty;

    public Activation HiddenActivation { get; set; } = Defaults.HiddenActivation;

    public Activation OutputActivation { get; set; } = Defaults.OutputActivation;

    public Precision Precision { get; set; } = Defaults.Precision;

    public Loss Loss { get; set; } = Defaults.Loss;

    public CodeShape CodeShape { get; set; } = Defaults.CodeShape;

    /// <summary>The weights file to bake in, as written (<c>Weights = "xor.json"</c>); null when not set.</summary>
    public string? Weights { get; set; }

    /// <summary>The dropout rates as written (<c>Dropout = new[] { 0.2 }</c>), or default when not written (or written as null).</summary>
    public ImmutableArray<double> Dropout { get; set; }

    /// <summary>Whether the output layer keeps its weighted sums (see <see cref="ShapePlanner.KeepsOutputSums"/>).</summary>
    public bool KeepsOutputSums => ShapePlanner.KeepsOutputSums(OutputActivation, Loss);

    /// <summary>Whether HiddenActivation was written on the attribute.</summary>
    public bool HasHiddenActivation { get; set; }

    /// <summary>The per-layer list HiddenActivations, or default when it was not written (or written as null).</summary>
    public ImmutableArray<Activation> HiddenActivations { get; set; }

    /// <summary>
    /// Named arguments whose value is not a member of their enum: name (with the index for an entry of
    /// HiddenActivations, "HiddenActivations[1]"), value and enum type name.
    /// </summary>
    public ImmutableArray<(string Name, int Value, string EnumName)> UnknownEnumValues { get; set; } =
        ImmutableArray<(string, int, string)>.Empty;
}
