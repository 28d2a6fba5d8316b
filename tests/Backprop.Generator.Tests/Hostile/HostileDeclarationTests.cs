using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Backprop.Generator.Tests.TestHelpers;
using CsCheck;
using Microsoft.CodeAnalysis;
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
