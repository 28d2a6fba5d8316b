using System;
using System.Buffers.Binary;
using System.IO;
using static System.FormattableString;

namespace Backprop.Serialization;

/// <summary>
/// The binary model format, version 1 (docs/model-format.md): a header with its own CRC-32, then the
/// parameters with theirs. All integers and floats are little-endian.
/// </summary>
/// <remarks>
/// <code>
/// offset   size   field
/// 0        8      magic 89 42 50 4E 0D 0A 1A 0A ("\x89BPN\r\n\x1A\n")
/// 8        2      format version, u16 = 1
/// 10       1      precision, u8 (Precision: 0 Single, 1 Double)
/// 11       1      loss, u8 (Loss)
/// 12       4      layer count L, u32, 2 … 65,535
/// 16       4·L    layer sizes n1 … nL, u32, each ≥ 1
/// 16+4L    L−1    activations of layers 2 … L, u8 (Activation)
/// H−4      4      CRC-32 of bytes 0 … H−5
/// H        P·s    parameters, s = 4 (float) or 8 (double): for l = 2 … L, w(l, j, k) for j, then k; then b(l, j)
/// H+P·s    4      CRC-32 of the parameter bytes
/// </code>
/// </remarks>
internal static class NetworkFileFormat
{
    public const ushort Version = 1;
    public const int MaxLayers = 65535;

    // The largest parameter block this reader buffers: just under the largest byte array .NET allows.
    private const long MaxBodyBytes = 0x7FFFFFC7 - 4;

    private const int FixedHeaderBytes = 16;

    /// <summary>PNG-style: a high byte catches 7-bit channels, CR LF catches newline conversion, 1A stops DOS type.</summary>
    public static ReadOnlySpan<byte> Magic => [0x89, 0x42, 0x50, 0x4E, 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] Encode(NetworkWeights weights)
    {
        NetworkTopology topology = weights.Topology;
        int layers = topology.LayerCount;
        int headerBytes = HeaderBytes(layers);
        int valueSize = ValueSize(topology.Precision);
        var bytes = new byte[headerBytes + ((long)topology.ParameterCount * valueSize) + 4];

        Span<byte> header = bytes.AsSpan(0, headerBytes);
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(8), Version);
        header[10] = (byte)topology.Precision;
        header[11] = (byte)topology.Loss;
        BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(12), (uint)layers);
        for (int l = 1; l <= layers; l++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(FixedHeaderBytes + (4 * (l - 1))), (uint)topology.SizeOf(l));
        }

        for (int l = 2; l <= layers; l++)
        {
            header[FixedHeaderBytes + (4 * layers) + (l - 2)] = (byte)topology.GetActivation(l);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(headerBytes - 4), Crc32.Compute(header.Slice(0, headerBytes - 4)));

        Span<byte> body = bytes.AsSpan(headerBytes, bytes.Length - headerBytes - 4);
        FloatBits.WriteLittleEndian(weights.Values, valueSize, body);

        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32.Compute(body));
        return bytes;
    }

    /// <summary>
    /// Reads and checks one model from the stream's position: signature, version, header, header checksum,
    /// length, parameter checksum and finiteness, in that order. Leaves the stream after the model.
    /// </summary>
    /// <param name="stream">The stream.</param>
    /// <param name="source">Names the file or stream in messages, e.g. "The model file 'a.bpnn'".</param>
    /// <param name="target">The network it is loaded into, compared right after the header, before the parameters are read; null to read any topology.</param>
    public static NetworkWeights Decode(Stream stream, string source, NetworkTopology? target)
    {
        // Signature and version: checked before anything else, since another version may lay out the rest differently.
        byte[] start = StreamBytes.ReadUpTo(stream, FixedHeaderBytes);
        int magicBytes = Math.Min(start.Length, Magic.Length);
        if (!start.AsSpan(0, magicBytes).SequenceEqual(Magic.Slice(0, magicBytes)))
        {
            throw WrongMagic(start, source);
        }

        if (start.Length < 10)
        {
            throw Truncated(source, "the signature and version need", 10, start.Length);
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(start.AsSpan(8));
        if (version != Version)
        {
            throw new ModelFormatException(
                ModelFormatReason.UnsupportedVersion,
                Invariant($"{source} is in format version {version}; this library reads version {Version}. {(version > Version ? "Update Backprop to read it." : "")}").TrimEnd(),
                expected: Invariant($"version {Version}"),
                found: Invariant($"version {version}"));
        }

        if (start.Length < FixedHeaderBytes)
        {
            throw Truncated(source, "the header needs", FixedHeaderBytes, start.Length);
        }

        uint layerCount = BinaryPrimitives.ReadUInt32LittleEndian(start.AsSpan(12));
        if (layerCount < 2 || layerCount > MaxLayers)
        {
            throw InvalidHeader(source, Invariant($"its header gives {layerCount} layer{(layerCount == 1 ? "" : "s")}, but a model file holds 2 to {MaxLayers}"));
        }

        int layers = (int)layerCount;
        int headerBytes = HeaderBytes(layers);
        byte[] rest = StreamBytes.ReadUpTo(stream, headerBytes - FixedHeaderBytes);
        var header = new byte[FixedHeaderBytes + rest.Length];
        start.CopyTo(header, 0);
        rest.CopyTo(header, FixedHeaderBytes);
        if (header.Length < headerBytes)
        {
            throw Truncated(source, Invariant($"the header of a {layers}-layer network needs"), headerBytes, header.Length);
        }

        uint storedHeaderCrc = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(headerBytes - 4));
        uint headerCrc = Crc32.Compute(header.AsSpan(0, headerBytes - 4));
        if (storedHeaderCrc != headerCrc)
        {
            throw ChecksumMismatch(source, "header", storedHeaderCrc, headerCrc);
        }

        NetworkTopology topology = ReadTopology(header, layers, source);
        if (target is not null && NetworkTopology.ShapeMismatch(target, topology, source) is ModelFormatException mismatch)
        {
            throw mismatch;
        }

        int valueSize = ValueSize(topology.Precision);
        long bodyBytes = (long)topology.ParameterCount * valueSize;
        if (bodyBytes > MaxBodyBytes)
        {
            throw new ModelFormatException(
                ModelFormatReason.InvalidHeader,
                Invariant($"{source} is too large to load: its {topology.ParameterCount} parameters take {bodyBytes} bytes, more than the {MaxBodyBytes} this reader buffers."),
                expected: Invariant($"at most {MaxBodyBytes} bytes of parameters"),
                found: Invariant($"{bodyBytes} bytes"));
        }

        byte[] body = StreamBytes.ReadUpTo(stream, bodyBytes + 4);
        if (body.Length < bodyBytes + 4)
        {
            throw Truncated(source, Invariant($"the header and {topology.ParameterCount} {NetworkWeights.TypeName(topology.Precision)} parameters with their checksum need"), headerBytes + bodyBytes + 4, headerBytes + body.Length);
        }

        uint storedBodyCrc = BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan((int)bodyBytes));
        uint bodyCrc = Crc32.Compute(body.AsSpan(0, (int)bodyBytes));
        if (storedBodyCrc != bodyCrc)
        {
            throw ChecksumMismatch(source, "parameters", storedBodyCrc, bodyCrc);
        }

        var weights = new NetworkWeights(topology);
        Span<double> values = weights.Values;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = valueSize == 4
                ? FloatBits.FromBits(BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(4 * i)))
                : BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(body.AsSpan(8 * i)));
        }

        int bad = weights.FirstNonFinite();
        if (bad >= 0)
        {
            throw new ModelFormatException(
                ModelFormatReason.NonFiniteValue,
                Invariant($"{source} holds {values[bad]} as its {weights.DescribePosition(bad)}; parameters must be finite."),
                expected: "a finite value",
                found: values[bad].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return weights;
    }

    public static ModelFormatException Trailing(string source, long modelBytes, long fileBytes) =>
        new(
            ModelFormatReason.TrailingData,
            Invariant($"{source} goes on after the end of the model: the model ends at byte {modelBytes}, but the file has {fileBytes} bytes. It is not a single model file, or something was appended to it."),
            expected: Invariant($"{modelBytes} bytes"),
            found: Invariant($"{fileBytes} bytes"));

    public static int HeaderBytes(int layers) => FixedHeaderBytes + (4 * layers) + (layers - 1) + 4;

    private static NetworkTopology ReadTopology(byte[] header, int layers, string source)
    {
        var sizes = new int[layers];
        for (int l = 1; l <= layers; l++)
        {
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(FixedHeaderBytes + (4 * (l - 1))));
            if (size == 0 || size > int.MaxValue)
            {
                throw InvalidHeader(source, Invariant($"its header gives layer {l} a size of {size}, but a layer has 1 to {int.MaxValue} neurons"));
            }

            sizes[l - 1] = (int)size;
        }

        var activations = new Activation[layers - 1];
        for (int l = 2; l <= layers; l++)
        {
            activations[l - 2] = (Activation)header[FixedHeaderBytes + (4 * layers) + (l - 2)];
        }

        var precision = (Precision)header[10];
        var loss = (Loss)header[11];
        string? problem = TopologyRules.Check(sizes, activations, loss, precision, out _);
        if (problem is not null)
        {
            throw InvalidHeader(source, "its header is not a valid network: " + TopologyRules.AfterColon(problem));
        }

        return new NetworkTopology(sizes, activations, loss, precision);
    }

    private static int ValueSize(Precision precision) => precision == Precision.Double ? 8 : 4;

    private static ModelFormatException WrongMagic(byte[] start, string source)
    {
        // Decode reports an empty file as truncated, so there is at least one byte to show.
        string found = BitConverter.ToString(start, 0, Math.Min(start.Length, 8)).Replace('-', ' ');
        string hint = start.Length > 0 && start[0] == (byte)'{'
            ? " It starts with '{', so it may be a weights JSON file: load it from a .json path or as ModelFormat.Json."
            : start.Length >= 8 && BinaryPrimitives.ReadUInt64LittleEndian(start) < 100_000_000 && start.Length > 8 && start[8] == (byte)'{'
                ? " It may be a safetensors file: load it from a .safetensors path or as ModelFormat.SafeTensors."
                : "";
        return new ModelFormatException(
            ModelFormatReason.WrongMagic,
            Invariant($"{source} is not a Backprop model file: it starts with the bytes {found}, but a model file starts with 89 42 50 4E 0D 0A 1A 0A.{hint}"),
            expected: "89 42 50 4E 0D 0A 1A 0A",
            found: found);
    }

    // needs: what is cut off, with its verb agreeing with it ("the header needs", "the signature and version need").
    private static ModelFormatException Truncated(string source, string needs, long expected, long found) =>
        new(
            ModelFormatReason.Truncated,
            Invariant($"{source} is truncated: it ends after {found} bytes, but {needs} {expected}."),
            expected: Invariant($"{expected} bytes"),
            found: Invariant($"{found} bytes"));

    private static ModelFormatException ChecksumMismatch(string source, string part, uint stored, uint computed) =>
        new(
            ModelFormatReason.ChecksumMismatch,
            Invariant($"{source} is corrupt: the CRC-32 of its {part} is 0x{computed:X8}, but it records 0x{stored:X8}."),
            expected: Invariant($"0x{stored:X8}"),
            found: Invariant($"0x{computed:X8}"));

    private static ModelFormatException InvalidHeader(string source, string problem) =>
        new(ModelFormatReason.InvalidHeader, Invariant($"{source} is corrupt: {problem}."));
}
