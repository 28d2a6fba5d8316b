using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Backprop.Serialization;
using Xunit;
using static Backprop.Tests.Serialization.SerializationKit;

namespace Backprop.Tests.Serialization;

/// <summary>
/// The one save/load API over every format: a path's extension picks the format, a stream names it, the same
/// options serve every format, and a knob that cannot apply is refused before anything is read or written.
/// </summary>
public sealed class ModelFilesTests
{
    private static readonly byte[] BinaryMagic = [0x89, 0x42, 0x50, 0x4E, 0x0D, 0x0A, 0x1A, 0x0A];

    public static TheoryData<string, string> FormatPairs
    {
        get
        {
            var pairs = new TheoryData<string, string>();
            foreach (string from in Extensions)
            {
                foreach (string to in Extensions)
                {
                    pairs.Add(from, to);
                }
            }

            return pairs;
        }
    }

    private static string[] Extensions => [".bpnn", ".json", ".safetensors"];

    [Theory]
    [InlineData("model.bpnn", ModelFormat.Binary)]
    [InlineData("model.json", ModelFormat.Json)]
    [InlineData("model.safetensors", ModelFormat.SafeTensors)]
    [InlineData("MODEL.BPNN", ModelFormat.Binary)]
    [InlineData("Model.SafeTensors", ModelFormat.SafeTensors)]
    public void The_extension_picks_the_format_in_any_case(string name, ModelFormat format)
    {
        using var folder = new TempFolder();
        string path = folder.File(name);
        var net = new Tiny(1);

        net.Save(path);

        using var expected = new MemoryStream();
        net.Save(expected, format);
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(path));
        var loaded = new Tiny(2);
        loaded.Load(path);
        AssertSameParameters(net, loaded);
    }

    [Theory]
    [InlineData("model.txt", "ends in '.txt'")]
    [InlineData("model.bpnn.bak", "ends in '.bak'")]
    [InlineData("model", "has no extension")]
    public void An_unknown_extension_is_refused_naming_the_path_the_extension_and_the_accepted_ones(string name, string found)
    {
        using var folder = new TempFolder();
        string path = folder.File(name);
        var net = new Tiny(1);
        byte[] before = Snapshot(net);

        foreach (Action call in new Action[] { () => net.Save(path), () => net.Load(path), () => NetworkWeights.From(net).Write(path), () => NetworkWeights.Read(path) })
        {
            ArgumentException e = Assert.Throws<ArgumentException>(call);
            Assert.Equal("path", e.ParamName);
            foreach (string mention in new[] { "'" + path + "'", found, ".bpnn (Binary)", ".json (Json)", ".safetensors (SafeTensors)", "ModelFormat" })
            {
                Assert.Contains(mention, e.Message, StringComparison.Ordinal);
            }
        }

        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
        Assert.Equal(before, Snapshot(net));
    }

    [Fact]
    public void A_stream_is_written_and_read_in_the_format_it_is_given()
    {
        var net = new MixedClassifier(5);
        foreach (ModelFormat format in new[] { ModelFormat.Binary, ModelFormat.Json, ModelFormat.SafeTensors })
        {
            using var stream = new MemoryStream();
            net.Save(stream, format);
            byte[] bytes = stream.ToArray();
            switch (format)
            {
                case ModelFormat.Binary:
                    Assert.Equal(BinaryMagic, bytes[..8]);
                    break;
                case ModelFormat.Json:
                    Assert.Equal((byte)'{', bytes[0]);
                    break;
                default:
                    Assert.Equal((byte)'{', bytes[8]); // after the u64 header length
                    break;
            }

            var loaded = new MixedClassifier(6);
            loaded.Load(new MemoryStream(bytes), format);
            AssertSameParameters(net, loaded);
            AssertSameWeights(NetworkWeights.From(net), NetworkWeights.Read(new MemoryStream(bytes), format));
        }
    }

    [Fact]
    public void A_stream_read_as_another_format_is_refused_and_changes_nothing()
    {
        var net = new Tiny(1);
        using var binary = new MemoryStream();
        net.Save(binary, ModelFormat.Binary);
        using var json = new MemoryStream();
        net.Save(json, ModelFormat.Json);

        AssertRefused(net, ModelFormatReason.InvalidJson, () => net.Load(new MemoryStream(binary.ToArray()), ModelFormat.Json));
        AssertRefused(net, ModelFormatReason.WrongMagic, () => net.Load(new MemoryStream(json.ToArray()), ModelFormat.Binary), "weights JSON");
        AssertRefused(net, ModelFormatReason.InvalidHeader, () => net.Load(new MemoryStream(json.ToArray()), ModelFormat.SafeTensors));
    }

    [Fact]
    public void A_value_that_is_not_a_ModelFormat_is_refused_naming_format()
    {
        var net = new Tiny(1);
        byte[] before = Snapshot(net);
        using var stream = new MemoryStream();

        foreach (Action call in new Action[]
        {
            () => net.Save(stream, (ModelFormat)3),
            () => net.Load(stream, (ModelFormat)3),
            () => NetworkWeights.From(net).Write(stream, (ModelFormat)3),
            () => NetworkWeights.Read(stream, (ModelFormat)3),
        })
        {
            ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(call);
            Assert.Equal("format", e.ParamName);
            Assert.Contains("Binary, Json, SafeTensors, but was 3", e.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, stream.Length);
        Assert.Equal(before, Snapshot(net));
    }

    [Fact]
    public void Null_arguments_are_refused_by_name()
    {
        var net = new Tiny(1);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => ((INeuralNetwork)null!).Save("model.bpnn")).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => ((INeuralNetwork)null!).Load("model.bpnn")).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => net.Save((string)null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => net.Load((string)null!)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => net.Save((Stream)null!, ModelFormat.Json)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => NetworkWeights.Read((Stream)null!, ModelFormat.Json)).ParamName);
    }

    [Theory]
    [InlineData("model.bpnn", "Binary")]
    [InlineData("model.json", "Json")]
    public void Safetensors_options_with_another_format_are_refused_before_anything_is_read_or_written(string name, string format)
    {
        using var folder = new TempFolder();
        string path = folder.File(name);
        var net = new Tiny(1);
        var options = new ModelFileOptions { SafeTensors = new SafeTensorsOptions { Prefix = "model." } };
        string extension = Path.GetExtension(name);

        ArgumentException e = Assert.Throws<ArgumentException>(() => net.Save(path, options));
        Assert.Equal("options", e.ParamName);
        Assert.Contains($"ModelFileOptions.SafeTensors applies to safetensors files only, but the format is {format} (from the extension '{extension}')", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));

        net.Save(path);
        byte[] file = File.ReadAllBytes(path);
        var loaded = new Tiny(2);
        byte[] before = Snapshot(loaded);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => loaded.Load(path, options)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => NetworkWeights.Read(path, options)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => NetworkWeights.From(net).Write(path, options)).ParamName);
        Assert.Contains($"the format is {format}.", Assert.Throws<ArgumentException>(() => loaded.Load(new MemoryStream(file), Enum.Parse<ModelFormat>(format), options)).Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(loaded));
        Assert.Equal(file, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_topology_option_is_refused_where_a_network_or_the_weights_give_the_topology()
    {
        using var folder = new TempFolder();
        string path = folder.File("tiny.bpnn");
        var net = new Tiny(1);
        net.Save(path);
        var options = new ModelFileOptions { Topology = NetworkTopology.Of(net) };
        byte[] before = Snapshot(net);

        foreach (Action call in new Action[]
        {
            () => net.Save(folder.File("other.bpnn"), options),
            () => net.Save(new MemoryStream(), ModelFormat.Binary, options),
            () => net.Load(path, options),
            () => net.Load(new MemoryStream(File.ReadAllBytes(path)), ModelFormat.Binary, options),
            () => NetworkWeights.From(net).Write(folder.File("other.bpnn"), options),
            () => NetworkWeights.From(net).CopyTo(net, options),
        })
        {
            ArgumentException e = Assert.Throws<ArgumentException>(call);
            Assert.Equal("options", e.ParamName);
            Assert.Contains("ModelFileOptions.Topology is for NetworkWeights.Read", e.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, Snapshot(net));
        Assert.Equal(["tiny.bpnn"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
        Assert.Equal(NetworkTopology.Of(net), NetworkWeights.Read(path, options).Topology);
    }

    [Fact]
    public void A_write_precision_that_is_not_a_Precision_is_refused()
    {
        using var folder = new TempFolder();
        string path = folder.File("tiny.json");
        ArgumentException e = Assert.Throws<ArgumentException>(() => new Tiny(1).Save(path, new ModelFileOptions { WritePrecision = (Precision)9 }));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("ModelFileOptions.WritePrecision must be Single, Double or null, but was 9.", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData(".bpnn")]
    [InlineData(".json")]
    [InlineData(".safetensors")]
    public void A_write_precision_that_is_not_a_Precision_is_ignored_when_reading(string extension)
    {
        // A knob of the other direction is ignored, so one options object can serve a load and a save.
        using var folder = new TempFolder();
        string path = folder.File("tiny" + extension);
        var saved = new Tiny(1);
        saved.Save(path);
        var options = new ModelFileOptions { WritePrecision = (Precision)7 };

        var fromPath = new Tiny(2);
        fromPath.Load(path, options);
        AssertSameParameters(saved, fromPath);
        var fromStream = new Tiny(3);
        using (FileStream stream = File.OpenRead(path))
        {
            fromStream.Load(stream, extension switch { ".bpnn" => ModelFormat.Binary, ".json" => ModelFormat.Json, _ => ModelFormat.SafeTensors }, options);
        }

        AssertSameParameters(saved, fromStream);
        var copied = new Tiny(4);
        NetworkWeights.Read(path, options).CopyTo(copied, options);
        AssertSameParameters(saved, copied);
    }

    [Theory]
    [MemberData(nameof(FormatPairs))]
    public void Weights_convert_between_every_pair_of_formats_bit_for_bit(string from, string to)
    {
        using var folder = new TempFolder();
        foreach (INeuralNetwork net in new INeuralNetwork[] { new MixedClassifier(11), new Deep(12) })
        {
            string source = folder.File(net.GetType().Name + "-in" + from);
            string target = folder.File(net.GetType().Name + "-out" + to);
            net.Save(source);

            NetworkWeights.Read(source).Write(target);

            INeuralNetwork loaded = net is Deep ? new Deep(13) : new MixedClassifier(13);
            loaded.Load(target);
            AssertSameParameters(net, loaded);
            Assert.Equal(NetworkTopology.Of(net), NetworkWeights.Read(target).Topology);
        }
    }

    [Theory]
    [InlineData(".bpnn")]
    [InlineData(".json")]
    [InlineData(".safetensors")]
    public void Write_precision_applies_to_every_format(string extension)
    {
        using var folder = new TempFolder();
        string path = folder.File("mixed" + extension);
        var net = new MixedClassifier(3);

        net.Save(path, new ModelFileOptions { WritePrecision = Precision.Single });

        NetworkWeights weights = NetworkWeights.Read(path);
        Assert.Equal(Precision.Single, weights.Topology.Precision);
        AssertBits((float)net.Weight(3, 2, 4), weights.GetWeight(3, 2, 4), "w(3, 2, 4)");
        var loaded = new MixedClassifier(4);

        // A float file is not silently widened into a double network, whatever its format.
        AssertRefused(loaded, ModelFormatReason.PrecisionMismatch, () => loaded.Load(path), "ModelFileOptions.ConvertPrecision");
        loaded.Load(path, new ModelFileOptions { ConvertPrecision = true });
        AssertBits((float)net.Bias(4, 1), loaded.Bias(4, 1), "b(4, 1)");
    }

    [Fact]
    public void Reading_with_a_topology_checks_the_file_against_it_and_converts_only_when_asked()
    {
        using var folder = new TempFolder();
        string path = folder.File("tiny.json");
        new Tiny(1).Save(path);
        NetworkTopology tiny = NetworkTopology.Of(new Tiny());

        Assert.Equal(tiny, NetworkWeights.Read(path, new ModelFileOptions { Topology = tiny }).Topology);
        ModelFormatException other = Assert.Throws<ModelFormatException>(() => NetworkWeights.Read(path, new ModelFileOptions { Topology = NetworkTopology.Of(new Deep()) }));
        Assert.Equal(ModelFormatReason.TopologyMismatch, other.Reason);
        var asDouble = new ModelFileOptions { Topology = tiny.WithPrecision(Precision.Double) };
        ModelFormatException precision = Assert.Throws<ModelFormatException>(() => NetworkWeights.Read(path, asDouble));
        Assert.Equal(ModelFormatReason.PrecisionMismatch, precision.Reason);
        Assert.Equal(
            $"The weights file '{path}' holds Single (float) parameters, but ModelFileOptions.Topology asks for Double (double). Set ModelFileOptions.ConvertPrecision to true to widen them exactly.",
            precision.Message);

        asDouble.ConvertPrecision = true;
        NetworkWeights widened = NetworkWeights.Read(path, asDouble);
        Assert.Equal(Precision.Double, widened.Topology.Precision);
        AssertBits((double)new Tiny(1).Weight(3, 1, 2), widened.GetWeight(3, 1, 2), "w(3, 1, 2)");
    }

    [Fact]
    public void A_safetensors_file_without_a_recorded_topology_needs_one_to_be_read_without_a_network()
    {
        ModelFormatException e = Assert.Throws<ModelFormatException>(() => NetworkWeights.Read(DataPath("mlp-2-3-2-f32.safetensors")));
        Assert.Equal(ModelFormatReason.MissingTopology, e.Reason);
        Assert.Contains("ModelFileOptions.Topology", e.Message, StringComparison.Ordinal);

        var topology = new NetworkTopology([2, 3, 2], [Activation.Tanh, Activation.Linear]);
        NetworkWeights weights = NetworkWeights.Read(DataPath("mlp-2-3-2-f32.safetensors"), new ModelFileOptions { Topology = topology });
        var net = new TorchMlp();
        net.Load(DataPath("mlp-2-3-2-f32.safetensors"));
        AssertSameWeights(NetworkWeights.From(net), weights);
    }

    [Fact]
    public void One_options_object_serves_a_read_and_a_write_of_the_same_format()
    {
        using var stream = new MemoryStream();
        var options = new ModelFileOptions
        {
            ConvertPrecision = true,
            WritePrecision = Precision.Single,
            SafeTensors = new SafeTensorsOptions { Prefix = "model.", Metadata = new Dictionary<string, string> { ["epochs"] = "3" } },
        };
        var net = new MixedClassifier(8);

        net.Save(stream, ModelFormat.SafeTensors, options);
        stream.Position = 0;
        var loaded = new MixedClassifier(9);
        loaded.Load(stream, ModelFormat.SafeTensors, options);

        AssertBits((float)net.Weight(2, 4, 3), loaded.Weight(2, 4, 3), "w(2, 4, 3)");
    }

    // Tiny is 3-4-2: layer 2 has 4 neurons, layer 3 has 2.
    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(4, 0, 0)]
    [InlineData(2, 4, 0)]
    [InlineData(3, -1, 0)]
    [InlineData(3, 0, 4)]
    [InlineData(3, 1, -1)]
    public void Weights_refuse_an_index_outside_the_network_as_the_network_does(int layer, int j, int k)
    {
        var net = new Tiny(1);
        NetworkWeights weights = NetworkWeights.From(net);

        AssertSameRefusal(() => net.Weight(layer, j, k), () => weights.GetWeight(layer, j, k));
        AssertSameRefusal(() => net.Weight(layer, j, k), () => weights.SetWeight(layer, j, k, 0.5));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(4, 0)]
    [InlineData(2, 4)]
    [InlineData(3, -1)]
    [InlineData(3, 2)]
    public void Biases_refuse_an_index_outside_the_network_as_the_network_does(int layer, int j)
    {
        var net = new Tiny(1);
        NetworkWeights weights = NetworkWeights.From(net);

        AssertSameRefusal(() => net.Bias(layer, j), () => weights.GetBias(layer, j));
        AssertSameRefusal(() => net.Bias(layer, j), () => weights.SetBias(layer, j, 0.5));
    }

    private static void AssertSameRefusal(Func<object> network, Action weights)
    {
        ArgumentOutOfRangeException expected = Assert.Throws<ArgumentOutOfRangeException>(network);
        ArgumentOutOfRangeException actual = Assert.Throws<ArgumentOutOfRangeException>(weights);
        Assert.Equal(expected.ParamName, actual.ParamName);
        Assert.Equal(expected.ActualValue, actual.ActualValue);
        Assert.Equal(expected.Message, actual.Message);
    }

    private static void AssertSameWeights(NetworkWeights expected, NetworkWeights actual)
    {
        Assert.Equal(expected.Topology, actual.Topology);
        NetworkTopology topology = expected.Topology;
        for (int l = 2; l <= topology.LayerCount; l++)
        {
            for (int j = 0; j < topology.SizeOf(l); j++)
            {
                for (int k = 0; k < topology.SizeOf(l - 1); k++)
                {
                    AssertBits(expected.GetWeight(l, j, k), actual.GetWeight(l, j, k), $"w({l}, {j}, {k})");
                }

                AssertBits(expected.GetBias(l, j), actual.GetBias(l, j), $"b({l}, {j})");
            }
        }
    }
}
