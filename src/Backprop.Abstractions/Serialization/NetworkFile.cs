using System.IO;

namespace Backprop.Serialization;

/// <summary>
/// <see cref="ModelFormat.Binary"/>: Backprop's binary model file (<c>.bpnn</c>, <see cref="NetworkFileFormat"/>,
/// docs/model-format.md).
/// </summary>
internal sealed class NetworkFile : IModelCodec
{
    public static readonly IModelCodec Codec = new NetworkFile();

    private NetworkFile()
    {
    }

    public string StreamSource => "The model stream";

    public string DescribeFile(string path) => "The model file '" + path + "'";

    // A stream may hold several models one after another; a file holds exactly one.
    public NetworkWeights Decode(Stream stream, string source, NetworkTopology? topology, ModelFileOptions options, bool wholeFile)
    {
        NetworkWeights weights = NetworkFileFormat.Decode(stream, source, topology);
        if (wholeFile && stream.Position < stream.Length)
        {
            throw NetworkFileFormat.Trailing(source, stream.Position, stream.Length);
        }

        return weights;
    }

    public byte[] Encode(NetworkWeights weights, ModelFileOptions options) => NetworkFileFormat.Encode(weights);
}
