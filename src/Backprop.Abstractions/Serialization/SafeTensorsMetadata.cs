using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using static System.FormattableString;

namespace Backprop.Serialization;

/// <summary>
/// The <c>backprop.*</c> entries of a safetensors <c>__metadata__</c>: the topology a Backprop writer records
/// (<see cref="SafeTensors.LayersKey"/>, <see cref="SafeTensors.ActivationsKey"/>, <see cref="SafeTensors.LossKey"/>)
/// and the CRC-32 of the data buffer (<see cref="SafeTensors.ChecksumKey"/>). Files from elsewhere have none of
/// them, and are read as before.
/// </summary>
internal static class SafeTensorsMetadata
{
    private const int ChecksumChunk = 1 << 16;

    private static readonly string[] TopologyKeys = [SafeTensors.LayersKey, SafeTensors.ActivationsKey, SafeTensors.LossKey];

    /// <summary>The metadata value of a checksum: 8 lowercase hexadecimal digits.</summary>
    public static string FormatChecksum(uint crc) => crc.ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>The metadata entries that record <paramref name="topology"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Describe(NetworkTopology topology) =>
    [
        new(SafeTensors.LayersKey, LayersText(topology)),
        new(SafeTensors.ActivationsKey, string.Join(",", topology.Activations)),
        new(SafeTensors.LossKey, topology.Loss.ToString()),
    ];

    /// <summary>Refuses a file whose recorded topology differs from the network's; entries that are absent are not compared.</summary>
    public static void CheckTopology(IReadOnlyDictionary<string, string> metadata, NetworkTopology topology, string source)
    {
        foreach (KeyValuePair<string, string> entry in Describe(topology))
        {
            string what = What(entry.Key);
            if (metadata.TryGetValue(entry.Key, out string? found) && !string.Equals(found, entry.Value, StringComparison.Ordinal))
            {
                throw new ModelFormatException(
                    ModelFormatReason.TopologyMismatch,
                    Invariant($"{source} was saved from another network: its metadata \"{entry.Key}\" gives {what} {MessageText.Quoted(found)}, but the network has {MessageText.Quoted(entry.Value)}."),
                    expected: Invariant($"{what} {MessageText.Quoted(entry.Value)}"),
                    found: Invariant($"{what} {MessageText.Quoted(found)}"));
            }
        }
    }

    /// <summary>The file's precision: Double if one of its tensors is F64, else Single (F32, F16 and BF16 all fit a float).</summary>
    public static Precision PrecisionOf(SafeTensorsHeader header) =>
        header.Tensors.Any(t => t.DataType == "F64") ? Precision.Double : Precision.Single;

    /// <summary>
    /// The topology recorded in the metadata, or null when it records none (a file from PyTorch), in the file's
    /// precision (<see cref="PrecisionOf"/>).
    /// </summary>
    public static NetworkTopology? ReadTopology(SafeTensorsHeader header, string source)
    {
        IReadOnlyDictionary<string, string> metadata = header.Metadata;
        string[] present = TopologyKeys.Where(metadata.ContainsKey).ToArray();
        if (present.Length == 0)
        {
            return null;
        }

        if (present.Length < TopologyKeys.Length)
        {
            string missing = TopologyKeys.First(k => !metadata.ContainsKey(k));
            throw Invalid(source, Invariant($"its metadata records \"{present[0]}\" but not \"{missing}\"; a Backprop writer records {string.Join(", ", TopologyKeys.Select(k => "\"" + k + "\""))} together"), "all three topology entries", Invariant($"no \"{missing}\""));
        }

        // The sizes array is as long as the text has commas: bounded by the header, never by a number in it.
        string layersText = metadata[SafeTensors.LayersKey];
        int[] sizes = layersText.Split(',')
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
                ? n
                : throw Invalid(source, Invariant($"its metadata \"{SafeTensors.LayersKey}\" is {MessageText.Quoted(layersText)}; it must be positive layer sizes separated by commas"), "sizes like \"3,4,2\"", MessageText.Quoted(layersText)))
            .ToArray();
        string activationsText = metadata[SafeTensors.ActivationsKey];
        Activation[] activations = activationsText.Split(',')
            .Select(a => Enum.GetNames(typeof(Activation)).Contains(a, StringComparer.Ordinal)
                ? (Activation)Enum.Parse(typeof(Activation), a)
                : throw Invalid(source, Invariant($"its metadata \"{SafeTensors.ActivationsKey}\" is {MessageText.Quoted(activationsText)}; it must be Activation names separated by commas"), "names like \"Tanh,Linear\"", MessageText.Quoted(activationsText)))
            .ToArray();
        string lossText = metadata[SafeTensors.LossKey];
        Loss loss = Enum.GetNames(typeof(Loss)).Contains(lossText, StringComparer.Ordinal)
            ? (Loss)Enum.Parse(typeof(Loss), lossText)
            : throw Invalid(source, Invariant($"its metadata \"{SafeTensors.LossKey}\" is {MessageText.Quoted(lossText)}; it must be one of {string.Join(", ", Enum.GetNames(typeof(Loss)))}"), "a Loss name", MessageText.Quoted(lossText));
        Precision precision = PrecisionOf(header);

        string? problem = TopologyRules.Check(sizes, activations, loss, precision, out _);
        if (problem is not null)
        {
            throw Invalid(source, "its metadata does not describe a network: " + TopologyRules.AfterColon(problem), "a valid topology", Invariant($"layers {MessageText.Quoted(layersText)}, activations {MessageText.Quoted(activationsText)}"));
        }

        return new NetworkTopology(sizes, activations, loss, precision);
    }

    /// <summary>
    /// Verifies the CRC-32 that <see cref="SafeTensors.ChecksumKey"/> records for the data buffer (everything after the
    /// header), when it records one. The buffer is read in chunks: nothing is allocated in proportion to it.
    /// </summary>
    public static void VerifyChecksum(IReadOnlyDictionary<string, string> metadata, Stream data, long dataStart, string source)
    {
        if (!metadata.TryGetValue(SafeTensors.ChecksumKey, out string? recorded))
        {
            return;
        }

        if (recorded.Length != 8 || !recorded.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
        {
            throw Invalid(source, Invariant($"its metadata \"{SafeTensors.ChecksumKey}\" is {MessageText.Quoted(recorded)}; it must be the CRC-32 of the data as 8 lowercase hexadecimal digits"), "8 lowercase hexadecimal digits", MessageText.Quoted(recorded));
        }

        uint stored = uint.Parse(recorded, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        long length = data.Length - dataStart;
        data.Position = dataStart;
        var buffer = new byte[(int)Math.Min(length, ChecksumChunk)];
        uint crc = 0;
        int read;
        while ((read = data.Read(buffer, 0, buffer.Length)) > 0)
        {
            crc = Crc32.Append(crc, buffer.AsSpan(0, read));
        }

        if (crc != stored)
        {
            throw new ModelFormatException(
                ModelFormatReason.ChecksumMismatch,
                Invariant($"{source} is corrupt: the CRC-32 of its data buffer ({length} bytes after the header) is {FormatChecksum(crc)}, but its metadata \"{SafeTensors.ChecksumKey}\" records {recorded}."),
                expected: recorded,
                found: FormatChecksum(crc));
        }
    }

    private static string LayersText(NetworkTopology topology) =>
        string.Join(",", topology.LayerSizes.Select(s => s.ToString(CultureInfo.InvariantCulture)));

    private static string What(string key) => key switch
    {
        SafeTensors.LayersKey => "layer sizes",
        SafeTensors.ActivationsKey => "activations",
        _ => "loss",
    };

    private static ModelFormatException Invalid(string source, string problem, string expected, string found) =>
        new(ModelFormatReason.InvalidHeader, Invariant($"{source} has an invalid header: {problem}."), expected, found);
}
