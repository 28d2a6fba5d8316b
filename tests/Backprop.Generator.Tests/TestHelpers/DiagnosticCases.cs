using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Backprop.Generator.Tests.TestHelpers;

/// <summary>A declaration and the diagnostic it must produce.</summary>
public sealed record DiagnosticCase(
    string ExpectedId,
    string Source,
    LanguageVersion LanguageVersion = LanguageVersion.Latest,
    CSharpCompilation? Compilation = null,
    string DiagnosedClass = "Tiny",
    System.Collections.Immutable.ImmutableArray<AdditionalText> AdditionalTexts = default);

/// <summary>For each diagnostic, declarations that trigger it: read by DiagnosticTests, StandInTests and BakedWeightsTests.</summary>
internal static class DiagnosticCases
{
    private const string Using = "using Backprop;\n\n";

    public static readonly IReadOnlyDictionary<string, DiagnosticCase> All = new Dictionary<string, DiagnosticCase>
    {
        ["BP0001_not_partial"] = new("BP0001", Using + "[Network(3, 4, 2)]\ninternal class Tiny { }\n"),
        ["BP0002_container_not_partial"] = new("BP0002", Using + "internal class Outer\n{\n    [Network(3, 4, 2)]\n    internal partial class Tiny { }\n}\n"),
        ["BP0003_one_size"] = new("BP0003", Using + "[Network(3)]\ninternal partial class Tiny { }\n"),
        ["BP0003_no_sizes"] = new("BP0003", Using + "[Network]\ninternal partial class Tiny { }\n"),
        ["BP0004_zero_and_negative"] = new("BP0004", Using + "[Network(3, 0, -2)]\ninternal partial class Tiny { }\n"),
        ["BP0004_in_an_array"] = new("BP0004", Using + "[Network(new[] { 3, 0, 2 })]\ninternal partial class Tiny { }\n"),
        ["BP0005_generic"] = new("BP0005", Using + "[Network(3, 4, 2)]\ninternal partial class Tiny<T> { }\n"),
        ["BP0006_static"] = new("BP0006", Using + "[Network(3, 4, 2)]\ninternal static partial class Tiny { }\n"),
        ["BP0007_member_collisions"] = new("BP0007", Using + """
            [Network(3, 4, 2)]
            internal partial class Tiny
            {
                public int InputSize => 3;

                public void Forward(System.ReadOnlySpan<float> input, System.Span<float> output) { }

                // A legal overload: not a collision.
                public void Forward(int steps) { }

                public Tiny(int seed) { }
            }
            """),
        ["BP0007_explicit_interface_member"] = new("BP0007", Using + """
            [Network(3, 4, 2)]
            internal partial class Tiny
            {
                int global::Backprop.INeuralNetwork.InputSize => 3;

                Precision INeuralNetwork.Precision => Precision.Single;

                // Implemented implicitly by the generated class: an explicit implementation is legal.
                Activation INeuralNetwork.GetActivation(int layer) => Activation.Sigmoid;
            }
            """),
        ["BP0008_too_large"] = new("BP0008", Using + "[Network(100, 100, 10, CodeShape = CodeShape.Unrolled)]\ninternal partial class Tiny { }\n"),
        ["BP0008_larger_than_a_long"] = new("BP0008", Using + "[Network(2147483647, 2147483647, 2147483647, 2147483647, 2147483647)]\ninternal partial class Tiny { }\n"),
        ["BP0026_stack_too_large"] = new("BP0026", Using + "[Network(16, 10000, 10)]\ninternal partial class Tiny { }\n"),
        ["BP0009_unknown_enum_values"] = new("BP0009", Using + "[Network(3, 4, 2, HiddenActivation = (Activation)42, Precision = (Precision)7)]\ninternal partial class Tiny { }\n"),
        ["BP0010_generic_container"] = new("BP0010", Using + "internal partial class Outer<T>\n{\n    [Network(3, 4, 2)]\n    internal partial class Tiny { }\n}\n"),
        ["BP0011_record"] = new("BP0011", Using + "[Network(3, 4, 2)]\ninternal partial record Tiny;\n"),
        ["BP0012_class_named_like_a_member"] = new("BP0012", Using + "[Network(3, 4, 2)]\ninternal partial class Forward { }\n", DiagnosedClass: "Forward"),
        ["BP0013_inherited_member"] = new("BP0013", Using + "internal class Base\n{\n    public int Parameters => 0;\n}\n\n[Network(3, 4, 2)]\ninternal partial class Tiny : Base { }\n"),
        ["BP0014_language_version"] = new("BP0014", Using + "[Network(3, 4, 2)]\ninternal partial class Tiny { }\n", LanguageVersion.CSharp7_3),
        ["BP0015_abstractions_missing"] = new("BP0015", WithoutAbstractionsSource, Compilation: WithoutAbstractions()),
        ["BP0016_file_local"] = new("BP0016", Using + "[Network(3, 4, 2)]\nfile partial class Tiny { }\n"),
        ["BP0016_inside_a_file_type"] = new("BP0016", Using + "file partial class Outer\n{\n    [Network(3, 4, 2)]\n    internal partial class Tiny { }\n}\n", DiagnosedClass: "Outer+Tiny"),
        ["BP0035_com_import"] = new("BP0035", Using + """
            [Network(3, 4, 2)]
            [System.Runtime.InteropServices.ComImport, System.Runtime.InteropServices.Guid("6B3F0C38-2F0E-4C5B-9E3D-1F1A2B3C4D5E")]
            internal partial class Tiny { }
            """),
        ["BP0036_explicit_layout"] = new("BP0036", Using + """
            using System.Runtime.InteropServices;

            [Network(3, 4, 2)]
            [StructLayout(LayoutKind.Explicit)]
            internal partial class Tiny { }
            """),
        ["BP0037_primary_constructor_seed_read_by_a_member"] = new("BP0037", Using + """
            [Network(3, 4, 2)]
            internal partial class Tiny(int seed)
            {
                public int Seed => seed;

                // Initializers and the other constructors do not capture it.
                public int Twice { get; } = 2 * seed;

                public Tiny() : this(seed: 1) { }
            }
            """),
        ["BP0017_constructor_does_not_chain"] = new("BP0017", Using + """
            [Network(3, 4, 2)]
            internal partial class Tiny
            {
                public Tiny(string name) { Name = name; }

                public Tiny(string name, int seed) : this(seed) { Name = name; }

                public Tiny(long seed) { InitializeParameters((int)seed); Name = ""; }

                public string Name { get; } = "";
            }
            """),
        ["BP0019_base_is_a_network"] = new("BP0019", Using + "[Network(2, 2)]\ninternal partial class Small { }\n\n[Network(3, 4, 2)]\ninternal partial class Tiny : Small { }\n"),
        ["BP0001_one_part_not_partial"] = new("BP0001", Using + "[Network(3, 4, 2)]\ninternal partial class Tiny { }\n\ninternal class Tiny { }\n"),
        ["BP0006_static_on_another_part"] = new("BP0006", Using + "[Network(3, 4, 2)]\ninternal partial class Tiny { }\n\ninternal static partial class Tiny { }\n"),
        ["BP0018_base_without_parameterless_constructor"] = new("BP0018", Using + "internal class Base\n{\n    public Base(int size) { }\n}\n\n[Network(3, 4, 2)]\ninternal partial class Tiny : Base { }\n"),
        ["BP0009_unknown_loss_and_hidden_activations_entry"] = new("BP0009", Using + "[Network(3, 4, 4, 2, HiddenActivations = new[] { Activation.ReLU, (Activation)42 }, Loss = (Loss)9)]\ninternal partial class Tiny { }\n"),
        ["BP0020_softmax_with_mean_squared_error"] = new("BP0020", Using + "[Network(4, 8, 3, OutputActivation = Activation.Softmax)]\ninternal partial class Tiny { }\n"),
        ["BP0021_cross_entropy_with_a_sigmoid_output"] = new("BP0021", Using + "[Network(4, 8, 3, Loss = Loss.CrossEntropy)]\ninternal partial class Tiny { }\n"),
        ["BP0021_cross_entropy_with_a_linear_output"] = new("BP0021", Using + "[Network(4, 8, 3, OutputActivation = Activation.Linear, Loss = Loss.CrossEntropy)]\ninternal partial class Tiny { }\n"),
        ["BP0021_binary_cross_entropy_with_a_softmax_output"] = new("BP0021", Using + "[Network(4, 8, 3, OutputActivation = Activation.Softmax, Loss = Loss.BinaryCrossEntropy)]\ninternal partial class Tiny { }\n"),
        ["BP0022_fewer_activations_than_hidden_layers"] = new("BP0022", Using + "[Network(4, 8, 8, 3, HiddenActivations = new[] { Activation.ReLU })]\ninternal partial class Tiny { }\n"),
        ["BP0022_activations_without_hidden_layers"] = new("BP0022", Using + "[Network(4, 3, HiddenActivations = new[] { Activation.ReLU, Activation.Tanh })]\ninternal partial class Tiny { }\n"),
        ["BP0023_softmax_with_one_output"] = new("BP0023", Using + "[Network(4, 8, 1, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy)]\ninternal partial class Tiny { }\n"),
        ["BP0024_softmax_as_hidden_activation"] = new("BP0024", Using + "[Network(4, 8, 3, HiddenActivation = Activation.Softmax)]\ninternal partial class Tiny { }\n"),
        ["BP0024_softmax_in_hidden_activations"] = new("BP0024", Using + "[Network(4, 8, 8, 3, HiddenActivations = new[] { Activation.ReLU, Activation.Softmax }, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy)]\ninternal partial class Tiny { }\n"),
        ["BP0025_hidden_activation_and_hidden_activations"] = new("BP0025", Using + "[Network(4, 8, 3, HiddenActivation = Activation.Tanh, HiddenActivations = new[] { Activation.ReLU })]\ninternal partial class Tiny { }\n"),
        ["BP0038_dropout_rates_for_three_of_two_hidden_layers"] = new("BP0038", Using + "[Network(4, 8, 8, 3, Dropout = new[] { 0.2, 0.3, 0.4 })]\ninternal partial class Tiny { }\n"),
        ["BP0038_dropout_without_a_rate"] = new("BP0038", Using + "[Network(4, 8, 8, 3, Dropout = new double[0])]\ninternal partial class Tiny { }\n"),
        ["BP0039_dropout_rates_negative_and_one"] = new("BP0039", Using + "[Network(4, 8, 8, 3, Dropout = new[] { -0.1, 1.0 })]\ninternal partial class Tiny { }\n"),
        ["BP0039_dropout_rate_not_a_number"] = new("BP0039", Using + "[Network(4, 8, 3, Dropout = new[] { double.NaN })]\ninternal partial class Tiny { }\n"),
        ["BP0040_dropout_without_a_hidden_layer"] = new("BP0040", Using + "[Network(4, 3, Dropout = new[] { 0.5 })]\ninternal partial class Tiny { }\n"),
        ["BP0027_weights_file_not_among_additional_files"] = Baked("BP0027", "2, 3, 1, Weights = \"xor.json\"", ("/project/Models/other.json", WeightsJson.Xor)),
        ["BP0027_weights_file_name_is_a_suffix_of_another"] = Baked("BP0027", "2, 3, 1, Weights = \"or.json\"", ("/project/xor.json", WeightsJson.Xor)),
        ["BP0028_weights_file_in_two_folders"] = Baked("BP0028", "2, 3, 1, Weights = \"xor.json\"", ("/project/A/xor.json", WeightsJson.Xor), ("/project/B/xor.json", WeightsJson.Xor)),
        ["BP0029_weights_file_not_json"] = Baked("BP0029", "2, 3, 1, Weights = \"xor.json\"", ("/project/xor.json", WeightsJson.Xor.Replace("\"version\": 1,", "\"version\": 1,,", System.StringComparison.Ordinal))),
        ["BP0030_weights_file_of_another_format"] = Baked("BP0030", "2, 3, 1, Weights = \"xor.json\"", ("/project/xor.json", WeightsJson.Xor.Replace("backprop-weights", "keras-weights", System.StringComparison.Ordinal))),
        ["BP0030_weights_file_with_unknown_activation"] = Baked("BP0030", "2, 3, 1, Weights = \"xor.json\"", ("/project/xor.json", WeightsJson.Xor.Replace("[\"Sigmoid\", \"Sigmoid\"]", "[\"Sigmoid\", \"sigmoid\"]", System.StringComparison.Ordinal))),
        ["BP0031_weights_file_for_other_sizes"] = Baked("BP0031", "2, 4, 1, Weights = \"xor.json\"", ("/project/xor.json", WeightsJson.Xor)),
        ["BP0031_weights_row_too_short"] = Baked("BP0031", "2, 3, 1, Weights = \"xor.json\"", ("/project/xor.json", WeightsJson.Xor.Replace("[0.5, -1.25]", "[0.5]", System.StringComparison.Ordinal))),
        ["BP0032_weights_file_with_other_output_activation"] = Baked("BP0032", "2, 3, 1, OutputActivation = Activation.Tanh, Weights = \"xor.json\"", ("/project/xor.json", WeightsJson.Xor)),
        ["BP0032_weights_file_of_other_precision"] = Baked("BP0032", "2, 3, 1, Precision = Precision.Double, Weights = \"xor.json\"", ("/project/xor.json", WeightsJson.Xor)),
        ["BP0033_weights_value_beyond_double"] = Baked("BP0033", "2, 3, 1, Weights = \"xor.json\"", ("/project/xor.json", WeightsJson.Xor.Replace("[2, -2, 0.33333334]", "[2, -1e999, 0.33333334]", System.StringComparison.Ordinal))),
        ["BP0034_weights_value_beyond_float"] = Baked("BP0034", "2, 3, 1, Weights = \"xor.json\"", ("/project/xor.json", WeightsJson.Xor.Replace("\"3\": [0.25]", "\"3\": [3.5e38]", System.StringComparison.Ordinal))),
        ["BP0025_both_forms_each_with_softmax"] = new("BP0025", Using + "[Network(4, 8, 3, HiddenActivations = new[] { Activation.Softmax }, HiddenActivation = Activation.Softmax)]\ninternal partial class Tiny { }\n"),
    };

    /// <summary>A Tiny with the given attribute arguments, compiled with the given additional files.</summary>
    private static DiagnosticCase Baked(string id, string arguments, params (string Path, string Text)[] files) =>
        new(id, Using + "[Network(" + arguments + ")]\ninternal partial class Tiny { }\n",
            AdditionalTexts: files.Select(file => (AdditionalText)new InMemoryAdditionalText(file.Path, file.Text)).ToImmutableArray());

    private const string WithoutAbstractionsSource = """
        namespace Backprop
        {
            [System.AttributeUsage(System.AttributeTargets.Class)]
            internal sealed class NetworkAttribute : System.Attribute
            {
                public NetworkAttribute(params int[] layerSizes) { }
            }
        }

        [Backprop.Network(3, 4, 2)]
        internal partial class Tiny { }
        """;

    /// <summary>A project that declares its own NetworkAttribute but does not reference Backprop.Abstractions.</summary>
    private static CSharpCompilation WithoutAbstractions() =>
        CSharpCompilation.Create(
            "NoAbstractions",
            new[] { CSharpSyntaxTree.ParseText(WithoutAbstractionsSource, GeneratorHarness.ParseOptions(), path: "Networks.cs") },
            Basic.Reference.Assemblies.Net100.References.All,
            GeneratorHarness.StrictOptions);
}
