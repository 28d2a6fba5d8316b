// Linked into the generator as source, internal there (in its model namespace, apart from this public one):
// its weights-file diagnostics follow these reasons.
#if BACKPROP_GENERATOR
namespace Backprop.Generator.Models;
#else
namespace Backprop.Serialization;
#endif

/// <summary>Why a model file (binary, safetensors or weights JSON) was refused.</summary>
#if BACKPROP_GENERATOR
internal
#else
public
#endif
enum ModelFormatReason
{
    /// <summary>The file does not start with the format's signature: it is another kind of file.</summary>
    WrongMagic,

    /// <summary>The file is of a format version this library does not read.</summary>
    UnsupportedVersion,

    /// <summary>The file ends before the data its header announces.</summary>
    Truncated,

    /// <summary>Bytes follow the end of the model.</summary>
    TrailingData,

    /// <summary>A header field holds an impossible value (a layer count, a size, an enum value, a reserved field, a safetensors header length or entry).</summary>
    InvalidHeader,

    /// <summary>The text is not valid UTF-8 or not valid JSON.</summary>
    InvalidJson,

    /// <summary>A stored checksum does not match the bytes: the file was corrupted.</summary>
    ChecksumMismatch,

    /// <summary>The file is for other layer sizes, activations or loss than the network's.</summary>
    TopologyMismatch,

    /// <summary>The file holds float parameters for a double network or the reverse, and conversion was not asked for.</summary>
    PrecisionMismatch,

    /// <summary>A parameter is NaN or infinite.</summary>
    NonFiniteValue,

    /// <summary>A parameter is finite but too large for the network's precision (a double beyond the range of float).</summary>
    ValueOutOfRange,

    /// <summary>A safetensors tensor's data offsets overlap, leave a gap, or do not match its shape and data type.</summary>
    InvalidDataOffsets,

    /// <summary>A safetensors tensor has a data type that cannot be used (or is unknown).</summary>
    UnsupportedDataType,

    /// <summary>A tensor or array has another shape than the network's layer needs.</summary>
    ShapeMismatch,

    /// <summary>A tensor the network needs is not in the file.</summary>
    MissingTensor,

    /// <summary>The file holds a tensor that maps to no parameter of the network, and ignoring such tensors was not asked for.</summary>
    UnknownTensor,

    /// <summary>
    /// A safetensors file records no topology (no <c>backprop.*</c> metadata, as from PyTorch) and none was given
    /// (<see cref="ModelFileOptions.Topology"/>), so its tensors cannot be read without a network.
    /// </summary>
    MissingTopology,

    /// <summary>
    /// A training checkpoint was written with another optimizer, learning-rate schedule or data set than the
    /// trainer resuming it has, or for a network with dropout and read for one without (or the reverse).
    /// </summary>
    CheckpointMismatch,
}
