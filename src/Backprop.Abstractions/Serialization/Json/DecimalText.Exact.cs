using System;
using System.Numerics;

namespace Backprop.Serialization.Json;

internal static partial class DecimalText
{
    /// <summary>
    /// The significant digits the exact path reads; a longer number is cut there and a 1 appended in place of the
    /// rest. That rounds the same: a midpoint between two adjacent doubles is an odd multiple of 2^−1075 or
    /// coarser, an odd integer times a power of five below 2⁵⁴ · 5¹⁰⁷⁵, so it has at most 768 significant digits
    /// and cannot fall between the cut number and the full one, which share their first 800 digits.
    /// </summary>
    private const int MaxExactDigits = 800;

    /// <summary>10¹⁸: <see cref="ReadSignificand"/> reads 18 digits at a time into a <see cref="ulong"/>.</summary>
    private const ulong ChunkScale = 1_000_000_000_000_000_000;

    /// <summary>
    /// Rounds exactly: significand · 10^exponent as a fraction of two integers, scaled by a power of two so that
    /// the integer quotient is the significand in the target's precision, and rounded half to even by comparing
    /// twice the remainder with the divisor.
    /// </summary>
    private static long RoundExactly(string text, Digits digits, BinaryFormat format)
    {
        int kept = Math.Min(digits.Count, MaxExactDigits);
        BigInteger numerator = ReadSignificand(text, digits.FirstIndex, kept);
        long exponent = digits.Exponent + (digits.Count - kept);
        if (kept < digits.Count)
        {
            // The last significant digit is nonzero and beyond the cut: "…1" is strictly between the same
            // 800-digit neighbours as the full number.
            numerator = (numerator * 10) + 1;
            exponent--;
        }

        // The caller set aside numbers beyond the format's range, so |exponent| is at most about 1,130.
        BigInteger denominator = BigInteger.One;
        if (exponent >= 0)
        {
            numerator *= BigInteger.Pow(10, (int)exponent);
        }
        else
        {
            denominator = BigInteger.Pow(10, (int)-exponent);
        }

        // The exponent of the leading bit: the value is in [2^leading, 2^(leading + 1)).
        int leading = BitLength(numerator) - BitLength(denominator);
        if (leading >= 0 ? numerator < denominator << leading : numerator << -leading < denominator)
        {
            leading--;
        }

        if (leading > format.MaxExponent)
        {
            return format.InfinityBits;
        }

        int ulpExponent = format.UlpExponent(leading);
        if (ulpExponent >= 0)
        {
            denominator <<= ulpExponent;
        }
        else
        {
            numerator <<= -ulpExponent;
        }

        BigInteger significand = BigInteger.DivRem(numerator, denominator, out BigInteger remainder);
        int half = (remainder << 1).CompareTo(denominator);
        if (half > 0 || (half == 0 && !significand.IsEven))
        {
            significand += BigInteger.One;
        }

        return format.Encode(ulpExponent, (long)significand);
    }

    /// <summary>The <paramref name="count"/> digits from <paramref name="start"/> on, the point skipped, as an integer.</summary>
    private static BigInteger ReadSignificand(string text, int start, int count)
    {
        BigInteger value = BigInteger.Zero;
        ulong chunk = 0;
        ulong scale = 1;
        for (int i = start; count > 0; i++)
        {
            if (text[i] == '.')
            {
                continue;
            }

            chunk = (chunk * 10) + (ulong)(text[i] - '0');
            scale *= 10;
            count--;
            if (scale == ChunkScale || count == 0)
            {
                value = (value * scale) + chunk;
                chunk = 0;
                scale = 1;
            }
        }

        return value;
    }

    /// <summary>The number of bits of a positive integer (netstandard2.0 has no BigInteger.GetBitLength).</summary>
    internal static int BitLength(BigInteger value)
    {
        byte[] bytes = value.ToByteArray();
        int top = bytes.Length - 1;
        while (top > 0 && bytes[top] == 0)
        {
            top--;
        }

        int bits = top * 8;
        for (int b = bytes[top]; b != 0; b >>= 1)
        {
            bits++;
        }

        return bits;
    }
}
