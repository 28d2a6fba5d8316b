using System.Diagnostics;

namespace Backprop.Serialization.Json;

internal static partial class DecimalText
{
    /// <summary>The most digits a <see cref="ulong"/> holds whatever they are (10¹⁹ − 1 &lt; 2⁶⁴).</summary>
    private const int MaxPrefixDigits = 19;

    /// <summary>
    /// Rounds with 64 × 128-bit integer products when that is provably right: the value lies between a lower and
    /// an upper bound (its first 19 digits, or one more in the last of them; the power of five truncated, or one
    /// more in its last bit), and when both bounds round to the same bits, so does every number between them.
    /// </summary>
    /// <returns>Whether it could; false sends the number to the exact path.</returns>
    private static bool TryRoundFast(Digits digits, BinaryFormat format, out long bits)
    {
        // The prefix's digits times 10^q: q is within PowersOfFive's range once the caller has set aside the
        // numbers beyond the format's range (10^(Count + Exponent) is between 10^−323 and 10^309).
        int q = (int)(digits.Count + digits.Exponent - digits.PrefixCount);
        Debug.Assert(q >= PowersOfFive.MinExponent && q <= PowersOfFive.MaxExponent, "within the table");

        bool digitsExact = digits.Count <= MaxPrefixDigits;
        bool powerExact = q >= 0 && q <= PowersOfFive.LargestExact;
        bits = RoundProduct(digits.Prefix, q, addOneToPower: false, format);
        if (digitsExact && powerExact)
        {
            return true;
        }

        long upper = RoundProduct(digitsExact ? digits.Prefix : digits.Prefix + 1, q, addOneToPower: !powerExact, format);
        return upper == bits;
    }

    /// <summary>
    /// Rounds <paramref name="prefix"/> · 5^q · 2^q with 5^q taken as T · 2^k (or (T + 1) · 2^k), exactly: the
    /// 192-bit product of the normalized prefix and T is rounded as if it were the whole value.
    /// </summary>
    private static long RoundProduct(ulong prefix, int q, bool addOneToPower, BinaryFormat format)
    {
        int shift = LeadingZeros(prefix);
        ulong w = prefix << shift;
        int k = PowersOfFive.Get(q, out ulong powerHigh, out ulong powerLow);

        // (high, middle, low) = w · (powerHigh, powerLow), + w for T + 1 (w · (T + 1) < 2^192: no overflow).
        ulong carryLow = MultiplyHigh(w, powerLow, out ulong low);
        ulong high = MultiplyHigh(w, powerHigh, out ulong middle);
        middle += carryLow;
        high += middle < carryLow ? 1UL : 0UL;
        if (addOneToPower)
        {
            low += w;
            if (low < w)
            {
                middle++;
                high += middle == 0 ? 1UL : 0UL;
            }
        }

        // w ≥ 2^63 and T ≥ 2^127, so the leading bit is bit 191 or 190 of the product.
        Debug.Assert(high >= 1UL << 62, "a normalized product");
        int top = high >= 1UL << 63 ? 191 : 190;
        int binaryExponent = k + q - shift;
        int exponent = top + binaryExponent;
        if (exponent > format.MaxExponent)
        {
            return format.InfinityBits;
        }

        int ulpExponent = format.UlpExponent(exponent);

        // The unit in the last place is bit `cut` of the product; it is at least 190 − 52 = 138, so the
        // significand and the round bit are in `high`, and everything below the round bit is sticky.
        int cut = ulpExponent - binaryExponent;
        Debug.Assert(cut >= top - 52, "the significand is at most 53 bits");
        if (cut > 192)
        {
            // Below half the smallest subnormal.
            return 0;
        }

        ulong significand;
        bool roundBit;
        bool sticky;
        if (cut == 192)
        {
            significand = 0;
            roundBit = high >> 63 != 0;
            sticky = (high << 1) != 0 || middle != 0 || low != 0;
        }
        else
        {
            int s = cut - 128;
            significand = high >> s;
            roundBit = ((high >> (s - 1)) & 1) != 0;
            sticky = (high << (65 - s)) != 0 || middle != 0 || low != 0;
        }

        if (roundBit && (sticky || (significand & 1) != 0))
        {
            significand++;
        }

        return format.Encode(ulpExponent, (long)significand);
    }

    /// <summary>The upper 64 bits of the 128-bit product <paramref name="a"/> · <paramref name="b"/>; the lower in <paramref name="low"/>.</summary>
    /// <remarks>Portable (netstandard2.0 has no Math.BigMul for 64-bit operands): four 32 × 32-bit products.</remarks>
    internal static ulong MultiplyHigh(ulong a, ulong b, out ulong low)
    {
        ulong aLow = (uint)a, aHigh = a >> 32, bLow = (uint)b, bHigh = b >> 32;
        ulong lowLow = aLow * bLow;
        ulong lowHigh = aLow * bHigh;
        ulong highLow = aHigh * bLow;
        ulong middle = (lowLow >> 32) + (uint)lowHigh + (uint)highLow;
        low = (middle << 32) | (uint)lowLow;
        return (aHigh * bHigh) + (lowHigh >> 32) + (highLow >> 32) + (middle >> 32);
    }

    private static int LeadingZeros(ulong value)
    {
        Debug.Assert(value != 0, "a nonzero prefix");
        int zeros = 0;
        for (int step = 32; step > 0; step >>= 1)
        {
            if (value >> (64 - step) == 0)
            {
                value <<= step;
                zeros += step;
            }
        }

        return zeros;
    }
}
