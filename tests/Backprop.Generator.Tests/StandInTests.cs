using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Backprop.Generator.Tests.TestHelpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Backprop.Generator.Tests;

/// <summary>
/// When a <c>[Network]</c> attribute has errors but the class could take the generated members, the generator
/// writes a stand-in: the constants as written and every member of <c>INeuralNetwork&lt;T&gt;</c>, each throwing.
/// The class's uses then compile, and the error list holds the BP errors alone instead of a cascade of
/// CS0117, CS1061 and CS1739 on every use (docs/diagnostics.md).
/// </summary>
public class StandInTests
{
    /// <summary>The errors in the attribute's arguments or its weights file: the class itself is sound, so a stand-in is written.</summary>
    public static readonly ImmutableHashSet<string> ArgumentErrors = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "BP0003", "BP0004", "BP0008", "BP0009", "BP0021", "BP0022", "BP0023", "BP0024", "BP0025", "BP0026",
        "BP0027", "BP0028", "BP0029", "BP0030", "BP0031", "BP0032", "BP0033", "BP0034",
        "BP0038", "BP0039", "BP0040");

    /// <summary>Code that uses a network the way the README does: constants, constructors, members, the interface, the trainer.</summary>
    private const string Uses = """

        internal static class Uses
        {
            public static {T} Run()
            {
                var net = new Tiny(seed: 1);
                var plain = new Tiny();
                {T}[] input = new {T}[Tiny.InputSize];
                {T}[] output = new {T}[Tiny.OutputSize];
                net.Forward(input, output);
                net.ForwardBatch(input, output);
                {T} cost = net.TrainStep(input, output, 0.1f) + net.TrainBatch(input, output, 0.1f);
                {T}[] gradient = new {T}[Tiny.ParameterCount];
                cost += net.Backward(input, output, gradient);
                net.Weight(2, 0, 0) = 1f;
                net.Bias(2, 0) += net.Parameters[0];
                net.InitializeParameters(Tiny.Layer2Size);
                INeuralNetwork<{T}> network = plain;
                var trainer = new Backprop.Training.Trainer<{T}>(network, new Backprop.Training.Sgd(network, 0.1));
                return cost + network.InputSize + (int)network.GetActivation(2) + trainer.BatchSize;
            }
        }
        """;

    public static TheoryData<string> Cases => new(DiagnosticCases.All
        .Where(c => ArgumentErrors.Contains(c.Value.ExpectedId) && c.Value.DiagnosedClass == "Tiny" && c.Value.Compilation is null)
        .Select(c => c.Key));

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_uses_of_a_network_whose_attribute_has_errors_compile_and_only_the_BP_errors_show(string name)
    {
        DiagnosticCase @case = DiagnosticCases.All[name];
        string source = @case.Source + Uses.Replace("{T}", @case.Source.Contains("Precision.Double", StringComparison.Ordinal) ? "double" : "float", StringComparison.Ordinal);

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(source, @case.LanguageVersion), additionalTexts: @case.AdditionalTexts);

        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == @case.ExpectedId);
        Assert.Contains(run.GeneratedSources, s => s.HintName == "Tiny.g.cs");

        // Nothing from the compiler in the stand-in, and no error in the user's code, but for what the sizes as written
        // do to it: with fewer than two sizes a constant is missing (CS0117), a negative one cannot size an array
        // (CS0248), int.MaxValue overflows a constant sum (CS0220).
        IEnumerable<Diagnostic> compiler = run.CompilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || d.Location.SourceTree?.FilePath != "Networks.cs");
        bool sizesInvalid = @case.ExpectedId is "BP0003" or "BP0004" or "BP0008";
        DiagnosticText.AssertNone(compiler.Where(d => !(sizesInvalid && d.Id is "CS0117" or "CS0248" or "CS0220" && d.Location.SourceTree?.FilePath == "Networks.cs")));
    }

    /// <summary>A network whose <c>Dropout</c> argument has an error is still an IDropoutNetwork to the code that uses it.</summary>
    [Theory]
    [InlineData("BP0038_dropout_rates_for_three_of_two_hidden_layers")]
    [InlineData("BP0039_dropout_rates_negative_and_one")]
    [InlineData("BP0040_dropout_without_a_hidden_layer")]
    public void The_uses_of_DropoutRandom_compile_when_the_Dropout_argument_has_errors(string name)
    {
        DiagnosticCase @case = DiagnosticCases.All[name];
        const string DropoutUses = """

            internal static class DropoutUses
            {
                public static ulong Run()
                {
                    var net = new Tiny(seed: 1);
                    net.DropoutRandom = new DeterministicRandom(2);
                    IDropoutNetwork dropout = net;
                    return dropout.DropoutRandom.State;
                }
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(@case.Source + DropoutUses));

        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == @case.ExpectedId);
        Assert.Contains("global::Backprop.IDropoutNetwork", run.Source("Tiny.g.cs"), StringComparison.Ordinal);
        DiagnosticText.AssertNone(run.CompilerDiagnostics);
    }

    [Fact]
    public void Classes_that_cannot_take_members_get_no_stand_in()
    {
        foreach ((string name, DiagnosticCase @case) in DiagnosticCases.All.Where(c => !ArgumentErrors.Contains(c.Value.ExpectedId)))
        {
            CSharpCompilation compilation = @case.Compilation ?? GeneratorHarness.CreateCompilation(@case.Source, @case.LanguageVersion);
            GeneratorRun run = GeneratorHarness.Run(compilation, additionalTexts: @case.AdditionalTexts);

            Assert.True(
                run.GeneratorDiagnostics.All(d => d.Severity != DiagnosticSeverity.Error)
                || !run.GeneratedSources.Any(s => s.HintName == @case.DiagnosedClass + ".g.cs"),
                name + " got a file");
        }
    }

    [Fact]
    public void A_stand_in_snapshot()
    {
        const string Source = """
            using Backprop;

            namespace MyGame;

            /// <summary>A network with a size of zero.</summary>
            [Network(3, 0, 2, Precision = Precision.Double)]
            public partial class Tiny { }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source);

        Diagnostic error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BP0004", error.Id);
        DiagnosticText.AssertNone(run.CompilerDiagnostics);
        GeneratedSourceResult file = Assert.Single(run.GeneratedSources);
        Snapshot.VerifyGeneratedFile(file.HintName, file.SourceText.ToString());
    }

    [Fact]
    public void Every_member_of_a_stand_in_throws_and_names_the_errors()
    {
        // The build fails on the BP errors, so a stand-in runs only where they were silenced (severity none).
        const string Source = "using Backprop;\n\n[Network(3, 0, 2, Loss = Loss.CrossEntropy)]\npublic partial class Tiny { }\n";
        Assembly assembly = GeneratorHarness.Load(GeneratorHarness.Run(Source).Output);
        Type type = assembly.GetType("Tiny", throwOnError: true)!;

        var e = Assert.Throws<TargetInvocationException>(() => Activator.CreateInstance(type, 7));

        var inner = Assert.IsType<InvalidOperationException>(e.InnerException);
        Assert.Equal("Backprop did not generate Tiny: its [Network] attribute has errors (BP0004, BP0021), which the build reports. Fix them and build again.", inner.Message);
        Assert.Equal(3, type.GetField("LayerCount")!.GetValue(null));
        Assert.Equal(0, type.GetField("Layer2Size")!.GetValue(null));
        Assert.Null(type.GetField("ParameterCount"));
    }

    [Fact]
    public void A_stand_in_follows_a_primary_constructor_and_a_missing_weights_file()
    {
        const string Source = """
            using Backprop;

            [Network(2, 3, 1, Weights = "missing.json")]
            internal partial class Tiny(string name)
            {
                public string Name => name;
            }

            internal static class Uses
            {
                public static int Run() => new Tiny("x").Name.Length + Tiny.ParameterCount;
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source);

        Assert.Equal("BP0027", Assert.Single(run.GeneratorDiagnostics).Id);
        DiagnosticText.AssertNone(run.CompilerDiagnostics);
        Assert.DoesNotContain("Tiny(", run.Source("Tiny.g.cs"), StringComparison.Ordinal);
    }
}
