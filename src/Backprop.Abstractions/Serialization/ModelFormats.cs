using System;
using System.IO;
using System.Linq;
using static System.FormattableString;

namespace Backprop.Serialization;

/// <summary>The one table of formats: each <see cref="ModelFormat"/> with its file extension and its codec.</summary>
internal static class ModelFormats
{
    private static readonly Entry[] Table =
    [
        new(ModelFormat.Binary, ".bpnn", NetworkFile.Codec),
        new(ModelFormat.Json, ".json", NetworkJson.Codec),
        new(ModelFormat.SafeTensors, ".safetensors", SafeTensors.Codec),
    ];

    /// <summary>The format a path's extension names, without regard to case.</summary>
    /// <exception cref="ArgumentException">The extension names no format.</exception>
    public static ModelFormat FromPath(string path, string parameterName)
    {
        string extension = Path.GetExtension(path);
        Entry? entry = Table.FirstOrDefault(e => string.Equals(e.Extension, extension, StringComparison.OrdinalIgnoreCase));
        if (entry is not null)
        {
            return entry.Format;
        }

        string found = extension.Length == 0 ? "has no extension" : "ends in " + MessageText.Quoted(extension, '\'');
        string accepted = string.Join(", ", Table.Select(e => Invariant($"{e.Extension} ({e.Format})")));
        throw new ArgumentException(
            Invariant($"The path {MessageText.Quoted(path, '\'')} {found}, which names no model format; the extension must be one of {accepted}. To use another name, open a stream and pass its ModelFormat."),
            parameterName);
    }

    /// <summary>The codec of a format.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a <see cref="ModelFormat"/>.</exception>
    public static IModelCodec Codec(ModelFormat format, string parameterName) => Find(format, parameterName).Codec;

    private static Entry Find(ModelFormat format, string parameterName) =>
        Table.FirstOrDefault(e => e.Format == format)
        ?? throw new ArgumentOutOfRangeException(
            parameterName,
            format,
            Invariant($"'{parameterName}' must be one of {string.Join(", ", Table.Select(e => e.Format))}, but was {(int)format}."));

    private sealed class Entry(ModelFormat format, string extension, IModelCodec codec)
    {
        public ModelFormat Format { get; } = format;

        public string Extension { get; } = extension;

        public IModelCodec Codec { get; } = codec;
    }
}
