using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Backprop.Generator.Tests;

/// <summary>
/// The fuzz test's machinery: the shape of a sample (plain records), the CsCheck generators that draw them, the
/// oracle, and the checker. Nested here so that its many small types stay out of the test namespace;
/// each concern has a file of its own in this folder.
/// </summary>
internal static partial class Hostile
{
    // ---------------------------------------------------------------------------------------------------------
    // The shape of a sample: plain records that the CsCheck generators (HostileSamples.cs) fill in, and the oracle reads.
    // ---------------------------------------------------------------------------------------------------------

    internal enum Shape { Class, Record, RecordClass, Struct, RecordStruct, Interface, Enum }

    internal enum SizesForm { Params, ImplicitArray, IntArray, ZeroLengthArray, Null, EmptyParens, NoArgumentList }

    /// <summary>One positional argument as written, and its value when the compiler accepts it as an int.</summary>
    internal sealed record SizeArg(string Text, int? Value);

    internal sealed record Sizes(SizesForm Form, ImmutableArray<SizeArg> Items)
    {
        /// <summary>False when the compiler cannot bind the sizes to <c>params int[]</c> (CS1503 and friends).</summary>
        public bool Bindable => Items.All(i => i.Value is not null) && !(Form == SizesForm.ImplicitArray && Items.IsEmpty);

        public ImmutableArray<int> Values => Items.Select(i => i.Value ?? 0).ToImmutableArray();

        public string Render()
        {
            string items = string.Join(", ", Items.Select(i => i.Text));
            return Form switch
            {
                SizesForm.Params => items,
                SizesForm.ImplicitArray => "new[] { " + items + " }",
                SizesForm.IntArray => "new int[] { " + items + " }",
                SizesForm.ZeroLengthArray => "new int[0]",
                SizesForm.Null => "null",
                _ => "",
            };
        }
    }

    internal enum NamedKind { Valid, UnknownValue, BindError }

    /// <summary>
    /// A named argument: <c>HiddenActivation = Activation.Tanh</c>, <c>Precision = (Precision)7</c>, <c>Foo = 1</c>;
    /// for <c>HiddenActivations</c>, <paramref name="List"/> holds the entries (default for <c>null</c>).
    /// </summary>
    internal sealed record Named(string Name, string Text, NamedKind Kind, int Value, ImmutableArray<int> List = default, string? Characters = null);

    internal sealed record Attr(string Name, Sizes Sizes, ImmutableArray<Named> Named)
    {
        public bool Bindable => Sizes.Bindable && Named.All(n => n.Kind != NamedKind.BindError);

        /// <summary>The same property named twice (CS0643): no rule says which value wins.</summary>
        public bool RepeatsAName => Named.GroupBy(n => n.Name, StringComparer.Ordinal).Any(g => g.Count() > 1);

        public bool HasUnknownEnumValue => Named.Any(n => n.Kind == NamedKind.UnknownValue);

        public bool IsDouble => Valid("Precision")?.Value == 1;

        /// <summary>The weights file the attribute names (<c>Weights = "…"</c>), as its characters; null when not written.</summary>
        public string? Weights => Named.LastOrDefault(n => n.Name == "Weights")?.Characters;

        /// <summary>The output activation the attribute sets, Sigmoid (0) by default.</summary>
        public int Output => Valid("OutputActivation")?.Value ?? 0;

        /// <summary>The loss the attribute sets, MeanSquaredError (0) by default.</summary>
        public int Loss => Valid("Loss")?.Value ?? 0;

        /// <summary>The HiddenActivation written, if any.</summary>
        public Named? HiddenActivation => Valid("HiddenActivation");

        /// <summary>The entries of HiddenActivations, or default when it is not written or null.</summary>
        public ImmutableArray<int> HiddenActivations => Valid("HiddenActivations")?.List ?? default;

        private Named? Valid(string name) => Named.LastOrDefault(n => n.Name == name && n.Kind == NamedKind.Valid);

        public string Render()
        {
            var arguments = new List<string>();
            if (Sizes.Render() is { Length: > 0 } sizes)
            {
                arguments.Add(sizes);
            }

            arguments.AddRange(Named.Select(n => n.Name + " = " + n.Text));
            return arguments.Count == 0 && Sizes.Form == SizesForm.NoArgumentList
                ? Name
                : Name + "(" + string.Join(", ", arguments) + ")";
        }
    }

    /// <summary>What the generated class would have: the number of layers, the number type, and whether it has a primary constructor (then no generated constructor).</summary>
    internal sealed record Facts(int Layers, bool IsDouble, bool HasPrimaryConstructor);

    /// <summary>
    /// A member of the user's class. <c>{N}</c> in the template stands for the class name (constructors).
    /// <paramref name="Collides"/> says, from docs/diagnostics.md (BP0007), whether it takes a generated member's name
    /// and signature; <paramref name="LeavesParametersAtZero"/> marks a constructor that neither chains nor initializes (BP0017);
    /// <paramref name="CapturesSeed"/> a member that reads a primary constructor's <c>seed</c> (BP0037 when there is one).
    /// </summary>
    internal sealed record Member(string Template, Func<Facts, bool> Collides, bool LeavesParametersAtZero = false, bool CapturesSeed = false)
    {
        public string Render(string className) => Template.Replace("{N}", className, StringComparison.Ordinal);
    }

    /// <summary>
    /// A base class, declared next to the network (<c>{B}</c> is its name). <paramref name="Unspecified"/>: no documented
    /// rule covers it (a sealed base). <paramref name="IsNetwork"/>: the base is a network too, so it gets a file of its own.
    /// </summary>
    internal sealed record BaseClass(
        string Declaration,
        string Reference,
        Func<Facts, bool> Collides,
        bool LacksParameterlessConstructor = false,
        bool Unspecified = false,
        bool IsNetwork = false)
    {
        public static BaseClass None { get; } = new("", "", _ => false);
    }

    /// <summary>A type around the network: <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</summary>
    internal sealed record Container(string Access, string Modifiers, string Keyword, bool Partial, bool Generic);

    /// <summary>One declaration of the network class (a class may be declared in two parts).</summary>
    internal sealed record Part(
        string Access,
        string Modifiers,
        bool Partial,
        ImmutableArray<Attr> Attributes,
        bool AttributesInOneList,
        string ExtraAttribute,
        ImmutableArray<Member> Members,
        string? PrimaryParameters = null)
    {
        public bool Has(string modifier) => Modifiers.Split(' ').Contains(modifier, StringComparer.Ordinal);
    }

    /// <summary>One network declaration with everything around it.</summary>
    internal sealed record Unit(
        Shape Shape,
        string? SpecialName,
        bool Generic,
        ImmutableArray<Container> Containers,
        ImmutableArray<Part> Parts,
        BaseClass Base,
        string? BlockNamespace,
        string Neighbor,
        WeightsName? Weights = null);

    /// <summary>
    /// <c>Weights = …</c> on the attribute: the C# literal and the characters it means (<c>{i}</c> stands for the
    /// declaration's index, which keeps names apart), and whether the sample holds an additional file of that name.
    /// </summary>
    internal sealed record WeightsName(string Literal, string Characters, bool WithFile);

    internal sealed record HostileFile(string? FileScopedNamespace, string AssemblyAttribute, ImmutableArray<Unit> Units);

    /// <summary>A unit as rendered into the file: where it is, what it is called, and what the oracle expects.</summary>
    internal sealed record RenderedUnit(int Index, Unit Unit, int Start, int End, string HintName, string? ExtraHintName, Expectation Expected)
    {
        /// <summary>
        /// Whether a diagnostic points into this unit. The generator's diagnostics carry file locations
        /// (path and span) rather than syntax tree locations, so compare those.
        /// </summary>
        public bool Contains(Location location) =>
            location.Kind is LocationKind.SourceFile or LocationKind.ExternalFile
            && location.GetLineSpan().Path == "Networks.cs"
            && location.SourceSpan.Start >= Start
            && location.SourceSpan.Start < End;
    }

    internal sealed record Sample(string Source, ImmutableArray<RenderedUnit> Units, ImmutableArray<AdditionalText> AdditionalTexts);
}
