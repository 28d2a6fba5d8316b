using System;
using System.IO;

namespace Backprop.Serialization;

/// <summary>
/// The one read path and the one write path behind <see cref="ModelFiles"/> and <see cref="NetworkWeights"/>, for
/// every format: a path's extension or a stream's explicit format picks the codec, options are checked before
/// anything is read or written, files are read whole and written atomically.
/// </summary>
internal static class ModelStorage
{
    private static readonly ModelFileOptions Defaults = new();

    /// <summary>Reads a file; <paramref name="source"/> names it in later messages.</summary>
    public static NetworkWeights Read(string path, ModelFileOptions? options, NetworkTopology? topology, out string source)
    {
        IModelCodec codec = Prepare(path ?? throw new ArgumentNullException(nameof(path)), options);
        source = codec.DescribeFile(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return codec.Decode(stream, source, topology, options ?? Defaults, wholeFile: true);
    }

    /// <summary>Reads from a stream's position; <paramref name="source"/> names it in later messages.</summary>
    public static NetworkWeights Read(Stream stream, ModelFormat format, ModelFileOptions? options, NetworkTopology? topology, out string source)
    {
        IModelCodec codec = Prepare(stream, format, options);
        source = codec.StreamSource;
        return codec.Decode(stream, source, topology, options ?? Defaults, wholeFile: false);
    }

    /// <summary>Checks a path and the options for the format its extension names, before any work is done.</summary>
    public static IModelCodec Prepare(string path, ModelFileOptions? options)
    {
        ModelFormat format = ModelFormats.FromPath(path ?? throw new ArgumentNullException(nameof(path)), nameof(path));
        ModelFileOptions.Check(options, format, Path.GetExtension(path));
        return ModelFormats.Codec(format, nameof(format));
    }

    /// <summary>Checks a stream, its format and the options, before any work is done.</summary>
    public static IModelCodec Prepare(Stream stream, ModelFormat format, ModelFileOptions? options)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        IModelCodec codec = ModelFormats.Codec(format, nameof(format));
        ModelFileOptions.Check(options, format, extension: null);
        return codec;
    }

    /// <summary>Writes a file atomically (<see cref="AtomicFile"/>): a failure leaves an existing file as it was.</summary>
    public static void Write(IModelCodec codec, NetworkWeights weights, string path, ModelFileOptions? options)
    {
        byte[] bytes = Encode(codec, weights, options);
        AtomicFile.Write(path, stream => stream.Write(bytes, 0, bytes.Length));
    }

    /// <summary>Writes to a stream at its position, in one write; the stream is not closed.</summary>
    public static void Write(IModelCodec codec, NetworkWeights weights, Stream stream, ModelFileOptions? options)
    {
        byte[] bytes = Encode(codec, weights, options);
        stream.Write(bytes, 0, bytes.Length);
    }

    // The whole file is encoded before the first byte is written, so a refused value writes nothing.
    private static byte[] Encode(IModelCodec codec, NetworkWeights weights, ModelFileOptions? options)
    {
        Precision precision = options?.WritePrecision ?? weights.Topology.Precision;
        return codec.Encode(weights.ConvertTo(precision, "The weights to write"), options ?? Defaults);
    }
}
