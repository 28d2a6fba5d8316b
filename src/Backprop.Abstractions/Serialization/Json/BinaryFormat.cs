using System.Diagnostics;

namespace Backprop.Serialization.Json;

/// <summary>
/// An IEEE 754 binary format (<see cref="float"/> or <see cref="double"/>) as <see cref="DecimalText"/> rounds
/// to it: the significand's width, the exponent range, and how a rounded significand becomes the format's bits.
/// </summary>
internal sealed class BinaryFormat
{
    /// <summary>binary64: 53-bit significands, exponents −1022 … 1023.</summary>
    public static readonly BinaryFormat Double = new(significandBits: 53, exponentBias: 1023, overflowDecimalExponent: 309, underflowDecimalExponent: -324);

    /// <summary>binary32: 24-bit significands, exponents −126 … 127.</summary>
    public static readonly BinaryFormat Single = new(significandBits: 24, exponentBias: 127, overflowDecimalExponent: 39, underflowDecimalExponent: -46);

    private BinaryFormat(int significandBits, int exponentBias, int overflowDecimalExponent, int underflowDecimalExponent)
    {
        SignificandBits = significandBits;
        MaxExponent = exponentBias;
        MinUlpExponent = 1 - exponentBias - (significandBits - 1);
        InfinityBits = (long)(2 * exponentBias + 1) << (significandBits - 1);
        OverflowDecimalExponent = overflowDecimalExponent;
        UnderflowDecimalExponent = underflowDecimalExponent;
        _exponentBias = exponentBias;
    }

    private readonly int _exponentBias;

    /// <summary>The significand's width in bits, the hidden bit included (53 or 24).</summary>
    public int SignificandBits { get; }

    /// <summary>The exponent of the largest finite values' leading bit (1023 or 127).</summary>
    public int MaxExponent { get; }

    /// <summary>The exponent of the smallest subnormal, the finest spacing there is (−1074 or −149).</summary>
    public int MinUlpExponent { get; }

    /// <summary>The bits of positive infinity; the sign is the bit above them.</summary>
    public long InfinityBits { get; }

    /// <summary>
    /// Every number at least 10 to this power rounds to infinity: 10³⁰⁹ and 10³⁹ are beyond the largest finite
    /// value plus half its spacing, where rounding to nearest starts to give infinity.
    /// </summary>
    public int OverflowDecimalExponent { get; }

    /// <summary>
    /// Every number below 10 to this power rounds to zero: 10⁻³²⁴ and 10⁻⁴⁶ are under half the smallest
    /// subnormal (2⁻¹⁰⁷⁵ ≈ 2.5·10⁻³²⁴, 2⁻¹⁵⁰ ≈ 7.0·10⁻⁴⁶).
    /// </summary>
    public int UnderflowDecimalExponent { get; }

    /// <summary>
    /// The exponent of one unit in the last place of the values whose leading bit has exponent
    /// <paramref name="exponent"/>: fixed below the normal range, where the values are subnormal.
    /// </summary>
    /// <param name="exponent">The exponent of the leading bit, at most <see cref="MaxExponent"/>.</param>
    /// <returns>The exponent of the spacing of the representable values there.</returns>
    public int UlpExponent(int exponent)
    {
        int ulp = exponent - (SignificandBits - 1);
        return ulp < MinUlpExponent ? MinUlpExponent : ulp;
    }

    /// <summary>
    /// The bits of the positive value <paramref name="significand"/> · 2^<paramref name="ulpExponent"/>, or of
    /// infinity when that is beyond the largest finite value.
    /// </summary>
    /// <param name="ulpExponent">What <see cref="UlpExponent"/> returned for the value before it was rounded.</param>
    /// <param name="significand">
    /// The rounded significand: below 2^<see cref="SignificandBits"/>, or equal to it when rounding carried out of
    /// the top bit.
    /// </param>
    /// <returns>The bits, without a sign.</returns>
    public long Encode(int ulpExponent, long significand)
    {
        Debug.Assert(ulpExponent >= MinUlpExponent && significand >= 0 && significand <= 1L << SignificandBits, "a rounded significand");

        // The hidden bit of a normal significand adds one to the exponent field, so the field is written one
        // lower; a subnormal significand (below the hidden bit, where ulpExponent is the minimum and the field is
        // 0) then needs no case of its own, and neither does a carry into the next exponent or into infinity.
        long bits = ((long)(ulpExponent + (SignificandBits - 1) + _exponentBias - 1) << (SignificandBits - 1)) + significand;
        return bits < InfinityBits ? bits : InfinityBits;
    }
}
