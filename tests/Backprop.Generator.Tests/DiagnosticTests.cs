using System.Linq;
using Backprop.Generator.Tests.TestHelpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Backprop.Generator.Tests;

/// <summary>
/// Every diagnostic the generator reports, from a declaration that triggers it: the snapshot records the
/// id, severity, the exact text the location covers, and the message.
/// </summary>
public class DiagnosticTests
{
    public static TheoryData<string> Cases => new(DiagnosticCases.All.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports(string name)
    {
        DiagnosticCase @case = DiagnosticCases.All[name];
        CSharpCompilation compilation = @case.Compilation ?? GeneratorHarness.CreateCompilation(@case.Source, @case.LanguageVersion);

        GeneratorRun run = GeneratorHarness.Run(compilation, additionalTexts: @case.AdditionalTexts);

        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == @case.ExpectedId);
        Assert.All(run.GeneratorDiagnostics, d => Assert.StartsWith("BP", d.Id, System.StringComparison.Ordinal));
        Assert.All(run.GeneratorDiagnostics, d => Assert.NotEqual(Location.None, d.Location));
        Assert.All(run.GeneratorDiagnostics, d => Assert.EndsWith("docs/diagnostics.md#" + d.Id.ToLowerInvariant(), d.Descriptor.HelpLinkUri, System.StringComparison.Ordinal));
        if (run.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            // No network for the class in error; other networks of the project are still generated. An error in the
            // attribute's arguments leaves a stand-in that compiles clean, so that the class's uses compile too.
            GeneratedSourceResult? file = run.GeneratedSources.Cast<GeneratedSourceResult?>().FirstOrDefault(s => s!.Value.HintName == @case.DiagnosedClass + ".g.cs");
            if (StandInTests.ArgumentErrors.Contains(@case.ExpectedId) && @case.ExpectedId is not ("BP0014" or "BP0015"))
            {
                Assert.NotNull(file);
                Assert.Contains("// A stand-in written by the Backprop source generator", file.Value.SourceText.ToString(), System.StringComparison.Ordinal);
                DiagnosticText.AssertNone(run.Output.GetDiagnostics().Where(d => d.Location.SourceTree?.FilePath != "Networks.cs" && d.Severity > DiagnosticSeverity.Hidden));
            }
            else
            {
                Assert.Null(file);
            }
        }
        else
        {
            // A warning leaves the network usable: it is generated and compiles.
            Assert.Single(run.GeneratedSources);
            Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        }

        Snapshot.VerifyText(DiagnosticText.Format(run.GeneratorDiagnostics, @case.Source), parameters: name);
    }

    /// <summary>
    /// The model checks point at the argument to change, which the snapshots record too; this says which one
    /// each must be, so that a snapshot accepted with the wrong location fails here.
    /// </summary>
    [Theory]
    [InlineData("BP0009_unknown_loss_and_hidden_activations_entry", "BP0009", "HiddenActivations = ", "HiddenActivations[1] = 42 is not a value of Activation")]
    [InlineData("BP0009_unknown_loss_and_hidden_activations_entry", "BP0009", "Loss = ", "Loss = 9 is not a value of Loss; use one of MeanSquaredError, CrossEntropy, BinaryCrossEntropy")]
    [InlineData("BP0020_softmax_with_mean_squared_error", "BP0020", "OutputActivation = Activation.Softmax", "set Loss = Loss.CrossEntropy")]
    [InlineData("BP0021_cross_entropy_with_a_sigmoid_output", "BP0021", "Loss = Loss.CrossEntropy", "set OutputActivation = Activation.Softmax; for independent yes/no outputs with a sigmoid, use Loss = Loss.BinaryCrossEntropy")]
    [InlineData("BP0021_cross_entropy_with_a_linear_output", "BP0021", "Loss = Loss.CrossEntropy", "but OutputActivation is Linear; set OutputActivation = Activation.Softmax")]
    [InlineData("BP0021_binary_cross_entropy_with_a_softmax_output", "BP0021", "Loss = Loss.BinaryCrossEntropy", "set OutputActivation = Activation.Sigmoid; for one class out of several with a softmax, use Loss = Loss.CrossEntropy")]
    [InlineData("BP0022_fewer_activations_than_hidden_layers", "BP0022", "HiddenActivations = ", "HiddenActivations lists 1 activation, but the network has 2 hidden layers")]
    [InlineData("BP0022_activations_without_hidden_layers", "BP0022", "HiddenActivations = ", "HiddenActivations lists 2 activations, but the network has 0 hidden layers")]
    [InlineData("BP0023_softmax_with_one_output", "BP0023", "OutputActivation = Activation.Softmax", "A softmax over a single output neuron")]
    [InlineData("BP0024_softmax_as_hidden_activation", "BP0024", "HiddenActivation = Activation.Softmax", "Softmax can only be the output activation")]
    [InlineData("BP0024_softmax_in_hidden_activations", "BP0024", "HiddenActivations = ", "Softmax can only be the output activation")]
    [InlineData("BP0025_hidden_activation_and_hidden_activations", "BP0025", "HiddenActivations = ", "Both HiddenActivation and HiddenActivations are set")]
    [InlineData("BP0025_both_forms_each_with_softmax", "BP0024", "HiddenActivation = Activation.Softmax", "Softmax can only be the output activation")]
    [InlineData("BP0025_both_forms_each_with_softmax", "BP0024", "HiddenActivations = ", "Softmax can only be the output activation")]
    [InlineData("BP0038_dropout_rates_for_three_of_two_hidden_layers", "BP0038", "Dropout = ", "Dropout lists 3 rates, but the network has 2 hidden layers")]
    [InlineData("BP0038_dropout_without_a_rate", "BP0038", "Dropout = ", "Dropout lists no rate, but the network has 2 hidden layers")]
    [InlineData("BP0039_dropout_rates_negative_and_one", "BP0039", "-0.1", "Dropout[0] is -0.1, which is not a dropout rate")]
    [InlineData("BP0039_dropout_rates_negative_and_one", "BP0039", "1.0", "Dropout[1] is 1, which is not a dropout rate")]
    [InlineData("BP0039_dropout_rate_not_a_number", "BP0039", "double.NaN", "Dropout[0] is NaN, which is not a dropout rate")]
    [InlineData("BP0040_dropout_without_a_hidden_layer", "BP0040", "Dropout = ", "the network [4, 3] has no hidden layer")]
    public void Model_checks_point_at_the_argument_to_change(string name, string id, string argumentStart, string messagePart)
    {
        DiagnosticCase @case = DiagnosticCases.All[name];

        GeneratorRun run = GeneratorHarness.Run(@case.Source);

        Assert.Single(run.GeneratorDiagnostics, d =>
            d.Id == id
            && @case.Source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length).StartsWith(argumentStart, System.StringComparison.Ordinal)
            && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(messagePart, System.StringComparison.Ordinal));
    }

    [Fact]
    public void Every_descriptor_has_a_case_and_a_line_in_the_docs_and_release_notes()
    {
        var descriptors = typeof(NetworkGenerator).Assembly
            .GetType("Backprop.Generator.Diagnostics.DiagnosticDescriptors", throwOnError: true)!
            .GetFields()
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();
        string docs = System.IO.File.ReadAllText(RepositoryFile("docs/diagnostics.md"));
        string releases = System.IO.File.ReadAllText(RepositoryFile("src/Backprop.Generator/AnalyzerReleases.Unshipped.md"));
        var covered = DiagnosticCases.All.Values.Select(c => c.ExpectedId).ToHashSet();

        Assert.All(descriptors, d =>
        {
            Assert.Contains("## " + d.Id, docs, System.StringComparison.Ordinal);
            Assert.Contains(d.Id + " | Backprop | " + d.DefaultSeverity, releases, System.StringComparison.Ordinal);
            // BP0099 reports a bug in the generator, which no declaration can trigger on purpose: a test with a failing emitter covers it.
            Assert.True(d.Id == "BP0099" || covered.Contains(d.Id), d.Id + " has no test case");
        });
    }

    [Fact]
    public void The_INeuralNetwork_properties_reserved_for_BP0007_are_those_the_generated_class_implements_explicitly()
    {
        string generated = Backprop.Generator.Emitting.NetworkEmitter.Emit(TestModels.Network("Tiny", new[] { 3, 4, 2 }));

        var implemented = System.Text.RegularExpressions.Regex.Matches(generated, @" global::Backprop\.INeuralNetwork\.(\w+) =>")
            .Select(m => m.Groups[1].Value)
            .OrderBy(n => n, System.StringComparer.Ordinal);
        Assert.Equal(Backprop.Generator.Models.GeneratedMembers.ExplicitInterfaceProperties.Select(p => p.Name).OrderBy(n => n, System.StringComparer.Ordinal), implemented);
    }

    [Fact]
    public void An_emitter_failure_is_reported_on_its_class_and_spares_the_other_networks()
    {
        const string Source = "using Backprop;\n\n[Network(3, 4, 2)]\ninternal partial class Tiny { }\n\n[Network(2, 2)]\ninternal partial class Other { }\n";
        var failing = new NetworkGenerator(model => model.ClassName == "Tiny"
            ? throw new System.InvalidOperationException("a bug")
            : Backprop.Generator.Emitting.NetworkEmitter.Emit(model));

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Source), generator: failing);

        Diagnostic failure = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BP0099", failure.Id);
        Assert.Equal("Tiny", Source[failure.Location.SourceSpan.Start..failure.Location.SourceSpan.End]);
        Assert.Equal("Networks.cs", failure.Location.GetLineSpan().Path);
        Assert.Contains("'Tiny'", failure.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: a bug", failure.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Equal("Other.g.cs", Assert.Single(run.GeneratedSources).HintName);
    }

    private static string RepositoryFile(string relative, [System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(here)!, "..", "..", relative);
}
