using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Backprop.Serialization.Json;
using static System.FormattableString;

namespace Backprop.Serialization;

/// <summary>One tensor's entry in a safetensors header, validated.</summary>
internal sealed class SafeTensorEntry
{
    public SafeTensorEntry(string name, string dataType, int elementSize, long[] shape, long begin, long end)
    {
        Name = name;
        DataType = dataType;
        ElementSize = elementSize;
        Shape = shape;
        Begin = begin;
        End = end;
    }

    public string Name { get; }

    public string DataType { get; }

    public int ElementSize { get; }

    public long[] Shape { get; }

    /// <summary>The first byte, relative to the start of the data buffer.</summary>
    public long Begin { get; }

    /// <summary>One past the last byte, relative to the start of the data buffer.</summary>
    public long End { get; }

    /// <summary>The name in single quotes, as messages show it (bounded: names come from the file).</summary>
    public string QuotedName => MessageText.Quoted(Name, '\'');

    /// <summary>The shape as messages show it, "[4, 3]" (bounded: shapes come from the file).</summary>
    public string FormatShape() => MessageText.Brackets(Shape, "dimensions");
}

/// <summary>
/// The JSON header of a safetensors file, checked strictly against the format's description: a UTF-8 JSON
/// object of tensor name → {dtype, shape, data_offsets} plus an optional "__metadata__" of strings, whose
/// data offsets tile the data buffer exactly (no overlap, no hole) and match each shape and data type.
/// </summary>
internal sealed class SafeTensorsHeader
{
    /// <summary>The largest header accepted; the reference implementation has the same limit.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    public const string MetadataKey = "__metadata__";

    // The data types of the format and their sizes in bytes. Sub-byte types are not listed: they are refused.
    private static readonly Dictionary<string, int> ElementSizes = new(StringComparer.Ordinal)
    {
        ["BOOL"] = 1,
        ["U8"] = 1,
        ["I8"] = 1,
        ["F8_E5M2"] = 1,
        ["F8_E4M3"] = 1,
        ["F8_E8M0"] = 1,
        ["I16"] = 2,
        ["U16"] = 2,
        ["F16"] = 2,
        ["BF16"] = 2,
        ["I32"] = 4,
        ["U32"] = 4,
        ["F32"] = 4,
        ["I64"] = 8,
        ["U64"] = 8,
        ["F64"] = 8,
        ["C64"] = 8,
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private SafeTensorsHeader(List<SafeTensorEntry> tensors, Dictionary<string, string> metadata)
    {
        Tensors = tensors;
        Metadata = metadata;
    }

    /// <summary>The tensors, in header order.</summary>
    public IReadOnlyList<SafeTensorEntry> Tensors { get; }

    /// <summary>The "__metadata__" entries; empty if there is none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Decodes, parses and validates a header against the length of the data buffer that follows it.</summary>
    /// <param name="headerBytes">The N header bytes.</param>
    /// <param name="bufferLength">The number of bytes after the header.</param>
    /// <param name="source">Names the file in messages.</param>
    public static SafeTensorsHeader Parse(byte[] headerBytes, long bufferLength, string source)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(headerBytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new ModelFormatException(
                ModelFormatReason.InvalidJson,
                Invariant($"{source} has a header that is not valid UTF-8 (at header byte {e.Index}); it is not a safetensors file or it is corrupt."),
                innerException: e);
        }

        if (text.Length == 0 || text[0] != '{')
        {
            throw Invalid(source, Invariant($"it must start with '{{', but starts with {(text.Length == 0 ? "nothing" : "'" + text.Substring(0, 1) + "'")}; the file is not a safetensors file, or its header length is wrong"));
        }

        JsonValue root;
        try
        {
            root = JsonParser.Parse(text);
        }
        catch (JsonSyntaxException e)
        {
            throw new ModelFormatException(ModelFormatReason.InvalidJson, Invariant($"{source} has a header that is not valid JSON: {e.Message}"), innerException: e);
        }

        if (root.Kind != JsonValueKind.Object)
        {
            throw Invalid(source, Invariant($"it is {JsonValue.Describe(root.Kind)}, not a JSON object"));
        }

        var tensors = new List<SafeTensorEntry>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, JsonValue> member in root.Members)
        {
            if (member.Key == MetadataKey)
            {
                ReadMetadata(member.Value, metadata, source);
            }
            else
            {
                tensors.Add(ReadEntry(member.Key, member.Value, source));
            }
        }

        CheckTiling(tensors, bufferLength, source);
        return new SafeTensorsHeader(tensors, metadata);
    }

    /// <summary>The size in bytes of a data type of the format, or 0 if it is not one this reader knows.</summary>
    public static int ElementSize(string dataType) => ElementSizes.TryGetValue(dataType, out int size) ? size : 0;

    private static void ReadMetadata(JsonValue value, Dictionary<string, string> metadata, string source)
    {
        if (value.Kind != JsonValueKind.Object)
        {
            throw Invalid(source, Invariant($"its \"{MetadataKey}\" (line {value.Line}) must be an object of strings, but is {JsonValue.Describe(value.Kind)}"));
        }

        foreach (KeyValuePair<string, JsonValue> entry in value.Members)
        {
            if (entry.Value.Kind != JsonValueKind.String)
            {
                throw Invalid(source, Invariant($"its \"{MetadataKey}\" entry {MessageText.Quoted(entry.Key)} (line {entry.Value.Line}) must be a string, but is {JsonValue.Describe(entry.Value.Kind)}"));
            }

            metadata.Add(entry.Key, entry.Value.Text!);
        }
    }

    private static SafeTensorEntry ReadEntry(string name, JsonValue value, string source)
    {
        string quoted = MessageText.Quoted(name, '\'');
        if (value.Kind != JsonValueKind.Object)
        {
            throw Invalid(source, Invariant($"the entry of tensor {quoted} (line {value.Line}) must be an object with dtype, shape and data_offsets, but is {JsonValue.Describe(value.Kind)}"));
        }

        foreach (KeyValuePair<string, JsonValue> field in value.Members)
        {
            if (field.Key is not ("dtype" or "shape" or "data_offsets"))
            {
                throw Invalid(source, Invariant($"the entry of tensor {quoted} has an unknown field {MessageText.Quoted(field.Key)} (line {field.Value.Line}); only dtype, shape and data_offsets are allowed"));
            }
        }

        JsonValue dtype = Field(value, "dtype", quoted, source);
        if (dtype.Kind != JsonValueKind.String)
        {
            throw Invalid(source, Invariant($"tensor {quoted} has a dtype (line {dtype.Line}) that is {JsonValue.Describe(dtype.Kind)}, not a string"));
        }

        int elementSize = ElementSize(dtype.Text!);
        if (elementSize == 0)
        {
            throw new ModelFormatException(
                ModelFormatReason.UnsupportedDataType,
                Invariant($"{source}: tensor {quoted} has dtype {MessageText.Quoted(dtype.Text!)}, which this reader does not know, so its size cannot be checked; the dtypes it knows are {string.Join(", ", ElementSizes.Keys)}."),
                expected: "a known safetensors dtype",
                found: MessageText.Quoted(dtype.Text!));
        }

        long[] shape = Integers(Field(value, "shape", quoted, source), quoted, "shape", source);
        long[] offsets = Integers(Field(value, "data_offsets", quoted, source), quoted, "data_offsets", source);
        if (offsets.Length != 2)
        {
            throw Invalid(source, Invariant($"tensor {quoted} has {offsets.Length} data_offsets; it needs two, [begin, end]"));
        }

        long begin = offsets[0];
        long end = offsets[1];
        if (end < begin)
        {
            throw new ModelFormatException(
                ModelFormatReason.InvalidDataOffsets,
                Invariant($"{source}: tensor {quoted} has data_offsets [{begin}, {end}], which end before they begin."),
                expected: Invariant($"an end of at least {begin}"),
                found: Invariant($"[{begin}, {end}]"));
        }

        long bytes = elementSize;
        foreach (long dimension in shape)
        {
            // Checked so that a forged shape cannot wrap around to match its offsets.
            bytes = dimension == 0 ? 0 : bytes <= long.MaxValue / dimension ? bytes * dimension : -1;
            if (bytes < 0)
            {
                throw Invalid(source, Invariant($"tensor {quoted} has shape {MessageText.Brackets(shape, "dimensions")}, too large to exist"));
            }
        }

        if (end - begin != bytes)
        {
            throw new ModelFormatException(
                ModelFormatReason.InvalidDataOffsets,
                Invariant($"{source}: tensor {quoted} of dtype {dtype.Text} and shape {MessageText.Brackets(shape, "dimensions")} needs {bytes} bytes, but its data_offsets [{begin}, {end}] span {end - begin}."),
                expected: Invariant($"{bytes} bytes"),
                found: Invariant($"{end - begin} bytes"));
        }

        return new SafeTensorEntry(name, dtype.Text!, elementSize, shape, begin, end);
    }

    // The format allows no overlap and no hole: sorted by offset, each tensor starts where the previous ends,
    // the first at 0 and the last at the end of the buffer.
    private static void CheckTiling(List<SafeTensorEntry> tensors, long bufferLength, string source)
    {
        long position = 0;
        SafeTensorEntry? previous = null;
        foreach (SafeTensorEntry tensor in tensors.OrderBy(t => t.Begin).ThenBy(t => t.End))
        {
            if (tensor.Begin != position)
            {
                string where = previous is null
                    ? Invariant($"the first tensor, {tensor.QuotedName}, starts at byte {tensor.Begin} of the data buffer instead of 0")
                    : tensor.Begin < position
                        ? Invariant($"tensor {tensor.QuotedName} [{tensor.Begin}, {tensor.End}] overlaps tensor {previous.QuotedName} [{previous.Begin}, {previous.End}]")
                        : Invariant($"bytes {position} to {tensor.Begin} between tensors {previous.QuotedName} and {tensor.QuotedName} belong to no tensor");
                throw new ModelFormatException(
                    ModelFormatReason.InvalidDataOffsets,
                    Invariant($"{source} has invalid data offsets: {where}. Tensors must cover the data buffer without overlaps or holes."));
            }

            position = tensor.End;
            previous = tensor;
        }

        if (position > bufferLength)
        {
            throw new ModelFormatException(
                ModelFormatReason.Truncated,
                Invariant($"{source} is truncated: its tensors need a data buffer of {position} bytes after the header, but only {bufferLength} follow."),
                expected: Invariant($"{position} bytes"),
                found: Invariant($"{bufferLength} bytes"));
        }

        if (position < bufferLength)
        {
            throw new ModelFormatException(
                ModelFormatReason.InvalidDataOffsets,
                Invariant($"{source} has {bufferLength - position} bytes after the last tensor's data (which ends at byte {position} of the data buffer) that belong to no tensor. Tensors must cover the data buffer without holes."),
                expected: Invariant($"{position} bytes"),
                found: Invariant($"{bufferLength} bytes"));
        }
    }

    private static JsonValue Field(JsonValue entry, string field, string quoted, string source) =>
        entry.GetPropertyOrNull(field)
        ?? throw Invalid(source, Invariant($"the entry of tensor {quoted} (line {entry.Line}) has no \"{field}\""));

    private static long[] Integers(JsonValue value, string quoted, string field, string source)
    {
        if (value.Kind != JsonValueKind.Array)
        {
            throw Invalid(source, Invariant($"tensor {quoted} has a {field} (line {value.Line}) that is {JsonValue.Describe(value.Kind)}, not an array of integers"));
        }

        var result = new long[value.Items.Count];
        for (int i = 0; i < result.Length; i++)
        {
            JsonValue item = value.Items[i];
            if (!item.TryGetInt64(out result[i]) || result[i] < 0)
            {
                throw Invalid(source, Invariant($"tensor {quoted} has {field}[{i}] = {(item.Text is null ? JsonValue.Describe(item.Kind) : MessageText.Text(item.Text))} (line {item.Line}); it must be an integer from 0 to {long.MaxValue}"));
            }
        }

        return result;
    }

    private static ModelFormatException Invalid(string source, string problem) =>
        new(ModelFormatReason.InvalidHeader, Invariant($"{source} has an invalid header: {problem}."));
}
