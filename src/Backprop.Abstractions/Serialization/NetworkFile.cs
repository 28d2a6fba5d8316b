using System;
using System.IO;

namespace Backprop.Serialization;

/// <summary>
/// Saves and loads networks in Backprop's binary model format (<c>.bpnn</c>, docs/model-format.md): a
/// signature, a format version, the topology (layer sizes, activations, loss, precision), the parameters in
/// (l, j, k) order, little-endian, and CRC-32 checksums.
/// </summary>
/// <remarks>
/// <para>
/// Loading reads the whole model into memory and checks everything (signature, version, header,
/// checksums, length, finiteness, then topology and precision against the network) before it writes one
/// parameter; on any failure it throws <see cref="ModelFormatException"/> and the network is unchanged.
/// </para>
/// <para>
/// Saving to a path is atomic (<see cref="AtomicFile"/>). A network holding a NaN or infinite parameter
/// is not saved, and a file holding one is not loaded.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// NetworkFile.Save(net, "tiny.bpnn");
/// var copy = new Tiny();
/// NetworkFile.Load(copy, "tiny.bpnn");
/// </code>
/// </example>
public static class NetworkFile
{
    /// <summary>The file name extension this library suggests: ".bpnn".</summary>
    public const string Extension = ".bpnn";

    /// <summary>Saves a network's topology and parameters to <paramref name="path"/>, atomically.</summary>
    /// <param name="network">A generated network.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite; nothing was written.</exception>
    /// <exception cref="IOException">The file cannot be written; an existing file is unchanged.</exception>
    public static void Save(INeuralNetwork network, string path) => Write(NetworkWeights.From(network), path);

    /// <summary>Writes a network's topology and parameters to <paramref name="stream"/> at its position.</summary>
    /// <param name="network">A generated network.</param>
    /// <param name="stream">A writable stream; it is not closed.</param>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite; nothing was written.</exception>
    public static void Save(INeuralNetwork network, Stream stream) => Write(NetworkWeights.From(network), stream);

    /// <summary>Writes weights to <paramref name="path"/>, atomically.</summary>
    /// <param name="weights">The topology and parameters.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <exception cref="IOException">The file cannot be written; an existing file is unchanged.</exception>
    public static void Write(NetworkWeights weights, string path)
    {
        byte[] bytes = NetworkFileFormat.Encode(weights ?? throw new ArgumentNullException(nameof(weights)));
        AtomicFile.Write(path, stream => stream.Write(bytes, 0, bytes.Length));
    }

    /// <summary>Writes weights to <paramref name="stream"/> at its position, in one write.</summary>
    /// <param name="weights">The topology and parameters.</param>
    /// <param name="stream">A writable stream; it is not closed.</param>
    public static void Write(NetworkWeights weights, Stream stream)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        byte[] bytes = NetworkFileFormat.Encode(weights ?? throw new ArgumentNullException(nameof(weights)));
        stream.Write(bytes, 0, bytes.Length);
    }

    /// <inheritdoc cref="Load(INeuralNetwork, string, NetworkLoadOptions)"/>
    public static void Load(INeuralNetwork network, string path) =>
        Load(network, path, null);

    /// <summary>Loads the parameters saved in <paramref name="path"/> into <paramref name="network"/>.</summary>
    /// <param name="network">A network of the file's topology; it is changed only if everything checks out.</param>
    /// <param name="path">A file written by <see cref="Save(INeuralNetwork, string)"/>.</param>
    /// <param name="options">Whether to convert between float and double; null for the defaults (refuse).</param>
    /// <exception cref="ModelFormatException">
    /// The file is not a valid model file, or not one for this network; <see cref="ModelFormatException.Reason"/>
    /// says which. The network was not changed.
    /// </exception>
    public static void Load(INeuralNetwork network, string path, NetworkLoadOptions? options)
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        Read(path, NetworkTopology.Of(network)).CopyTo(network, options, Describe(path));
    }

    /// <inheritdoc cref="Load(INeuralNetwork, Stream, NetworkLoadOptions)"/>
    public static void Load(INeuralNetwork network, Stream stream) =>
        Load(network, stream, null);

    /// <summary>
    /// Loads one model from <paramref name="stream"/>'s position into <paramref name="network"/>. The stream
    /// is left after the model, so models can follow each other in one stream.
    /// </summary>
    /// <param name="network">A network of the model's topology; it is changed only if everything checks out.</param>
    /// <param name="stream">A readable stream; it is not closed.</param>
    /// <param name="options">Whether to convert between float and double; null for the defaults (refuse).</param>
    /// <exception cref="ModelFormatException">The model is invalid or not for this network; the network was not changed.</exception>
    public static void Load(INeuralNetwork network, Stream stream, NetworkLoadOptions? options)
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        NetworkFileFormat.Decode(stream ?? throw new ArgumentNullException(nameof(stream)), StreamSource, NetworkTopology.Of(network)).CopyTo(network, options, StreamSource);
    }

    /// <summary>Reads and checks a model file without a network, for inspection or conversion.</summary>
    /// <param name="path">A model file.</param>
    /// <returns>Its topology and parameters.</returns>
    /// <exception cref="ModelFormatException">The file is not a valid model file, or has bytes after the model.</exception>
    public static NetworkWeights Read(string path) => Read(path, null);

    /// <summary>Reads and checks one model from <paramref name="stream"/>'s position, leaving the stream after it.</summary>
    /// <param name="stream">A readable stream; it is not closed.</param>
    /// <returns>Its topology and parameters.</returns>
    /// <exception cref="ModelFormatException">The model is not valid.</exception>
    public static NetworkWeights Read(Stream stream) =>
        NetworkFileFormat.Decode(stream ?? throw new ArgumentNullException(nameof(stream)), StreamSource, null);

    private const string StreamSource = "The model stream";

    private static NetworkWeights Read(string path, NetworkTopology? target)
    {
        using var stream = new FileStream(path ?? throw new ArgumentNullException(nameof(path)), FileMode.Open, FileAccess.Read, FileShare.Read);
        NetworkWeights weights = NetworkFileFormat.Decode(stream, Describe(path), target);
        if (stream.Position < stream.Length)
        {
            throw NetworkFileFormat.Trailing(Describe(path), stream.Position, stream.Length);
        }

        return weights;
    }

    private static string Describe(string path) => "The model file '" + path + "'";
}
