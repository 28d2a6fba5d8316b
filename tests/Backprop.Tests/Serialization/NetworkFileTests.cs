using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Backprop.Serialization;
using Xunit;
using static Backprop.Tests.Serialization.SerializationKit;

namespace Backprop.Tests.Serialization;

/// <summary>
/// The binary model format of docs/model-format.md: round trips, the byte layout read back independently,
/// and every way a file can be wrong, each refused with its reason and the network left as it was.
/// </summary>
public sealed class NetworkFileTests
{
    private static readonly byte[] Magic = [0x89, 0x42, 0x50, 0x4E, 0x0D, 0x0A, 0x1A, 0x0A];

    public static TheoryData<string> AllNetworks => new(Networks.Cases.Select(c => c.Name).Concat(["MixedClassifier", "TinyBinary", "TinyTanh"]));

    internal static INeuralNetwork Create(string name, int seed = 1) => name switch
    {
        "MixedClassifier" => new MixedClassifier(seed),
        "TinyBinary" => new TinyBinary(seed),
        "TinyTanh" => new TinyTanh(seed),
        _ => Networks.Create(name, seed),
    };

    [Theory]
    [MemberData(nameof(AllNetworks))]
    public void A_saved_network_loads_into_a_fresh_one_bit_for_bit(string name)
    {
        INeuralNetwork saved = Create(name, seed: 7);
        INeuralNetwork loaded = Create(name, seed: 8);
        using var stream = new MemoryStream();
        saved.Save(stream, ModelFormat.Binary);
        stream.Position = 0;

        loaded.Load(stream, ModelFormat.Binary);

        AssertSameParameters(saved, loaded);
        Assert.Equal(stream.Length, stream.Position);
    }

    [Fact]
    public void Save_and_Load_by_path_round_trip_and_the_file_has_the_documented_length()
    {
        using var folder = new TempFolder();
        var saved = new Deep(3);
        string path = folder.File("deep.bpnn");

        saved.Save(path);
        var loaded = new Deep(4);
        loaded.Load(path);

        AssertSameParameters(saved, loaded);
        // Header 16 + 4·L + (L − 1) + 4, then P floats, then 4.
        Assert.Equal(16 + (4 * 4) + 3 + 4 + (4 * Deep.ParameterCount) + 4, new FileInfo(path).Length);
        Assert.Equal(Magic, File.ReadAllBytes(path).Take(8).ToArray());
    }

    [Fact]
    public void The_bytes_follow_the_documented_layout_read_back_without_the_library()
    {
        var net = new Perceptron();
        Fill(net);
        byte[] file = Save(net);

        // Header: magic, version 1, precision Single = 0, loss MeanSquaredError = 0, L = 2, sizes 3 and 2, activation Sigmoid = 0.
        Assert.Equal(Magic, file[..8]);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(8)));
        Assert.Equal(0, file[10]);
        Assert.Equal(0, file[11]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(12)));
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(16)));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(20)));
        Assert.Equal(0, file[24]);
        int header = 29;
        Assert.Equal(Crc32Reference(file.AsSpan(0, header - 4)), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(header - 4)));

        // Parameters in (l, j, k) order: w(2,0,0..2), w(2,1,0..2), then b(2,0), b(2,1).
        var expected = new List<float>();
        for (int j = 0; j < 2; j++)
        {
            for (int k = 0; k < 3; k++)
            {
                expected.Add(net.Weight(2, j, k));
            }
        }

        expected.Add(net.Bias(2, 0));
        expected.Add(net.Bias(2, 1));
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(header + (4 * i))));
        }

        int end = header + (4 * expected.Count);
        Assert.Equal(end + 4, file.Length);
        Assert.Equal(Crc32Reference(file.AsSpan(header, end - header)), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(end)));
    }

    [Fact]
    public void Crc32_matches_the_standard_check_value_and_the_bitwise_definition()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0u, Crc32.Compute([]));
        byte[] data = Enumerable.Range(0, 1000).Select(i => (byte)(i * 31)).ToArray();
        Assert.Equal(Crc32Reference(data), Crc32.Compute(data));
        Assert.Equal(Crc32.Compute(data), Crc32.Append(Crc32.Compute(data.AsSpan(0, 400)), data.AsSpan(400)));
    }

    [Fact]
    public void Models_can_follow_each_other_in_one_stream()
    {
        var first = new Tiny(1);
        var second = new TinyDouble(2);
        using var stream = new MemoryStream();
        first.Save(stream, ModelFormat.Binary);
        second.Save(stream, ModelFormat.Binary);
        stream.Position = 0;

        var a = new Tiny(9);
        var b = new TinyDouble(9);
        a.Load(stream, ModelFormat.Binary);
        b.Load(stream, ModelFormat.Binary);

        AssertSameParameters(first, a);
        AssertSameParameters(second, b);
    }

    [Fact]
    public void A_stream_that_cannot_seek_and_returns_few_bytes_per_read_loads_too()
    {
        var saved = new Regressor(5);
        var loaded = new Regressor(6);
        loaded.Load(new ForwardOnlyStream(Save(saved)), ModelFormat.Binary);
        AssertSameParameters(saved, loaded);
    }

    // ---- Every corruption: the reason, what the message names, and an unchanged network. ----

    [Fact]
    public void An_empty_file_is_truncated() =>
        AssertRefused(new Tiny(), ModelFormatReason.Truncated, () => Load(new Tiny(), []), "truncated", "0");

    [Fact]
    public void Every_truncation_of_a_valid_file_is_reported_as_truncated()
    {
        byte[] file = Save(new Deep(1));
        var net = new Deep(2);
        for (int length = 0; length < file.Length; length++)
        {
            AssertRefused(net, ModelFormatReason.Truncated, () => Load(net, file[..length]), "truncated");
        }
    }

    [Fact]
    public void A_wrong_magic_names_the_expected_and_the_found_bytes()
    {
        byte[] file = Save(new Tiny());
        file[1] = (byte)'X';
        ModelFormatException e = AssertRefused(new Tiny(), ModelFormatReason.WrongMagic, () => Load(new Tiny(), file), "89 42 50 4E 0D 0A 1A 0A", "89 58 50 4E");
        Assert.Equal("89 58 50 4E 0D 0A 1A 0A", e.Found);
    }

    [Fact]
    public void Safetensors_and_weights_JSON_files_are_recognized_as_other_formats()
    {
        var net = new TorchMlp();
        AssertRefused(net, ModelFormatReason.WrongMagic, () => Load(net, File.ReadAllBytes(DataPath("mlp-2-3-2-f32.safetensors"))), "safetensors");
        byte[] json = Encoding.UTF8.GetBytes(ToJson(net));
        AssertRefused(net, ModelFormatReason.WrongMagic, () => Load(net, json), "weights JSON");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(65535)]
    public void An_unknown_version_is_refused_before_anything_else_is_read(int version)
    {
        byte[] file = Save(new Tiny());
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(8), (ushort)version);
        ModelFormatException e = AssertRefused(new Tiny(), ModelFormatReason.UnsupportedVersion, () => Load(new Tiny(), file), $"version {version}", "version 1");
        Assert.Equal("version 1", e.Expected);
    }

    [Fact]
    public void A_corrupt_header_checksum_is_reported_for_the_header()
    {
        byte[] file = Save(new Tiny());
        file[HeaderLength(3) - 1] ^= 0x40;
        AssertRefused(new Tiny(), ModelFormatReason.ChecksumMismatch, () => Load(new Tiny(), file), "header", "CRC-32");
    }

    [Fact]
    public void A_corrupt_parameter_is_reported_for_the_parameters()
    {
        byte[] file = Save(new Tiny());
        file[HeaderLength(3) + 5] ^= 0x01;
        AssertRefused(new Tiny(), ModelFormatReason.ChecksumMismatch, () => Load(new Tiny(), file), "parameters", "CRC-32");
    }

    [Fact]
    public void Every_single_bit_flip_anywhere_in_the_file_is_refused_with_the_reason_of_its_region()
    {
        var net = new Tiny(3);
        byte[] file = Save(net);
        int header = HeaderLength(3);
        for (int position = 0; position < file.Length; position++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                byte[] corrupt = (byte[])file.Clone();
                corrupt[position] ^= (byte)(1 << bit);
                ModelFormatReason[] allowed = position switch
                {
                    < 8 => [ModelFormatReason.WrongMagic],
                    < 10 => [ModelFormatReason.UnsupportedVersion],
                    // The layer count decides how long the header is: a flip there may also read past the end, or give an impossible count.
                    >= 12 and < 16 => [ModelFormatReason.ChecksumMismatch, ModelFormatReason.InvalidHeader, ModelFormatReason.Truncated],
                    _ => [ModelFormatReason.ChecksumMismatch],
                };
                byte[] before = Snapshot(net);
                ModelFormatException e = Assert.Throws<ModelFormatException>(() => Load(net, corrupt));
                Assert.True(allowed.Contains(e.Reason), $"Byte {position}, bit {bit}: {e.Reason}: {e.Message}");
                Assert.Equal(before, Snapshot(net));
            }
        }
    }

    [Fact]
    public void Bytes_after_the_model_in_a_file_are_refused()
    {
        using var folder = new TempFolder();
        string path = folder.File("tiny.bpnn");
        new Tiny(1).Save(path);
        File.AppendAllText(path, "x");
        var net = new Tiny(2);
        AssertRefused(net, ModelFormatReason.TrailingData, () => net.Load(path), "after the end of the model");
    }

    [Theory]
    [InlineData("layer count 1", 12, 1u, "its header gives 1 layer, but a model file holds 2 to 65535")]
    [InlineData("layer count past the limit", 12, 70000u, "its header gives 70000 layers, but a model file holds 2 to 65535")]
    [InlineData("a layer of size 0", 20, 0u, "its header gives layer 2 a size of 0, but a layer has 1 to 2147483647 neurons")]
    public void Impossible_header_values_with_a_valid_checksum_are_invalid_headers(string what, int offset, uint value, string mention)
    {
        _ = what;
        byte[] file = Save(new Tiny());
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(offset), value);
        if (value is >= 2 and <= 65535 || offset != 12)
        {
            Reseal(file, 3);
        }

        AssertRefused(new Tiny(), ModelFormatReason.InvalidHeader, () => Load(new Tiny(), file), mention);
    }

    [Theory]
    [InlineData("precision", 10, "its header is not a valid network: precision 7 is not a value of Precision; use one of Single, Double.")]
    [InlineData("loss", 11, "its header is not a valid network: loss 7 is not a value of Loss; use one of")]
    [InlineData("activation of layer 2", 28, "its header is not a valid network: layer 2 has activation 7, which is not a value of Activation")]
    public void Undefined_enum_values_with_a_valid_checksum_are_invalid_headers(string what, int offset, string mention)
    {
        _ = what;
        byte[] file = Save(new Tiny());
        file[offset] = 7;
        Reseal(file, 3);
        AssertRefused(new Tiny(), ModelFormatReason.InvalidHeader, () => Load(new Tiny(), file), mention);
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void A_non_finite_parameter_in_a_file_with_a_valid_checksum_is_refused_by_name(float value, string shown)
    {
        var source = new Tiny(1);
        byte[] file = Save(source);
        int header = HeaderLength(3);
        // The file's (l, j, k) order puts w(2, 1, 2) at 1·3 + 2 = 5.
        BinaryPrimitives.WriteSingleLittleEndian(file.AsSpan(header + (4 * 5)), value);
        Reseal(file, 3);
        AssertRefused(new Tiny(2), ModelFormatReason.NonFiniteValue, () => Load(new Tiny(2), file), "w(l=2, j=1, k=2)", shown);
    }

    [Fact]
    public void A_network_with_a_NaN_is_not_saved_and_nothing_is_written()
    {
        using var folder = new TempFolder();
        string path = folder.File("nan.bpnn");
        var net = new Tiny();
        net.Bias(3, 1) = float.NaN;

        var e = Assert.Throws<InvalidOperationException>(() => net.Save(path));
        Assert.Contains("b(l=3, j=1)", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path));

        using var stream = new MemoryStream();
        Assert.Throws<InvalidOperationException>(() => net.Save(stream, ModelFormat.Binary));
        Assert.Equal(0, stream.Length);
    }

    [Theory]
    [InlineData("Tiny", "Perceptron", "it has layer sizes [3, 4, 2], but the network has [3, 2]", "layer sizes [3, 4, 2]", "layer sizes [3, 2]")]
    [InlineData("Tiny", "TinyTanh", "it has activations [Sigmoid, Sigmoid] (layers 2 to 3), but the network has [Tanh, Sigmoid]", "activations [Sigmoid, Sigmoid]", "activations [Tanh, Sigmoid]")]
    [InlineData("Tiny", "TinyBinary", "it has loss MeanSquaredError, but the network has BinaryCrossEntropy", "loss MeanSquaredError", "loss BinaryCrossEntropy")]
    public void A_file_for_another_topology_names_the_difference(string saved, string loaded, string mention, string found, string expected)
    {
        byte[] file = Save(Create(saved));
        INeuralNetwork net = Create(loaded);
        ModelFormatException e = AssertRefused(net, ModelFormatReason.TopologyMismatch, () => Load(net, file), mention);
        Assert.Equal(found, e.Found);
        Assert.Equal(expected, e.Expected);
    }

    [Fact]
    public void A_float_file_is_refused_by_a_double_network_unless_conversion_is_asked_for_and_then_widens_exactly()
    {
        var single = new Tiny(1);
        byte[] file = Save(single);
        var @double = new TinyDouble(2);
        AssertRefused(@double, ModelFormatReason.PrecisionMismatch, () => Load(@double, file), "Single (float)", "Double (double)", "ConvertPrecision");

        @double.Load(new MemoryStream(file), ModelFormat.Binary, new ModelFileOptions { ConvertPrecision = true });

        AssertSameParameters(single, @double);
    }

    [Fact]
    public void A_precision_mismatch_reads_as_a_sentence_for_a_file_a_stream_and_a_NetworkWeights()
    {
        using var folder = new TempFolder();
        string path = folder.File("tiny.bpnn");
        new Tiny(1).Save(path);
        var @double = new TinyDouble(2);
        const string Rest = " holds Single (float) parameters, but the network TinyDouble is Double (double). Set ModelFileOptions.ConvertPrecision to true to widen them exactly. The network was not changed.";

        Assert.Equal($"The model file '{path}'" + Rest, AssertRefused(@double, ModelFormatReason.PrecisionMismatch, () => @double.Load(path)).Message);
        Assert.Equal("The model stream" + Rest, AssertRefused(@double, ModelFormatReason.PrecisionMismatch, () => Load(@double, File.ReadAllBytes(path))).Message);
        Assert.Equal("The NetworkWeights object" + Rest, AssertRefused(@double, ModelFormatReason.PrecisionMismatch, () => NetworkWeights.Read(path).CopyTo(@double)).Message);
    }

    [Fact]
    public void A_topology_mismatch_names_what_the_file_and_the_network_have()
    {
        var perceptron = new Perceptron();
        ModelFormatException e = AssertRefused(perceptron, ModelFormatReason.TopologyMismatch, () => Load(perceptron, Save(new Tiny(1))));
        Assert.Equal("The model stream is for another network: it has layer sizes [3, 4, 2], but the network has [3, 2]. The network was not changed.", e.Message);
        Assert.Equal("layer sizes [3, 2]", e.Expected);
        Assert.Equal("layer sizes [3, 4, 2]", e.Found);
    }

    [Fact]
    public void A_truncated_header_says_how_long_the_file_is_and_what_it_needs()
    {
        byte[] file = Save(new Tiny(1));
        ModelFormatException e = AssertRefused(new Tiny(), ModelFormatReason.Truncated, () => Load(new Tiny(), file[..12]));
        Assert.Equal("The model stream is truncated: it ends after 12 bytes, but the header needs 16.", e.Message);
        e = AssertRefused(new Tiny(), ModelFormatReason.Truncated, () => Load(new Tiny(), file[..100]));
        Assert.Equal("The model stream is truncated: it ends after 100 bytes, but the header and 26 float parameters with their checksum need 142.", e.Message);
    }

    [Fact]
    public void A_double_file_is_refused_by_a_float_network_unless_conversion_is_asked_for_and_then_rounds_to_nearest()
    {
        var @double = new TinyDouble(1);
        @double.Weight(2, 0, 0) = 0.1;
        byte[] file = Save(@double);
        var single = new Tiny(2);
        AssertRefused(single, ModelFormatReason.PrecisionMismatch, () => Load(single, file), "Double (double)", "Single (float)");

        single.Load(new MemoryStream(file), ModelFormat.Binary, new ModelFileOptions { ConvertPrecision = true });

        Assert.Equal(0.1f, single.Weight(2, 0, 0));
        Assert.Equal((float)@double.Bias(3, 1), single.Bias(3, 1));
    }

    [Fact]
    public void A_double_beyond_the_range_of_float_is_refused_even_with_conversion()
    {
        var @double = new TinyDouble(1);
        @double.Weight(3, 1, 2) = 1e300;
        byte[] file = Save(@double);
        var single = new Tiny(2);
        AssertRefused(
            single,
            ModelFormatReason.ValueOutOfRange,
            () => single.Load(new MemoryStream(file), ModelFormat.Binary, new ModelFileOptions { ConvertPrecision = true }),
            "w(l=3, j=1, k=2)",
            "1E+300");
    }

    // ---- Atomic saves ----

    [Fact]
    public void A_save_that_fails_midway_leaves_the_old_file_intact_and_no_temporary_file()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.bpnn");
        new Tiny(1).Save(path);
        byte[] old = File.ReadAllBytes(path);

        var replacement = new Tiny(2);
        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream => replacement.Save(new FailingStream(stream, failAfter: 40), ModelFormat.Binary)));

        Assert.Equal(old, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
        var loaded = new Tiny(3);
        loaded.Load(path);
        AssertSameParameters(new Tiny(1), loaded);
    }

    [Fact]
    public void A_save_that_fails_before_any_file_existed_leaves_no_file()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.bpnn");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream => new Tiny().Save(new FailingStream(stream, failAfter: 0), ModelFormat.Binary)));
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void A_successful_save_replaces_the_old_file_whole()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.bpnn");
        new Deep(1).Save(path);
        new Tiny(2).Save(path);

        var loaded = new Tiny(3);
        loaded.Load(path);
        AssertSameParameters(new Tiny(2), loaded);
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void A_save_into_a_missing_folder_throws_and_creates_nothing()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "missing", "model.bpnn");
        Assert.Throws<DirectoryNotFoundException>(() => new Tiny().Save(path));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void Read_returns_the_topology_and_weights_without_a_network()
    {
        var net = new MixedClassifier(4);
        NetworkWeights weights = NetworkWeights.Read(new MemoryStream(Save(net)), ModelFormat.Binary);

        Assert.Equal(NetworkTopology.Of(net), weights.Topology);
        Assert.Equal([Activation.ReLU, Activation.LeakyReLU, Activation.Softmax], weights.Topology.Activations);
        Assert.Equal(Loss.CrossEntropy, weights.Topology.Loss);
        Assert.Equal(Precision.Double, weights.Topology.Precision);
        Assert.Equal(net.Weight(3, 3, 4), weights.GetWeight(3, 3, 4));
        Assert.Equal(net.Bias(4, 2), weights.GetBias(4, 2));
    }

    internal static byte[] Save(INeuralNetwork network)
    {
        using var stream = new MemoryStream();
        network.Save(stream, ModelFormat.Binary);
        return stream.ToArray();
    }

    private static void Load(INeuralNetwork network, byte[] file) => network.Load(new MemoryStream(file), ModelFormat.Binary);

    private static int HeaderLength(int layers) => 16 + (4 * layers) + (layers - 1) + 4;

    // Recomputes both checksums after a deliberate edit, so that the edit itself is what the loader sees.
    private static void Reseal(byte[] file, int layers)
    {
        int header = HeaderLength(layers);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(header - 4), Crc32Reference(file.AsSpan(0, header - 4)));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(file.Length - 4), Crc32Reference(file.AsSpan(header, file.Length - 4 - header)));
    }
}
