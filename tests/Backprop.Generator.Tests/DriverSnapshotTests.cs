using System.Linq;
using Backprop.Generator.Tests.TestHelpers;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Backprop.Generator.Tests;

/// <summary>
/// The generator run in memory over source, as the compiler runs it: every generated file and every
/// diagnostic is snapshotted.
/// </summary>
public class DriverSnapshotTests
{
    [Fact]
    public void Tiny_in_a_file_scoped_namespace()
    {
        const string Source = """
            using Backprop;

            namespace MyGame;

            /// <summary>A small network.</summary>
            [Network(3, 4, 2)]
            public partial class Tiny { }
            """;

        VerifyRun(Source);
    }

    [Fact]
    public void Regressor_with_every_option()
    {
        const string Source = """
            using Backprop;

            namespace MyGame.Models
            {
                /// <summary>A regression network.</summary>
                [Network(2, 8, 8, 1, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Linear, Precision = Precision.Double)]
                public partial class Regressor { }
            }
            """;

        VerifyRun(Source);
    }

    [Fact]
    public void Several_networks_nested_and_global()
    {
        const string Source = """
            using Backprop;

            /// <summary>In the global namespace.</summary>
            [Network(1, 1)]
            public partial class Identity { }

            namespace MyGame
            {
                /// <summary>Holds the game's networks.</summary>
                public static partial class Brains
                {
                    /// <summary>A nested network.</summary>
                    [Network(4, 3, 2, HiddenActivation = Activation.ReLU)]
                    public sealed partial class Steering { }
                }
            }
            """;

        VerifyRun(Source);
    }

    [Fact]
    public void Classifier_with_softmax_and_cross_entropy()
    {
        const string Source = """
            using Backprop;

            namespace MyGame.Vision;

            /// <summary>Tells three kinds of object apart.</summary>
            [Network(4, 8, 3, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy)]
            public partial class Classifier { }
            """;

        VerifyRun(Source);
    }

    [Fact]
    public void Activation_per_hidden_layer()
    {
        const string Source = """
            using Backprop;

            namespace MyGame.Vision;

            /// <summary>Two independent yes/no tags, with a ReLU and a tanh hidden layer.</summary>
            [Network(6, 5, 4, 2, HiddenActivations = new[] { Activation.ReLU, Activation.Tanh }, Loss = Loss.BinaryCrossEntropy)]
            public partial class Tagger { }
            """;

        VerifyRun(Source);
    }

    private static void VerifyRun(string source, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        GeneratorRun run = GeneratorHarness.Run(source);

        DiagnosticText.AssertNone(run.GeneratorDiagnostics);
        DiagnosticText.AssertNone(run.CompilerDiagnostics);
        foreach (GeneratedSourceResult file in run.GeneratedSources.OrderBy(f => f.HintName, System.StringComparer.Ordinal))
        {
            Snapshot.VerifyGeneratedFile(file.HintName, file.SourceText.ToString(), callerMethod: test);
        }
    }
}
