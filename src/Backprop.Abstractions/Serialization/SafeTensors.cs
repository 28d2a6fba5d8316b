using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Backprop.Serialization.Json;
using static System.FormattableString;

namespace Backprop.Serialization;

/// <summary>
/// <see cref="ModelFormat.SafeTensors"/>: network parameters as safetensors, the tensor format of Hugging Face and
/// PyTorch: an 8-byte little-endian header length N, N bytes of UTF-8 JSON naming each tensor's dtype, shape and
/// byte range, then the data.
/// </summary>
/// <remarks>
/// <para>
/// Reading takes F32, F64, F16 and BF16 tensors, exactly, in the file's precision: Double if a tensor is F64,
/// else Single (<see cref="SafeTensorsMetadata.PrecisionOf"/>); converting to a network's other precision is the
/// caller's choice (<see cref="ModelFileOptions.ConvertPrecision"/>), as for every format. Names follow a PyTorch <c>nn.Sequential</c> of
/// <c>nn.Linear</c> (<c>0.weight</c> of shape [out, in], <c>0.bias</c> [out], <c>2.weight</c>, …) unless
/// <see cref="SafeTensorsOptions"/> says otherwise; see docs/model-format.md.
/// </para>
/// <para>
/// Everything is validated before a network is touched: the header (length, UTF-8, JSON, fields, data
/// types, offsets that tile the data exactly), the names, every shape, the <see cref="ChecksumKey"/> CRC-32 of
/// the data when the file records one (Backprop's writer always does; the format has none), and every value
/// (NaN and infinities are refused). Nothing is allocated from the file's sizes before they are compared with
/// the topology's.
/// </para>
/// </remarks>
internal sealed class SafeTensors : IModelCodec
{
    /// <summary>The metadata key for the layer sizes, e.g. "3,4,2".</summary>
    public const string LayersKey = "backprop.layers";

    /// <summary>The metadata key for the activations of layers 2…L, e.g. "Tanh,Linear".</summary>
    public const string ActivationsKey = "backprop.activations";

    /// <summary>The metadata key for the loss, e.g. "MeanSquaredError".</summary>
    public const string LossKey = "backprop.loss";

    /// <summary>
    /// The metadata key for the CRC-32 (<see cref="Crc32"/>) of the data buffer, everything after the header, as 8
    /// lowercase hexadecimal digits, e.g. "0a1b2c3d". The writer always records it; the reader verifies it when present.
    /// </summary>
    public const string ChecksumKey = "backprop.crc32";

    public static readonly IModelCodec Codec = new SafeTensors();

    private static readonly SafeTensorsOptions Defaults = new();

    private SafeTensors()
    {
    }

    public string StreamSource => "The safetensors stream";

    public string DescribeFile(string path) => "The safetensors file '" + path + "'";

    // A safetensors file extends to the end of its stream: the header's offsets are relative to what follows it.
    public NetworkWeights Decode(Stream stream, string source, NetworkTopology? topology, ModelFileOptions options, bool wholeFile) =>
        Read(stream, topology, options.SafeTensors ?? Defaults, source);

    public byte[] Encode(NetworkWeights weights, ModelFileOptions options) => Encode(weights, options.SafeTensors ?? Defaults);

    private static NetworkWeights Read(Stream stream, NetworkTopology? target, SafeTensorsOptions options, string source)
    {
        SafeTensorsHeader header = ReadHeader(stream, source, out Stream data, out long dataStart);

        // The weights come back in the file's own precision, as from .bpnn and .json, so that the caller's one
        // precision check (ModelFileOptions.ConvertPrecision) decides for every format.
        NetworkTopology topology = target?.WithPrecision(SafeTensorsMetadata.PrecisionOf(header)) ?? SafeTensorsMetadata.ReadTopology(header, source) ?? throw new ModelFormatException(
            ModelFormatReason.MissingTopology,
            Invariant($"{source} records no topology (no \"{LayersKey}\" metadata: it was not written by Backprop), so its tensors cannot be read without a network. Load it into a network, or give the topology with ModelFileOptions.Topology."),
            expected: "a topology",
            found: "none");
        SafeTensorsMetadata.CheckTopology(header.Metadata, topology, source);
        LayerTensorNames[] names = SafeTensorsNames.ForReading(topology, header.Tensors.Select(t => t.Name), options, source);
        Dictionary<string, SafeTensorEntry> byName = header.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        CheckUnknown(header, names, options, source);

        // Shapes are compared before the values are allocated: a topology taken from the file's own metadata is
        // then bounded by tensors that the data buffer actually holds.
        for (int l = 2; l <= topology.LayerCount; l++)
        {
            int neurons = topology.SizeOf(l);
            int inputs = topology.SizeOf(l - 1);
            SafeTensorEntry weight = Find(byName, names[l - 2].Weight, l, "weights", source);
            SafeTensorEntry bias = Find(byName, names[l - 2].Bias, l, "biases", source);
            CheckShape(weight, [neurons, inputs], l, Invariant($"n{l} × n{l - 1} = outputs × inputs, PyTorch's Linear.weight"), source);
            CheckShape(bias, [neurons], l, Invariant($"n{l} = outputs"), source);
            CheckDataType(weight, source);
            CheckDataType(bias, source);
        }

        SafeTensorsMetadata.VerifyChecksum(header.Metadata, data, dataStart, source);
        var weights = new NetworkWeights(topology);
        for (int l = 2; l <= topology.LayerCount; l++)
        {
            Decode(data, dataStart, byName[names[l - 2].Weight], weights, weights.WeightPosition(l, 0, 0), source);
            Decode(data, dataStart, byName[names[l - 2].Bias], weights, weights.BiasPosition(l, 0), source);
        }

        return weights;
    }

    // Reads and validates the header, and gives the data buffer as a seekable stream: the file's own, or a copy of
    // a forward-only stream's rest (read whole, in chunks as it arrives, so bounded by what the stream holds).
    private static SafeTensorsHeader ReadHeader(Stream stream, string source, out Stream data, out long dataStart)
    {
        byte[] lengthBytes = StreamBytes.ReadUpTo(stream, 8);
        if (lengthBytes.Length < 8)
        {
            throw new ModelFormatException(
                ModelFormatReason.Truncated,
                Invariant($"{source} is truncated: it has {lengthBytes.Length} bytes, fewer than the 8 of the header length."),
                expected: "at least 8 bytes",
                found: Invariant($"{lengthBytes.Length} bytes"));
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength < 2 || headerLength > SafeTensorsHeader.MaxHeaderBytes)
        {
            throw new ModelFormatException(
                ModelFormatReason.InvalidHeader,
                Invariant($"{source} gives a header length of {headerLength} bytes, outside 2 to {SafeTensorsHeader.MaxHeaderBytes}: it is not a safetensors file or it is corrupt."),
                expected: Invariant($"2 to {SafeTensorsHeader.MaxHeaderBytes}"),
                found: headerLength.ToString(CultureInfo.InvariantCulture));
        }

        byte[] headerBytes = StreamBytes.ReadUpTo(stream, (long)headerLength);
        if (headerBytes.Length < (long)headerLength)
        {
            throw new ModelFormatException(
                ModelFormatReason.Truncated,
                Invariant($"{source} is truncated: its header is {headerLength} bytes long, but it ends after {headerBytes.Length} of them."),
                expected: Invariant($"{headerLength} header bytes"),
                found: Invariant($"{headerBytes.Length} header bytes"));
        }

        data = stream;
        if (stream.CanSeek)
        {
            dataStart = stream.Position;
        }
        else
        {
            data = new MemoryStream(StreamBytes.ReadToEnd(stream), writable: false);
            dataStart = 0;
        }

        return SafeTensorsHeader.Parse(headerBytes, data.Length - dataStart, source);
    }

    private static void CheckUnknown(SafeTensorsHeader header, LayerTensorNames[] names, SafeTensorsOptions options, string source)
    {
        if (options.IgnoreUnknownTensors)
        {
            return;
        }

        var used = new HashSet<string>(names.SelectMany(n => new[] { n.Weight, n.Bias }), StringComparer.Ordinal);
        string[] unknown = header.Tensors.Select(t => t.Name).Where(n => !used.Contains(n)).ToArray();
        if (unknown.Length > 0)
        {
            string list = MessageText.List(unknown, "tensors", quote: '\'');
            throw new ModelFormatException(
                ModelFormatReason.UnknownTensor,
                Invariant($"{source} has {unknown.Length} tensor{(unknown.Length == 1 ? "" : "s")} that map{(unknown.Length == 1 ? "s" : "")} to no layer: {list}. Set SafeTensorsOptions.IgnoreUnknownTensors to skip {(unknown.Length == 1 ? "it" : "them")}, or name the layers' tensors with SafeTensorsOptions.Prefix or SafeTensorsOptions.TensorNames."),
                expected: "only the network's tensors",
                found: MessageText.Text(unknown[0]));
        }
    }

    private static SafeTensorEntry Find(Dictionary<string, SafeTensorEntry> byName, string name, int layer, string what, string source) =>
        byName.TryGetValue(name, out SafeTensorEntry? entry)
            ? entry
            : throw new ModelFormatException(
                ModelFormatReason.MissingTensor,
                Invariant($"{source} has no tensor {MessageText.Quoted(name, '\'')} for the {what} of layer {layer}."),
                expected: MessageText.Text(name),
                found: "no such tensor");

    private static void CheckShape(SafeTensorEntry tensor, long[] expected, int layer, string meaning, string source)
    {
        if (tensor.Shape.SequenceEqual(expected))
        {
            return;
        }

        string hint = expected.Length == 2 && tensor.Shape.Length == 2 && tensor.Shape[0] == expected[1] && tensor.Shape[1] == expected[0]
            ? " It looks transposed: safetensors stores PyTorch's [out, in]; transpose it before saving (or save Linear.weight as is)."
            : "";
        string expectedShape = MessageText.Brackets(expected, "dimensions");
        throw new ModelFormatException(
            ModelFormatReason.ShapeMismatch,
            Invariant($"{source}: tensor {tensor.QuotedName} for layer {layer} has shape {tensor.FormatShape()}, but the network needs {expectedShape} ({meaning}).{hint}"),
            expected: expectedShape,
            found: tensor.FormatShape());
    }

    private static void CheckDataType(SafeTensorEntry tensor, string source)
    {
        if (tensor.DataType is not ("F32" or "F64" or "F16" or "BF16"))
        {
            throw new ModelFormatException(
                ModelFormatReason.UnsupportedDataType,
                Invariant($"{source}: tensor {tensor.QuotedName} has dtype {tensor.DataType}; network parameters are read from F32, F64, F16 or BF16."),
                expected: "F32, F64, F16 or BF16",
                found: tensor.DataType);
        }
    }

    private static void Decode(Stream data, long dataStart, SafeTensorEntry tensor, NetworkWeights weights, int position, string source)
    {
        data.Position = dataStart + tensor.Begin;
        long length = tensor.End - tensor.Begin;
        byte[] bytes = StreamBytes.ReadUpTo(data, length);
        if (bytes.Length < length)
        {
            throw new ModelFormatException(
                ModelFormatReason.Truncated,
                Invariant($"{source} is truncated: tensor {tensor.QuotedName} needs {length} bytes, but only {bytes.Length} could be read."),
                expected: Invariant($"{length} bytes"),
                found: Invariant($"{bytes.Length} bytes"));
        }

        Span<double> values = weights.Values;
        int count = (int)(length / tensor.ElementSize);
        for (int i = 0; i < count; i++)
        {
            double value = tensor.DataType switch
            {
                "F32" => FloatBits.FromBits(BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4 * i))),
                "F64" => BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8 * i))),
                "F16" => HalfFloat.FromHalfBits(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2 * i))),
                _ => HalfFloat.FromBFloat16Bits(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2 * i))),
            };

            if (!NetworkWeights.IsFinite(value))
            {
                throw new ModelFormatException(
                    ModelFormatReason.NonFiniteValue,
                    Invariant($"{source}: tensor {tensor.QuotedName} holds {value} at {Element(tensor, i)} (the {weights.DescribePosition(position + i)}); parameters must be finite."),
                    expected: "a finite value",
                    found: value.ToString(CultureInfo.InvariantCulture));
            }

            // Exact: the precision is Double whenever a tensor is F64, and every other dtype fits a float.
            values[position + i] = value;
        }
    }

    private static string Element(SafeTensorEntry tensor, int index) =>
        tensor.Shape.Length == 2
            ? Invariant($"[{index / tensor.Shape[1]}, {index % tensor.Shape[1]}]")
            : Invariant($"[{index}]");

    private static byte[] Encode(NetworkWeights weights, SafeTensorsOptions options)
    {
        NetworkWeights values = weights;
        NetworkTopology topology = values.Topology;
        Precision precision = topology.Precision;
        LayerTensorNames[] names = SafeTensorsNames.ForWriting(topology, options);
        string dtype = precision == Precision.Double ? "F64" : "F32";
        int size = precision == Precision.Double ? 8 : 4;

        // The checksum is written last, over the finished data; its placeholder has the same length (8 digits).
        var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal) { [ChecksumKey] = SafeTensorsMetadata.FormatChecksum(0) };
        foreach (KeyValuePair<string, string> entry in SafeTensorsMetadata.Describe(topology))
        {
            metadata.Add(entry.Key, entry.Value);
        }

        foreach (KeyValuePair<string, string> entry in options.Metadata ?? new Dictionary<string, string>())
        {
            if (metadata.ContainsKey(entry.Key))
            {
                throw new ArgumentException(Invariant($"SafeTensorsOptions.Metadata sets the key \"{entry.Key}\", which this library writes itself; choose another key."), nameof(options));
            }

            metadata.Add(entry.Key, entry.Value ?? throw new ArgumentException(Invariant($"SafeTensorsOptions.Metadata gives the key \"{entry.Key}\" a null value; give it a string."), nameof(options)));
        }

        byte[] headerBytes = Header();
        int padding = (8 - (headerBytes.Length % 8)) % 8;
        int dataStart = 8 + headerBytes.Length + padding;
        var bytes = new byte[dataStart + ((long)values.Values.Length * size)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)(headerBytes.Length + padding));

        // Pad with spaces so that the data starts 8-byte aligned, as the reference writer does.
        for (int i = 8 + headerBytes.Length; i < dataStart; i++)
        {
            bytes[i] = (byte)' ';
        }

        Span<byte> data = bytes.AsSpan(dataStart);
        FloatBits.WriteLittleEndian(values.Values, size, data);

        metadata[ChecksumKey] = SafeTensorsMetadata.FormatChecksum(Crc32.Compute(data));
        Header().CopyTo(bytes, 8);
        return bytes;

        // The header: metadata, then each layer's weight and bias in layer order, their data in the same order.
        byte[] Header()
        {
            var json = new StringBuilder("{");
            JsonText.AppendString(json, SafeTensorsHeader.MetadataKey);
            json.Append(":{");
            bool first = true;
            foreach (KeyValuePair<string, string> entry in metadata)
            {
                json.Append(first ? "" : ",");
                JsonText.AppendString(json, entry.Key);
                json.Append(':');
                JsonText.AppendString(json, entry.Value);
                first = false;
            }

            json.Append('}');
            long offset = 0;
            for (int l = 2; l <= topology.LayerCount; l++)
            {
                int neurons = topology.SizeOf(l);
                int inputs = topology.SizeOf(l - 1);
                AppendEntry(names[l - 2].Weight, Invariant($"[{neurons},{inputs}]"), (long)neurons * inputs * size);
                AppendEntry(names[l - 2].Bias, Invariant($"[{neurons}]"), (long)neurons * size);
            }

            json.Append('}');
            return Encoding.UTF8.GetBytes(json.ToString());

            void AppendEntry(string name, string shape, long length)
            {
                json.Append(',');
                JsonText.AppendString(json, name);
                json.Append(Invariant($":{{\"dtype\":\"{dtype}\",\"shape\":{shape},\"data_offsets\":[{offset},{offset + length}]}}"));
                offset += length;
            }
        }
    }
}
