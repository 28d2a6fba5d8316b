using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using Backprop.Serialization;
using Xunit;
using static Backprop.Tests.Serialization.SerializationKit;

namespace Backprop.Tests.Serialization;

/// <summary>
/// The weights JSON format that the generator bakes into code: its exact text, exact round trips of every
/// float and double, independence from the current culture, conversions, and every refusal.
/// </summary>
public sealed class NetworkJsonTests
{
    private const string PerceptronJson = """
        {
          "format": "backprop-weights",
          "version": 1,
          "precision": "Single",
          "layers": [3, 2],
          "activations": ["Sigmoid"],
          "loss": "MeanSquaredError",
          "weights": {
            "2": [
              [2, 2.01, 2.02],
              [2.1, 2.11, 2.12]
            ]
          },
          "biases": {
            "2": [-2, -1.9]
          }
        }

        """;

    [Fact]
    public void The_text_is_exactly_the_documented_layout()
    {
        var net = new Perceptron();
        Fill(net);
        Assert.Equal(PerceptronJson.ReplaceLineEndings("\n"), ToJson(net));
    }

    [Fact]
    public void The_documented_example_loads_into_a_network()
    {
        var net = new Perceptron();
        LoadJson(net, PerceptronJson);
        Assert.Equal(2.01f, net.Weight(2, 0, 1));
        Assert.Equal(2.12f, net.Weight(2, 1, 2));
        Assert.Equal(-1.9f, net.Bias(2, 1));
    }

    [Theory]
    [MemberData(nameof(AllNetworks))]
    public void Every_network_round_trips_bit_for_bit(string name)
    {
        INeuralNetwork saved = NetworkFileTests.Create(name, seed: 21);
        string text = ToJson(saved);
        INeuralNetwork loaded = NetworkFileTests.Create(name, seed: 22);

        LoadJson(loaded, text);

        AssertSameParameters(saved, loaded);
    }

    public static TheoryData<string> AllNetworks => NetworkFileTests.AllNetworks;

    [Fact]
    public void Extreme_floats_round_trip_bit_for_bit()
    {
        float[] values = [-0f, float.Epsilon, -float.Epsilon, 1.17549435E-38f, 1.1754942E-38f, float.MaxValue, float.MinValue, 0.1f, 1f / 3, 16777217f, 1e-7f, 123456.79f];
        var net = new Tiny();
        for (int i = 0; i < values.Length; i++)
        {
            net.Parameters[net.WeightIndex(2, i / 3, i % 3)] = values[i];
        }

        var loaded = new Tiny(5);
        LoadJson(loaded, ToJson(net));
        AssertSameParameters(net, loaded);
    }

    [Fact]
    public void Extreme_doubles_round_trip_bit_for_bit()
    {
        double[] values = [-0.0, double.Epsilon, double.MaxValue, double.MinValue, 2.2250738585072014E-308, 2.225073858507201E-308, 0.1, 1.0 / 3, 9007199254740993.0, Math.PI, 1e-300, 5e-324];
        var net = new TinyDouble();
        for (int i = 0; i < values.Length; i++)
        {
            net.Weight(2, i / 3, i % 3) = values[i];
        }

        var loaded = new TinyDouble(5);
        LoadJson(loaded, ToJson(net));
        AssertSameParameters(net, loaded);
    }

    [Fact]
    public void The_text_does_not_depend_on_the_current_culture()
    {
        var net = new TinyDouble(3);
        net.Weight(2, 0, 0) = -1.5e-7;
        string invariant = ToJson(net);

        CultureInfo saved = Thread.CurrentThread.CurrentCulture;
        var odd = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        odd.NumberFormat.NegativeSign = "\u2212";
        odd.NumberFormat.NumberDecimalSeparator = ",";
        try
        {
            Thread.CurrentThread.CurrentCulture = odd;
            Assert.Equal(invariant, ToJson(net));
            var loaded = new TinyDouble(4);
            LoadJson(loaded, invariant);
            AssertSameParameters(net, loaded);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }

        Assert.Contains("-1.5E-07", invariant, StringComparison.Ordinal);
    }

    [Fact]
    public void An_independent_JSON_parser_reads_weights_as_rows_of_the_derivation()
    {
        var net = new Deep(6);
        using JsonDocument document = JsonDocument.Parse(ToJson(net));
        JsonElement root = document.RootElement;
        Assert.Equal(new[] { 4, 6, 5, 3 }, root.GetProperty("layers").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(new[] { "Tanh", "Tanh", "Sigmoid" }, root.GetProperty("activations").EnumerateArray().Select(e => e.GetString()));
        for (int l = 2; l <= 4; l++)
        {
            JsonElement rows = root.GetProperty("weights").GetProperty(l.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(((INeuralNetwork)net).LayerSizes[l - 1], rows.GetArrayLength());
            for (int j = 0; j < rows.GetArrayLength(); j++)
            {
                Assert.Equal(((INeuralNetwork)net).LayerSizes[l - 2], rows[j].GetArrayLength());
                for (int k = 0; k < rows[j].GetArrayLength(); k++)
                {
                    Assert.Equal(net.Weight(l, j, k), rows[j][k].GetSingle());
                }

                Assert.Equal(net.Bias(l, j), root.GetProperty("biases").GetProperty(l.ToString(CultureInfo.InvariantCulture))[j].GetSingle());
            }
        }
    }

    [Fact]
    public void Safetensors_and_binary_files_convert_to_weights_JSON_with_one_call()
    {
        using var folder = new TempFolder();
        string json = folder.File("mlp.json");
        var topology = new NetworkTopology([2, 3, 2], [Activation.Tanh, Activation.Linear]);
        NetworkWeights.Read(DataPath("mlp-2-3-2-f32.safetensors"), new ModelFileOptions { Topology = topology }).Write(json);
        var fromSafeTensors = new TorchMlp();
        fromSafeTensors.Load(DataPath("mlp-2-3-2-f32.safetensors"));
        var fromJson = new TorchMlp(9);
        fromJson.Load(json);
        AssertSameParameters(fromSafeTensors, fromJson);

        string model = folder.File("deep.bpnn");
        var deep = new Deep(8);
        deep.Save(model);
        NetworkWeights.Read(model).Write(json);
        var loaded = new Deep(9);
        loaded.Load(json);
        AssertSameParameters(deep, loaded);
    }

    [Fact]
    public void A_file_for_another_topology_or_precision_is_refused_like_a_binary_file()
    {
        string tiny = ToJson(new Tiny(1));
        var tanh = new TinyTanh();
        AssertRefused(tanh, ModelFormatReason.TopologyMismatch, () => LoadJson(tanh, tiny), "[Sigmoid, Sigmoid]", "[Tanh, Sigmoid]");
        var @double = new TinyDouble();
        AssertRefused(@double, ModelFormatReason.PrecisionMismatch, () => LoadJson(@double, tiny), "ConvertPrecision");
        LoadJson(@double, tiny, new ModelFileOptions { ConvertPrecision = true });
        AssertSameParameters(new Tiny(1), @double);
    }

    public static TheoryData<string, string, string, ModelFormatReason, string> BadDocuments => new()
    {
        { "another format", "\"format\": \"backprop-weights\"", "\"format\": \"onnx\"", ModelFormatReason.WrongMagic, "\"onnx\"" },
        { "another version", "\"version\": 1", "\"version\": 2", ModelFormatReason.UnsupportedVersion, "version 2" },
        { "an unknown member", "\"loss\":", "\"epochs\": 3,\n  \"loss\":", ModelFormatReason.InvalidHeader, "the member \"epochs\" is unknown; the members are format, version," },
        { "a missing member", "  \"loss\": \"MeanSquaredError\",\n", "", ModelFormatReason.InvalidHeader, "\"loss\" is missing" },
        { "an unknown activation", "[\"Sigmoid\"]", "[\"Swish\"]", ModelFormatReason.InvalidHeader, "\"Swish\"" },
        { "an activation in the wrong case", "[\"Sigmoid\"]", "[\"sigmoid\"]", ModelFormatReason.InvalidHeader, "\"sigmoid\"" },
        { "an unknown precision", "\"Single\"", "\"Half\"", ModelFormatReason.InvalidHeader, "\"Half\"" },
        { "a zero layer size", "[3, 2]", "[3, 0]", ModelFormatReason.InvalidHeader, "layers[1] is 0" },
        { "one activation too many", "[\"Sigmoid\"]", "[\"Sigmoid\", \"Tanh\"]", ModelFormatReason.InvalidHeader, "layer 2 needs 1 activation, but 2 were given (line 6, column 18)" },
        { "a missing row", "      [2, 2.01, 2.02],\n", "", ModelFormatReason.ShapeMismatch, "weights[\"2\"] (line 9) has 1 entry, but needs 2 rows" },
        { "a short row", "[2.1, 2.11, 2.12]", "[2.1, 2.11]", ModelFormatReason.ShapeMismatch, "weights[\"2\"][1] (line 11) has 2 entries, but needs 3" },
        { "a long bias", "[-2, -1.9]", "[-2, -1.9, 0]", ModelFormatReason.ShapeMismatch, "biases[\"2\"]" },
        { "an extra layer", "\"2\": [-2, -1.9]", "\"2\": [-2, -1.9], \"3\": [1]", ModelFormatReason.UnknownTensor, "\"3\"" },
        { "a missing layer", "\"2\": [-2, -1.9]", "\"02\": [-2, -1.9]", ModelFormatReason.UnknownTensor, "\"02\"" },
        { "a string for a number", "2.11", "\"2.11\"", ModelFormatReason.InvalidHeader, "weights[\"2\"][1][1] is a string" },
        { "a float beyond float", "2.11", "3.5e38", ModelFormatReason.ValueOutOfRange, "3.5e38" },
        { "a NaN", "2.11", "NaN", ModelFormatReason.InvalidJson, "line 11, column 13" },
        { "a leading zero", "2.11", "02.11", ModelFormatReason.InvalidJson, "leading zero" },
        { "a trailing comma", "[-2, -1.9]", "[-2, -1.9,]", ModelFormatReason.InvalidJson, "line 15" },
        { "a duplicate member", "\"version\": 1,", "\"version\": 1, \"version\": 1,", ModelFormatReason.InvalidJson, "duplicate member name \"version\" at line 3" },
        { "a bad escape", "\"Sigmoid\"", "\"Sig\\moid\"", ModelFormatReason.InvalidJson, "invalid escape" },
        { "an unpaired surrogate", "\"Sigmoid\"", "\"\\ud800\"", ModelFormatReason.InvalidJson, "unpaired surrogate" },
        { "a control character", "\"Sigmoid\"", "\"Sig\tmoid\"", ModelFormatReason.InvalidJson, "control character U+0009" },
        { "not an object", "{\n  \"format\"", "[\n  \"format\"", ModelFormatReason.InvalidJson, "line" },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public void A_bad_document_is_refused_with_its_reason_and_line(string what, string find, string replace, ModelFormatReason reason, string mention)
    {
        _ = what;
        string text = PerceptronJson.ReplaceLineEndings("\n");
        Assert.Contains(find, text, StringComparison.Ordinal);
        int at = text.IndexOf(find, StringComparison.Ordinal);
        string bad = text[..at] + replace + text[(at + find.Length)..];
        var net = new Perceptron(3);
        AssertRefused(net, reason, () => LoadJson(net, bad), mention);
    }

    [Theory]
    [InlineData("  \"format\": \"backprop-weights\",\n", "", "it has no \"format\" member; it should be \"backprop-weights\"", "no \"format\" member")]
    [InlineData("  \"format\": \"backprop-weights\",\n", "  \"format\": \"onnx\",\n", "its \"format\" is \"onnx\"; it should be \"backprop-weights\"", "\"onnx\"")]
    [InlineData("  \"format\": \"backprop-weights\",\n", "  \"format\": 3,\n", "its \"format\" is 3; it should be \"backprop-weights\"", "3")]
    public void A_document_of_another_format_says_what_its_format_member_is_and_should_be(string find, string replace, string problem, string found)
    {
        string text = PerceptronJson.ReplaceLineEndings("\n");
        Assert.Contains(find, text, StringComparison.Ordinal);
        var net = new Perceptron(3);
        ModelFormatException e = AssertRefused(net, ModelFormatReason.WrongMagic, () => LoadJson(net, text.Replace(find, replace, StringComparison.Ordinal)));
        Assert.Equal("The weights JSON is not a Backprop weights file: " + problem + ".", e.Message);
        Assert.Equal("\"backprop-weights\"", e.Expected);
        Assert.Equal(found, e.Found);
    }

    [Fact]
    public void Every_truncation_of_a_saved_file_is_refused_except_the_final_line_feed()
    {
        string text = ToJson(new Tiny(1));
        var net = new Tiny(2);
        for (int length = 0; length < text.Length - 1; length++)
        {
            string cut = text[..length];
            AssertRefused(net, ModelFormatReason.InvalidJson, () => LoadJson(net, cut));
        }

        LoadJson(net, text[..^1]);
        AssertSameParameters(new Tiny(1), net);
    }

    [Fact]
    public void Nesting_deeper_than_64_is_refused_without_a_stack_overflow()
    {
        string deep = new string('[', 100_000) + new string(']', 100_000);
        var net = new Perceptron();
        AssertRefused(net, ModelFormatReason.InvalidJson, () => LoadJson(net, deep), "nested more than 64");
    }

    [Fact]
    public void Invalid_UTF8_in_a_file_is_refused()
    {
        using var folder = new TempFolder();
        string path = folder.File("bad.json");
        File.WriteAllBytes(path, [(byte)'{', 0xC3, 0x28, (byte)'}']);
        var net = new Perceptron();
        AssertRefused(net, ModelFormatReason.InvalidJson, () => net.Load(path), "UTF-8");
    }

    [Fact]
    public void Saving_is_atomic_and_writes_UTF8_without_a_byte_order_mark_and_with_LF()
    {
        using var folder = new TempFolder();
        string path = folder.File("tiny.json");
        new Tiny(1).Save(path);
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal((byte)'{', bytes[0]);
        Assert.DoesNotContain((byte)'\r', bytes);

        var nan = new Tiny(2);
        nan.Weight(2, 3, 2) = float.NaN;
        Assert.Throws<InvalidOperationException>(() => nan.Save(path));
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }
}
