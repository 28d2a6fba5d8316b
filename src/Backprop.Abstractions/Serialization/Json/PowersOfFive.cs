using System.Diagnostics;
using System.Numerics;

namespace Backprop.Serialization.Json;

/// <summary>
/// 5^q for q = <see cref="MinExponent"/> … <see cref="MaxExponent"/> as 128-bit significands: 5^q lies in
/// [T, T + 1) · 2^k with 2¹²⁷ ≤ T &lt; 2¹²⁸, and equals T · 2^k for q = 0 … <see cref="LargestExact"/>.
/// </summary>
/// <remarks>
/// Built once, exactly, with <see cref="BigInteger"/> (about 650 entries, 10 KB), rather than written out as a
/// table of constants that only a program could check.
/// </remarks>
internal static class PowersOfFive
{
    /// <summary>
    /// The smallest power the fast path needs: a double's value is at least 10⁻³²³ there, written with up to 19
    /// significant digits.
    /// </summary>
    public const int MinExponent = -342;

    /// <summary>The largest power the fast path needs: a double's value is below 10³⁰⁹ there, with at least one digit.</summary>
    public const int MaxExponent = 308;

    /// <summary>The largest power of five below 2¹²⁸; T is exact from 5⁰ to this one.</summary>
    public const int LargestExact = 55;

    private static readonly ulong[] High = new ulong[MaxExponent - MinExponent + 1];
    private static readonly ulong[] Low = new ulong[MaxExponent - MinExponent + 1];
    private static readonly int[] BinaryExponents = new int[MaxExponent - MinExponent + 1];

    static PowersOfFive()
    {
        BigInteger two128 = BigInteger.One << 128;
        BigInteger power = BigInteger.One;
        for (int n = 0; n <= -MinExponent; n++, power *= 5)
        {
            int bits = DecimalText.BitLength(power);
            if (n <= MaxExponent)
            {
                // 5^n = T · 2^(bits − 128), truncated when 5^n needs more than 128 bits.
                Store(n, bits <= 128 ? power << (128 - bits) : power >> (bits - 128), bits - 128);
                Debug.Assert(bits <= 128 == n <= LargestExact, "LargestExact is the last power of five below 2^128");
            }

            if (n > 0)
            {
                // 5^−n = 2^(127 + bits) / 5^n · 2^−(127 + bits), and the quotient is in (2^127, 2^128).
                Store(-n, (BigInteger.One << (127 + bits)) / power, -(127 + bits));
            }
        }

        void Store(int q, BigInteger significand, int binaryExponent)
        {
            Debug.Assert(significand >= two128 >> 1 && significand < two128, "a 128-bit significand");
            High[q - MinExponent] = (ulong)(significand >> 64);
            Low[q - MinExponent] = (ulong)(significand & ulong.MaxValue);
            BinaryExponents[q - MinExponent] = binaryExponent;
        }
    }

    /// <summary>T and k of 5^<paramref name="q"/>.</summary>
    /// <param name="q">The power, <see cref="MinExponent"/> … <see cref="MaxExponent"/>.</param>
    /// <param name="high">The upper 64 bits of T.</param>
    /// <param name="low">The lower 64 bits of T.</param>
    /// <returns>k.</returns>
    public static int Get(int q, out ulong high, out ulong low)
    {
        high = High[q - MinExponent];
        low = Low[q - MinExponent];
        return BinaryExponents[q - MinExponent];
    }
}
