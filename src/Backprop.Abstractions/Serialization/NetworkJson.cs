using System;
using System.IO;
using System.Text;

namespace Backprop.Serialization;

/// <summary>
/// Saves and loads network parameters as weights JSON (<c>"format": "backprop-weights"</c>,
/// docs/model-format.md): the text format that the source generator reads to bake trained weights into a
/// network's code, and a readable, diffable record of a model. Numbers round-trip exactly.
/// </summary>
/// <example>
/// <code>
/// NetworkJson.Save(net, "model.json");                                    // from a network
/// NetworkJson.FromSafeTensors("model.safetensors", "model.json",          // from PyTorch
///     new NetworkTopology([4, 8, 3], [Activation.ReLU, Activation.Sigmoid]));
/// NetworkJson.FromNetworkFile("model.bpnn", "model.json");                // from a saved model
/// </code>
/// </example>
public static class NetworkJson
{
    /// <summary>The value of the "format" member: "backprop-weights".</summary>
    public const string FormatName = NetworkJsonFormat.FormatName;

    /// <summary>The format version this library writes and reads: 1.</summary>
    public const int Version = NetworkJsonFormat.Version;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Saves a network's topology and parameters as weights JSON, atomically.</summary>
    /// <param name="network">A generated network.</param>
    /// <param name="path">The file to create or replace (UTF-8, LF line endings).</param>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite; nothing was written.</exception>
    public static void Save(INeuralNetwork network, string path) => Write(NetworkWeights.From(network), path);

    /// <summary>Writes a network's topology and parameters as weights JSON.</summary>
    /// <param name="network">A generated network.</param>
    /// <param name="writer">Where the text goes; it is not closed.</param>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite; nothing was written.</exception>
    public static void Save(INeuralNetwork network, TextWriter writer) => Write(NetworkWeights.From(network), writer);

    /// <summary>Writes weights as weights JSON to a file, atomically.</summary>
    /// <param name="weights">The topology and parameters.</param>
    /// <param name="path">The file to create or replace (UTF-8, LF line endings).</param>
    public static void Write(NetworkWeights weights, string path)
    {
        byte[] bytes = Utf8NoBom.GetBytes(ToJson(weights));
        AtomicFile.Write(path, stream => stream.Write(bytes, 0, bytes.Length));
    }

    /// <summary>Writes weights as weights JSON.</summary>
    /// <param name="weights">The topology and parameters.</param>
    /// <param name="writer">Where the text goes; it is not closed.</param>
    public static void Write(NetworkWeights weights, TextWriter writer) =>
        (writer ?? throw new ArgumentNullException(nameof(writer))).Write(ToJson(weights));

    /// <summary>Returns weights as weights JSON text.</summary>
    /// <param name="weights">The topology and parameters.</param>
    /// <returns>The JSON document, ending with a line feed.</returns>
    public static string ToJson(NetworkWeights weights) =>
        NetworkJsonFormat.Encode(weights ?? throw new ArgumentNullException(nameof(weights)));

    /// <inheritdoc cref="Load(INeuralNetwork, string, NetworkLoadOptions)"/>
    public static void Load(INeuralNetwork network, string path) =>
        Load(network, path, null);

    /// <summary>Loads a weights JSON file into a network.</summary>
    /// <param name="network">A network of the file's topology; changed only if everything checks out.</param>
    /// <param name="path">The file.</param>
    /// <param name="options">Whether to convert between float and double; null to refuse.</param>
    /// <exception cref="ModelFormatException">The file is invalid or not for this network; it was not changed.</exception>
    public static void Load(INeuralNetwork network, string path, NetworkLoadOptions? options)
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        Decode(path, NetworkTopology.Of(network)).CopyTo(network, options, Describe(path));
    }

    /// <inheritdoc cref="Load(INeuralNetwork, TextReader, NetworkLoadOptions)"/>
    public static void Load(INeuralNetwork network, TextReader reader) =>
        Load(network, reader, null);

    /// <summary>Loads weights JSON text into a network.</summary>
    /// <param name="network">A network of the document's topology; changed only if everything checks out.</param>
    /// <param name="reader">The text; read to its end.</param>
    /// <param name="options">Whether to convert between float and double; null to refuse.</param>
    /// <exception cref="ModelFormatException">The text is invalid or not for this network; it was not changed.</exception>
    public static void Load(INeuralNetwork network, TextReader reader, NetworkLoadOptions? options)
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        Decode(reader, NetworkTopology.Of(network)).CopyTo(network, options, TextSource);
    }

    /// <summary>Reads and checks a weights JSON file without a network.</summary>
    /// <param name="path">The file.</param>
    /// <returns>Its topology and parameters.</returns>
    /// <exception cref="ModelFormatException">The file is not valid weights JSON.</exception>
    public static NetworkWeights Read(string path) => Decode(path, null);

    /// <summary>Reads and checks weights JSON text without a network.</summary>
    /// <param name="reader">The text; read to its end.</param>
    /// <returns>Its topology and parameters.</returns>
    /// <exception cref="ModelFormatException">The text is not valid weights JSON.</exception>
    public static NetworkWeights Read(TextReader reader) => Decode(reader, null);

    /// <inheritdoc cref="FromSafeTensors(string, string, NetworkTopology, SafeTensorsOptions)"/>
    public static void FromSafeTensors(string safeTensorsPath, string jsonPath, NetworkTopology topology) =>
        FromSafeTensors(safeTensorsPath, jsonPath, topology, null);

    /// <summary>Converts a safetensors file (e.g. from PyTorch) to weights JSON, atomically.</summary>
    /// <param name="safeTensorsPath">The safetensors file.</param>
    /// <param name="jsonPath">The weights JSON file to create or replace.</param>
    /// <param name="topology">The network the tensors are for: sizes, activations, loss, and the precision to write.</param>
    /// <param name="options">Tensor names and what to ignore; null for the <c>nn.Sequential</c> defaults.</param>
    /// <exception cref="ModelFormatException">The safetensors file is invalid or does not fit the topology; nothing was written.</exception>
    public static void FromSafeTensors(string safeTensorsPath, string jsonPath, NetworkTopology topology, SafeTensorsOptions? options) =>
        Write(SafeTensors.Read(safeTensorsPath, topology, options), jsonPath);

    /// <summary>Converts a binary model file (<see cref="NetworkFile"/>) to weights JSON, atomically.</summary>
    /// <param name="modelPath">The model file.</param>
    /// <param name="jsonPath">The weights JSON file to create or replace.</param>
    /// <exception cref="ModelFormatException">The model file is invalid; nothing was written.</exception>
    public static void FromNetworkFile(string modelPath, string jsonPath) =>
        Write(NetworkFile.Read(modelPath), jsonPath);

    private const string TextSource = "The weights JSON";

    // The target, when there is one, is compared with the file's topology before anything sized from the file is allocated.
    private static NetworkWeights Decode(string path, NetworkTopology? target)
    {
        byte[] bytes = File.ReadAllBytes(path ?? throw new ArgumentNullException(nameof(path)));
        string text;
        try
        {
            text = Utf8NoBom.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new ModelFormatException(ModelFormatReason.InvalidJson, Describe(path) + " is not valid UTF-8 (at byte " + e.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) + ").", innerException: e);
        }

        return NetworkJsonFormat.Decode(text, Describe(path), target);
    }

    private static NetworkWeights Decode(TextReader reader, NetworkTopology? target) =>
        NetworkJsonFormat.Decode((reader ?? throw new ArgumentNullException(nameof(reader))).ReadToEnd(), TextSource, target);

    private static string Describe(string path) => "The weights file '" + path + "'";
}
