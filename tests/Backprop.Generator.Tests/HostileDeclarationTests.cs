using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using Backprop.Generator.Tests.TestHelpers;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;
using static Backprop.Generator.Tests.Hostile;

namespace Backprop.Generator.Tests;

/// <summary>
/// Feeds the generator random files of <c>[Network(...)]</c> declarations, most of them hostile: bad sizes, wrong
/// argument types, missing <c>partial</c>, nesting in every kind of type (<c>file</c> ones too), generics, records,
/// duplicate attributes, primary constructors, type-level attributes (<c>ComImport</c>, <c>StructLayout</c>, …),
/// assemblies marked CLS-compliant, members of every kind (explicit interface implementations among them) and
/// base classes that collide with generated ones, and weights file names holding every character a C# string
/// can. For every file the generator must not crash, and for every class it must report a BP error and write a
/// stand-in or nothing, or write code that compiles clean. An oracle written from docs/diagnostics.md predicts
/// each class's outcome as well.
/// </summary>
/// <remarks>
/// The samples are drawn with CsCheck generators from a fixed PCG stream, sample <c>i</c> from seed <c>i</c>, so
/// every run and every CI machine checks the same files: 1,500 declarations (about a thousand files) by default,
/// as many as <see cref="DeclarationsVariable"/> says otherwise (CI checks 10,000). A failure prints, for each kind
/// of failure, how often it happened and the shortest sample with its seed; <see cref="HostileSamples.FromSeed"/>
/// rebuilds it. The facts after the fuzz test pin the shapes it found interesting, one declaration each.
/// </remarks>
public class HostileDeclarationTests(ITestOutputHelper output)
{
    /// <summary>Set to a number of declarations to check more (or fewer) than the default, as CI does with 10,000.</summary>
    public const string DeclarationsVariable = "BACKPROP_HOSTILE_DECLARATIONS";

    /// <summary>About a thousand files: what <c>dotnet test</c> checks on every run.</summary>
    private const int DefaultDeclarations = 1500;

    [Fact]
    public void Hostile_declarations_never_crash_the_generator_and_never_get_broken_code()
    {
        var stopwatch = Stopwatch.StartNew();
        int wanted = int.TryParse(Environment.GetEnvironmentVariable(DeclarationsVariable), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : DefaultDeclarations;

        // The files up to the one that brings the declarations to the number wanted: file i is a function of i alone.
        int SampleCount = 0;
        for (int declared = 0; declared < wanted; SampleCount++)
        {
            declared += HostileSamples.FromIndex(SampleCount).File.Units.Length;
        }

        // Each sample is independent and a pure function of its index, so the samples run in parallel (most of
        // the time goes to compiling generated code) and their reports are merged in index order.
        var reports = new (int Declarations, List<Failure> Failures, Dictionary<string, int> Outcomes)[SampleCount];
        System.Threading.Tasks.Parallel.For(0, SampleCount, i =>
        {
            (string seed, HostileFile file) = HostileSamples.FromIndex(i);
            Sample sample = HostileSamples.Render(file);
            var failures = new List<Failure>();
            var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
            SampleChecker.Check(sample, seed, failures, outcomes);
            reports[i] = (sample.Units.Length, failures, outcomes);
        });

        int declarations = reports.Sum(r => r.Declarations);
        var failures = reports.SelectMany(r => r.Failures).ToList();
        var outcomes = reports.SelectMany(r => r.Outcomes)
            .GroupBy(o => o.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(o => o.Value), StringComparer.Ordinal);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{SampleCount} files, {declarations} declarations, {stopwatch.Elapsed.TotalSeconds:F1} s"));
        foreach (KeyValuePair<string, int> outcome in outcomes.OrderByDescending(o => o.Value).ThenBy(o => o.Key, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{outcome.Value,6}  {outcome.Key}"));
        }

        output.WriteLine("Declarations per reported id:");
        foreach (IGrouping<string, KeyValuePair<string, int>> id in outcomes
            .SelectMany(o => o.Key.Split(' ', '+').Where(part => part.StartsWith("BP", StringComparison.Ordinal)).Select(part => KeyValuePair.Create(part, o.Value)))
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{id.Sum(p => p.Value),6}  {id.Key}"));
        }

        // The samples must reach every outcome the oracle knows, or the checks below prove little.
        var seen = outcomes.Keys.SelectMany(k => k.Split(' ', '+')).ToHashSet(StringComparer.Ordinal);
        string[] expected =
        {
            "generated", "quiet", "BP0001", "BP0002", "BP0003", "BP0004", "BP0005", "BP0006", "BP0007", "BP0008",
            "BP0009", "BP0010", "BP0011", "BP0012", "BP0013", "BP0016", "BP0017", "BP0018", "BP0019", "BP0020",
            "BP0021", "BP0022", "BP0023", "BP0024", "BP0025", "BP0026", "BP0027", "BP0035", "BP0036", "BP0037", "stand-in",
        };
        var missing = expected.Where(e => !seen.Contains(e)).ToList();
        Assert.True(missing.Count == 0, "no sample reached " + string.Join(", ", missing));
        Assert.True(Count(outcomes, "generated") >= declarations / 5, "too few declarations were valid");

        Assert.True(failures.Count == 0, Failure.Summarize(failures));
    }

    [Fact]
    public void Samples_are_the_same_on_every_run()
    {
        // What makes the fuzz test deterministic in CI: sample i is a function of i alone.
        string Source(int index) => HostileSamples.Render(HostileSamples.FromIndex(index).File).Source;

        Assert.Equal(Source(17), Source(17));
        Assert.NotEqual(Source(17), Source(18));
        Assert.Equal(HostileSamples.FromIndex(17).Seed, HostileSamples.FromIndex(17).Seed);
    }

    // --- Shapes the fuzz test found interesting, one declaration each. ------------------------------------

    [Fact]
    public void Duplicate_attributes_on_two_partial_parts_give_one_file_and_no_crash()
    {
        // The compiler reports the second attribute (CS0579); the generator reads the first, once.
        const string Source = """
            using Backprop;

            [Network(3, 4, 2)]
            internal partial class Tiny { }

            [Network(2, 2)]
            internal partial class Tiny { }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source);

        DiagnosticText.AssertNone(run.GeneratorDiagnostics);
        Assert.Equal("Tiny.g.cs", Assert.Single(run.GeneratedSources).HintName);
        Assert.Contains("LayerCount = 3;", run.Source("Tiny.g.cs"), StringComparison.Ordinal);
        Assert.Equal(new[] { "CS0579" }, Errors(run.Output).Select(d => d.Id));
    }

    [Fact]
    public void Duplicate_attributes_on_one_declaration_give_one_file()
    {
        const string Source = """
            using Backprop;

            [Network(3, 4, 2), Network(5, 1)]
            internal partial class Tiny { }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source);

        DiagnosticText.AssertNone(run.GeneratorDiagnostics);
        Assert.Single(run.GeneratedSources);
        Assert.Equal(new[] { "CS0579" }, Errors(run.Output).Select(d => d.Id));
    }

    [Fact]
    public void The_attributed_part_is_the_one_checked_when_another_part_repeats_the_attribute()
    {
        // The first [Network] sits on a part without 'partial' (BP0001); the second part's copy must not
        // let the class through anyway.
        const string Source = """
            using Backprop;

            [Network(3, 4, 2)]
            internal class Tiny { }

            [Network(3, 4, 2)]
            internal partial class Tiny { }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source);

        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "BP0001");
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void Static_on_another_part_of_the_class_is_reported()
    {
        // 'static' on any part makes the whole class static: instance members cannot be added to it.
        const string Source = """
            using Backprop;

            [Network(3, 4, 2)]
            internal partial class Tiny { }

            internal static partial class Tiny { }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source);

        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "BP0006");
        Assert.Empty(run.GeneratedSources);
        Assert.Empty(Errors(run.Output));
    }

    [Fact]
    public void A_network_derived_from_another_network_is_reported()
    {
        // The base's members are generated too, so the derived network's generated members would hide them,
        // although the generator sees no such member in the base when it looks: BP0019.
        const string Source = """
            using Backprop;

            [Network(2, 2)]
            internal partial class Small { }

            [Network(3, 4, 2)]
            internal partial class Tiny : Small { }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source);

        Assert.Equal("BP0019", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.DoesNotContain(run.GeneratedSources, s => s.HintName == "Tiny.g.cs");
        Assert.Contains(run.GeneratedSources, s => s.HintName == "Small.g.cs");
    }

    [Fact]
    public void A_warning_does_not_switch_off_the_member_checks()
    {
        // BP0020 is a warning: the network is still generated, so the members must still be checked, or the
        // generated InputSize would collide with the user's (CS0102).
        const string Source = """
            using Backprop;

            [Network(4, 8, 3, OutputActivation = Activation.Softmax)]
            internal partial class Tiny
            {
                public int InputSize => 3;
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source);

        Assert.Equal(new[] { "BP0007", "BP0020" }, run.GeneratorDiagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void A_network_that_warns_is_checked_for_constructors_too()
    {
        const string Source = """
            using Backprop;

            [Network(4, 8, 3, OutputActivation = Activation.Softmax)]
            internal partial class Tiny
            {
                public Tiny(string name) { _ = name; }
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source);

        Assert.Equal(new[] { "BP0017", "BP0020" }, run.GeneratorDiagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Single(run.GeneratedSources);
        Assert.Empty(Errors(run.Output));
    }

    [Theory]
    [InlineData("[Network(2, OutputActivation = Activation.Softmax)]")]
    [InlineData("[Network(1, OutputActivation = Activation.Softmax)]")]
    [InlineData("[Network(OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy)]")]
    public void The_output_layer_rules_wait_for_an_output_layer(string attribute)
    {
        // With fewer than two sizes there is no output layer: BP0003 alone, not BP0020 or BP0023 besides.
        GeneratorRun run = GeneratorHarness.Run("using Backprop;\n\n" + attribute + "\ninternal partial class Tiny { }\n");

        Assert.Equal("BP0003", Assert.Single(run.GeneratorDiagnostics).Id);
    }

    [Theory]
    [InlineData("internal void Forward(int steps) { }")]
    [InlineData("internal void Forward(System.ReadOnlySpan<double> input, System.Span<double> output) { }")]
    [InlineData("internal void Forward<TValue>(System.ReadOnlySpan<float> input, System.Span<float> output) { }")]
    [InlineData("internal void Forward(in System.ReadOnlySpan<float> input, System.Span<float> output) { }")]
    [InlineData("internal int Bias(int layer) => layer;")]
    [InlineData("internal void InitializeParameters(long seed) { }")]
    [InlineData("internal static void InitializeParameters<TSeed>(TSeed seed) { }")]
    [InlineData("internal const int Layer4Size = 4;")]
    [InlineData("internal sealed class global { }")]
    public void A_legal_overload_or_member_is_not_reported_and_compiles_clean(string member)
    {
        string source = "using Backprop;\n\n[Network(3, 4, 2)]\ninternal partial class Tiny\n{\n    " + member + "\n}\n";

        GeneratorRun run = GeneratorHarness.Run(source);

        DiagnosticText.AssertNone(run.GeneratorDiagnostics);
        Assert.Single(run.GeneratedSources);
        DiagnosticText.AssertNone(run.CompilerDiagnostics.Where(d => d.Id != "CS8981")); // CS8981: a lower-case type name
    }

    [Theory]
    [InlineData("internal string Loss => \"\";")]
    [InlineData("internal static double Exp(double x) => x;")]
    [InlineData("internal static double Log(double x) => x;")]
    [InlineData("internal int max3, sum3, logSum3, exp3_0, z3_0, errorDotA3;")]
    [InlineData("internal sealed class Math { }")]
    [InlineData("internal sealed class ActivationFunctions { }")]
    [InlineData("internal sealed class System { }")]
    public void A_classifier_compiles_clean_next_to_members_named_like_its_locals_and_helpers(string member)
    {
        // The softmax and the cross-entropies add locals (z, exp, max, sum, logSum, errorDotA) and calls
        // (Exp, Log, BinaryCrossEntropy, Math.Max); a member of the user's with one of those names must change nothing.
        foreach (string options in new[] { "OutputActivation = Backprop.Activation.Softmax, Loss = Backprop.Loss.CrossEntropy", "OutputActivation = Backprop.Activation.Softmax", "Loss = Backprop.Loss.BinaryCrossEntropy" })
        {
            string source = "using Backprop;\n\n[Network(3, 4, 2, " + options + ")]\ninternal partial class Tiny\n{\n    " + member + "\n}\n";

            GeneratorRun run = GeneratorHarness.Run(source);

            Assert.Single(run.GeneratedSources);
            DiagnosticText.AssertNone(run.CompilerDiagnostics.Where(d => d.Location.SourceTree?.FilePath != "Networks.cs"));
            Assert.Empty(Errors(run.Output));
        }
    }

    [Theory]
    [InlineData("internal sealed class var { }\n\n[Network(3, 4, 2)]\ninternal partial class Tiny { }")]
    [InlineData("[Network(3, 4, 2)]\ninternal partial class Tiny\n{\n    internal sealed class var { }\n}")]
    public void A_type_named_var_in_scope_does_not_break_the_generated_code(string declarations)
    {
        GeneratorRun run = GeneratorHarness.Run("using Backprop;\n\n" + declarations + "\n");

        Assert.Single(run.GeneratedSources);
        DiagnosticText.AssertNone(run.CompilerDiagnostics.Where(d => d.Location.SourceTree?.FilePath != "Networks.cs"));
    }

    [Theory]
    [InlineData("internal partial struct Tiny { }")]
    [InlineData("internal struct Tiny { }")]
    [InlineData("internal interface ITiny { }")]
    [InlineData("internal partial record struct Tiny;")]
    [InlineData("internal enum Tiny { A }")]
    public void The_attribute_on_something_other_than_a_class_is_left_to_the_compiler(string declaration)
    {
        string source = "using Backprop;\n\n[Network(3, 4, 2)]\n" + declaration + "\n";

        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.GeneratedSources);
        Assert.Contains(Errors(run.Input), d => d.Id == "CS0592");
    }

    [Theory]
    [InlineData("\"3\"")]
    [InlineData("3.5")]
    [InlineData("3L")]
    [InlineData("true")]
    [InlineData("typeof(int)")]
    [InlineData("null")]
    public void A_size_the_compiler_rejects_is_left_to_the_compiler(string badArgument)
    {
        string source = "using Backprop;\n\n[Network(4, " + badArgument + ")]\ninternal partial class Tiny { }\n";

        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.GeneratedSources);
        Assert.NotEmpty(Errors(run.Input));
    }

    [Theory]
    [InlineData("HiddenActivation = 3")]
    [InlineData("Precision = Activation.Tanh")]
    [InlineData("Unknown = 1")]
    [InlineData("LayerSizes = null")]
    [InlineData("Loss = \"CrossEntropy\"")]
    [InlineData("HiddenActivations = Activation.Tanh")]
    [InlineData("HiddenActivations = new[] { 1 }")]
    [InlineData("HiddenActivations = new[] { Activation.ReLU, 0 }")]
    public void A_named_argument_the_compiler_rejects_is_not_reported_again(string badArgument)
    {
        string source = "using Backprop;\n\n[Network(4, 3, " + badArgument + ")]\ninternal partial class Tiny { }\n";

        GeneratorRun run = GeneratorHarness.Run(source);

        // The generator may still write the network from the sizes; it must not add an error of its own.
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.NotEmpty(Errors(run.Input));
        Assert.Equal(Errors(run.Input).Select(d => d.ToString()), Errors(run.Output).Select(d => d.ToString()));
    }

    private static int Count(Dictionary<string, int> outcomes, string prefix) =>
        outcomes.Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(o => o.Value);

    private static IEnumerable<Diagnostic> Errors(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);
}

/// <summary>
/// The fuzz test's machinery: the shape of a sample (plain records), the CsCheck generators that draw them, the
/// oracle, and the checker. Nested here so that its many small types stay out of the test namespace.
/// </summary>
internal static class Hostile
{
    /// <summary>One thing that went wrong with one sample; the same <see cref="Category"/> groups a failure's repeats.</summary>
    internal sealed record Failure(string Category, string Detail, string Seed, string Source)
    {
        /// <summary>Every category once, with how often it happened and its shortest sample.</summary>
        public static string Summarize(IReadOnlyList<Failure> failures)
        {
            var text = new StringBuilder();
            text.Append(failures.Count).Append(" failures (rebuild a sample with Hostile.HostileSamples.FromSeed(seed)):\n");
            var groups = failures.GroupBy(f => f.Category).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
            foreach (IGrouping<string, Failure> group in groups)
            {
                text.Append(group.Count().ToString(CultureInfo.InvariantCulture).PadLeft(6)).Append("  ").Append(group.Key).Append('\n');
            }

            // One repro per category, the shortest, for the most frequent categories.
            foreach (IGrouping<string, Failure> group in groups.Take(12))
            {
                Failure shortest = group.OrderBy(f => f.Source.Length).ThenBy(f => f.Seed, StringComparer.Ordinal).First();
                text.Append("\n=== ").Append(group.Key).Append(" (").Append(group.Count()).Append(" times) ===\n")
                    .Append(shortest.Detail).Append("\nseed ").Append(shortest.Seed).Append(":\n")
                    .Append(shortest.Source).Append('\n');
            }

            return text.ToString();
        }
    }

    /// <summary>What the oracle predicts for one declaration.</summary>
    internal enum Outcome
    {
        /// <summary>No BP error; exactly one generated file, which compiles clean.</summary>
        Generated,

        /// <summary>
        /// BP errors (at least <see cref="Expectation.Required"/>, at most <see cref="Expectation.Allowed"/>), and a stand-in that
        /// compiles clean when only the arguments are wrong (<see cref="Expectation.StandIn"/>), else no file.
        /// </summary>
        Errors,

        /// <summary>The attribute is on a struct, interface or enum: the compiler reports CS0592; the generator says and writes nothing.</summary>
        Quiet,

        /// <summary>
        /// The compiler rejects an argument (CS1503, CS0266, CS0617). It must report an error on the declaration; the docs
        /// promise only that the generator does not repeat it, so what the generator makes of the rest is not predicted.
        /// </summary>
        CompilerError,

        /// <summary>No documented rule covers this declaration; only the properties that hold for every declaration are checked.</summary>
        Unspecified,
    }

    /// <summary>What the oracle predicts: the outcome, the BP errors it requires and allows, and, for a generated network, its warnings.</summary>
    internal sealed record Expectation(
        Outcome Outcome,
        ImmutableHashSet<string> Required,
        ImmutableHashSet<string> Allowed,
        ImmutableSortedSet<string> Warnings,
        bool StandIn = false)
    {
        public static Expectation Quiet { get; } = new(Outcome.Quiet, ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty, ImmutableSortedSet<string>.Empty);

        public static Expectation CompilerError { get; } = new(Outcome.CompilerError, ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty, ImmutableSortedSet<string>.Empty);

        public static Expectation Unspecified { get; } = new(Outcome.Unspecified, ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty, ImmutableSortedSet<string>.Empty);

        public override string ToString() => Outcome switch
        {
            Outcome.Generated => Warnings.IsEmpty ? "generated" : "generated + " + string.Join("+", Warnings),
            Outcome.Errors => (StandIn ? "stand-in for " : "")
                + string.Join("+", Required.OrderBy(id => id, StringComparer.Ordinal))
                + (Allowed.Count > Required.Count ? " (maybe " + string.Join("+", Allowed.Except(Required).OrderBy(id => id, StringComparer.Ordinal)) + ")" : ""),
            _ => Outcome.ToString().ToLowerInvariant(),
        };
    }

    // ---------------------------------------------------------------------------------------------------------
    // The shape of a sample: plain records that the CsCheck generators below fill in, and the oracle reads.
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

    // ---------------------------------------------------------------------------------------------------------
    // The CsCheck generators.
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Random files of network declarations. Each declaration is drawn in one of three moods: valid by construction,
    /// valid but for one defect, or chaos (every choice from every pool). The oracle does not trust the mood: it
    /// computes the expected outcome from the declaration itself.
    /// </summary>
    internal static class HostileSamples
    {
        /// <summary>The PCG stream of the samples. Fixed: sample i is drawn from seed i of this stream, on every run.</summary>
        private const uint Stream = 20_250_601;

        /// <summary>The names of every member the generator declares, as docs/diagnostics.md (BP0007) lists them.</summary>
        private static readonly string[] GeneratedNames =
        {
            "LayerCount", "InputSize", "OutputSize", "ParameterCount", "Parameters", "GetActivation", "WeightIndex",
            "BiasIndex", "Weight", "Bias", "InitializeParameters", "Forward", "ForwardBatch", "Backward", "TrainStep", "TrainBatch",
            "_parameters", "_batchGradient", "s_layerSizes", "s_bakedParameters", "CreateParameters", "DrawParameters", "BackwardCore",
            "ForwardFourRows", "BackwardFourRows",
        };

        public static (string Seed, HostileFile File) FromIndex(int index)
        {
            var pcg = new PCG(Stream, (ulong)index);
            string seed = pcg.ToString();
            return (seed, FromSeed(seed));
        }

        /// <summary>Rebuilds a sample from the seed a failure printed.</summary>
        public static HostileFile FromSeed(string seed) => Files.Generate(PCG.Parse(seed), null, out _);

        // --- Sizes -------------------------------------------------------------------------------------------

        /// <summary>A valid size, mostly tiny: every generated file is compiled, and its size grows with the weights.</summary>
        private static readonly Gen<int> SmallSize = Gen.Frequency((12, Gen.Int[1, 3]), (3, Gen.Int[4, 6]), (1, Gen.Int[7, 12]));

        private static readonly Gen<int> HugeSize = Gen.OneOf(100_000, int.MaxValue);

        private static readonly Gen<int> AnySize = Gen.Frequency(
            (3, Gen.Int[-5, 0]),
            (6, SmallSize),
            (1, Gen.OneOf(100_000, int.MaxValue, int.MinValue)));

        /// <summary>The ways to write an int constant: all mean the same value to the compiler.</summary>
        private static SizeArg[] Spellings(int value, bool plainOnly)
        {
            string text = value switch
            {
                int.MaxValue => "int.MaxValue",
                int.MinValue => "int.MinValue",
                _ => value.ToString(CultureInfo.InvariantCulture),
            };
            var spellings = new List<SizeArg> { new(text, value) };
            if (value >= 0)
            {
                spellings.Add(new("0x" + value.ToString("X", CultureInfo.InvariantCulture), value));
            }

            // An implicit conversion to int: a new[] { } of only these would be a char[] or short[], so not there.
            if (!plainOnly && value is >= 0 and <= short.MaxValue)
            {
                spellings.Add(new("(short)" + value.ToString(CultureInfo.InvariantCulture), value));
                spellings.Add(new("'\\u" + value.ToString("X4", CultureInfo.InvariantCulture) + "'", value));
            }

            if (value is < 0 and > int.MinValue)
            {
                spellings.Add(new("-(" + (-value).ToString(CultureInfo.InvariantCulture) + ")", value));
            }

            return spellings.ToArray();
        }

        /// <summary>An argument the compiler cannot convert to int.</summary>
        private static readonly Gen<SizeArg> WrongType = Gen.OneOf(
            new SizeArg("\"3\"", null),
            new SizeArg("3.5", null),
            new SizeArg("3L", null),
            new SizeArg("3u", null),
            new SizeArg("3m", null),
            new SizeArg("true", null),
            new SizeArg("typeof(int)", null),
            new SizeArg("null", null));

        private static readonly Gen<SizesForm> ListForm = Gen.Frequency(
            (6, Gen.Const(SizesForm.Params)),
            (1, Gen.Const(SizesForm.ImplicitArray)),
            (1, Gen.Const(SizesForm.IntArray)));

        private static Gen<Sizes> SizesOf(Gen<int> count, Gen<int> value) =>
            ListForm.SelectMany(form => count.SelectMany(n =>
                value.SelectMany(v => Gen.OneOf(Spellings(v, plainOnly: form == SizesForm.ImplicitArray))).Array[n, n]
                    .Select(items => new Sizes(form, items.ToImmutableArray()))));

        private static readonly Gen<Sizes> ValidSizes = SizesOf(Gen.Frequency((4, Gen.Const(2)), (4, Gen.Const(3)), (2, Gen.Const(4)), (1, Gen.Const(5))), SmallSize);

        private static readonly Gen<Sizes> NoSizes = Gen.OneOf(
            SizesForm.NoArgumentList, SizesForm.EmptyParens, SizesForm.Null, SizesForm.ZeroLengthArray, SizesForm.IntArray)
            .Select(form => new Sizes(form, ImmutableArray<SizeArg>.Empty));

        private static readonly Gen<Sizes> DefectSizes = Gen.Frequency(
            (2, NoSizes),
            (2, SizesOf(Gen.Const(1), SmallSize)),
            (3, SizesOf(Gen.Int[2, 6], AnySize).Where(s => s.Values.Any(v => v <= 0))),
            (2, SizesOf(Gen.Int[2, 6], Gen.Frequency((3, SmallSize), (1, HugeSize))).Where(s => s.Values.Any(v => v >= 100_000))),
            (3, Gen.Select(ValidSizes, WrongType, Gen.Int[0, 9], (s, wrong, at) => s with { Items = s.Items.Insert(at % (s.Items.Length + 1), wrong) })));

        private static readonly Gen<Sizes> AnySizes = Gen.Frequency(
            (3, ValidSizes),
            (3, DefectSizes),
            (2, SizesOf(Gen.Int[0, 6], AnySize)));

        // --- Named arguments --------------------------------------------------------------------------------

        private static readonly string[] Activations = { "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "Linear", "Softmax" };

        private static readonly string[] Losses = { "MeanSquaredError", "CrossEntropy", "BinaryCrossEntropy" };

        private const int Sigmoid = 0;

        private const int Softmax = 5;

        private const int MeanSquaredError = 0;

        private const int CrossEntropy = 1;

        private const int BinaryCrossEntropy = 2;

        /// <summary>The activations that act on each neuron alone, which a hidden layer may have: all but the softmax.</summary>
        private static readonly Gen<int> Elementwise = Gen.Int[0, 4];

        private static readonly Gen<int> AnyActivation = Gen.Int[0, 5];

        /// <summary>The ways to write a member of an enum: by name, fully qualified, as a cast, and 0 for its first member.</summary>
        private static Gen<string> EnumText(string enumName, string[] names, int value, bool zeroLiteral = true)
        {
            var spellings = new List<(int, IGen<string>)>
            {
                (6, Gen.Const(enumName + "." + names[value])),
                (1, Gen.Const("Backprop." + enumName + "." + names[value])),
                (1, Gen.Const("(" + enumName + ")" + value.ToString(CultureInfo.InvariantCulture))),
            };
            if (value == 0 && zeroLiteral)
            {
                // The literal 0 converts to every enum.
                spellings.Add((1, Gen.Const("0")));
            }

            return Gen.Frequency(spellings.ToArray());
        }

        private static Gen<Named> ValidActivation(string name, Gen<int> values) =>
            values.SelectMany(v => EnumText("Activation", Activations, v).Select(text => new Named(name, text, NamedKind.Valid, v)));

        private static Gen<Named> ValidLoss(Gen<int> values) =>
            values.SelectMany(v => EnumText("Loss", Losses, v).Select(text => new Named("Loss", text, NamedKind.Valid, v)));

        private static readonly Gen<Named> ValidPrecision = Gen.Frequency(
            (3, Gen.OneOf(new Named("Precision", "Precision.Single", NamedKind.Valid, 0), new Named("Precision", "Precision.Double", NamedKind.Valid, 1))),
            (1, Gen.OneOf(new Named("Precision", "(Precision)1", NamedKind.Valid, 1), new Named("Precision", "0", NamedKind.Valid, 0))));

        /// <summary>
        /// <c>HiddenActivations</c> with these values, in one of the forms C# accepts: <c>new[] { … }</c> (not empty, no
        /// literal 0: its element type would be int), <c>new Activation[] { … }</c>, <c>new Activation[0]</c>, or a
        /// collection expression <c>[…]</c>.
        /// </summary>
        private static Gen<Named> ActivationList(int[] values, NamedKind kind = NamedKind.Valid)
        {
            Gen<string[]> Items(bool zeroLiteral) => values.Aggregate(
                Gen.Const(ImmutableList<string>.Empty),
                (items, v) => items.SelectMany(list => (v is >= 0 and <= Softmax
                    ? EnumText("Activation", Activations, v, zeroLiteral)
                    : Gen.Const(v < 0 ? "(Activation)(" + v.ToString(CultureInfo.InvariantCulture) + ")" : "(Activation)" + v.ToString(CultureInfo.InvariantCulture))).Select(list.Add)))
                .Select(list => list.ToArray());
            var forms = new List<(int, IGen<string>)>
            {
                (3, Items(zeroLiteral: true).Select(items => "new Activation[] { " + string.Join(", ", items) + " }")),
                (2, Items(zeroLiteral: true).Select(items => "[" + string.Join(", ", items) + "]")),
            };
            if (values.Length > 0)
            {
                forms.Add((4, Items(zeroLiteral: false).Select(items => "new[] { " + string.Join(", ", items) + " }")));
            }
            else
            {
                forms.Add((1, Gen.Const("new Activation[0]")));
            }

            return Gen.Frequency(forms.ToArray()).Select(text => new Named("HiddenActivations", text, kind, 0, values.ToImmutableArray()));
        }

        private static Gen<Named> AnyActivationList(Gen<int> count, Gen<int> values) =>
            count.SelectMany(n => values.Array[n, n]).SelectMany(v => ActivationList(v));

        /// <summary><c>HiddenActivations = null</c>: the same as not writing it.</summary>
        private static readonly Named NullActivationList = new("HiddenActivations", "null", NamedKind.Valid, 0);

        /// <summary>
        /// Named arguments that make a valid network with these sizes: the hidden layers' activations in one of
        /// the two forms (or none), an output layer with a loss derived for it (a softmax only on two outputs or
        /// more, now and then with the quadratic cost, which only warns), and a precision, in either order.
        /// </summary>
        private static Gen<ImmutableArray<Named>> ValidNamedFor(ImmutableArray<int> sizes)
        {
            int hiddenLayers = Math.Max(sizes.Length - 2, 0);
            int outputs = sizes.Length == 0 ? 0 : sizes[^1];
            Gen<Named?[]> hidden = Gen.Frequency(
                (10, Gen.Const(new Named?[] { null })),
                (6, ValidActivation("HiddenActivation", Elementwise).Select(n => new Named?[] { n })),
                (4, AnyActivationList(Gen.Const(hiddenLayers), Elementwise).Select(n => new Named?[] { n })),
                (1, Gen.Const(new Named?[] { NullActivationList })));

            var outputChoices = new List<(int, IGen<Named?[]>)>
            {
                (8, Gen.Const(new Named?[] { null, null })),
                (6, ValidActivation("OutputActivation", Elementwise).Select(n => new Named?[] { n, null })),
                (2, Gen.Select(ValidActivation("OutputActivation", Elementwise), ValidLoss(Gen.Const(MeanSquaredError)), (o, l) => new Named?[] { o, l })),
                (2, ValidLoss(Gen.Const(BinaryCrossEntropy)).Select(l => new Named?[] { null, l })),
                (2, Gen.Select(ValidActivation("OutputActivation", Gen.Const(Sigmoid)), ValidLoss(Gen.Const(BinaryCrossEntropy)), (o, l) => new Named?[] { o, l })),
            };
            if (outputs >= 2)
            {
                outputChoices.Add((5, Gen.Select(ValidActivation("OutputActivation", Gen.Const(Softmax)), ValidLoss(Gen.Const(CrossEntropy)), (o, l) => new Named?[] { o, l })));
                outputChoices.Add((1, ValidActivation("OutputActivation", Gen.Const(Softmax)).Select(o => new Named?[] { o, null })));
            }

            return Gen.Select(hidden, Gen.Frequency(outputChoices.ToArray()), ValidPrecision.Null(0.6), Gen.Bool, (h, o, precision, reversed) =>
            {
                var named = h.Concat(o).Append(precision).OfType<Named>();
                return (reversed ? named.Reverse() : named).ToImmutableArray();
            });
        }

        /// <summary>
        /// A named argument that breaks a model rule (BP0020 to BP0025): a loss for another output, a list of the
        /// wrong length, the softmax in a hidden layer, both hidden forms at once, the softmax with the quadratic
        /// cost. The sizes it meets may add BP0023 (a softmax on one output).
        /// </summary>
        private static readonly Gen<ImmutableArray<Named>> ModelDefect = Gen.OneOf(
            Gen.Select(ValidActivation("OutputActivation", Gen.Int[1, 4]).Null(0.3), ValidLoss(Gen.Const(CrossEntropy)), (o, l) => new Named?[] { o, l }),
            Gen.Select(ValidActivation("OutputActivation", Gen.Int[1, 5]), ValidLoss(Gen.Const(BinaryCrossEntropy)), (o, l) => new Named?[] { o, l }),
            Gen.Select(ValidActivation("OutputActivation", Gen.Const(Softmax)), ValidLoss(Gen.Const(MeanSquaredError)).Null(0.5), (o, l) => new Named?[] { o, l }),
            Gen.Select(ValidActivation("OutputActivation", Gen.Const(Softmax)), ValidLoss(Gen.Const(CrossEntropy)), (o, l) => new Named?[] { o, l }),
            AnyActivationList(Gen.Int[0, 4], Elementwise).Select(n => new Named?[] { n }),
            ValidActivation("HiddenActivation", Gen.Const(Softmax)).Select(n => new Named?[] { n }),
            AnyActivationList(Gen.Int[1, 3], Gen.Frequency((3, Elementwise), (1, Gen.Const(Softmax)))).Select(n => new Named?[] { n }),
            Gen.Select(ValidActivation("HiddenActivation", AnyActivation), AnyActivationList(Gen.Int[0, 3], AnyActivation), (h, l) => new Named?[] { h, l }))
            .Select(named => named.OfType<Named>().ToImmutableArray());

        /// <summary>A number that is no member of its enum (BP0009), alone or in the list.</summary>
        private static readonly Gen<Named> UnknownValue = Gen.OneOf(
            Gen.OneOf(
                new Named("HiddenActivation", "(Activation)42", NamedKind.UnknownValue, 42),
                new Named("OutputActivation", "(Activation)(-1)", NamedKind.UnknownValue, -1),
                new Named("HiddenActivation", "(Activation)6", NamedKind.UnknownValue, 6),
                new Named("OutputActivation", "(Activation)6", NamedKind.UnknownValue, 6),
                new Named("Precision", "(Precision)(-1)", NamedKind.UnknownValue, -1),
                new Named("Precision", "(Precision)2", NamedKind.UnknownValue, 2),
                new Named("Loss", "(Loss)3", NamedKind.UnknownValue, 3),
                new Named("Loss", "(Loss)(-1)", NamedKind.UnknownValue, -1)),
            Gen.Select(Gen.Int[0, 2], Elementwise, Gen.OneOf(6, 42, -1), (at, valid, unknown) => at switch
            {
                0 => new[] { unknown },
                1 => new[] { valid, unknown },
                _ => new[] { unknown, valid, Softmax },
            }).SelectMany(values => ActivationList(values, NamedKind.UnknownValue)));

        /// <summary>A named argument the compiler rejects: a wrong type, an unknown or read-only property.</summary>
        private static readonly Gen<Named> BadNamed = Gen.OneOf(
            new Named("HiddenActivation", "3", NamedKind.BindError, 0),
            new Named("OutputActivation", "Precision.Double", NamedKind.BindError, 0),
            new Named("Precision", "Activation.Tanh", NamedKind.BindError, 0),
            new Named("HiddenActivation", "\"Tanh\"", NamedKind.BindError, 0),
            new Named("Loss", "\"CrossEntropy\"", NamedKind.BindError, 0),
            new Named("Loss", "Activation.Softmax", NamedKind.BindError, 0),
            new Named("HiddenActivations", "Activation.Tanh", NamedKind.BindError, 0),
            new Named("HiddenActivations", "new[] { 1, 2 }", NamedKind.BindError, 0),
            new Named("HiddenActivations", "new[] { Activation.ReLU, 0 }", NamedKind.BindError, 0),
            new Named("HiddenActivations", "new int[] { 1 }", NamedKind.BindError, 0),
            new Named("Unknown", "1", NamedKind.BindError, 0),
            new Named("LayerSizes", "null", NamedKind.BindError, 0),
            new Named("Activation", "Activation.Tanh", NamedKind.BindError, 0));

        private static Gen<ImmutableArray<Named>> Replacing(Gen<ImmutableArray<Named>> named, Gen<ImmutableArray<Named>> extra) =>
            Gen.Select(named, extra, (valid, more) => valid.Where(n => more.All(m => m.Name != n.Name)).Concat(more).ToImmutableArray());

        private static Gen<ImmutableArray<Named>> One(Gen<Named> named) => named.Select(n => ImmutableArray.Create(n));

        private static readonly Gen<ImmutableArray<Named>> AnyNamed =
            Gen.Frequency(
                (4, ValidActivation("HiddenActivation", AnyActivation)),
                (3, ValidActivation("OutputActivation", AnyActivation)),
                (2, ValidPrecision),
                (3, ValidLoss(Gen.Int[0, 2])),
                (2, AnyActivationList(Gen.Int[0, 4], AnyActivation)),
                (1, UnknownValue),
                (1, BadNamed))
                .Array[0, 4].Select(named => named.ToImmutableArray());

        // --- The attribute ----------------------------------------------------------------------------------

        private static readonly Gen<string> AttributeName = Gen.Frequency(
            (8, Gen.Const("Network")),
            (1, Gen.Const("NetworkAttribute")),
            (1, Gen.Const("Backprop.Network")),
            (1, Gen.Const("global::Backprop.NetworkAttribute")));

        private static Gen<Attr> AttrOf(Gen<Sizes> sizes, Func<Sizes, Gen<ImmutableArray<Named>>> named) =>
            Gen.Select(AttributeName, sizes, (name, s) => (name, s)).SelectMany(p => named(p.s).Select(n => new Attr(p.name, p.s, n)));

        private static readonly Gen<Attr> ValidAttr = AttrOf(ValidSizes, s => ValidNamedFor(s.Values));

        /// <summary>Valid sizes whose output layer has one neuron, for a softmax that cannot learn (BP0023).</summary>
        private static readonly Gen<Sizes> OneOutput = ValidSizes.Select(s => s with { Items = s.Items.SetItem(s.Items.Length - 1, new SizeArg("1", 1)) });

        private static readonly Gen<ImmutableArray<Named>> SoftmaxOutput =
            Gen.Select(ValidActivation("OutputActivation", Gen.Const(Softmax)), ValidLoss(Gen.Const(CrossEntropy)).Null(0.3), (o, l) => new Named?[] { o, l }.OfType<Named>().ToImmutableArray());

        private static readonly Gen<Attr> DefectAttr = Gen.Frequency(
            (4, AttrOf(DefectSizes, s => ValidNamedFor(s.Values))),
            (3, AttrOf(ValidSizes, s => Replacing(ValidNamedFor(s.Values), ModelDefect))),
            (1, AttrOf(OneOutput, s => Replacing(ValidNamedFor(s.Values), SoftmaxOutput))),
            (1, AttrOf(ValidSizes, s => Replacing(ValidNamedFor(s.Values), One(UnknownValue)))),
            (1, AttrOf(ValidSizes, s => Replacing(ValidNamedFor(s.Values), One(BadNamed)))));

        private static readonly Gen<Attr> AnyAttr = Gen.Select(AttributeName, AnySizes, AnyNamed, (name, sizes, named) => new Attr(name, sizes, named));

        // --- Members ----------------------------------------------------------------------------------------

        private static Func<Facts, bool> Always => _ => true;

        private static Func<Facts, bool> Never => _ => false;

        private static readonly Member[] NeutralMembers =
        {
            new("internal int Name { get; set; }", Never),
            new("internal static void Helper() { }", Never),
            new("internal sealed class Inner { }", Never),
            new("internal static int Forwardness;", Never),
            new("internal const int InputSizes = 1;", Never),
            new("static {N}() { }", Never),
            new("internal int this[int index] => index;", Never),
            new("~{N}() { }", Never),
            new("public static int operator +({N} left, int right) => right;", Never),
            new("internal event System.Action? Trained;", Never),
            // Explicit implementations of members the generated class implements implicitly: legal.
            new("Activation INeuralNetwork.GetActivation(int layer) => Activation.Sigmoid;", Never),
            new("void global::Backprop.INeuralNetwork.InitializeParameters(int seed) { }", Never),
        };

        /// <summary>Members that read a primary constructor's seed: in a member (BP0037 when the class has one; CS0103 when not), or in an initializer only.</summary>
        private static readonly Member[] SeedReaders =
        {
            new("internal int SeedValue => seed;", Never, CapturesSeed: true),
            new("internal int SeedTwice { get; } = 2 * seed;", Never),
        };

        /// <summary>Overloads of generated methods, which C# allows and the generator must not report.</summary>
        private static readonly Member[] LegalOverloads =
        {
            new("internal void Forward(int steps) { }", Never),
            new("internal void Forward<TValue>(System.ReadOnlySpan<float> input, System.Span<float> output) { }", Never),
            new("internal void Forward(System.ReadOnlySpan<float> input, System.Span<float> output, int extra) { }", Never),
            new("internal int Bias(int layer) => layer;", Never),
            new("internal void InitializeParameters(long seed) { }", Never),
            new("internal static void Backward(string message) { }", Never),
            new("internal void TrainStep(float[] batch) { }", Never),
            new("internal int Layer9Size => 9;", Never),
            new("internal static void InitializeParameters<TSeed>(TSeed seed) { }", Never),
            // C# allows overloads that differ in 'in' alone, and prefers the by-value one for a plain call.
            new("internal void Forward(in System.ReadOnlySpan<float> input, System.Span<float> output) { }", Never),
            // Same types, other precision: an overload for one precision, a collision for the other.
            new("internal void Forward(System.ReadOnlySpan<double> input, System.Span<double> output) { }", f => f.IsDouble),
            new("internal void Forward(System.ReadOnlySpan<float> input, System.Span<float> output) { }", f => !f.IsDouble),
        };

        private static readonly Member[] Constructors =
        {
            new("internal {N}(string name, int seed) : this(seed) { _ = name; }", Never),
            new("internal {N}(long seed) { InitializeParameters((int)seed); }", Never),
            new("internal {N}(bool reset) : this() { _ = reset; }", Never),
            new("internal {N}(float scale) { this.InitializeParameters(3); _ = scale; }", Never),
            new("internal {N}(byte value) : this(seed: value) { }", Never),
            new("internal {N}(string name) { _ = name; }", Never, LeavesParametersAtZero: true),
            new("internal {N}(double scale) : base() { _ = scale; }", Never, LeavesParametersAtZero: true),
            new("internal {N}(char letter) { }", Never, LeavesParametersAtZero: true),
        };

        /// <summary>Members with the name (and, for methods, the parameter types) of a generated one: BP0007.</summary>
        private static readonly Member[] Collisions =
        {
            new("internal int InputSize => 3;", Always),
            new("internal int OutputSize;", Always),
            new("internal System.Span<float> Parameters => default;", Always),
            new("private readonly float[] _parameters = new float[1];", Always),
            new("private static readonly int[] s_layerSizes = new int[0];", Always),
            new("internal int LayerCount { get; set; }", Always),
            new("internal const int Layer2Size = 1;", f => f.Layers >= 2),
            new("internal const int Layer3Size = 1;", f => f.Layers >= 3),
            new("internal const int Layer5Size = 1;", f => f.Layers >= 5),
            new("internal void Forward(System.ReadOnlySpan<float> input, System.Span<float> output) { }", f => !f.IsDouble),
            new("internal void Forward(ReadOnlySpan<Single> input, Span<System.Single> output) { }", f => !f.IsDouble),
            new("internal void Forward(System.ReadOnlySpan<double> input, System.Span<double> output) { }", f => f.IsDouble),
            new("internal float TrainStep(System.ReadOnlySpan<float> input, System.ReadOnlySpan<float> target, float learningRate) => 0;", f => !f.IsDouble),
            new("internal double TrainBatch(System.ReadOnlySpan<double> inputs, System.ReadOnlySpan<double> targets, double learningRate) => 0;", f => f.IsDouble),
            new("internal {N}() { }", f => !f.HasPrimaryConstructor),
            new("internal {N}(int seed) { _ = seed; }", f => !f.HasPrimaryConstructor),
            new("internal {N}(System.Int32 seed) : this() { _ = seed; }", f => !f.HasPrimaryConstructor),
            new("internal sealed class Forward { }", Always),
            new("internal event System.Action? Backward;", Always),
            new("internal int Weight;", Always),
            new("internal int Bias(int layer, int neuron) => layer + neuron;", Always),
            new("internal void InitializeParameters(int seed) { }", Always),
            new("internal string GetActivation(int layer) => \"\";", Always),
            new("internal static int WeightIndex(int layer, int row, int column) => 0;", Always),
            new("internal static void DrawParameters() { }", Always),
            new("private int CreateParameters;", Always),
            // Explicit implementations of the INeuralNetwork properties the generated class implements explicitly.
            new("int INeuralNetwork.InputSize => 3;", Always),
            new("int global::Backprop.INeuralNetwork.LayerCount => 1;", Always),
            new("Loss Backprop.INeuralNetwork.Loss => Loss.MeanSquaredError;", Always),
        };

        /// <summary>Members that no rule covers but that generated code might trip over: a type named like a keyword it uses.</summary>
        private static readonly Member[] HostileMembers =
        {
            new("internal sealed class var { }", Never),
            new("internal sealed class global { }", Never),
        };

        private static readonly Gen<Member> ValidMember = Gen.Frequency(
            (3, Gen.OneOf(NeutralMembers)),
            (3, Gen.OneOf(LegalOverloads)),
            (3, Gen.OneOf(Constructors)),
            (1, Gen.OneOf(SeedReaders)));

        private static readonly Gen<ImmutableArray<Member>> ValidMembers = ValidMember.Array[0, 4].Select(Distinct);

        private static readonly Gen<ImmutableArray<Member>> DefectMembers =
            Gen.Select(ValidMember.Array[0, 3], Gen.OneOf(Collisions), Gen.Int[0, 9], (members, collision, at) => Distinct(members.Take(at % (members.Length + 1)).Append(collision).Concat(members.Skip(at % (members.Length + 1)))));

        private static readonly Gen<ImmutableArray<Member>> AnyMembers =
            Gen.Frequency((6, ValidMember), (2, Gen.OneOf(Collisions)), (1, Gen.OneOf(HostileMembers))).Array[0, 5].Select(Distinct);

        private static ImmutableArray<Member> Distinct(IEnumerable<Member> members) =>
            members.DistinctBy(m => m.Template, StringComparer.Ordinal).ToImmutableArray();

        private static ImmutableArray<Member> Distinct(Member[] members) => Distinct((IEnumerable<Member>)members);

        // --- Base classes -----------------------------------------------------------------------------------

        private static readonly BaseClass[] ValidBases =
        {
            BaseClass.None,
            new("public class {B} { }", "{B}", Never),
            new("public abstract class {B} { protected {B}() { } }", "{B}", Never),
            new("public class {B} { public {B}(int size = 0) { _ = size; } }", "{B}", Never),
            new("public class {B} { public {B}(params int[] sizes) { _ = sizes; } }", "{B}", Never),
            new("public class {B}<T> { }", "{B}<int>", Never),
            new("", "System.Exception", Never),
            new("public class {B} { private int _parameters; public int Size => _parameters; }", "{B}", Never),
            new("public class {B} { public void Forward(int steps) { } }", "{B}", Never),
        };

        private static readonly BaseClass[] DefectBases =
        {
            new("public class {B} { public {B}(int size) { _ = size; } }", "{B}", Never, LacksParameterlessConstructor: true),
            new("public class {B} { private {B}() { } public {B}(int size) { _ = size; } }", "{B}", Never, LacksParameterlessConstructor: true),
            new("public class {B} { public int Parameters => 0; }", "{B}", Always),
            new("public class {B} { public const int InputSize = 1; }", "{B}", Always),
            new("public class {B} { internal static int LayerCount; }", "{B}", Always),
            new("public class {B} { protected void Forward(System.ReadOnlySpan<float> input, System.Span<float> output) { } }", "{B}", f => !f.IsDouble),
            new("public class {B}Root { public int Weight; } public class {B} : {B}Root { }", "{B}", Always),
            // A base that is a network itself: its members are generated, and the derived network's would hide them (BP0019).
            new("[Network(2, 2)] public partial class {B} { }", "{B}", Never, IsNetwork: true),
        };

        private static readonly BaseClass[] HostileBases =
        {
            new("public sealed class {B} { }", "{B}", Never, Unspecified: true),
        };

        // --- Containers, modifiers, parts -------------------------------------------------------------------

        private static readonly Gen<(string Keyword, string Modifiers)> ContainerKind = Gen.OneOf(
            ("class", ""), ("class", "static"), ("class", "abstract"), ("class", "sealed"), ("class", "file"), ("struct", "file"),
            ("struct", ""), ("struct", "readonly"), ("struct", "ref"),
            ("record", ""), ("record", "sealed"), ("record struct", ""), ("record struct", "readonly"),
            ("interface", ""));

        private static Gen<Container> ContainerOf(Gen<bool> partial, Gen<bool> generic) =>
            Gen.Select(Gen.OneOf("", "internal", "public"), ContainerKind, partial, generic,
                (access, kind, isPartial, isGeneric) => new Container(kind.Modifiers == "file" ? "" : access, kind.Modifiers, kind.Keyword, isPartial, isGeneric));

        private static readonly Gen<ImmutableArray<Container>> ValidContainers =
            ContainerOf(Gen.Const(true), Gen.Const(false)).Where(c => c.Modifiers != "file").Array[0, 2].Select(c => c.ToImmutableArray());

        private static readonly Gen<ImmutableArray<Container>> DefectContainers =
            Gen.Select(ContainerOf(Gen.Const(true), Gen.Const(false)).Where(c => c.Modifiers != "file").Array[1, 2], Gen.Int[0, 2], Gen.Bool, (containers, which, generic) =>
            {
                // Not partial, generic, or a file-local outermost type (BP0016).
                if (which == 2)
                {
                    containers[0] = containers[0] with { Access = "", Modifiers = "file", Keyword = "class" };
                    return containers.ToImmutableArray();
                }

                int at = which % containers.Length;
                containers[at] = generic ? containers[at] with { Generic = true } : containers[at] with { Partial = false };
                return containers.ToImmutableArray();
            });

        private static readonly Gen<ImmutableArray<Container>> AnyContainers =
            ContainerOf(Gen.Frequency((4, Gen.Const(true)), (1, Gen.Const(false))), Gen.Frequency((4, Gen.Const(false)), (1, Gen.Const(true))))
                .Array[0, 2].Select(c => c.ToImmutableArray());

        /// <summary>The attributed declaration: access, modifiers, partial, generic, and a primary constructor's parameter list (or none).</summary>
        private sealed record Declaration(string Access, string Modifiers, bool Partial, bool Generic, string? PrimaryParameters = null);

        /// <summary>Primary constructors (C# 12): with a seed the generator reads, with one it does not, and without.</summary>
        private static readonly Gen<string?> PrimaryParameters = Gen.Frequency<string?>(
            (10, Gen.Const((string?)null)),
            (2, Gen.OneOf<string?>("(int seed)", "(string name, int seed)")),
            (1, Gen.OneOf<string?>("()", "(string name)", "(long seed)", "(in int seed)")));

        private static readonly Gen<Declaration> ValidDeclaration =
            Gen.Select(Gen.OneOf("", "internal", "public"), Gen.OneOf("", "", "abstract", "sealed"), PrimaryParameters,
                (access, modifiers, primary) => new Declaration(access, modifiers, true, false, primary));

        private static readonly Gen<Declaration> DefectDeclaration = Gen.Select(ValidDeclaration, Gen.Int[0, 3], (d, which) => which switch
        {
            0 => d with { Partial = false },
            1 => d with { Modifiers = "static" },
            2 => d with { Access = "", Modifiers = "file" },
            _ => d with { Generic = true },
        });

        private static readonly Gen<Declaration> AnyDeclaration = Gen.Select(
            Gen.OneOf("", "internal", "public"),
            Gen.OneOf("", "abstract", "sealed", "static", "file", "abstract sealed", "file sealed", "static abstract"),
            Gen.Frequency((5, Gen.Const(true)), (1, Gen.Const(false))),
            Gen.Frequency((5, Gen.Const(false)), (1, Gen.Const(true))),
            PrimaryParameters,
            (access, modifiers, partial, generic, primary) => new Declaration(modifiers.Contains("file", StringComparison.Ordinal) ? "" : access, modifiers, partial, generic, primary));

        private static readonly Gen<string> ExtraAttribute = Gen.Frequency(
            (16, Gen.Const("")),
            (2, Gen.Const("[System.Serializable]")),
            (2, Gen.Const("[System.Obsolete(\"Use another network.\")]")),
            (1, Gen.Const("[System.Obsolete(\"Gone.\", true)]")),
            (2, Gen.Const("[System.Diagnostics.DebuggerDisplay(\"{Name}\")]")),
            (1, Gen.Const("[System.CLSCompliant(false)]")),
            (1, Gen.Const("[System.Runtime.InteropServices.Guid(\"0F3E2A4C-5B6D-4E7F-8A9B-0C1D2E3F4A5B\")]")),
            (1, Gen.Const("[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]")),
            (1, Gen.Const("[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Auto, Pack = 4)]")),
            // Attributes the generated members cannot live with: BP0035 and BP0036.
            (1, Gen.Const("[System.Runtime.InteropServices.ComImport, System.Runtime.InteropServices.Guid(\"0F3E2A4C-5B6D-4E7F-8A9B-0C1D2E3F4A5B\")]")),
            (1, Gen.Const("[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit)]")));

        /// <summary>An attribute of the whole assembly, written once per file.</summary>
        private static readonly Gen<string> AssemblyAttribute = Gen.Frequency(
            (6, Gen.Const("")),
            (2, Gen.Const("[assembly: System.CLSCompliant(true)]")),
            (1, Gen.Const("[assembly: System.CLSCompliant(false)]")));

        /// <summary>The second declaration of the class, if any, and whether it comes first in the file.</summary>
        private enum OtherPart { None, Plain, CarriesTheAttribute, DuplicateAttribute, Static, NotPartial }

        private static readonly Gen<OtherPart> ValidOtherPart = Gen.Frequency(
            (6, Gen.Const(OtherPart.None)), (2, Gen.Const(OtherPart.Plain)), (1, Gen.Const(OtherPart.CarriesTheAttribute)), (1, Gen.Const(OtherPart.DuplicateAttribute)));

        private static readonly Gen<OtherPart> DefectOtherPart = Gen.OneOf(OtherPart.Static, OtherPart.NotPartial, OtherPart.DuplicateAttribute);

        private static readonly Gen<OtherPart> AnyOtherPart = Gen.OneOf(Enum.GetValues<OtherPart>());

        private static readonly Gen<string?> ValidName = Gen.Frequency<string?>((12, null), (1, "@class"), (1, "Layer9Size"));

        /// <summary>Class names that are generated member names (BP0012), some only for enough layers.</summary>
        private static readonly Gen<string?> DefectName = Gen.OneOf<string?>("Forward", "Parameters", "InputSize", "_parameters", "Layer2Size", "Layer4Size");

        private static readonly Gen<Shape> DefectShape = Gen.OneOf(Shape.Record, Shape.RecordClass, Shape.Struct, Shape.RecordStruct, Shape.Interface, Shape.Enum);

        private static readonly Gen<string> ValidNeighbor = Gen.OneOf("", "", "", "internal sealed class Forward { }", "internal interface INeuralNetwork<T> { }", "internal static class NetworkGuard { }");

        private static readonly Gen<string?> BlockNamespace = Gen.OneOf<string?>(null, null, "Space{i}", "K{i}.@class", "Outer{i}.Inner");

        /// <summary>
        /// File names a user can write: every character that breaks a comment, a string literal or XML (line terminators,
        /// control characters, surrogates), quotes, and the other literal forms of C#. Most come with the file.
        /// </summary>
        private static readonly Gen<WeightsName?> Weights = Gen.Frequency<WeightsName?>(
            (16, Gen.Const((WeightsName?)null)),
            (1, Gen.Select(
                Gen.OneOf(
                    ("\"u{i}-model.json\"", "u{i}-model.json"),
                    ("\"u{i}-m\\nodel.json\"", "u{i}-m\nodel.json"),
                    ("\"u{i}-m\\r\\nodel.json\"", "u{i}-m\r\nodel.json"),
                    ("\"u{i}-\\u0085\\u2028\\u2029.json\"", "u{i}-\u0085\u2028\u2029.json"),
                    ("\"u{i}-\\0\\a\\u001B\\u007F.json\"", "u{i}-\0\a\u001B\u007F.json"),
                    ("\"u{i}-\\uD800 \\uDFFF.json\"", "u{i}-\uD800 \uDFFF.json"),
                    ("\"u{i}-\\U0001F600 <&> '\\\" --.json\"", "u{i}-\U0001F600 <&> '\" --.json"),
                    ("@\"u{i}-\"\"verbatim\"\" {x}.json\"", "u{i}-\"verbatim\" {x}.json"),
                    ("\"\"\"u{i}-\"raw\" */ .json\"\"\"", "u{i}-\"raw\" */ .json"),
                    ("\"u{i}-\\t\\v\\f\\x41.json\"", "u{i}-\t\v\fA.json")),
                Gen.Frequency((4, Gen.Const(true)), (1, Gen.Const(false))),
                (name, withFile) => (WeightsName?)new WeightsName(name.Item1, name.Item2, withFile))));

        // --- Units and files --------------------------------------------------------------------------------

        /// <summary>Valid by construction when <paramref name="defect"/> is -1; otherwise dimension <paramref name="defect"/> has a defect.</summary>
        private static Gen<Unit> UnitWith(int defect, bool chaos)
        {
            Gen<T> Pick<T>(int dimension, Gen<T> valid, Gen<T> broken, Gen<T> any) =>
                chaos ? any : dimension == defect ? broken : valid;

            var shape = Pick(0, Gen.Const(Shape.Class), DefectShape, Gen.Frequency((6, Gen.Const(Shape.Class)), (1, DefectShape)));
            var name = Pick(1, ValidName, DefectName, Gen.Frequency((3, ValidName), (1, DefectName)));
            var containers = Pick(2, ValidContainers, DefectContainers, AnyContainers);
            var declaration = Pick(3, ValidDeclaration, DefectDeclaration, AnyDeclaration);
            var attribute = Pick(4, ValidAttr, DefectAttr, AnyAttr);
            var baseClass = Pick(5, Gen.OneOf(ValidBases), Gen.OneOf(DefectBases), Gen.Frequency((6, Gen.OneOf(ValidBases)), (3, Gen.OneOf(DefectBases)), (1, Gen.OneOf(HostileBases))));
            var members = Pick(6, ValidMembers, DefectMembers, AnyMembers);
            var otherPart = Pick(7, ValidOtherPart, DefectOtherPart, AnyOtherPart);
            var neighbor = Pick(8, ValidNeighbor, ValidNeighbor, Gen.Frequency((6, ValidNeighbor), (1, Gen.Const("internal sealed class var { }"))));

            var parts = Gen.Select(declaration, attribute, otherPart, ValidAttr, ValidMembers, ExtraAttribute, Gen.Bool, Gen.Bool,
                (d, attr, other, secondAttr, otherMembers, extra, oneList, twoOnFirst) => new PartChoices(d, attr, other, secondAttr, otherMembers, extra, oneList, twoOnFirst));

            var surroundings = Gen.Select(neighbor, BlockNamespace, Weights, (n, ns, w) => (Neighbor: n, Namespace: ns, Weights: w));
            return Gen.Select(shape, name, containers, parts, baseClass, members, surroundings, (sh, n, c, p, b, m, around) =>
                BuildUnit(sh, n, c, p, b, m, around.Neighbor, around.Namespace) with { Weights = sh == Shape.Class ? around.Weights : null });
        }

        /// <summary>Everything drawn about the class's declarations, before they are put together.</summary>
        private sealed record PartChoices(
            Declaration Declaration, Attr Attr, OtherPart Other, Attr SecondAttr, ImmutableArray<Member> OtherMembers, string Extra, bool OneList, bool TwoOnFirst);

        private static Unit BuildUnit(
            Shape shape, string? name, ImmutableArray<Container> containers, PartChoices choices,
            BaseClass baseClass, ImmutableArray<Member> members, string neighbor, string? blockNamespace)
        {
            (Declaration declaration, Attr attr, OtherPart other, Attr secondAttr, ImmutableArray<Member> otherMembers, string extra, bool oneList, bool twoOnFirst) = choices;
            if (shape is Shape.Struct or Shape.RecordStruct or Shape.Interface or Shape.Enum)
            {
                // The attribute where it does not belong: nothing else matters.
                var lone = new Part(declaration.Access, "", shape != Shape.Enum, ImmutableArray.Create(attr), false, "", ImmutableArray<Member>.Empty);
                return new Unit(shape, null, false, containers, ImmutableArray.Create(lone), BaseClass.None, blockNamespace, neighbor);
            }

            var attributes = twoOnFirst ? ImmutableArray.Create(attr, secondAttr) : ImmutableArray.Create(attr);
            var main = new Part(declaration.Access, declaration.Modifiers, declaration.Partial, attributes, oneList, extra, members, declaration.PrimaryParameters);
            // The second part declares none of the first part's members: a member written twice is only an error of
            // the user's code, which generating the class can turn into another (CS0540 into CS8646).
            otherMembers = otherMembers.Where(m => !members.Any(first => first.Template == m.Template)).ToImmutableArray();
            var plain = new Part("", "", true, ImmutableArray<Attr>.Empty, false, "", otherMembers);
            ImmutableArray<Part> parts = other switch
            {
                OtherPart.Plain => ImmutableArray.Create(main, plain),
                OtherPart.CarriesTheAttribute => ImmutableArray.Create(plain, main),
                OtherPart.DuplicateAttribute => ImmutableArray.Create(main, plain with { Attributes = ImmutableArray.Create(secondAttr) }),
                OtherPart.Static => ImmutableArray.Create(main, plain with { Modifiers = "static", Members = ImmutableArray<Member>.Empty }),
                OtherPart.NotPartial => ImmutableArray.Create(main, plain with { Partial = false }),
                _ => ImmutableArray.Create(main),
            };

            return new Unit(shape, name, declaration.Generic, containers, parts, baseClass, blockNamespace, neighbor);
        }

        private const int Dimensions = 9;

        private static readonly Gen<Unit> Units = Gen.Frequency(
            (25, UnitWith(-1, chaos: false)),
            (45, Gen.Int[0, Dimensions - 1].SelectMany(defect => UnitWith(defect, chaos: false))),
            (30, UnitWith(-1, chaos: true)));

        private static readonly Gen<HostileFile> Files = Gen.Select(
            Gen.OneOf<string?>(null, null, null, "A.B", "A.@event"),
            AssemblyAttribute,
            Gen.Frequency((6, Gen.Const(1)), (3, Gen.Const(2)), (1, Gen.Const(3))).SelectMany(n => Units.Array[n, n]),
            (ns, assembly, units) => new HostileFile(ns, assembly, units.ToImmutableArray()));

        // --- Rendering and the oracle -----------------------------------------------------------------------

        public static Sample Render(HostileFile file)
        {
            var text = new StringBuilder();
            text.Append("// A hostile sample for the Backprop generator.\nusing System;\nusing Backprop;\n\n");
            if (file.AssemblyAttribute.Length > 0)
            {
                text.Append(file.AssemblyAttribute).Append("\n\n");
            }

            if (file.FileScopedNamespace is not null)
            {
                text.Append("namespace ").Append(file.FileScopedNamespace).Append(";\n\n");
            }

            var units = ImmutableArray.CreateBuilder<RenderedUnit>();
            var additionalTexts = ImmutableArray.CreateBuilder<AdditionalText>();
            for (int i = 0; i < file.Units.Length; i++)
            {
                Unit unit = WithWeights(file.Units[i], i);
                if (unit.Weights is { WithFile: true } weights && WeightsFile(unit) is { } json)
                {
                    additionalTexts.Add(new InMemoryAdditionalText("/project/Models/" + weights.Characters, json));
                }

                int start = text.Length;
                string? ns = file.FileScopedNamespace is null ? unit.BlockNamespace?.Replace("{i}", Index(i), StringComparison.Ordinal) : null;
                string? namespaceName = PlainName(file.FileScopedNamespace ?? ns);
                RenderUnit(text, unit, i, ns);
                units.Add(new RenderedUnit(
                    i,
                    unit,
                    start,
                    text.Length,
                    HintName(namespaceName, unit, i),
                    unit.Base.IsNetwork ? Prefix(namespaceName) + "Base" + Index(i) + ".g.cs" : null,
                    Expect(unit, i)));
            }

            return new Sample(text.ToString(), units.ToImmutable(), additionalTexts.ToImmutable());
        }

        /// <summary>The unit with its <c>Weights = …</c> (named for its index) added to the attribute the generator reads.</summary>
        private static Unit WithWeights(Unit unit, int index)
        {
            if (unit.Weights is not { } weights)
            {
                return unit;
            }

            weights = weights with
            {
                Literal = weights.Literal.Replace("{i}", Index(index), StringComparison.Ordinal),
                Characters = weights.Characters.Replace("{i}", Index(index), StringComparison.Ordinal),
            };
            int at = unit.Parts.IndexOf(unit.Parts.First(p => p.Attributes.Length > 0));
            Attr attr = unit.Parts[at].Attributes[0];
            attr = attr with { Named = attr.Named.Add(new Named("Weights", weights.Literal, NamedKind.Valid, 0, Characters: weights.Characters)) };
            Part part = unit.Parts[at] with { Attributes = unit.Parts[at].Attributes.SetItem(0, attr) };
            return unit with { Parts = unit.Parts.SetItem(at, part), Weights = weights };
        }

        /// <summary>
        /// A weights file that fits the declaration's network, in the format of docs/model-format.md; null when the
        /// attribute does not make a network (the generator does not read the file then).
        /// </summary>
        private static string? WeightsFile(Unit unit)
        {
            Attr attr = unit.Parts.First(p => p.Attributes.Length > 0).Attributes[0];
            ImmutableArray<int> sizes = attr.Sizes.Values;
            if (!attr.Bindable || sizes.Length < 2 || sizes.Any(size => size is <= 0 or > 64) || attr.HasUnknownEnumValue)
            {
                return null;
            }

            int hidden = attr.HiddenActivation?.Value ?? Sigmoid;
            ImmutableArray<int> list = attr.HiddenActivations;
            var activations = Enumerable.Range(0, sizes.Length - 1)
                .Select(i => i == sizes.Length - 2 ? attr.Output : !list.IsDefault && i < list.Length ? list[i] : hidden)
                .Select(a => a is >= 0 and <= Softmax ? Activations[a] : "Sigmoid")
                .ToArray();
            return TestHelpers.WeightsJson.For(sizes, activations, Losses[attr.Loss], attr.IsDouble);
        }

        private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

        private static string Prefix(string? ns) => ns is null ? "" : ns + ".";

        private static string? PlainName(string? name) => name?.Replace("@", "", StringComparison.Ordinal);

        /// <summary>The class name as written; special names (BP0012, keywords) only for the first unit, so that names stay unique.</summary>
        private static string ClassName(Unit unit, int index) => index == 0 && unit.SpecialName is not null ? unit.SpecialName : "Net" + Index(index);

        private static string HintName(string? ns, Unit unit, int index) =>
            Prefix(ns) + string.Join("+", unit.Containers.Select((_, depth) => ContainerName(index, depth)).Append(PlainName(ClassName(unit, index)))) + ".g.cs";

        private static string ContainerName(int index, int depth) => "Outer" + Index(index) + "x" + depth.ToString(CultureInfo.InvariantCulture);

        private static void RenderUnit(StringBuilder text, Unit unit, int index, string? ns)
        {
            var indent = new StringBuilder();
            void Line(string line) => text.Append(indent).Append(line).Append('\n');

            if (ns is not null)
            {
                Line("namespace " + ns);
                Line("{");
                indent.Append("    ");
            }

            if (index == 0 && unit.Neighbor.Length > 0)
            {
                Line(unit.Neighbor);
            }

            string baseName = "Base" + Index(index);
            if (unit.Base.Declaration.Length > 0)
            {
                Line(unit.Base.Declaration.Replace("{B}", baseName, StringComparison.Ordinal));
            }

            for (int depth = 0; depth < unit.Containers.Length; depth++)
            {
                Container c = unit.Containers[depth];
                Line(Words(c.Access, c.Modifiers, c.Partial ? "partial" : "", c.Keyword, ContainerName(index, depth) + (c.Generic ? "<T" + depth.ToString(CultureInfo.InvariantCulture) + ">" : "")));
                Line("{");
                indent.Append("    ");
            }

            string className = ClassName(unit, index);
            foreach (Part part in unit.Parts)
            {
                if (part.Attributes.Length > 0)
                {
                    Line(part.AttributesInOneList
                        ? "[" + string.Join(", ", part.Attributes.Select(a => a.Render())) + "]"
                        : string.Concat(part.Attributes.Select(a => "[" + a.Render() + "]")));
                }

                if (part.ExtraAttribute.Length > 0)
                {
                    Line(part.ExtraAttribute);
                }

                string keyword = unit.Shape switch
                {
                    Shape.Record => "record",
                    Shape.RecordClass => "record class",
                    Shape.Struct => "struct",
                    Shape.RecordStruct => "record struct",
                    Shape.Interface => "interface",
                    Shape.Enum => "enum",
                    _ => "class",
                };
                string baseList = unit.Base.Reference.Length > 0 && part == unit.Parts[0] ? " : " + unit.Base.Reference.Replace("{B}", baseName, StringComparison.Ordinal) : "";
                string primary = unit.Shape == Shape.Class ? part.PrimaryParameters ?? "" : "";
                Line(Words(part.Access, part.Modifiers, part.Partial ? "partial" : "", keyword, className + (unit.Generic ? "<TNet>" : "") + primary + baseList));
                Line("{");
                if (unit.Shape == Shape.Enum)
                {
                    Line("    A,");
                }

                foreach (Member member in part.Members)
                {
                    Line("    " + member.Render(className));
                }

                Line("}");
            }

            for (int depth = unit.Containers.Length - 1; depth >= 0; depth--)
            {
                indent.Length -= 4;
                Line("}");
            }

            if (ns is not null)
            {
                indent.Length -= 4;
                Line("}");
            }

            text.Append('\n');
        }

        private static string Words(params string[] words) => string.Join(" ", words.Where(w => w.Length > 0));

        /// <summary>
        /// The oracle: what docs/diagnostics.md says must happen to this declaration. Problems with the declaration
        /// and the arguments are all reported together; the collision checks (BP0007, BP0012, BP0013) need a
        /// well-formed network, so they may be reported alongside or withheld until the rest is fixed.
        /// </summary>
        private static Expectation Expect(Unit unit, int index)
        {
            if (unit.Shape is Shape.Struct or Shape.RecordStruct or Shape.Interface or Shape.Enum)
            {
                return Expectation.Quiet; // CS0592: the attribute is valid on classes only.
            }

            // The generator reads the first [Network] of the class; the compiler reports any other (CS0579).
            Part attributed = unit.Parts.First(p => p.Attributes.Length > 0);
            Attr attr = attributed.Attributes[0];
            if (!attr.Bindable)
            {
                return Expectation.CompilerError;
            }

            // A neighbor type of the class's own name is one more part of the class (without 'partial').
            bool neighborIsAPart = index == 0 && unit.Containers.Length == 0
                && unit.Neighbor.Contains(" class " + PlainName(ClassName(unit, index)) + " ", StringComparison.Ordinal);
            if (unit.Base.Unspecified || attr.RepeatsAName || neighborIsAPart || unit.Parts.Any(p => !p.Partial && p != attributed)
                || (unit.Parts.Length > 1 && unit.Parts.Any(p => p.Has("file"))))
            {
                return Expectation.Unspecified;
            }

            ImmutableArray<int> sizes = attr.Sizes.Values;
            bool hasPrimaryConstructor = attributed.PrimaryParameters is not null;

            // Problems of the class itself, which can then take no member (nothing is generated), and of the
            // attribute's arguments, which leave a class that takes a stand-in.
            var classProblems = new HashSet<string>(StringComparer.Ordinal);
            var argumentProblems = new HashSet<string>(StringComparer.Ordinal);
            var mayAlsoReport = new HashSet<string>(StringComparer.Ordinal);
            void ClassProblem(bool when, string id)
            {
                if (when)
                {
                    classProblems.Add(id);
                }
            }

            void Problem(bool when, string id)
            {
                if (when)
                {
                    argumentProblems.Add(id);
                }
            }

            ClassProblem(!attributed.Partial, "BP0001");
            ClassProblem(unit.Containers.Any(c => !c.Partial), "BP0002");
            Problem(sizes.Length < 2, "BP0003");
            Problem(sizes.Any(s => s <= 0), "BP0004");
            ClassProblem(unit.Generic, "BP0005");
            bool isStatic = unit.Parts.Any(p => p.Has("static")); // 'static' on any part makes the class static
            ClassProblem(isStatic, "BP0006");
            Problem(sizes.Length >= 2 && sizes.All(s => s > 0) && TooLarge(sizes, attr), "BP0008");
            Problem(sizes.Length >= 2 && sizes.All(s => s > 0) && !TooLarge(sizes, attr) && NeedsTooMuchStack(sizes, attr), "BP0026");
            Problem(attr.HasUnknownEnumValue, "BP0009");

            // The model rules (BP0021 to BP0025), which judge the values that are known. Next to an unknown value
            // (BP0009) nothing says whether they are checked, so they may be reported then, but need not be.
            var warnings = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
            foreach ((string id, Rule rule) in ModelProblems(attr, sizes))
            {
                if (attr.HasUnknownEnumValue || rule == Rule.MayReport)
                {
                    mayAlsoReport.Add(id);
                }
                else if (rule == Rule.Warning)
                {
                    warnings = warnings.Add(id);
                }
                else
                {
                    argumentProblems.Add(id);
                }
            }

            ClassProblem(unit.Containers.Any(c => c.Generic), "BP0010");
            ClassProblem(unit.Shape is Shape.Record or Shape.RecordClass, "BP0011");
            ClassProblem(attributed.Has("file") || unit.Containers.Any(c => c.Modifiers == "file"), "BP0016");
            ClassProblem(attributed.ExtraAttribute.Contains("ComImport", StringComparison.Ordinal), "BP0035");
            ClassProblem(attributed.ExtraAttribute.Contains("LayoutKind.Explicit", StringComparison.Ordinal), "BP0036");

            // A static class has no base class (CS0713), so the base network is not seen there either.
            ClassProblem(unit.Base.IsNetwork && !isStatic, "BP0019");
            if (unit.Base.IsNetwork && isStatic)
            {
                mayAlsoReport.Add("BP0019");
            }

            // A static class may not have a base class at all (CS0713); whether the base's constructors are then
            // checked too is not specified. A primary constructor passes the base its own arguments.
            ClassProblem(unit.Base.LacksParameterlessConstructor && !isStatic && !hasPrimaryConstructor, "BP0018");
            if (unit.Base.LacksParameterlessConstructor && isStatic)
            {
                mayAlsoReport.Add("BP0018");
            }

            // The collisions with generated members, checked whenever the class can take members, whatever the
            // arguments: the network's members, or its stand-in's, would collide.
            var collisions = new HashSet<string>(StringComparer.Ordinal);
            var facts = new Facts(sizes.Length, attr.IsDouble, hasPrimaryConstructor);
            string name = PlainName(ClassName(unit, index))!;
            if (GeneratedNames.Contains(name, StringComparer.Ordinal) || IsLayerSize(name, facts.Layers))
            {
                collisions.Add("BP0012");
            }

            if (unit.Parts.SelectMany(p => p.Members).Any(m => m.Collides(facts)))
            {
                collisions.Add("BP0007");
            }

            if (unit.Base.Collides(facts))
            {
                collisions.Add("BP0013");
            }

            // BP0037: the seed of the primary constructor, read by a member, cannot be read by the initializer too.
            if (attributed.PrimaryParameters is "(int seed)" or "(string name, int seed)" && unit.Parts.SelectMany(p => p.Members).Any(m => m.CapturesSeed))
            {
                warnings = warnings.Add("BP0037");
            }

            if (classProblems.Count > 0)
            {
                var allowed = classProblems.Union(argumentProblems).Union(collisions).Union(mayAlsoReport).ToImmutableHashSet();
                return new Expectation(Outcome.Errors, classProblems.Union(argumentProblems).ToImmutableHashSet(), allowed, ImmutableSortedSet<string>.Empty);
            }

            if (collisions.Count > 0 || argumentProblems.Count > 0)
            {
                var required = collisions.Union(argumentProblems).ToImmutableHashSet();
                return new Expectation(Outcome.Errors, required, required.Union(mayAlsoReport), ImmutableSortedSet<string>.Empty, StandIn: collisions.Count == 0);
            }

            // The network is sound; its weights file, if it names one, must be there (BP0027), and is then baked in.
            if (unit.Weights is { } weights && !(weights.WithFile && WeightsFile(unit) is not null))
            {
                return new Expectation(Outcome.Errors, ImmutableHashSet.Create("BP0027"), ImmutableHashSet.Create("BP0027"), ImmutableSortedSet<string>.Empty, StandIn: true);
            }

            if (unit.Parts.SelectMany(p => p.Members).Any(m => m.LeavesParametersAtZero))
            {
                warnings = warnings.Add("BP0017");
            }

            return new Expectation(Outcome.Generated, ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty, warnings);
        }

        /// <summary>
        /// The rules of docs/diagnostics.md for the activations and the loss, and whether each is a warning:
        /// <list type="bullet">
        /// <item>BP0025, HiddenActivation and HiddenActivations both written (a null list is not written);</item>
        /// <item>BP0022, a list whose length is not the number of hidden layers (next to BP0025 unspecified);</item>
        /// <item>BP0024, the softmax in either hidden form, hidden layers or not;</item>
        /// <item>BP0023, a softmax output on a single output neuron;</item>
        /// <item>BP0021, cross-entropy without a softmax output, binary cross-entropy without a sigmoid output;</item>
        /// <item>BP0020 (warning), a softmax output of two neurons or more with the quadratic cost.</item>
        /// </list>
        /// The rules on the output layer need one: with fewer than two sizes (BP0003) they do not apply.
        /// </summary>
        private static IEnumerable<(string Id, Rule Rule)> ModelProblems(Attr attr, ImmutableArray<int> sizes)
        {
            ImmutableArray<int> list = attr.HiddenActivations;
            bool bothForms = !list.IsDefault && attr.HiddenActivation is not null;
            if (bothForms)
            {
                yield return ("BP0025", Rule.Error);
            }

            if (!list.IsDefault && sizes.Length >= 2 && list.Length != sizes.Length - 2)
            {
                yield return ("BP0022", bothForms ? Rule.MayReport : Rule.Error);
            }

            if ((!list.IsDefault && list.Contains(Softmax)) || attr.HiddenActivation?.Value == Softmax)
            {
                yield return ("BP0024", Rule.Error);
            }

            int outputs = sizes.Length >= 2 ? sizes[^1] : 0;
            if (attr.Output == Softmax && outputs == 1)
            {
                yield return ("BP0023", Rule.Error);
            }

            if ((attr.Loss == CrossEntropy && attr.Output != Softmax) || (attr.Loss == BinaryCrossEntropy && attr.Output != Sigmoid))
            {
                yield return ("BP0021", Rule.Error);
            }

            if (attr.Loss == MeanSquaredError && attr.Output == Softmax && outputs > 1)
            {
                yield return ("BP0020", Rule.Warning);
            }
        }

        /// <summary>How the oracle holds the generator to a rule that applies.</summary>
        private enum Rule { Error, Warning, MayReport }

        private static bool IsLayerSize(string name, int layers) =>
            Enumerable.Range(1, layers).Any(l => name == "Layer" + l.ToString(CultureInfo.InvariantCulture) + "Size");

        /// <summary>
        /// BP0008's bound, computed as the generator documents it in NetworkLimits (IL instructions and locals, for the
        /// shapes the generator picks); a softmax output or binary cross-entropy keeps the output's weighted sums in
        /// locals, which costs more.
        /// </summary>
        private static bool TooLarge(ImmutableArray<int> sizes, Attr attr)
        {
            bool keepsOutputSums = KeepsOutputSums(attr);
            Models.LayerShape[] shapes = Models.ShapePlanner.Choose(sizes, Models.CodeShape.Automatic, keepsOutputSums);
            return Models.NetworkLimits.CountParameters(sizes) > Models.NetworkLimits.MaxParameters
                || (!NeedsTooMuchStack(sizes, attr) && !Models.NetworkLimits.Fits(sizes, shapes, keepsOutputSums));
        }

        /// <summary>BP0026's bound: the stack buffers of one call, for the shapes the generator picks, in the network's number type.</summary>
        private static bool NeedsTooMuchStack(ImmutableArray<int> sizes, Attr attr) =>
            Models.NetworkLimits.StackBytes(sizes, Models.ShapePlanner.Choose(sizes, Models.CodeShape.Automatic, KeepsOutputSums(attr)), attr.IsDouble ? 8 : 4)
                > Models.NetworkLimits.MaxStackBytes;

        private static bool KeepsOutputSums(Attr attr) => attr.Output == Softmax || attr.Loss == BinaryCrossEntropy;
    }

    /// <summary>Runs the generator over one sample and checks every property and the oracle's prediction.</summary>
    internal static class SampleChecker
    {
        /// <summary>How a stand-in's file begins (docs/diagnostics.md): a class whose attribute has errors.</summary>
        private const string StandInHeader = "// A stand-in written by the Backprop source generator";

        public static void Check(Sample sample, string seed, List<Failure> failures, Dictionary<string, int> outcomes)
        {
            void Fail(string category, string detail) => failures.Add(new Failure(category, detail, seed, sample.Source));

            // The harness's strict compilation, built on one thread: the samples already run in parallel.
            CSharpCompilation input = GeneratorHarness.CreateCompilation(sample.Source)
                .WithOptions(GeneratorHarness.StrictOptions.WithConcurrentBuild(false));
            GeneratorRun run;
            try
            {
                run = GeneratorHarness.Run(input, additionalTexts: sample.AdditionalTexts);
            }
            catch (Exception exception)
            {
                Fail("an exception escaped the generator: " + exception.GetType().Name, exception.ToString());
                return;
            }

            foreach (Exception exception in run.Result.Results.Select(r => r.Exception).OfType<Exception>())
            {
                Fail("the generator threw " + exception.GetType().Name, exception.ToString());
            }

            foreach (Diagnostic diagnostic in run.GeneratorDiagnostics.Where(d => d.Id is "CS8785" or "AD0001" or "BP0099"))
            {
                Fail(diagnostic.Id + " reported", diagnostic.ToString());
            }

            if (run.GeneratorDiagnostics.Any(d => d.Id == "CS8785"))
            {
                // A crashed generator contributes nothing at all: every other check would only repeat the crash.
                outcomes["crash (CS8785)"] = outcomes.GetValueOrDefault("crash (CS8785)") + 1;
                return;
            }

            // Every BP diagnostic and every file belongs to one declaration of the sample.
            var diagnosticsOf = sample.Units.ToDictionary(u => u.Index, _ => new List<Diagnostic>());
            foreach (Diagnostic diagnostic in run.GeneratorDiagnostics.Where(d => d.Id.StartsWith("BP", StringComparison.Ordinal)))
            {
                RenderedUnit? owner = sample.Units.FirstOrDefault(u => u.Contains(diagnostic.Location));
                if (owner is null)
                {
                    Fail(diagnostic.Id + " outside every declaration", diagnostic.ToString());
                    continue;
                }

                diagnosticsOf[owner.Index].Add(diagnostic);
            }

            var filesOf = sample.Units.ToDictionary(u => u.Index, _ => 0);
            var standInsOf = sample.Units.ToDictionary(u => u.Index, _ => 0);
            foreach (GeneratedSourceResult file in run.GeneratedSources)
            {
                RenderedUnit? owner = sample.Units.FirstOrDefault(u => u.HintName == file.HintName);
                if (owner is not null)
                {
                    filesOf[owner.Index]++;
                    if (file.SourceText.ToString().Contains(StandInHeader, StringComparison.Ordinal))
                    {
                        standInsOf[owner.Index]++;
                    }
                }
                else if (!sample.Units.Any(u => u.ExtraHintName == file.HintName))
                {
                    Fail("a file for no declaration", file.HintName);
                }
            }

            ImmutableArray<Diagnostic>? inputDiagnostics = null;
            ImmutableArray<Diagnostic> InputDiagnostics() => inputDiagnostics ??= AboveHidden(input);

            foreach (RenderedUnit unit in sample.Units)
            {
                var errors = diagnosticsOf[unit.Index].Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).ToImmutableSortedSet(StringComparer.Ordinal);
                var warnings = diagnosticsOf[unit.Index].Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => d.Id).ToImmutableSortedSet(StringComparer.Ordinal);
                int files = filesOf[unit.Index];
                bool standIn = standInsOf[unit.Index] == 1;
                string actual = files > 1 ? files.ToString(CultureInfo.InvariantCulture) + " files"
                    : files == 1 && !standIn ? "generated" + (warnings.IsEmpty ? "" : " + " + string.Join("+", warnings))
                    : (standIn ? "stand-in for " : "") + (errors.IsEmpty ? "quiet" : string.Join("+", errors));
                outcomes[actual] = outcomes.GetValueOrDefault(actual) + 1;

                if (files > 1)
                {
                    Fail("two files for one class", unit.HintName);
                }

                // A network where there is no error; a stand-in, or nothing, where there is one.
                if (files > 0 && errors.IsEmpty == standIn)
                {
                    Fail(standIn ? "a stand-in for a class without errors" : "a BP error and a network for the same class", string.Join(", ", errors));
                }

                Expectation expected = unit.Expected;
                bool matches = expected.Outcome switch
                {
                    Outcome.Generated => files == 1 && !standIn && errors.IsEmpty && warnings.SetEquals(expected.Warnings),
                    Outcome.Errors => files == (expected.StandIn ? 1 : 0) && expected.Required.IsSubsetOf(errors) && errors.IsSubsetOf(expected.Allowed),
                    Outcome.Quiet => files == 0 && diagnosticsOf[unit.Index].Count == 0,
                    _ => true,
                };
                if (!matches)
                {
                    Fail("expected " + expected + ", got " + actual,
                        "declaration #" + unit.Index.ToString(CultureInfo.InvariantCulture) + " of the sample; the generator reported:\n"
                        + string.Join("\n", diagnosticsOf[unit.Index].Select(d => d.ToString())));
                }

                // A quiet generator is right only if the compiler does say something about the declaration.
                if (expected.Outcome is Outcome.Quiet or Outcome.CompilerError && !InputDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error && unit.Contains(d.Location)))
                {
                    Fail("expected a compiler error, but the compiler finds none", unit.Unit.ToString());
                }
            }

            // Generated code compiles clean: no diagnostic in a generated file, and no error where the input had none.
            // (User code may have its own errors, and some go away: a ': this(seed)' binds only once generated; some
            // change: an explicit implementation written twice is CS0540 before the interface is implemented and
            // CS8646 after. A new warning in user code is the user's: a member of theirs that hides a generated member
            // of a base network.)
            if (run.GeneratedSources.Length > 0)
            {
                var before = InputDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(Key).ToHashSet(StringComparer.Ordinal);
                var added = AboveHidden(run.Output)
                    .Where(d => d.Location.SourceTree?.FilePath != "Networks.cs" || (d.Severity == DiagnosticSeverity.Error && !before.Contains(Key(d))))
                    .ToList();
                if (added.Count > 0)
                {
                    Fail("the generated code adds " + string.Join(", ", added.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal)),
                        string.Join("\n", added.Take(10).Select(d => d.ToString())));
                }
            }
        }

        private static ImmutableArray<Diagnostic> AboveHidden(Compilation compilation) =>
            compilation.GetDiagnostics().Where(d => d.Severity > DiagnosticSeverity.Hidden).ToImmutableArray();

        /// <summary>Where a diagnostic is: an error in user code is new only where the input had none.</summary>
        private static string Key(Diagnostic d) => d.Location.SourceTree?.FilePath + "|" + d.Location.SourceSpan.ToString();
    }
}
