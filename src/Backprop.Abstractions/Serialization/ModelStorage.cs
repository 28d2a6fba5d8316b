using System;
using System.IO;
using static System.FormattableString;

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
        IModelCodec codec = ForPath(path, options);
        source = codec.DescribeFile(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return codec.Decode(stream, source, topology, options ?? Defaults, wholeFile: true);
    }

    /// <summary>Reads from a stream's position; <paramref name="source"/> names it in later messages.</summary>
    public static NetworkWeights Read(Stream stream, ModelFormat format, ModelFileOptions? options, NetworkTopology? topology, out string source)
    {
        if (!(stream ?? throw new ArgumentNullException(nameof(stream))).CanRead)
        {
            throw WrongDirection(stream, "readable to load a model from", nameof(Stream.CanRead));
        }

        IModelCodec codec = ForStream(format, options);
        source = codec.StreamSource;
        return codec.Decode(stream, source, topology, options ?? Defaults, wholeFile: false);
    }

    /// <summary>Checks a path and the options for a write to the format its extension names, before any work is done.</summary>
    public static IModelCodec PrepareWrite(string path, ModelFileOptions? options)
    {
        IModelCodec codec = ForPath(path, options);
        ModelFileOptions.CheckForWriting(options);
        return codec;
    }

    /// <summary>Checks a stream, its format and the options for a write, before any work is done.</summary>
    public static IModelCodec PrepareWrite(Stream stream, ModelFormat format, ModelFileOptions? options)
    {
        if (!(stream ?? throw new ArgumentNullException(nameof(stream))).CanWrite)
        {
            throw WrongDirection(stream, "writable to save a model to", nameof(Stream.CanWrite));
        }

        IModelCodec codec = ForStream(format, options);
        ModelFileOptions.CheckForWriting(options);
        return codec;
    }

    private static IModelCodec ForPath(string path, ModelFileOptions? options)
    {
        ModelFormat format = ModelFormats.FromPath(path ?? throw new ArgumentNullException(nameof(path)), nameof(path));
        ModelFileOptions.Check(options, format, Path.GetExtension(path));
        return ModelFormats.Codec(format, nameof(format));
    }

    private static IModelCodec ForStream(ModelFormat format, ModelFileOptions? options)
    {
        IModelCodec codec = ModelFormats.Codec(format, nameof(format));
        ModelFileOptions.Check(options, format, extension: null);
        return codec;
    }

    // A stream of the wrong direction fails only at its first Read or Write: after a whole model is encoded, or
    // looking like a truncated model. Refusing it first names the real mistake.
    private static ArgumentException WrongDirection(Stream stream, string expected, string property)
    {
        string closed = stream.CanRead || stream.CanWrite ? "" : "; it may be closed";
        return new ArgumentException(
            Invariant($"The stream must be {expected}, but its {property} is false ({stream.GetType().Name}{closed})."),
            nameof(stream));
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
