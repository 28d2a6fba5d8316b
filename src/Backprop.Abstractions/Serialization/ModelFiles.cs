using System;
using System.IO;

namespace Backprop.Serialization;

/// <summary>
/// Saves and loads a network's weights, in every <see cref="ModelFormat"/>, the same way: a path whose extension
/// names the format (<c>.bpnn</c>, <c>.json</c>, <c>.safetensors</c>), or a stream with an explicit format, and
/// the same <see cref="ModelFileOptions"/> everywhere.
/// </summary>
/// <remarks>
/// <para>
/// Loading reads and checks the whole model (signature, version, checksums, length, topology, precision, shapes,
/// finiteness) before it writes one parameter; on any failure it throws <see cref="ModelFormatException"/>, whose
/// <see cref="ModelFormatException.Reason"/> says what is wrong, and the network is unchanged.
/// </para>
/// <para>
/// Saving to a path is atomic: the file is written beside the target, flushed, and renamed over it, so a failed
/// save leaves an existing file as it was. A network holding a NaN or infinite parameter is not saved
/// (<see cref="InvalidOperationException"/>), and a file holding one is not loaded.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// using Backprop.Serialization;
///
/// net.Save("tiny.bpnn");                                   // or "tiny.json", "tiny.safetensors"
/// var copy = new Tiny();
/// copy.Load("tiny.bpnn");
/// copy.Load(File.OpenRead("torch.safetensors"), ModelFormat.SafeTensors);
/// </code>
/// </example>
// The path and the stream overloads differ in a required parameter (string, or Stream and ModelFormat), so no call
// can bind to both: each keeps its optional options.
#pragma warning disable RS0026
public static class ModelFiles
{
    /// <summary>Saves a network's topology and parameters to <paramref name="path"/>, atomically, in the format its extension names.</summary>
    /// <param name="network">A generated network.</param>
    /// <param name="path">The file to create or replace: <c>.bpnn</c>, <c>.json</c> or <c>.safetensors</c>.</param>
    /// <param name="options">The precision to write and the safetensors names; null for the defaults.</param>
    /// <exception cref="ArgumentException">The extension names no format, or an option does not apply to it.</exception>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite; nothing was written.</exception>
    /// <exception cref="IOException">The file cannot be written; an existing file is unchanged.</exception>
    public static void Save(this INeuralNetwork network, string path, ModelFileOptions? options = null)
    {
        IModelCodec codec = ModelStorage.PrepareWrite(path, options);
        ModelFileOptions.RefuseTopology(options, "the network's");
        ModelStorage.Write(codec, NetworkWeights.From(network), path, options);
    }

    /// <summary>Writes a network's topology and parameters to <paramref name="stream"/> at its position, in one write.</summary>
    /// <param name="network">A generated network.</param>
    /// <param name="stream">A writable stream; it is not closed.</param>
    /// <param name="format">The format to write.</param>
    /// <param name="options">The precision to write and the safetensors names; null for the defaults.</param>
    /// <exception cref="ArgumentException">The stream cannot be written, or an option does not apply to the format.</exception>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite; nothing was written.</exception>
    public static void Save(this INeuralNetwork network, Stream stream, ModelFormat format, ModelFileOptions? options = null)
    {
        IModelCodec codec = ModelStorage.PrepareWrite(stream, format, options);
        ModelFileOptions.RefuseTopology(options, "the network's");
        ModelStorage.Write(codec, NetworkWeights.From(network), stream, options);
    }

    /// <summary>Loads the weights in <paramref name="path"/>, in the format its extension names, into <paramref name="network"/>.</summary>
    /// <param name="network">A network of the file's topology; changed only if the whole file checks out.</param>
    /// <param name="path">A <c>.bpnn</c>, <c>.json</c> or <c>.safetensors</c> file.</param>
    /// <param name="options">Whether to convert between float and double, and the safetensors names; null for the defaults.</param>
    /// <exception cref="ArgumentException">The extension names no format, or an option does not apply to it.</exception>
    /// <exception cref="ModelFormatException">
    /// The file is not valid, or not for this network; <see cref="ModelFormatException.Reason"/> says which. The
    /// network was not changed.
    /// </exception>
    public static void Load(this INeuralNetwork network, string path, ModelFileOptions? options = null)
    {
        NetworkTopology topology = Prepare(network, options);
        NetworkWeights weights = ModelStorage.Read(path, options, topology, out string source);
        weights.CopyTo(network, options, source);
    }

    /// <summary>
    /// Loads weights from <paramref name="stream"/>'s position into <paramref name="network"/>. A binary model
    /// leaves the stream after it, so models can follow each other; JSON and safetensors read to the end.
    /// </summary>
    /// <param name="network">A network of the model's topology; changed only if everything checks out.</param>
    /// <param name="stream">A readable stream; it is not closed.</param>
    /// <param name="format">The format to read.</param>
    /// <param name="options">Whether to convert between float and double, and the safetensors names; null for the defaults.</param>
    /// <exception cref="ArgumentException">The stream cannot be read, or an option does not apply to the format.</exception>
    /// <exception cref="ModelFormatException">The model is not valid, or not for this network; the network was not changed.</exception>
    public static void Load(this INeuralNetwork network, Stream stream, ModelFormat format, ModelFileOptions? options = null)
    {
        NetworkTopology topology = Prepare(network, options);
        NetworkWeights weights = ModelStorage.Read(stream, format, options, topology, out string source);
        weights.CopyTo(network, options, source);
    }

    private static NetworkTopology Prepare(INeuralNetwork network, ModelFileOptions? options)
    {
        NetworkTopology topology = NetworkTopology.Of(network ?? throw new ArgumentNullException(nameof(network)));
        ModelFileOptions.RefuseTopology(options, "the network's");
        return topology;
    }
}
#pragma warning restore RS0026
