using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Backprop.Serialization;
using Xunit;
using static Backprop.Tests.Serialization.SerializationKit;

namespace Backprop.Tests.Serialization;

/// <summary>
/// safetensors files built byte by byte from the format's public description (8-byte little-endian header
/// length, JSON header, data buffer), the checked-in files of Data/, the PyTorch naming, and every way a
/// header can be wrong: each is refused with its reason and the network left as it was.
/// </summary>
public sealed class SafeTensorsTests
{
    // nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 2)) with hand-picked weights, as float bits.
    // Linear.weight is [out, in]: row j holds the weights into neuron j, which is the derivation's w(l, j, k).
    private static readonly float[] W2 = [0.5f, -0.25f, 1.0f, 0.75f, -1.5f, 0.125f];
    private static readonly float[] B2 = [0.1f, -0.2f, 0.3f];
    private static readonly float[] W3 = [1.0f, -2.0f, 0.5f, 0.25f, 0.5f, -1.0f];
    private static readonly float[] B3 = [0.0625f, -0.125f];

    private static readonly uint[] Bits =
    [
        0x3F000000, 0xBE800000, 0x3F800000, 0x3F400000, 0xBFC00000, 0x3E000000, // 0.weight: 0.5, −0.25, 1, 0.75, −1.5, 0.125
        0x3DCCCCCD, 0xBE4CCCCD, 0x3E99999A,                                     // 0.bias: 0.1f, −0.2f, 0.3f
        0x3F800000, 0xC0000000, 0x3F000000, 0x3E800000, 0x3F000000, 0xBF800000, // 2.weight: 1, −2, 0.5, 0.25, 0.5, −1
        0x3D800000, 0xBE000000,                                                 // 2.bias: 0.0625, −0.125
    ];

    private const string W0Entry = "\"0.weight\":{\"dtype\":\"F32\",\"shape\":[3,2],\"data_offsets\":[0,24]}";
    private const string B0Entry = "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[24,36]}";
    private const string W2Entry = "\"2.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[36,60]}";
    private const string B2Entry = "\"2.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[60,68]}";
    private const string ValidHeader = "{" + W0Entry + "," + B0Entry + "," + W2Entry + "," + B2Entry + "}";

    [Fact]
    public void The_hand_listed_bits_are_the_hand_listed_floats()
    {
        float[] all = [.. W2, .. B2, .. W3, .. B3];
        Assert.Equal(all.Select(BitConverter.SingleToUInt32Bits), Bits);
    }

    [Fact]
    public void A_file_built_byte_by_byte_loads_and_the_network_computes_the_hand_written_forward_pass()
    {
        byte[] file = File(ValidHeader, F32Data(Bits));
        var net = new TorchMlp();

        net.Load(new MemoryStream(file), ModelFormat.SafeTensors);

        AssertHandPickedWeights(net);
        AssertForwardMatches(net);
    }

    [Fact]
    public void The_same_bytes_load_into_a_double_network_widened_exactly_when_asked_to()
    {
        var net = new TorchMlpDouble();
        AssertRefused(net, ModelFormatReason.PrecisionMismatch, () => net.Load(new MemoryStream(File(ValidHeader, F32Data(Bits))), ModelFormat.SafeTensors), "ModelFileOptions.ConvertPrecision");
        net.Load(new MemoryStream(File(ValidHeader, F32Data(Bits))), ModelFormat.SafeTensors, new ModelFileOptions { ConvertPrecision = true });

        Assert.Equal((double)0.1f, net.Bias(2, 0));
        AssertHandPickedWeights(net);
        AssertForwardMatches(net);
    }

    [Fact]
    public void The_checked_in_F32_file_holds_the_same_network()
    {
        // Data/mlp-2-3-2-f32.safetensors: written by Data/make_data.py, data laid out in another order than the header lists it.
        var net = new TorchMlp();
        net.Load(DataPath("mlp-2-3-2-f32.safetensors"));
        AssertHandPickedWeights(net);
        AssertForwardMatches(net);
    }

    [Fact]
    public void The_checked_in_BF16_and_F16_file_converts_exactly()
    {
        var net = new TorchMlp();
        net.Load(DataPath("mlp-2-3-2-bf16-f16.safetensors"));

        float[] w2 = [0.75f, -1.25f, 2.0f, 0.375f, -0.5f, 1.5f];
        float[] b2 = [0.25f, -0.5f, 0.375f];
        float[] w3 = [-1.0f, 0.5f, 1.75f, 0.625f, -0.25f, 1.0f];
        float[] b3 = [-0.0625f, 0.5f];
        AssertWeights(net, w2, b2, w3, b3);
        AssertForwardMatches(net, w2, b2, w3, b3);
    }

    [Fact]
    public void The_checked_in_F64_file_loads_under_its_prefix_ignoring_the_tensor_that_is_no_layer()
    {
        var options = new SafeTensorsOptions { Prefix = "model.", IgnoreUnknownTensors = true };
        var @double = new TorchMlpDouble();
        @double.Load(DataPath("prefixed-f64.safetensors"), new ModelFileOptions { SafeTensors = options });
        Assert.Equal(0.1, @double.Weight(2, 0, 0));
        Assert.Equal(-0.6, @double.Weight(2, 2, 1));
        Assert.Equal(-1.3, @double.Weight(3, 1, 2));
        Assert.Equal(0.05, @double.Bias(3, 1));

        // F64 into float rounds to nearest, when asked to: the file is double precision.
        var single = new TorchMlp();
        AssertRefused(single, ModelFormatReason.PrecisionMismatch, () => single.Load(DataPath("prefixed-f64.safetensors"), new ModelFileOptions { SafeTensors = options }), "ModelFileOptions.ConvertPrecision");
        single.Load(DataPath("prefixed-f64.safetensors"), new ModelFileOptions { SafeTensors = options, ConvertPrecision = true });
        Assert.Equal(0.1f, single.Weight(2, 0, 0));
        Assert.Equal(0.03f, single.Bias(2, 2));
    }

    [Fact]
    public void Without_IgnoreUnknownTensors_the_tensor_that_is_no_layer_is_refused_by_name()
    {
        var net = new TorchMlpDouble();
        ModelFormatException e = AssertRefused(
            net,
            ModelFormatReason.UnknownTensor,
            () => net.Load(DataPath("prefixed-f64.safetensors"), new ModelFileOptions { SafeTensors = new SafeTensorsOptions { Prefix = "model." } }),
            "'optimizer.step'",
            "IgnoreUnknownTensors");
        Assert.Equal("optimizer.step", e.Found);
    }

    [Fact]
    public void An_unknown_tensor_with_a_long_name_is_shown_by_its_start_and_its_length()
    {
        string name = new('b', 1000);
        using var stream = new MemoryStream();
        new Tiny(1).Save(stream, ModelFormat.SafeTensors, new ModelFileOptions { SafeTensors = new SafeTensorsOptions { TensorNames = new Dictionary<int, LayerTensorNames> { [2] = new("0.weight", "0.bias"), [3] = new("2.weight", name) } } });
        var net = new Tiny(2);

        ModelFormatException e = AssertRefused(net, ModelFormatReason.UnknownTensor, () => net.Load(new MemoryStream(stream.ToArray()), ModelFormat.SafeTensors));

        Assert.Equal(
            "The safetensors stream has 1 tensor that maps to no layer: '" + name[..80] + "…' (1,000 characters). Set SafeTensorsOptions.IgnoreUnknownTensors to skip it, or name the layers' tensors with SafeTensorsOptions.Prefix or SafeTensorsOptions.TensorNames.",
            e.Message);
        Assert.Equal(name[..80] + "… (1,000 characters)", e.Found);
    }

    [Fact]
    public void Without_the_prefix_no_tensor_is_found()
    {
        var net = new TorchMlpDouble();
        AssertRefused(net, ModelFormatReason.MissingTensor, () => net.Load(DataPath("prefixed-f64.safetensors")), "0.weight", "Prefix");
    }

    [Fact]
    public void A_network_trained_in_PyTorch_gives_PyTorchs_outputs()
    {
        // Data/train_xor_torch.py trained nn.Sequential(Linear(2, 4), Tanh(), Linear(4, 1), Sigmoid()) on XOR,
        // saved model.state_dict() and recorded what PyTorch computed for the four inputs.
        using JsonDocument expected = JsonDocument.Parse(System.IO.File.ReadAllText(DataPath("xor-torch-f32.expected.json")));
        var net = new TorchXor();
        net.Load(DataPath("xor-torch-f32.safetensors"));

        JsonElement[] inputs = [.. expected.RootElement.GetProperty("inputs").EnumerateArray()];
        JsonElement[] outputs = [.. expected.RootElement.GetProperty("outputs").EnumerateArray()];
        Span<float> output = stackalloc float[1];
        for (int i = 0; i < inputs.Length; i++)
        {
            float[] input = [.. inputs[i].EnumerateArray().Select(v => v.GetSingle())];
            net.Forward(input, output);
            double torch = outputs[i].GetDouble();
            Assert.True(Math.Abs(output[0] - torch) <= 1e-6 + (1e-5 * Math.Abs(torch)), $"XOR({input[0]}, {input[1]}): PyTorch {torch:R}, Backprop {output[0]:R}.");
            Assert.Equal(input[0] != input[1] ? 1f : 0f, MathF.Round(output[0]));
        }
    }

    [Fact]
    public void An_explicit_name_map_reads_tensors_named_otherwise()
    {
        string header = ValidHeader.Replace("\"0.", "\"fc1.", StringComparison.Ordinal).Replace("\"2.", "\"fc2.", StringComparison.Ordinal);
        var options = new SafeTensorsOptions
        {
            TensorNames = new Dictionary<int, LayerTensorNames>
            {
                [2] = new("fc1.weight", "fc1.bias"),
                [3] = new("fc2.weight", "fc2.bias"),
            },
        };
        var net = new TorchMlp();
        net.Load(new MemoryStream(File(header, F32Data(Bits))), ModelFormat.SafeTensors, new ModelFileOptions { SafeTensors = options });
        AssertHandPickedWeights(net);
    }

    [Fact]
    public void An_explicit_name_map_must_name_every_layer_and_exclude_a_prefix()
    {
        var net = new TorchMlp();
        byte[] file = File(ValidHeader, F32Data(Bits));
        var partial = new SafeTensorsOptions { TensorNames = new Dictionary<int, LayerTensorNames> { [2] = new("0.weight", "0.bias") } };
        Assert.Contains("layer 3", Assert.Throws<ArgumentException>(() => net.Load(new MemoryStream(file), ModelFormat.SafeTensors, new ModelFileOptions { SafeTensors = partial })).Message, StringComparison.Ordinal);
        var both = new SafeTensorsOptions
        {
            Prefix = "model.",
            TensorNames = new Dictionary<int, LayerTensorNames> { [2] = new("0.weight", "0.bias"), [3] = new("2.weight", "2.bias") },
        };
        Assert.Throws<ArgumentException>(() => net.Load(new MemoryStream(file), ModelFormat.SafeTensors, new ModelFileOptions { SafeTensors = both }));
    }

    [Fact]
    public void Indices_are_sorted_as_numbers_not_as_text()
    {
        // Linear modules at 2 and 10: "10" sorts before "2" as text, but layer 2 is module 2.
        string header = ValidHeader.Replace("\"2.", "\"10.", StringComparison.Ordinal).Replace("\"0.", "\"2.", StringComparison.Ordinal);
        var net = new TorchMlp();
        net.Load(new MemoryStream(File(header, F32Data(Bits))), ModelFormat.SafeTensors);
        AssertHandPickedWeights(net);
    }

    [Fact]
    public void Escaped_names_in_the_header_are_read_as_JSON_says()
    {
        string header = ValidHeader.Replace("\"0.weight\"", "\"\\u0030.weight\"", StringComparison.Ordinal).Replace("\"2.bias\"", "\"2\\u002ebias\"", StringComparison.Ordinal);
        var net = new TorchMlp();
        net.Load(new MemoryStream(File(header, F32Data(Bits))), ModelFormat.SafeTensors);
        AssertHandPickedWeights(net);
    }

    [Fact]
    public void A_shape_mismatch_names_the_tensor_the_expected_and_the_actual_shape()
    {
        var net = new Tiny();
        ModelFormatException e = AssertRefused(net, ModelFormatReason.ShapeMismatch, () => net.Load(new MemoryStream(File(ValidHeader, F32Data(Bits))), ModelFormat.SafeTensors), "'0.weight'", "[3, 2]", "[4, 3]");
        Assert.Equal("[4, 3]", e.Expected);
        Assert.Equal("[3, 2]", e.Found);
    }

    [Fact]
    public void A_transposed_weight_is_called_transposed()
    {
        string header = ValidHeader.Replace("\"shape\":[3,2]", "\"shape\":[2,3]", StringComparison.Ordinal);
        var net = new TorchMlp();
        AssertRefused(net, ModelFormatReason.ShapeMismatch, () => net.Load(new MemoryStream(File(header, F32Data(Bits))), ModelFormat.SafeTensors), "'0.weight'", "[2, 3]", "[3, 2]", "transposed");
    }

    [Fact]
    public void A_bias_of_the_wrong_length_is_a_shape_mismatch()
    {
        var perceptron = new Perceptron(); // [3, 2]: 0.weight [2, 3], 0.bias [2]
        string header = """{"0.weight":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"0.bias":{"dtype":"F32","shape":[3],"data_offsets":[24,36]}}""";
        AssertRefused(perceptron, ModelFormatReason.ShapeMismatch, () => perceptron.Load(new MemoryStream(File(header, new byte[36])), ModelFormat.SafeTensors), "'0.bias'", "[3]", "[2]");
    }

    [Fact]
    public void A_missing_bias_is_named()
    {
        string header = "{" + W0Entry + "," + B0Entry + "," + W2Entry + "}";
        var net = new TorchMlp();
        AssertRefused(net, ModelFormatReason.MissingTensor, () => net.Load(new MemoryStream(File(header, new byte[60])), ModelFormat.SafeTensors), "'2.bias'", "layer 3");
    }

    [Fact]
    public void More_Linear_layers_than_the_network_has_is_a_topology_mismatch()
    {
        string header = "{" + W0Entry + "," + B0Entry + "," + W2Entry + "," + B2Entry + ","
            + "\"4.weight\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[68,76]},\"4.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[76,80]}}";
        var net = new TorchMlp();
        AssertRefused(net, ModelFormatReason.TopologyMismatch, () => net.Load(new MemoryStream(File(header, new byte[80])), ModelFormat.SafeTensors), "3 Linear layers (0, 2, 4)", "2 weight layers");
    }

    [Theory]
    [InlineData("I32")]
    [InlineData("U32")]
    public void A_layer_tensor_of_a_non_float_dtype_is_refused(string dtype)
    {
        string header = ValidHeader.Replace(W0Entry, W0Entry.Replace("\"F32\"", $"\"{dtype}\"", StringComparison.Ordinal), StringComparison.Ordinal);
        var net = new TorchMlp();
        AssertRefused(net, ModelFormatReason.UnsupportedDataType, () => net.Load(new MemoryStream(File(header, F32Data(Bits))), ModelFormat.SafeTensors), "'0.weight'", dtype, "F32, F64, F16 or BF16");
    }

    [Fact]
    public void A_NaN_in_a_tensor_is_refused_naming_the_tensor_and_the_element()
    {
        uint[] bits = (uint[])Bits.Clone();
        bits[16] = 0x7FC00000; // 2.bias[1]
        var net = new TorchMlp();
        AssertRefused(net, ModelFormatReason.NonFiniteValue, () => net.Load(new MemoryStream(File(ValidHeader, F32Data(bits))), ModelFormat.SafeTensors), "'2.bias'", "[1]", "b(l=3, j=1)", "NaN");
    }

    [Fact]
    public void An_infinity_in_a_weight_is_refused_naming_row_and_column()
    {
        uint[] bits = (uint[])Bits.Clone();
        bits[9 + 5] = 0xFF800000; // 2.weight[1, 2] = −∞
        var net = new TorchMlp();
        AssertRefused(net, ModelFormatReason.NonFiniteValue, () => net.Load(new MemoryStream(File(ValidHeader, F32Data(bits))), ModelFormat.SafeTensors), "'2.weight'", "[1, 2]", "w(l=3, j=1, k=2)", "-Infinity");
    }

    [Theory]
    [InlineData("F16", 0x7C00, "Infinity")]
    [InlineData("F16", 0xFE00, "NaN")]
    [InlineData("BF16", 0x7FC0, "NaN")]
    [InlineData("BF16", 0xFF80, "-Infinity")]
    public void Half_precision_infinities_and_NaNs_are_refused(string dtype, int bits, string shown)
    {
        string header = """{"0.weight":{"dtype":"D","shape":[2,3],"data_offsets":[0,12]},"0.bias":{"dtype":"D","shape":[2],"data_offsets":[12,16]}}""".Replace("\"D\"", $"\"{dtype}\"", StringComparison.Ordinal);
        var data = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(12 + 2), (ushort)bits); // 0.bias[1]
        var net = new Perceptron();
        AssertRefused(net, ModelFormatReason.NonFiniteValue, () => net.Load(new MemoryStream(File(header, data)), ModelFormat.SafeTensors), "'0.bias'", "[1]", shown);
    }

    [Fact]
    public void A_double_beyond_the_range_of_float_is_refused_for_a_float_network_and_kept_for_a_double_one()
    {
        string header = """{"0.weight":{"dtype":"F64","shape":[2,3],"data_offsets":[0,48]},"0.bias":{"dtype":"F64","shape":[2],"data_offsets":[48,64]}}""";
        var data = new byte[64];
        BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(8 * 4), 1e300); // 0.weight[1, 1]
        var single = new Perceptron();
        var convert = new ModelFileOptions { ConvertPrecision = true };
        AssertRefused(single, ModelFormatReason.ValueOutOfRange, () => single.Load(new MemoryStream(File(header, data)), ModelFormat.SafeTensors, convert), "The safetensors stream", "w(l=2, j=1, k=1)", "1E+300");

        NetworkWeights weights = NetworkWeights.Read(new MemoryStream(File(header, data)), ModelFormat.SafeTensors, new ModelFileOptions { Topology = new NetworkTopology([3, 2], [Activation.Sigmoid], precision: Precision.Double) });
        Assert.Equal(1e300, weights.GetWeight(2, 1, 1));
    }

    [Fact]
    public void Metadata_written_by_Backprop_is_checked_against_the_network()
    {
        var tanh = new TinyTanh();
        using var stream = new MemoryStream();
        tanh.Save(stream, ModelFormat.SafeTensors);
        var tiny = new Tiny();
        AssertRefused(tiny, ModelFormatReason.TopologyMismatch, () => tiny.Load(new MemoryStream(stream.ToArray()), ModelFormat.SafeTensors), "backprop.activations", "Tanh,Sigmoid", "Sigmoid,Sigmoid");
    }

    // ---- Every way a header can be wrong ----

    public static TheoryData<string, string, int, ModelFormatReason, string> BadHeaders => new()
    {
        { "not UTF-8", "{\"0.weight\xFF\":1}", 0, ModelFormatReason.InvalidJson, "UTF-8" },
        { "not an object", "[1, 2]", 0, ModelFormatReason.InvalidHeader, "must start with '{'" },
        { "a trailing comma", "{" + W0Entry + ",}", 24, ModelFormatReason.InvalidJson, "line 1, column" },
        { "a missing closing brace", "{" + W0Entry, 24, ModelFormatReason.InvalidJson, "end of the text" },
        { "a duplicate name", "{" + W0Entry + "," + W0Entry + "}", 24, ModelFormatReason.InvalidJson, "duplicate member name \"0.weight\"" },
        { "text after the object", "{" + W0Entry + "} x", 24, ModelFormatReason.InvalidJson, "after the end" },
        { "a NaN literal", """{"0.weight":{"dtype":"F32","shape":[NaN],"data_offsets":[0,24]}}""", 24, ModelFormatReason.InvalidJson, "line 1" },
        { "an entry that is no object", """{"0.weight":[0,24]}""", 24, ModelFormatReason.InvalidHeader, "'0.weight'" },
        { "no dtype", """{"0.weight":{"shape":[3,2],"data_offsets":[0,24]}}""", 24, ModelFormatReason.InvalidHeader, "no \"dtype\"" },
        { "no shape", """{"0.weight":{"dtype":"F32","data_offsets":[0,24]}}""", 24, ModelFormatReason.InvalidHeader, "no \"shape\"" },
        { "no data_offsets", """{"0.weight":{"dtype":"F32","shape":[3,2]}}""", 24, ModelFormatReason.InvalidHeader, "no \"data_offsets\"" },
        { "an unknown field", """{"0.weight":{"dtype":"F32","shape":[3,2],"data_offsets":[0,24],"offsets":[0,24]}}""", 24, ModelFormatReason.InvalidHeader, "unknown field \"offsets\"" },
        { "a dtype that is no string", """{"0.weight":{"dtype":4,"shape":[3,2],"data_offsets":[0,24]}}""", 24, ModelFormatReason.InvalidHeader, "dtype" },
        { "an unknown dtype", """{"0.weight":{"dtype":"F128","shape":[3,2],"data_offsets":[0,24]}}""", 24, ModelFormatReason.UnsupportedDataType, "\"F128\"" },
        { "a negative dimension", """{"0.weight":{"dtype":"F32","shape":[-3,2],"data_offsets":[0,24]}}""", 24, ModelFormatReason.InvalidHeader, "shape[0] = -3" },
        { "a fractional dimension", """{"0.weight":{"dtype":"F32","shape":[1.5,2],"data_offsets":[0,24]}}""", 24, ModelFormatReason.InvalidHeader, "shape[0] = 1.5" },
        { "a dimension in quotes", """{"0.weight":{"dtype":"F32","shape":["3",2],"data_offsets":[0,24]}}""", 24, ModelFormatReason.InvalidHeader, "shape[0] = 3" },
        { "a shape that is no array", """{"0.weight":{"dtype":"F32","shape":6,"data_offsets":[0,24]}}""", 24, ModelFormatReason.InvalidHeader, "not an array" },
        { "a shape too large to exist", """{"0.weight":{"dtype":"F32","shape":[1099511627776,1099511627776],"data_offsets":[0,24]}}""", 24, ModelFormatReason.InvalidHeader, "too large" },
        { "three data offsets", """{"0.weight":{"dtype":"F32","shape":[3,2],"data_offsets":[0,12,24]}}""", 24, ModelFormatReason.InvalidHeader, "3 data_offsets" },
        { "offsets that end before they begin", """{"0.weight":{"dtype":"F32","shape":[0],"data_offsets":[24,0]}}""", 24, ModelFormatReason.InvalidDataOffsets, "[24, 0]" },
        { "offsets too short for the shape", """{"0.weight":{"dtype":"F32","shape":[3,2],"data_offsets":[0,20]}}""", 20, ModelFormatReason.InvalidDataOffsets, "needs 24 bytes" },
        { "offsets too long for the dtype", """{"0.weight":{"dtype":"F16","shape":[3,2],"data_offsets":[0,24]}}""", 24, ModelFormatReason.InvalidDataOffsets, "needs 12 bytes" },
        { "overlapping tensors", "{" + W0Entry + "," + B0Entry.Replace("[24,36]", "[20,32]", StringComparison.Ordinal) + "}", 32, ModelFormatReason.InvalidDataOffsets, "overlaps" },
        { "a hole between tensors", "{" + W0Entry + "," + B0Entry.Replace("[24,36]", "[28,40]", StringComparison.Ordinal) + "}", 40, ModelFormatReason.InvalidDataOffsets, "bytes 24 to 28" },
        { "a first tensor not at 0", "{" + W0Entry.Replace("[0,24]", "[4,28]", StringComparison.Ordinal) + "}", 28, ModelFormatReason.InvalidDataOffsets, "instead of 0" },
        { "bytes after the last tensor", "{" + W0Entry + "}", 30, ModelFormatReason.InvalidDataOffsets, "6 bytes after the last tensor" },
        { "a data buffer shorter than the offsets", ValidHeader, 67, ModelFormatReason.Truncated, "68 bytes" },
        { "metadata that is no object", """{"__metadata__":"pt"}""", 0, ModelFormatReason.InvalidHeader, "__metadata__" },
        { "a metadata value that is no string", """{"__metadata__":{"epochs":3}}""", 0, ModelFormatReason.InvalidHeader, "\"epochs\"" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void A_bad_header_is_refused_with_its_reason_and_the_network_is_unchanged(string what, string header, int dataLength, ModelFormatReason reason, string mention)
    {
        _ = what;
        byte[] headerBytes = header.Contains('\xFF', StringComparison.Ordinal)
            ? header.Select(c => (byte)c).ToArray()
            : Encoding.UTF8.GetBytes(header);
        var net = new TorchMlp(5);
        AssertRefused(net, reason, () => net.Load(new MemoryStream(File(headerBytes, new byte[dataLength])), ModelFormat.SafeTensors), mention);
    }

    [Fact]
    public void A_file_shorter_than_the_header_length_field_is_truncated()
    {
        var net = new TorchMlp();
        AssertRefused(net, ModelFormatReason.Truncated, () => net.Load(new MemoryStream([1, 0, 0]), ModelFormat.SafeTensors), "3 bytes", "8");
    }

    [Theory]
    [InlineData(0ul)]
    [InlineData(1ul)]
    [InlineData(100_000_001ul)]
    [InlineData(ulong.MaxValue)]
    public void An_impossible_header_length_is_refused_before_anything_is_allocated(ulong length)
    {
        var file = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(file, length);
        var net = new TorchMlp();
        AssertRefused(net, ModelFormatReason.InvalidHeader, () => net.Load(new MemoryStream(file), ModelFormat.SafeTensors), length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_header_length_beyond_the_end_of_the_file_is_truncated()
    {
        byte[] file = File(ValidHeader, F32Data(Bits));
        BinaryPrimitives.WriteUInt64LittleEndian(file, 5000);
        var net = new TorchMlp();
        AssertRefused(net, ModelFormatReason.Truncated, () => net.Load(new MemoryStream(file), ModelFormat.SafeTensors), "5000");
    }

    [Fact]
    public void Every_truncation_of_a_valid_file_is_refused_as_truncated()
    {
        byte[] file = System.IO.File.ReadAllBytes(DataPath("mlp-2-3-2-f32.safetensors"));
        var net = new TorchMlp(3);
        for (int length = 0; length < file.Length; length++)
        {
            AssertRefused(net, ModelFormatReason.Truncated, () => net.Load(new MemoryStream(file[..length]), ModelFormat.SafeTensors));
        }
    }

    // ---- Writing ----

    public static TheoryData<string> AllNetworks => NetworkFileTests.AllNetworks;

    [Theory]
    [MemberData(nameof(AllNetworks))]
    public void Written_files_read_back_bit_for_bit(string name)
    {
        INeuralNetwork saved = NetworkFileTests.Create(name, seed: 11);
        using var stream = new MemoryStream();
        saved.Save(stream, ModelFormat.SafeTensors);
        INeuralNetwork loaded = NetworkFileTests.Create(name, seed: 12);

        loaded.Load(new ForwardOnlyStream(stream.ToArray()), ModelFormat.SafeTensors);

        AssertSameParameters(saved, loaded);
    }

    [Fact]
    public void The_written_header_follows_the_format_as_an_independent_JSON_parser_reads_it()
    {
        var net = new Deep(2); // [4, 6, 5, 3]
        using var stream = new MemoryStream();
        net.Save(stream, ModelFormat.SafeTensors, new ModelFileOptions { SafeTensors = new SafeTensorsOptions { Metadata = new Dictionary<string, string> { ["epochs"] = "12" } } });
        byte[] file = stream.ToArray();

        long n = BinaryPrimitives.ReadInt64LittleEndian(file);
        Assert.Equal(0, (8 + n) % 8);
        using JsonDocument header = JsonDocument.Parse(file.AsMemory(8, (int)n));
        JsonElement root = header.RootElement;
        JsonElement metadata = root.GetProperty("__metadata__");
        Assert.Equal("4,6,5,3", metadata.GetProperty("backprop.layers").GetString());
        Assert.Equal("Tanh,Tanh,Sigmoid", metadata.GetProperty("backprop.activations").GetString());
        Assert.Equal("MeanSquaredError", metadata.GetProperty("backprop.loss").GetString());
        Assert.Equal("12", metadata.GetProperty("epochs").GetString());

        ReadOnlySpan<byte> data = file.AsSpan(8 + (int)n);
        int[] sizes = [4, 6, 5, 3];
        long covered = 0;
        for (int l = 2; l <= 4; l++)
        {
            // nn.Sequential(Linear, Tanh, Linear, Tanh, Linear, Sigmoid): the Linear modules are 0, 2 and 4.
            int index = 2 * (l - 2);
            JsonElement weight = root.GetProperty($"{index}.weight");
            Assert.Equal("F32", weight.GetProperty("dtype").GetString());
            Assert.Equal(new[] { sizes[l - 1], sizes[l - 2] }, weight.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
            int begin = weight.GetProperty("data_offsets")[0].GetInt32();
            for (int j = 0; j < sizes[l - 1]; j++)
            {
                for (int k = 0; k < sizes[l - 2]; k++)
                {
                    Assert.Equal(net.Weight(l, j, k), BinaryPrimitives.ReadSingleLittleEndian(data.Slice(begin + (4 * ((j * sizes[l - 2]) + k)))));
                }
            }

            JsonElement bias = root.GetProperty($"{index}.bias");
            Assert.Equal(new[] { sizes[l - 1] }, bias.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
            int biasBegin = bias.GetProperty("data_offsets")[0].GetInt32();
            for (int j = 0; j < sizes[l - 1]; j++)
            {
                Assert.Equal(net.Bias(l, j), BinaryPrimitives.ReadSingleLittleEndian(data.Slice(biasBegin + (4 * j))));
            }

            covered += weight.GetProperty("data_offsets")[1].GetInt32() - begin + bias.GetProperty("data_offsets")[1].GetInt32() - biasBegin;
        }

        Assert.Equal(data.Length, covered);
    }

    [Fact]
    public void A_double_network_writes_F64_or_on_request_F32()
    {
        var net = new TorchMlpDouble(3);
        net.Weight(2, 0, 0) = 0.1;
        using var f64 = new MemoryStream();
        net.Save(f64, ModelFormat.SafeTensors);
        Assert.Contains("\"F64\"", HeaderText(f64.ToArray()), StringComparison.Ordinal);

        using var f32 = new MemoryStream();
        net.Save(f32, ModelFormat.SafeTensors, new ModelFileOptions { WritePrecision = Precision.Single });
        Assert.Contains("\"F32\"", HeaderText(f32.ToArray()), StringComparison.Ordinal);
        var single = new TorchMlp();
        single.Load(new MemoryStream(f32.ToArray()), ModelFormat.SafeTensors);
        Assert.Equal(0.1f, single.Weight(2, 0, 0));
        Assert.Equal((float)net.Bias(3, 1), single.Bias(3, 1));
    }

    [Fact]
    public void Prefix_and_explicit_names_apply_to_writing_too()
    {
        var net = new TorchMlp(4);
        using var prefixed = new MemoryStream();
        var prefix = new SafeTensorsOptions { Prefix = "model." };
        net.Save(prefixed, ModelFormat.SafeTensors, new ModelFileOptions { SafeTensors = prefix });
        Assert.Contains("\"model.2.bias\"", HeaderText(prefixed.ToArray()), StringComparison.Ordinal);
        var fromPrefixed = new TorchMlp();
        fromPrefixed.Load(new MemoryStream(prefixed.ToArray()), ModelFormat.SafeTensors, new ModelFileOptions { SafeTensors = prefix });
        AssertSameParameters(net, fromPrefixed);

        var named = new SafeTensorsOptions
        {
            TensorNames = new Dictionary<int, LayerTensorNames> { [2] = new("hidden.w", "hidden.b"), [3] = new("out.w", "out.b") },
        };
        using var explicitNames = new MemoryStream();
        net.Save(explicitNames, ModelFormat.SafeTensors, new ModelFileOptions { SafeTensors = named });
        Assert.Contains("\"out.w\"", HeaderText(explicitNames.ToArray()), StringComparison.Ordinal);
        var fromNamed = new TorchMlp();
        fromNamed.Load(new MemoryStream(explicitNames.ToArray()), ModelFormat.SafeTensors, new ModelFileOptions { SafeTensors = named });
        AssertSameParameters(net, fromNamed);
    }

    [Fact]
    public void Save_to_a_path_round_trips_and_refuses_a_network_with_a_NaN()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.safetensors");
        var net = new Regressor(2);
        net.Save(path);
        var loaded = new Regressor(3);
        loaded.Load(path);
        AssertSameParameters(net, loaded);

        net.Weight(3, 7, 7) = double.NaN;
        Assert.Throws<InvalidOperationException>(() => net.Save(path));
        loaded.Load(path);
        AssertSameParameters(new Regressor(2), loaded);
    }

    internal static byte[] File(string header, byte[] data) => File(Encoding.UTF8.GetBytes(header), data);

    internal static byte[] File(byte[] header, byte[] data)
    {
        var file = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);
        data.CopyTo(file, 8 + header.Length);
        return file;
    }

    private static byte[] F32Data(uint[] bits)
    {
        var data = new byte[4 * bits.Length];
        for (int i = 0; i < bits.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4 * i), bits[i]);
        }

        return data;
    }

    private static string HeaderText(byte[] file) =>
        Encoding.UTF8.GetString(file, 8, (int)BinaryPrimitives.ReadInt64LittleEndian(file));

    private static void AssertHandPickedWeights(INeuralNetwork net) => AssertWeights(net, W2, B2, W3, B3);

    private static void AssertWeights(INeuralNetwork net, float[] w2, float[] b2, float[] w3, float[] b3)
    {
        for (int j = 0; j < 3; j++)
        {
            for (int k = 0; k < 2; k++)
            {
                Assert.Equal(w2[(2 * j) + k], Weight(net, 2, j, k));
            }

            Assert.Equal(b2[j], Bias(net, 2, j));
        }

        for (int j = 0; j < 2; j++)
        {
            for (int k = 0; k < 3; k++)
            {
                Assert.Equal(w3[(3 * j) + k], Weight(net, 3, j, k));
            }

            Assert.Equal(b3[j], Bias(net, 3, j));
        }
    }

    private static void AssertForwardMatches(INeuralNetwork net) => AssertForwardMatches(net, W2, B2, W3, B3);

    // The forward pass of nn.Sequential(Linear(2, 3), Tanh(), Linear(3, 2)) written out by hand, in double.
    private static void AssertForwardMatches(INeuralNetwork net, float[] w2, float[] b2, float[] w3, float[] b3)
    {
        double[][] inputs = [[0, 0], [1, -1], [0.3, 0.7], [-2, 1.5]];
        foreach (double[] x in inputs)
        {
            double[] h = new double[3];
            for (int j = 0; j < 3; j++)
            {
                h[j] = Math.Tanh((w2[2 * j] * x[0]) + (w2[(2 * j) + 1] * x[1]) + b2[j]);
            }

            double[] y = new double[2];
            for (int j = 0; j < 2; j++)
            {
                y[j] = (w3[3 * j] * h[0]) + (w3[(3 * j) + 1] * h[1]) + (w3[(3 * j) + 2] * h[2]) + b3[j];
            }

            double[] actual = net switch
            {
                INeuralNetwork<float> f => Run(f, x.Select(v => (float)v).ToArray()).Select(v => (double)v).ToArray(),
                INeuralNetwork<double> d => Run(d, x),
                _ => throw new ArgumentException("Not a network.", nameof(net)),
            };
            double tolerance = net.Precision == Precision.Single ? 1e-5 : 1e-12;
            for (int i = 0; i < 2; i++)
            {
                Assert.True(Math.Abs(actual[i] - y[i]) <= tolerance, $"Output {i} for ({x[0]}, {x[1]}): expected {y[i]:R}, got {actual[i]:R}.");
            }
        }
    }

    private static T[] Run<T>(INeuralNetwork<T> net, T[] input)
        where T : unmanaged
    {
        var output = new T[net.OutputSize];
        net.Forward(input, output);
        return output;
    }
}
