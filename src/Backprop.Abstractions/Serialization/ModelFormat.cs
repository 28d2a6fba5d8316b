namespace Backprop.Serialization;

/// <summary>
/// The file formats a network's weights are saved in and loaded from. A path's extension names its format
/// (<c>.bpnn</c>, <c>.json</c>, <c>.safetensors</c>, in any case); a stream is given one explicitly.
/// docs/model-format.md describes each byte and each check.
/// </summary>
/// <example>
/// <code>
/// net.Save("model.safetensors");                        // the extension picks the format
/// using var stream = new MemoryStream();
/// net.Save(stream, ModelFormat.Binary);                 // a stream names it
/// </code>
/// </example>
public enum ModelFormat
{
    /// <summary>
    /// Backprop's binary model file (<c>.bpnn</c>): signature, version, topology, parameters and CRC-32 checksums.
    /// From a stream, one model is read from its position and the stream is left after it, so models can follow
    /// each other; a file must end where its model ends.
    /// </summary>
    Binary,

    /// <summary>
    /// Weights JSON (<c>.json</c>, <c>"format": "backprop-weights"</c>): UTF-8 text that round-trips every value, and
    /// the file the generator bakes into a class (<c>[Network(…, Weights = "model.json")]</c>). A stream is read to its end.
    /// </summary>
    Json,

    /// <summary>
    /// safetensors (<c>.safetensors</c>), the tensor format of PyTorch and Hugging Face: tensors named as in an
    /// <c>nn.Sequential</c> of <c>nn.Linear</c> by default (<see cref="ModelFileOptions.SafeTensors"/> names them
    /// otherwise). A stream is read from its position to its end.
    /// </summary>
    SafeTensors,
}
