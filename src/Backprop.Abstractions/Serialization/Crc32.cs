using System;

namespace Backprop.Serialization;

/// <summary>
/// CRC-32 as in zlib, PNG and gzip (IEEE 802.3 polynomial 0x04C11DB7, reflected as 0xEDB88320; initial value
/// and final XOR 0xFFFFFFFF): the checksum of the binary model format.
/// </summary>
/// <remarks>
/// It detects every burst error up to 32 bits and all but one in 2³² of other corruptions; it is not a
/// defense against tampering. The check value of the ASCII text "123456789" is 0xCBF43926.
/// </remarks>
internal static class Crc32
{
    private static readonly uint[] Table = CreateTable();

    /// <summary>Computes the CRC-32 of <paramref name="data"/>.</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The checksum.</returns>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a checksum over more bytes: <c>Append(Compute(a), b)</c> equals the checksum of a then b.</summary>
    /// <param name="crc">The checksum of the bytes so far (0 for none).</param>
    /// <param name="data">The next bytes.</param>
    /// <returns>The checksum of all the bytes.</returns>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint c = ~crc;
        foreach (byte b in data)
        {
            c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return ~c;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int bit = 0; bit < 8; bit++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
