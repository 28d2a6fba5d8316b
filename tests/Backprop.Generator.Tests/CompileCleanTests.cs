using System.Linq;
using Backprop.Generator.Tests.TestHelpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Backprop.Generator.Tests;

/// <summary>
/// The generated code compiles without a single diagnostic above Hidden under the strictest settings:
/// warning level 9999, nullable reference types on, XML documentation checked, on the oldest C# version
/// the generator supports as well as the newest.
/// </summary>
public class CompileCleanTests
{
    private const string Networks = """
        using Backprop;

        namespace Clean
        {
            /// <summary>The default network.</summary>
            [Network(3, 4, 2)]
            public partial class Tiny { }

            /// <summary>No hidden layer.</summary>
            [Network(1, 1)]
            public partial class Identity { }

            /// <summary>Every option set.</summary>
            [Network(2, 8, 8, 1, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Linear, Precision = Precision.Double)]
            public partial class Regressor { }

            /// <summary>ReLU family.</summary>
            [Network(5, 7, 6, 4, 3, HiddenActivation = Activation.ReLU, OutputActivation = Activation.LeakyReLU)]
            public sealed partial class Deep { }

            /// <summary>Sigmoid hidden, tanh output, double.</summary>
            [Network(4, 3, 4, OutputActivation = Activation.Tanh, Precision = Precision.Double)]
            public abstract partial class AutoEncoder { }

            /// <summary>Types nested in types.</summary>
            public partial struct Outer
            {
                /// <summary>A record around the network.</summary>
                public partial record Middle
                {
                    /// <summary>A network with a keyword for a name.</summary>
                    [Network(2, 3, 1)]
                    internal partial class @event { }
                }
            }

            /// <summary>Near the largest network the generator writes out (BP0008).</summary>
            [Network(16, 32, 8)]
            public partial class Largest { }

            /// <summary>A softmax classifier trained with cross-entropy.</summary>
            [Network(4, 8, 3, HiddenActivation = Activation.ReLU, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy)]
            public partial class Classifier { }

            /// <summary>Independent yes/no outputs with binary cross-entropy, an activation per hidden layer, double.</summary>
            [Network(4, 6, 5, 2, HiddenActivations = new[] { Activation.LeakyReLU, Activation.Tanh }, Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double)]
            public partial class Tagger { }

            /// <summary>A softmax with the quadratic cost (BP0020 warns), which writes out the softmax's Jacobian.</summary>
            [Network(2, 3, 3, OutputActivation = Activation.Softmax, Precision = Precision.Double)]
            public partial class SoftRegressor { }

            /// <summary>A user constructor that chains to the generated one.</summary>
            [Network(2, 2, 1)]
            public partial class WithConstructor
            {
                /// <summary>Names the network.</summary>
                /// <param name="name">The name.</param>
                public WithConstructor(string name) : this(seed: 7) => Name = name;

                /// <summary>The name.</summary>
                public string Name { get; } = "";
            }
        }
        """;

    [Theory]
    [InlineData(LanguageVersion.CSharp8)]
    [InlineData(LanguageVersion.CSharp9)]
    [InlineData(LanguageVersion.Latest)]
    public void Generated_code_compiles_without_warnings(LanguageVersion version)
    {
        // Records came with C# 9: the oldest version gets a class in their place.
        string source = version == LanguageVersion.CSharp8 ? Networks.Replace("partial record Middle", "partial class Middle", System.StringComparison.Ordinal) : Networks;

        GeneratorRun run = GeneratorHarness.Run(source, version);

        // The softmax with the quadratic cost warns, on its own attribute, and is generated all the same.
        Diagnostic warning = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BP0020", warning.Id);
        int nextClass = source.IndexOf("partial class ", warning.Location.SourceSpan.End, System.StringComparison.Ordinal);
        Assert.StartsWith("partial class SoftRegressor ", source[nextClass..], System.StringComparison.Ordinal);
        Assert.Equal(11, run.GeneratedSources.Length);
        DiagnosticText.AssertNone(run.CompilerDiagnostics);
    }

    [Fact]
    public void Generated_code_is_warning_free_in_a_CLS_compliant_assembly()
    {
        // The abstractions are CLS-compliant, so the generated members that use their types are too, and
        // [Network(...)] with up to six sizes binds to a constructor that takes no array (CS3016). An array
        // argument still gets CS3016, as the CLS asks: here only HiddenActivations, in the user's own code.
        string source = Networks.Replace("using Backprop;\n", "using Backprop;\n\n[assembly: System.CLSCompliant(true)]\n", System.StringComparison.Ordinal);

        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Equal(11, run.GeneratedSources.Length);
        Assert.All(run.CompilerDiagnostics, d =>
        {
            Assert.Equal("CS3016", d.Id);
            Assert.Contains("HiddenActivations = ", d.Location.SourceTree!.GetText().Lines.GetLineFromPosition(d.Location.SourceSpan.Start).ToString(), System.StringComparison.Ordinal);
        });
        Assert.Contains(run.CompilerDiagnostics, d => d.Id == "CS3016");
    }

    [Fact]
    public void Warnings_are_checked_at_all()
    {
        // Guards the test above: the same settings do report a warning in plain code.
        GeneratorRun run = GeneratorHarness.Run("/// <summary>x</summary>\npublic class C { /// <summary>y</summary>\npublic void M() { int unused = 0; } }");

        Assert.Contains(run.CompilerDiagnostics, d => d.Id == "CS0219");
    }

    [Fact]
    public void Generated_files_carry_the_auto_generated_header_and_nullable_context()
    {
        GeneratorRun run = GeneratorHarness.Run(Networks);

        Assert.All(run.GeneratedSources, file =>
        {
            string text = file.SourceText.ToString();
            Assert.StartsWith("// <auto-generated/>\n", text, System.StringComparison.Ordinal);
            Assert.Contains("\n#nullable enable\n", text, System.StringComparison.Ordinal);
            Assert.DoesNotContain("\r", text, System.StringComparison.Ordinal);
        });
        Assert.Equal(
            run.GeneratedSources.Select(s => s.HintName).OrderBy(n => n, System.StringComparer.Ordinal),
            new[]
            {
                "Clean.AutoEncoder.g.cs", "Clean.Classifier.g.cs", "Clean.Deep.g.cs", "Clean.Identity.g.cs", "Clean.Largest.g.cs",
                "Clean.Outer+Middle+event.g.cs", "Clean.Regressor.g.cs", "Clean.SoftRegressor.g.cs", "Clean.Tagger.g.cs", "Clean.Tiny.g.cs",
                "Clean.WithConstructor.g.cs",
            });
    }
}
