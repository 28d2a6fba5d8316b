using System;
using System.IO;

namespace Backprop.Serialization;

/// <summary>Reads from streams without trusting the lengths a file announces.</summary>
internal static class StreamBytes
{
    private const int Chunk = 1 << 16;

    /// <summary>
    /// Reads up to <paramref name="count"/> bytes, fewer only at the end of the stream. The buffer grows with
    /// the data that actually arrives, so a forged length cannot make it allocate more than the file holds.
    /// </summary>
    public static byte[] ReadUpTo(Stream stream, long count)
    {
        if (stream.CanSeek)
        {
            count = Math.Min(count, Math.Max(0, stream.Length - stream.Position));
        }

        var buffer = new byte[Math.Min(count, Chunk)];
        int filled = 0;
        while (filled < count)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(count, (long)buffer.Length * 2));
            }

            int read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                Array.Resize(ref buffer, filled);
                break;
            }

            filled += read;
        }

        return buffer;
    }

    /// <summary>Reads everything up to the end of the stream.</summary>
    public static byte[] ReadToEnd(Stream stream)
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

}
