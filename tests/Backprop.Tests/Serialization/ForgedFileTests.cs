using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Backprop.Convert;
using Backprop.Serialization;
using Xunit;

namespace Backprop.Tests.Serialization;

/// <summary>
/// Weights files whose size fields are forged (layer counts, layer sizes, array lengths, header lengths, shapes,
/// data offsets), loaded through every reader under a memory cap: each load may allocate no more than the
/// file and the target network justify, and may throw nothing but <see cref="ModelFormatException"/>.
/// </summary>
/// <remarks>
/// The cap is measured, not imposed: <see cref="GC.GetAllocatedBytesForCurrentThread"/> counts every byte the
/// load allocates on this thread, so a reader that sizes an array from a forged field fails here even when the
/// machine could have given it the memory (the 0.1 JSON reader took 572 MiB for [64, 1000000, 10]).
/// </remarks>
public sealed class ForgedFileTests
{
    // Allocation budget: a fixed part for type initialization, stream buffers and messages, plus a multiple of the
    // file and of the target network's parameters. The largest multiple measured is the JSON tree's, about 57 bytes
    // per byte of a file of "0," numbers; the budget allows twice that.
    private const long FixedBudget = 256 * 1024;
    private const long BytesPerFileByte = 128;
    private const long BytesPerTargetParameter = 64;

    // A message is itself an allocation: whatever a forged file lists (sizes, names, text), the message stays short.
    private const int MaxMessageLength = 1000;

    private const string ConverterLoader = "Backprop.Convert";

    private static readonly string Long = new('x', 1_000_000);

    private static readonly Dictionary<string, Func<byte[]>> Forgeries = new()
    {
        // Binary (.bpnn) of Tiny [3, 4, 2]; "sealed" means both CRCs are recomputed, so the forged field is what the reader sees.
        ["bpnn: layer count 65535 (header longer than the file)"] = () => BinaryWithLayerCount(65535),
        ["bpnn: 65535 layers of 1, sealed, no parameters"] = () => BinaryHeader(Enumerable.Repeat(1, 65535).ToArray()),
        ["bpnn: sizes [3, 1000000, 2], sealed"] = () => BinaryWithSizes([3, 1_000_000, 2]),
        ["bpnn: sizes [64, 1000000, 10], sealed"] = () => BinaryWithSizes([64, 1_000_000, 10]),
        ["bpnn: sizes [1, 715827882, 1], sealed"] = () => BinaryWithSizes([1, 715_827_882, 1]),
        ["bpnn: sizes [65536, 65536, 1], sealed"] = () => BinaryWithSizes([65_536, 65_536, 1]),

        // Weights JSON of Tiny [3, 4, 2].
        ["json: layers [1, 715827882, 1]"] = () => Json(t => t.Replace("\"layers\": [3, 4, 2]", "\"layers\": [1, 715827882, 1]", StringComparison.Ordinal)),
        ["json: layers [64, 1000000, 10]"] = () => Json(t => t.Replace("\"layers\": [3, 4, 2]", "\"layers\": [64, 1000000, 10]", StringComparison.Ordinal)),
        ["json: layers [3, 2147483647, 2]"] = () => Json(t => t.Replace("\"layers\": [3, 4, 2]", "\"layers\": [3, 2147483647, 2]", StringComparison.Ordinal)),
        ["json: 20000 layers of 1000"] = () => Json(t => t
            .Replace("\"layers\": [3, 4, 2]", "\"layers\": [" + string.Join(", ", Enumerable.Repeat("1000", 20_000)) + "]", StringComparison.Ordinal)
            .Replace("\"activations\": [\"Sigmoid\", \"Sigmoid\"]", "\"activations\": [" + string.Join(", ", Enumerable.Repeat("\"Linear\"", 19_999)) + "]", StringComparison.Ordinal)),
        ["json: 65535 layers of 1"] = () => Json(t => t
            .Replace("\"layers\": [3, 4, 2]", "\"layers\": [" + string.Join(", ", Enumerable.Repeat("1", 65_535)) + "]", StringComparison.Ordinal)
            .Replace("\"activations\": [\"Sigmoid\", \"Sigmoid\"]", "\"activations\": [" + string.Join(", ", Enumerable.Repeat("\"Linear\"", 65_534)) + "]", StringComparison.Ordinal)),
        ["json: a format of a million characters"] = () => Json(t => t.Replace("\"backprop-weights\"", "\"" + Long + "\"", StringComparison.Ordinal)),
        ["json: a member name of a million characters"] = () => Json(t => t.Replace("\"loss\":", "\"" + Long + "\": 1, \"loss\":", StringComparison.Ordinal)),
        ["json: the same member name of a million characters twice"] = () => Json(t => t.Replace("\"loss\":", "\"" + Long + "\": 1, \"" + Long + "\": 1, \"loss\":", StringComparison.Ordinal)),
        ["json: a layer size of a million digits"] = () => Json(t => t.Replace("\"layers\": [3, 4, 2]", "\"layers\": [3, 4" + new string('0', 1_000_000) + ", 2]", StringComparison.Ordinal)),
        ["json: a weights entry named with a million characters"] = () => Json(t => t.Replace("\"3\": [-3, -2.9]", "\"3\": [-3, -2.9], \"" + Long + "\": []", StringComparison.Ordinal)),
        ["json: a row of 100000 weights"] = () => Json(t => t.Replace("[2, 2.01, 2.02]", "[" + string.Join(",", Enumerable.Repeat("0", 100_000)) + "]", StringComparison.Ordinal)),
        ["json: 100000 biases of layer 3"] = () => Json(t => t.Replace("\"3\": [-3, -2.9]", "\"3\": [" + string.Join(",", Enumerable.Repeat("0", 100_000)) + "]", StringComparison.Ordinal)),

        // safetensors of Tiny [3, 4, 2], as Save writes it.
        ["safetensors: header length 100000000"] = () => SafeTensorsWithHeaderLength(100_000_000),
        ["safetensors: header length 2^64 - 1"] = () => SafeTensorsWithHeaderLength(ulong.MaxValue),
        ["safetensors: shape of 2.bias [1000000000], offsets to match"] = () => SafeTensorsHeaderEdit(h => h.Replace("\"shape\":[2],\"data_offsets\":[96,104]", "\"shape\":[1000000000],\"data_offsets\":[96,4000000096]", StringComparison.Ordinal)),
        ["safetensors: shape of 0.weight [4000000, 3000000]"] = () => SafeTensorsHeaderEdit(h => h.Replace("\"shape\":[4,3]", "\"shape\":[4000000,3000000]", StringComparison.Ordinal)),
        ["safetensors: data_offsets of 2.bias [96, 2^62]"] = () => SafeTensorsHeaderEdit(h => h.Replace("[96,104]", "[96,4611686018427387904]", StringComparison.Ordinal)),
        ["safetensors: metadata layers 64,1000000,10 and shapes to match"] = () => SafeTensorsHeaderEdit(h => h
            .Replace("\"3,4,2\"", "\"64,1000000,10\"", StringComparison.Ordinal)
            .Replace("\"shape\":[4,3]", "\"shape\":[1000000,64]", StringComparison.Ordinal)),
        ["safetensors: metadata layers of 65535 sizes"] = () => SafeTensorsHeaderEdit(h => h.Replace("\"3,4,2\"", "\"" + string.Join(",", Enumerable.Repeat("1", 65_535)) + "\"", StringComparison.Ordinal)),
        ["safetensors: metadata loss of a million characters"] = () => SafeTensorsHeaderEdit(h => h.Replace("\"MeanSquaredError\"", "\"" + Long + "\"", StringComparison.Ordinal)),
        ["safetensors: shape of 2.bias with 65535 dimensions, offsets to match"] = () => SafeTensorsHeaderEdit(h => h.Replace("\"shape\":[2]", "\"shape\":[2" + string.Concat(Enumerable.Repeat(",1", 65_534)) + "]", StringComparison.Ordinal)),
        ["safetensors: 2.bias renamed with a million characters"] = () => SafeTensorsHeaderEdit(h => h.Replace("\"2.bias\"", "\"" + Long + "\"", StringComparison.Ordinal)),
        ["safetensors: 2.bias of dtype named with a million characters"] = () => SafeTensorsHeaderEdit(h => h.Replace("\"dtype\":\"F32\",\"shape\":[2]", "\"dtype\":\"" + Long + "\",\"shape\":[2]", StringComparison.Ordinal)),
        ["safetensors: metadata layers 1,715827882,1"] = () => SafeTensorsHeaderEdit(h => h.Replace("\"3,4,2\"", "\"1,715827882,1\"", StringComparison.Ordinal)),
    };

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (string forgery in Forgeries.Keys)
        {
            string format = forgery.Substring(0, forgery.IndexOf(':', StringComparison.Ordinal));
            foreach (string loader in Loaders(format))
            {
                cases.Add(forgery, loader);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_forged_file_is_refused_with_ModelFormatException_within_a_memory_budget(string forgery, string loader)
    {
        byte[] file = Forgeries[forgery]();
        using var folder = new TempFolder();
        string extension = forgery.StartsWith("bpnn", StringComparison.Ordinal) ? ".bpnn" : forgery.StartsWith("json", StringComparison.Ordinal) ? ".json" : ".safetensors";
        string path = folder.File("forged" + extension);
        File.WriteAllBytes(path, file);
        var target = new Tiny(1);
        byte[] before = SerializationKit.Snapshot(target);
        Action load = Load(loader, path, file, target, folder);

        Load("warm-up", path, file, target, folder)();
        long start = GC.GetAllocatedBytesForCurrentThread();
        Exception? thrown = Record.Exception(load);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - start;

        // The converter catches the ModelFormatException and exits with 1 (Convert checks it); every library reader throws it.
        bool refused = loader == ConverterLoader ? thrown is null : thrown is ModelFormatException;
        Assert.True(refused, $"{loader} threw {thrown?.GetType().Name ?? "nothing"}: {Start(thrown?.Message)}");
        if (thrown is ModelFormatException e)
        {
            Assert.True(e.Message.Length <= MaxMessageLength, $"{loader}'s message is {e.Message.Length:N0} characters long: {Start(e.Message)}");
            Assert.True((e.Expected?.Length ?? 0) <= MaxMessageLength && (e.Found?.Length ?? 0) <= MaxMessageLength, $"{loader}'s Expected or Found is longer than {MaxMessageLength} characters.");
        }

        long budget = FixedBudget + (BytesPerFileByte * file.Length) + (BytesPerTargetParameter * Tiny.ParameterCount);
        Assert.True(allocated <= budget, $"{loader} allocated {allocated:N0} bytes for a {file.Length:N0}-byte file; the budget is {budget:N0}.");
        Assert.Equal(before, SerializationKit.Snapshot(target));
        Assert.Equal(["forged" + extension], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_binary_file_claiming_65535_layers_gets_a_short_message_that_still_names_the_count()
    {
        byte[] file = Forgeries["bpnn: 65535 layers of 1, sealed, no parameters"]();
        var target = new Tiny(1);

        ModelFormatException e = SerializationKit.AssertRefused(target, ModelFormatReason.TopologyMismatch, () => target.Load(new MemoryStream(file), ModelFormat.Binary), "65,535 sizes", "[3, 4, 2]");

        Assert.True(e.Message.Length < MaxMessageLength, $"The message is {e.Message.Length:N0} characters long: {Start(e.Message)}");
        Assert.Equal("layer sizes [1, 1, 1, 1, 1, 1, 1, 1, … (65,535 sizes in all)]", e.Found);
    }

    private static string Start(string? message) => message is null || message.Length <= 300 ? message ?? "" : message[..300] + "…";

    // Every reader, through every kind of source; a safetensors file is also read with a topology given, which its
    // metadata is then compared with.
    private static IEnumerable<string> Loaders(string format) =>
        ["Load(path)", "Load(stream)", "Load(forward-only stream)", "NetworkWeights.Read(path)", "NetworkWeights.Read(stream)", .. format == "safetensors" ? new[] { "NetworkWeights.Read(path, Topology)" } : [], ConverterLoader];

    private static Action Load(string loader, string path, byte[] file, Tiny target, TempFolder folder)
    {
        ModelFormat format = Path.GetExtension(path) switch
        {
            ".bpnn" => ModelFormat.Binary,
            ".json" => ModelFormat.Json,
            _ => ModelFormat.SafeTensors,
        };
        return loader switch
        {
            "warm-up" => () => Record.Exception(() => target.Load(new MemoryStream([1, 2, 3]), format)),
            "Load(path)" => () => target.Load(path),
            "Load(stream)" => () => target.Load(new MemoryStream(file), format),
            "Load(forward-only stream)" => () => target.Load(new ForwardOnlyStream(file), format),
            "NetworkWeights.Read(path)" => () => NetworkWeights.Read(path),
            "NetworkWeights.Read(stream)" => () => NetworkWeights.Read(new MemoryStream(file), format),
            "NetworkWeights.Read(path, Topology)" => () => NetworkWeights.Read(path, new ModelFileOptions { Topology = NetworkTopology.Of(target) }),
            ConverterLoader => () => Convert(path, folder.File("out.json")),
            _ => throw new ArgumentException("Unknown loader " + loader, nameof(loader)),
        };
    }

    // Exit code 1 is the converter's "a file was refused"; anything else (2, a usage error, or an exception) fails.
    private static void Convert(string input, string output)
    {
        var error = new StringWriter();
        int code = Converter.Run([input, output], TextWriter.Null, error);
        if (code != 1)
        {
            throw new InvalidOperationException($"The converter exited with {code}, not 1 (a refused file): {Start(error.ToString())}");
        }

        if (error.ToString().Length > MaxMessageLength)
        {
            throw new InvalidOperationException($"The converter's error is {error.ToString().Length:N0} characters long: {Start(error.ToString())}");
        }
    }

    // Tiny with SerializationKit's values: weights["2"][0] is [2, 2.01, 2.02] and biases["3"] is [-3, -2.9].
    private static Tiny Filled()
    {
        var tiny = new Tiny();
        SerializationKit.Fill(tiny);
        return tiny;
    }

    private static byte[] Saved(ModelFormat format)
    {
        using var stream = new MemoryStream();
        Filled().Save(stream, format);
        return stream.ToArray();
    }

    private static byte[] TinyBinary() => Saved(ModelFormat.Binary);

    private static byte[] BinaryWithLayerCount(uint layers)
    {
        byte[] file = TinyBinary();
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(12), layers);
        return file;
    }

    // A header for these sizes (Sigmoid everywhere), sealed with its CRC, followed by Tiny's parameters and their CRC.
    private static byte[] BinaryWithSizes(int[] sizes)
    {
        byte[] tiny = TinyBinary();
        byte[] header = BinaryHeader(sizes);
        return [.. header, .. tiny.AsSpan(HeaderLength(3))];
    }

    private static byte[] BinaryHeader(int[] sizes)
    {
        int length = HeaderLength(sizes.Length);
        byte[] header = new byte[length];
        TinyBinary().AsSpan(0, 12).CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), (uint)sizes.Length);
        for (int i = 0; i < sizes.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16 + (4 * i)), (uint)sizes[i]);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(length - 4), SerializationKit.Crc32Reference(header.AsSpan(0, length - 4)));
        return header;
    }

    private static int HeaderLength(int layers) => 16 + (4 * layers) + (layers - 1) + 4;

    private static byte[] Json(Func<string, string> edit)
    {
        string text = SerializationKit.ToJson(Filled());
        string forged = edit(text);
        Assert.NotEqual(text, forged);
        return Encoding.UTF8.GetBytes(forged);
    }

    private static byte[] TinySafeTensors() => Saved(ModelFormat.SafeTensors);

    private static byte[] SafeTensorsWithHeaderLength(ulong length)
    {
        byte[] file = TinySafeTensors();
        BinaryPrimitives.WriteUInt64LittleEndian(file, length);
        return file;
    }

    private static byte[] SafeTensorsHeaderEdit(Func<string, string> edit)
    {
        byte[] file = TinySafeTensors();
        int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        string header = Encoding.UTF8.GetString(file, 8, headerLength);
        string forged = edit(header);
        Assert.NotEqual(header, forged);
        return SafeTensorsTests.File(forged, file[(8 + headerLength)..]);
    }
}
