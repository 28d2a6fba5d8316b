using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Backprop.Serialization;
using Xunit;
using static Backprop.Tests.Serialization.SerializationKit;

namespace Backprop.Tests.Serialization;

/// <summary>
/// The CRC-32 that Backprop writes into the <c>__metadata__</c> of its safetensors files ("backprop.crc32", the
/// checksum of the data buffer), which the format itself lacks: verified on load when present, so that a
/// flipped bit never loads as a different parameter; files without it (PyTorch's) load as before.
/// </summary>
public sealed class SafeTensorsChecksumTests
{
    private const string Key = "backprop.crc32";

    [Fact]
    public void The_metadata_records_the_CRC32_of_the_data_buffer_as_8_lowercase_hex_digits()
    {
        byte[] file = Save(new Deep(4));

        (string header, int dataStart) = Header(file);
        using JsonDocument json = JsonDocument.Parse(header);
        string recorded = json.RootElement.GetProperty("__metadata__").GetProperty(Key).GetString()!;

        Assert.Matches("^[0-9a-f]{8}$", recorded);
        Assert.Equal(Crc32Reference(file.AsSpan(dataStart)).ToString("x8", System.Globalization.CultureInfo.InvariantCulture), recorded);
    }

    [Fact]
    public void Every_single_bit_flip_anywhere_in_the_file_is_refused_or_loads_the_very_same_parameters()
    {
        var saved = new Deep(4);
        byte[] file = Save(saved);
        int dataStart = Header(file).DataStart;
        var net = new Deep(5);
        byte[] untouched = Snapshot(net);
        int refusedInData = 0;
        for (int bit = 0; bit < 8 * file.Length; bit++)
        {
            byte[] flipped = (byte[])file.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            ModelFormatException? refused = Record.Exception(() => net.Load(new MemoryStream(flipped), ModelFormat.SafeTensors)) as ModelFormatException;
            if (refused is null)
            {
                // Only a flip that changes no parameter may load: e.g. in a metadata key's name, which then goes unread.
                AssertSameParameters(saved, net);
                Assert.True(bit / 8 < dataStart, $"A flip of bit {bit % 8} of data byte {(bit / 8) - dataStart} loaded.");
                net.Load(new MemoryStream(Save(new Deep(5))), ModelFormat.SafeTensors);
                continue;
            }

            Assert.Equal(untouched, Snapshot(net));
            if (bit / 8 >= dataStart)
            {
                Assert.Equal(ModelFormatReason.ChecksumMismatch, refused.Reason);
                refusedInData++;
            }
        }

        Assert.Equal(8 * (file.Length - dataStart), refusedInData);
    }

    [Fact]
    public void A_mismatch_names_the_key_the_recorded_and_the_computed_checksum_for_any_stream()
    {
        byte[] file = Save(new Tiny(1));
        int dataStart = Header(file).DataStart;
        file[dataStart + 5] ^= 0x10;
        string recorded = RecordedChecksum(file);
        string computed = Crc32Reference(file.AsSpan(dataStart)).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var net = new Tiny(2);

        foreach (Stream stream in new Stream[] { new MemoryStream(file), new ForwardOnlyStream(file) })
        {
            ModelFormatException e = AssertRefused(net, ModelFormatReason.ChecksumMismatch, () => net.Load(stream, ModelFormat.SafeTensors), Key, recorded, computed);
            Assert.Equal(recorded, e.Expected);
            Assert.Equal(computed, e.Found);
        }
    }

    [Theory]
    [InlineData("0A1B2C3D")]
    [InlineData("a1b2c3d")]
    [InlineData("a1b2c3d4e")]
    [InlineData("0x1b2c3d")]
    [InlineData("")]
    public void A_checksum_that_is_not_8_lowercase_hex_digits_is_an_invalid_header(string value)
    {
        byte[] file = ReplaceChecksum(Save(new Tiny(1)), value);
        var net = new Tiny(2);
        AssertRefused(net, ModelFormatReason.InvalidHeader, () => net.Load(new MemoryStream(file), ModelFormat.SafeTensors), Key, "\"" + value + "\"", "8 lowercase hexadecimal digits");
    }

    [Fact]
    public void A_file_without_the_checksum_loads_as_before()
    {
        // The checked-in file was written by the reference Python writer: no Backprop metadata at all.
        Assert.DoesNotContain(Key, Header(File.ReadAllBytes(DataPath("mlp-2-3-2-f32.safetensors"))).Text, StringComparison.Ordinal);
        var fromPyTorch = new TorchMlp(1);
        fromPyTorch.Load(DataPath("mlp-2-3-2-f32.safetensors"));

        // A Backprop file whose checksum entry is removed (and the header padded back to its length) loads unverified.
        var saved = new Tiny(3);
        byte[] file = Save(saved);
        (string header, _) = Header(file);
        string entry = "\"" + Key + "\":\"" + RecordedChecksum(file) + "\",";
        string without = header.Replace(entry, "", StringComparison.Ordinal) + new string(' ', entry.Length);
        Assert.Equal(header.Length, without.Length);
        Encoding.UTF8.GetBytes(without).CopyTo(file, 8);
        var loaded = new Tiny(4);
        loaded.Load(new MemoryStream(file), ModelFormat.SafeTensors);
        AssertSameParameters(saved, loaded);
    }

    [Fact]
    public void The_checksum_key_is_reserved_for_the_writer()
    {
        var options = new SafeTensorsOptions { Metadata = new Dictionary<string, string> { [Key] = "00000000" } };
        ArgumentException e = Assert.Throws<ArgumentException>(() => new Tiny().Save(new MemoryStream(), ModelFormat.SafeTensors, new ModelFileOptions { SafeTensors = options }));
        Assert.Contains(Key, e.Message, StringComparison.Ordinal);
    }

    private static byte[] Save(INeuralNetwork network)
    {
        using var stream = new MemoryStream();
        network.Save(stream, ModelFormat.SafeTensors);
        return stream.ToArray();
    }

    private static (string Text, int DataStart) Header(byte[] file)
    {
        int length = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        return (Encoding.UTF8.GetString(file, 8, length), 8 + length);
    }

    private static string RecordedChecksum(byte[] file)
    {
        using JsonDocument json = JsonDocument.Parse(Header(file).Text);
        return json.RootElement.GetProperty("__metadata__").GetProperty(Key).GetString()!;
    }

    // Rewrites the checksum entry's value, keeping the header's length with the spaces the writer pads with.
    private static byte[] ReplaceChecksum(byte[] file, string value)
    {
        (string header, int dataStart) = Header(file);
        string recorded = RecordedChecksum(file);
        string edited = header.Replace("\"" + Key + "\":\"" + recorded + "\"", "\"" + Key + "\":\"" + value + "\"", StringComparison.Ordinal).TrimEnd();
        return SafeTensorsTests.File(edited, file[dataStart..]);
    }
}
