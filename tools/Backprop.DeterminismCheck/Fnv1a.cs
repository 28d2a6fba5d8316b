using System;
using System.Runtime.InteropServices;

namespace Backprop.DeterminismCheck
{
    /// <summary>
    /// 64-bit FNV-1a over raw bytes: small enough to write out here, and any flipped bit of any value changes it.
    /// Values are hashed as their in-memory bytes, which are little-endian on every platform .NET runs this on.
    /// </summary>
    public sealed class Fnv1a
    {
        private const ulong OffsetBasis = 14695981039346656037;
        private const ulong Prime = 1099511628211;

        /// <summary>The hash of everything added so far.</summary>
        public ulong Value { get; private set; } = OffsetBasis;

        /// <summary>Adds bytes in order.</summary>
        public void Add(ReadOnlySpan<byte> bytes)
        {
            ulong hash = Value;
            foreach (byte b in bytes)
            {
                hash = (hash ^ b) * Prime;
            }

            Value = hash;
        }

        /// <summary>Adds the raw bits of each value in order.</summary>
        public void Add<T>(ReadOnlySpan<T> values)
            where T : unmanaged => Add(MemoryMarshal.AsBytes(values));

        /// <summary>Adds the raw bits of one value.</summary>
        public void Add(double value) => Add(BitConverter.DoubleToInt64Bits(value));

        /// <summary>Adds one 64-bit integer, low byte first.</summary>
        public void Add(long value)
        {
            Span<byte> bytes = stackalloc byte[sizeof(long)];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)(value >> (8 * i));
            }

            Add(bytes);
        }

        /// <summary>Lower-case hexadecimal, 16 digits: the form the check prints and the golden file holds.</summary>
        public static string Format(ulong hash) => hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}
