using System.IO;

namespace Backprop.Serialization;

/// <summary>
/// One <see cref="ModelFormat"/>'s bytes: what differs between formats. Everything they share (paths, extensions,
/// atomic writes, options, precision, copying into a network) is written once, in <see cref="ModelStorage"/>.
/// </summary>
internal interface IModelCodec
{
    /// <summary>Names a stream of this format in messages: "The model stream".</summary>
    string StreamSource { get; }

    /// <summary>Names a file of this format in messages: "The model file 'tiny.bpnn'".</summary>
    string DescribeFile(string path);

    /// <summary>Reads and checks weights; nothing sized by the file is allocated before it is compared with <paramref name="topology"/>.</summary>
    /// <param name="stream">A readable stream at the model's start.</param>
    /// <param name="source">Names the stream or file in messages.</param>
    /// <param name="topology">The topology the weights must have (a network's, or <see cref="ModelFileOptions.Topology"/>); null for the file's own.</param>
    /// <param name="options">The options, checked for this format.</param>
    /// <param name="wholeFile">True when the stream is a whole file, which must end where the model ends.</param>
    NetworkWeights Decode(Stream stream, string source, NetworkTopology? topology, ModelFileOptions options, bool wholeFile);

    /// <summary>The bytes of the weights, already in the precision to write.</summary>
    byte[] Encode(NetworkWeights weights, ModelFileOptions options);
}
