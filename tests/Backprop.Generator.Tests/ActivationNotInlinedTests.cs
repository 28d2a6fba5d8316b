using System.Linq;
using System.Text.RegularExpressions;
using Backprop.Generator.Emitting;
using Backprop.Generator.Models;
using Backprop.Generator.Tests.TestHelpers;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Backprop.Generator.Tests;

using Activation = Backprop.Generator.Models.Activation;
using CodeShape = Backprop.Generator.Models.CodeShape;
using Precision = Backprop.Generator.Models.Precision;

/// <summary>
/// A network whose unrolled layers have more sigmoid and tanh neurons than <see cref="ShapePlanner.MaxInlinedActivations"/>
/// calls σ through helpers that the JIT does not inline; one at the threshold calls the library's function directly.
/// </summary>
public class ActivationNotInlinedTests
{
    private const string LibrarySigmoid = RuntimeTypes.ActivationFunctions + ".Sigmoid(";
    private const string LibraryTanh = RuntimeTypes.ActivationFunctions + ".Tanh(";

    /// <summary>Forward, BackwardCore and TrainStep each write the forward pass out; ForwardBatch, Backward and TrainBatch call them.</summary>
    private const int PassesWrittenOut = 3;

    [Fact]
    public void Above_the_threshold_every_unrolled_sigmoid_calls_the_helper()
    {
        // One more sigmoid neuron than the threshold, split over two layers: they count together.
        int hidden = ShapePlanner.MaxInlinedActivations - 1;
        string code = Emit(new[] { 3, hidden, 2 });

        Assert.Equal(CallsIn(hidden + 2), Count(code, GeneratedMembers.SigmoidNotInlined + "("));
        Assert.Equal(1, Count(code, "private static float " + GeneratedMembers.SigmoidNotInlined + "(float z) => " + LibrarySigmoid + "z);"));
        Assert.Equal(1, Count(code, LibrarySigmoid));
        Assert.Equal(1, Count(code, "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]"));
        Assert.DoesNotContain(GeneratedMembers.TanhNotInlined, code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void At_the_threshold_sigmoid_is_inlined_from_the_library()
    {
        int hidden = ShapePlanner.MaxInlinedActivations - 2;
        string code = Emit(new[] { 3, hidden, 2 });

        Assert.Equal(PassesWrittenOut * (hidden + 2), Count(code, LibrarySigmoid));
        Assert.DoesNotContain(GeneratedMembers.SigmoidNotInlined, code, System.StringComparison.Ordinal);
        Assert.DoesNotContain("NoInlining", code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Linear_and_ReLU_neurons_do_not_count()
    {
        // 40 unrolled neurons, of which only the 8 outputs are sigmoid.
        string code = Emit(new[] { 3, 16, 16, 8 }, hiddenLayers: new[] { Activation.ReLU, Activation.Linear });

        Assert.Equal(PassesWrittenOut * 8, Count(code, LibrarySigmoid));
        Assert.DoesNotContain(GeneratedMembers.SigmoidNotInlined, code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Each_activation_gets_its_own_helper_in_the_network_precision()
    {
        string code = Emit(new[] { 2, 10, 9, 1 }, hiddenLayers: new[] { Activation.Tanh, Activation.Sigmoid }, output: Activation.Linear, precision: Precision.Double);

        Assert.Equal(CallsIn(10), Count(code, GeneratedMembers.TanhNotInlined + "("));
        Assert.Equal(CallsIn(9), Count(code, GeneratedMembers.SigmoidNotInlined + "("));
        Assert.Equal(1, Count(code, "private static double " + GeneratedMembers.TanhNotInlined + "(double z) => " + LibraryTanh + "z);"));
        Assert.Equal(1, Count(code, "private static double " + GeneratedMembers.SigmoidNotInlined + "(double z) => " + LibrarySigmoid + "z);"));
    }

    [Fact]
    public void Layers_of_loops_keep_the_library_function_and_do_not_count()
    {
        // Layer 3 (24 sigmoids) is a layer of loops either way; the unrolled layers 2 and 4 have 14 + 2, then 15 + 2 sigmoids.
        string inlined = Emit(new[] { 3, 14, 24, 2 }, codeShape: CodeShape.Automatic);
        string outOfLine = Emit(new[] { 3, 15, 24, 2 }, codeShape: CodeShape.Automatic);

        Assert.DoesNotContain(GeneratedMembers.SigmoidNotInlined, inlined, System.StringComparison.Ordinal);
        Assert.Equal(CallsIn(15 + 2), Count(outOfLine, GeneratedMembers.SigmoidNotInlined + "("));
        Assert.Contains(RuntimeTypes.VectorKernels + ".Sigmoid(", outOfLine, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Every_method_with_an_unrolled_forward_pass_calls_the_helper()
    {
        string code = Emit(new[] { 3, ShapePlanner.MaxInlinedActivations, 2 });

        foreach (string method in new[] { "public void Forward(", "private float BackwardCore(", "public float TrainStep(" })
        {
            string body = code[code.IndexOf(method, System.StringComparison.Ordinal)..];
            body = body[..body.IndexOf("\n        }\n", System.StringComparison.Ordinal)];
            Assert.Equal(ShapePlanner.MaxInlinedActivations + 2, Count(body, GeneratedMembers.SigmoidNotInlined + "("));
        }
    }

    [Fact]
    public void Snapshot_of_a_network_above_the_threshold()
    {
        NetworkModel model = TestModels.Network("Wider", new[] { 3, 16, 2 }, codeShape: CodeShape.Unrolled);
        Snapshot.VerifyGeneratedFile(model.HintName, NetworkEmitter.Emit(model));
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp8)]
    [InlineData(LanguageVersion.Latest)]
    public void The_helpers_compile_without_warnings_in_both_precisions(LanguageVersion version)
    {
        GeneratorRun run = GeneratorHarness.Run(
            """
            using Backprop;

            namespace Clean
            {
                /// <summary>Sigmoid everywhere, called out of line.</summary>
                [Network(3, 16, 2, CodeShape = CodeShape.Unrolled)]
                public partial class Wider { }

                /// <summary>Tanh and sigmoid, called out of line, in double precision, with dropout.</summary>
                [Network(2, 10, 9, 1, HiddenActivations = new[] { Activation.Tanh, Activation.Sigmoid }, OutputActivation = Activation.Linear, Precision = Precision.Double, CodeShape = CodeShape.Unrolled, Dropout = new[] { 0.25, 0.5 })]
                public partial class Regressor { }
            }
            """,
            version);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(2, run.GeneratedSources.Length);
        Assert.All(run.GeneratedSources, file => Assert.Contains("NotInlined(", file.SourceText.ToString(), System.StringComparison.Ordinal));
        DiagnosticText.AssertNone(run.CompilerDiagnostics);
    }

    private static string Emit(
        int[] sizes,
        Activation[]? hiddenLayers = null,
        Activation output = Activation.Sigmoid,
        Precision precision = Precision.Single,
        CodeShape codeShape = CodeShape.Unrolled) =>
        NetworkEmitter.Emit(TestModels.Network("Net", sizes, output: output, precision: precision, hiddenLayers: hiddenLayers, codeShape: codeShape));

    /// <summary>
    /// How often a helper's name and "(" appear in a file whose unrolled layers have <paramref name="neurons"/>
    /// neurons of its σ: the calls, and once in its declaration.
    /// </summary>
    private static int CallsIn(int neurons) => (PassesWrittenOut * neurons) + 1;

    private static int Count(string text, string value) => Regex.Matches(text, Regex.Escape(value)).Count;
}
