using System.Globalization;
using System.IO;
using System.Text;

namespace Backprop.Serialization;

/// <summary>
/// <see cref="ModelFormat.Json"/>: weights JSON (<c>"format": "backprop-weights"</c>, <see cref="NetworkJsonFormat"/>,
/// docs/model-format.md), UTF-8 without a byte order mark, LF line endings.
/// </summary>
internal sealed class NetworkJson : IModelCodec
{
    public static readonly IModelCodec Codec = new NetworkJson();

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private NetworkJson()
    {
    }

    public string StreamSource => "The weights JSON";

    public string DescribeFile(string path) => "The weights file '" + path + "'";

    // The target, when there is one, is compared with the file's topology before anything sized from the file is allocated.
    public NetworkWeights Decode(Stream stream, string source, NetworkTopology? topology, ModelFileOptions options, bool wholeFile)
    {
        byte[] bytes = StreamBytes.ReadToEnd(stream);
        string text;
        try
        {
            text = Utf8NoBom.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new ModelFormatException(ModelFormatReason.InvalidJson, source + " is not valid UTF-8 (at byte " + e.Index.ToString(CultureInfo.InvariantCulture) + ").", innerException: e);
        }

        return NetworkJsonFormat.Decode(text, source, topology);
    }

    public byte[] Encode(NetworkWeights weights, ModelFileOptions options) => Utf8NoBom.GetBytes(NetworkJsonFormat.Encode(weights));
}
