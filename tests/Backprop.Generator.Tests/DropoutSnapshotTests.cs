using System.Linq;
using Backprop.Generator.Tests.TestHelpers;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Backprop.Generator.Tests;

/// <summary>
/// Networks with dropout in each code shape, generated in memory from source, compiled with every warning on
/// (level 9999, nullable, documentation), and snapshotted: unrolled, vector loops with the four-row pass, both
/// shapes in one network, and a linear hidden layer (whose mask is its own factor in eq. 4′).
/// </summary>
public class DropoutSnapshotTests
{
    [Fact]
    public void Unrolled_with_one_rate_for_every_hidden_layer()
    {
        VerifyRun("""
            using Backprop;

            namespace MyGame;

            /// <summary>A small network with dropout.</summary>
            [Network(3, 4, 3, 2, Dropout = new[] { 0.2 })]
            public partial class Tiny { }
            """);
    }

    [Fact]
    public void Vector_loops_with_the_four_row_pass()
    {
        VerifyRun("""
            using Backprop;

            namespace MyGame;

            /// <summary>A network of loops with dropout in each hidden layer.</summary>
            [Network(8, 16, 12, 4, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy, CodeShape = CodeShape.VectorLoops, Dropout = new[] { 0.5, 0.25 })]
            public partial class Wide { }
            """);
    }

    [Fact]
    public void Both_shapes_in_double_precision_with_dropout_in_one_layer()
    {
        VerifyRun("""
            using Backprop;

            namespace MyGame;

            /// <summary>Layer 2 as loops, layer 3 unrolled; dropout in the first hidden layer only.</summary>
            [Network(6, 16, 3, 2, HiddenActivations = new[] { Activation.ReLU, Activation.Sigmoid }, Precision = Precision.Double, Dropout = new[] { 0.1, 0.0 })]
            public partial class Mixed { }
            """);
    }

    [Fact]
    public void Linear_and_leaky_hidden_layers()
    {
        VerifyRun("""
            using Backprop;

            namespace MyGame;

            /// <summary>A linear hidden layer takes its mask as its factor in eq. 4′.</summary>
            [Network(2, 3, 3, 1, HiddenActivations = new[] { Activation.Linear, Activation.LeakyReLU }, OutputActivation = Activation.Linear, Dropout = new[] { 0.3, 0.6 })]
            public partial class Regressor { }
            """);
    }

    /// <summary>A rate of 0 is no dropout: rates that are all 0 generate, to the character, the network without <c>Dropout</c>.</summary>
    [Fact]
    public void Rates_of_zero_generate_the_network_without_dropout()
    {
        static string Generate(string arguments) =>
            Assert.Single(GeneratorHarness.Run($"using Backprop;\n\n[Network({arguments})]\npublic partial class Tiny {{ }}\n").GeneratedSources).SourceText.ToString();

        string without = Generate("3, 4, 3, 2");
        Assert.Equal(without, Generate("3, 4, 3, 2, Dropout = new[] { 0.0 }"));
        Assert.Equal(without, Generate("3, 4, 3, 2, Dropout = new[] { 0.0, 0.0 }"));
        Assert.NotEqual(without, Generate("3, 4, 3, 2, Dropout = new[] { 0.0, 0.1 }"));
    }

    private static void VerifyRun(string source, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        GeneratorRun run = GeneratorHarness.Run(source);

        DiagnosticText.AssertNone(run.GeneratorDiagnostics);
        DiagnosticText.AssertNone(run.CompilerDiagnostics);
        GeneratedSourceResult file = Assert.Single(run.GeneratedSources);
        Assert.Contains(", global::Backprop.IDropoutNetwork", file.SourceText.ToString(), System.StringComparison.Ordinal);
        Snapshot.VerifyGeneratedFile(file.HintName, file.SourceText.ToString(), callerMethod: test);
    }
}
