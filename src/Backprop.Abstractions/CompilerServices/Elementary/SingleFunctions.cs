using System;
using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace Backprop.CompilerServices;

/// <summary>
/// exp, ln, σ, tanh and softplus in single precision from +, −, ×, ÷, conversions between float and double,
/// comparisons, bit operations and a table of constants only, so that every machine, runtime and target framework
/// computes the same bits (docs/math.md, "The elementary functions"). The vector versions (<see cref="SingleVectorT"/>, SingleVector128, 256 and 512) do the same operations in
/// the same order, with a select where this code tests, and so give these bits element by element. No
/// multiply-add is fused. Constants come from tools/elementary-functions/coefficients.py.
/// </summary>
internal static class SingleFunctions
{
    // exp: computed in double and rounded once to float, as a C library's expf is. x clamped to [ExpLowest,
    // ExpHighest] (outside, e^x rounds to 0 or ∞ all the same), z = x·32/ln 2 (exact enough: |z| < 4802, so its
    // rounding moves the result by under 2⁻⁴⁵ relative), k = round(z) by adding 1.5·2⁵², whose bits then end
    // in k, and subtracting it again, r = z − k exactly (|r| ≤ ½), and e^x = 2^(k/32)·2^(r/32): 2^(k/32) from
    // a table and exponent bits (ExpScaleBits), 2^(r/32) = e^u with u = r·ln 2/32 by its Taylor polynomial to
    // u³ (truncation below 6e-10 relative, |u| ≤ 0.0109). Every 2^(k/32) the clamped x gives is a normal
    // double, so only the final rounding to float meets the subnormals or overflows.
    internal const float ExpLowest = -104f; // e^−104 < 2⁻¹⁵⁰: rounds to 0
    internal const float ExpHighest = 89f; // e^89 > float.MaxValue: rounds to ∞
    internal const float ExpNegatedHighest = -ExpLowest; // e^−t for t above it rounds to 0
    internal const double ExpScale = 46.16624130844683; // 32/ln 2
    internal const double RoundingShift = 6755399441055744.0; // 1.5·2⁵²: adding it rounds to an integer
    internal const double ExpC1 = 0.02166084939249829; // ln 2/32
    internal const double ExpC2 = 0.0002345961982022468; // (ln 2/32)²/2
    internal const double ExpC3 = 1.693850972437182e-06; // (ln 2/32)³/6
    internal const int ExpTableMask = 31;
    internal const int ExpExponentShift = 52 - 5; // k·2⁴⁷ = ⌊k/32⌋·2⁵² + j·2⁴⁷: the exponent field starts at bit 52

    /// <summary>
    /// The bits of 2^(j/32), j = 0 … 31, each the nearest double, less j·2⁴⁷ (tools/elementary-functions/coefficients.py):
    /// see <see cref="ExpScaleBits"/>.
    /// </summary>
    internal static readonly long[] ExpTable =
    {
        0x3FF0000000000000, 0x3FEFD9B0D3158574, 0x3FEFB5586CF9890F, 0x3FEF9301D0125B51,
        0x3FEF72B83C7D517B, 0x3FEF54873168B9AA, 0x3FEF387A6E756238, 0x3FEF1E9DF51FDEE1,
        0x3FEF06FE0A31B715, 0x3FEEF1A7373AA9CB, 0x3FEEDEA64C123422, 0x3FEECE086061892D,
        0x3FEEBFDAD5362A27, 0x3FEEB42B569D4F82, 0x3FEEAB07DD485429, 0x3FEEA47EB03A5585,
        0x3FEEA09E667F3BCD, 0x3FEE9F75E8EC5F74, 0x3FEEA11473EB0187, 0x3FEEA589994CCE13,
        0x3FEEACE5422AA0DB, 0x3FEEB737B0CDC5E5, 0x3FEEC49182A3F090, 0x3FEED503B23E255D,
        0x3FEEE89F995AD3AD, 0x3FEEFF76F2FB5E47, 0x3FEF199BDD85529C, 0x3FEF3720DCEF9069,
        0x3FEF5818DCFBA487, 0x3FEF7C97337B9B5F, 0x3FEFA4AFA2A490DA, 0x3FEFD0765B6E4540,
    };

    // ln 2 in two parts for ln's k·ln 2 (Ln2High has 9 bits, so k·Ln2High is exact).
    internal const float Ln2High = 0.693359375f;
    internal const float Ln2Low = -2.12194442e-4f;
    internal const int ExponentUnit = 1 << 23; // multiplying by it shifts an exponent into place

    // tanh: below TanhSwitch its odd Taylor series to t¹⁵ (truncation below 5e-9 relative), above it
    // (1 − e)/(1 + e) with e = e^(−2t), which no longer cancels there.
    internal const float TanhSwitch = 0.4f;
    internal const float TanhC15 = -929569f / 638512875f;
    internal const float TanhC13 = 21844f / 6081075f;
    internal const float TanhC11 = -1382f / 155925f;
    internal const float TanhC9 = 62f / 2835f;
    internal const float TanhC7 = -17f / 315f;
    internal const float TanhC5 = 2f / 15f;
    internal const float TanhC3 = -1f / 3f;

    // ln: x = 2ᵏ·m with m in [√½, √2), f = m − 1, s = f/(2 + f), ln(1 + f) = 2 atanh s = f − s·(f − R),
    // R = 2s²/3 + 2s⁴/5 + … to s⁸ (truncation below 3e-9 relative, |s| ≤ 0.172).
    private const int SqrtHalfBits = 0x3F3504F3; // √½
    private const int ExponentMask = unchecked((int)0xFF800000); // the exponent and sign bits of x − √½'s bits
    private const float SmallestNormal = 1.17549435e-38f;
    private const float SubnormalScale = 8388608f; // 2²³
    private const float LogC9 = 2f / 9f;
    private const float LogC7 = 2f / 7f;
    private const float LogC5 = 2f / 5f;
    private const float LogC3 = 2f / 3f;

    /// <summary>e<sup>x</sup>; NaN stays NaN, −∞ gives 0, +∞ and x above about 88.72 give +∞.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x)
    {
        if (float.IsNaN(x))
        {
            return x;
        }

        float c = x < ExpLowest ? ExpLowest : x;
        c = c > ExpHighest ? ExpHighest : c;
        return ExpInDouble(c, ExpScale);
    }

    /// <summary>
    /// e<sup>−t</sup> for t ≥ 0, not NaN: σ, tanh and softplus, which take the magnitude of their argument and
    /// return NaN first, call it. It clamps t once, and its −32/ln 2 takes the negation (so −t·32/ln 2 = t·(−32/ln 2)
    /// to the bit): <see cref="Exp"/>'s bits at −t with two operations fewer on the way to the result.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float ExpOfNegated(float t) => ExpInDouble(t > ExpNegatedHighest ? ExpNegatedHighest : t, -ExpScale);

    /// <summary>e^(c·factor·ln 2/32) for a clamped c and factor ±32/ln 2: everything of exp after the clamp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ExpInDouble(float c, double factor)
    {
        double z = (double)c * factor;
        double shifted = z + RoundingShift;
        double r = z - (shifted - RoundingShift);
        double p = (1.0 + (ExpC1 * r)) + ((r * r) * (ExpC2 + (ExpC3 * r)));
        return (float)(Bits.ToDouble(ExpScaleBits(Bits.Of(shifted))) * p);
    }

    /// <summary>
    /// The bits of 2^(k/32) from those of z + 1.5·2⁵², which are 1.5·2⁵²'s bits plus k: the table's entry for
    /// j = k mod 32 (their last five bits) plus the sum's bits shifted left by 47, which are k·2⁴⁷ modulo 2⁶⁴
    /// (1.5·2⁵²'s bits end at bit 51 and leave in the shift). The entry, 2^(j/32)'s bits less j·2⁴⁷, takes the
    /// j·2⁴⁷ back, leaving ⌊k/32⌋·2⁵² added to its exponent.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long ExpScaleBits(long shiftedBits) => ExpTableEntry(shiftedBits) + (shiftedBits << ExpExponentShift);

    /// <summary>The table's entry for the last five bits of <paramref name="shiftedBits"/>, j = k mod 32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long ExpTableEntry(long shiftedBits) => ExpTable[(int)shiftedBits & ExpTableMask];

    /// <summary>ln x; NaN stays NaN, ln 0 = −∞, ln of a negative number is NaN, ln +∞ = +∞.</summary>
    public static float Log(float x)
    {
        if (!(x > 0f) || float.IsPositiveInfinity(x))
        {
            return float.IsNaN(x) || float.IsPositiveInfinity(x) ? x : x == 0f ? float.NegativeInfinity : float.NaN;
        }

        // A subnormal x is scaled into the normal range first, so that its exponent bits say what it is.
        bool subnormal = x < SmallestNormal;
        float y = subnormal ? x * SubnormalScale : x;
        int offset = Bits.Of(y) - SqrtHalfBits;
        int exponentBits = offset & ExponentMask;
        float k = ((float)exponentBits * (1f / ExponentUnit)) - (subnormal ? 23f : 0f);
        float f = Bits.ToSingle(offset - exponentBits + SqrtHalfBits) - 1f;
        float s = f / (2f + f);
        float z = s * s;
        float q = LogC9;
        q = (q * z) + LogC7;
        q = (q * z) + LogC5;
        q = (q * z) + LogC3;
        float log1PF = f - (s * (f - (z * q)));
        return (k * Ln2High) + ((k * Ln2Low) + log1PF);
    }

    /// <summary>1 / (1 + e<sup>−z</sup>), as e<sup>z</sup>/(1 + e<sup>z</sup>) below 0; exactly 0 and 1 where it saturates.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float z)
    {
        if (float.IsNaN(z))
        {
            return z;
        }

        float e = ExpOfNegated(Math.Abs(z));
        return OneOrBelowZero(z, e) / (1f + e);
    }

    /// <summary>
    /// 1 where z ≥ 0, <paramref name="below"/> where z &lt; 0, without a branch: the sign of a weighted sum is
    /// as good as random, and a mispredicted branch costs more than the exp. −0 gives 1 here and e^−0 = 1 in the
    /// vector versions' select, the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float OneOrBelowZero(float z, float below)
    {
#if NET8_0_OR_GREATER
        Vector128<float> negative = Vector128.LessThan(Vector128.CreateScalarUnsafe(z), Vector128<float>.Zero);
        return Vector128.ConditionalSelect(negative, Vector128.CreateScalarUnsafe(below), Vector128.CreateScalarUnsafe(1f)).ToScalar();
#else
        int negative = z < 0f ? -1 : 0;
        return Bits.ToSingle((Bits.Of(below) & negative) | (Bits.Of(1f) & ~negative));
#endif
    }

    /// <summary>tanh z; ±1 where it saturates, −0 stays −0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float z)
    {
        if (float.IsNaN(z))
        {
            return z;
        }

        float t = Math.Abs(z);
        float magnitude;
        if (t < TanhSwitch)
        {
            float t2 = t * t;
            float p = TanhC15;
            p = (p * t2) + TanhC13;
            p = (p * t2) + TanhC11;
            p = (p * t2) + TanhC9;
            p = (p * t2) + TanhC7;
            p = (p * t2) + TanhC5;
            p = (p * t2) + TanhC3;
            magnitude = t + (t * (t2 * p));
        }
        else
        {
            float e = ExpOfNegated(2f * t);
            magnitude = (1f - e) / (1f + e);
        }

        return Bits.WithSignOf(magnitude, z);
    }

    /// <summary>ln(1 + e<sup>x</sup>) = max(x, 0) + ln(1 + e<sup>−|x|</sup>); x itself for large x, 0 at −∞.</summary>
    public static float Softplus(float x) => (x > 0f ? x : 0f) + Log1PExpOfMinusAbs(x);

    /// <summary>ln(1 + e<sup>−|x|</sup>), accurate where e<sup>−|x|</sup> is tiny.</summary>
    public static float Log1PExpOfMinusAbs(float x)
    {
        // A NaN is returned as it came, as by the other functions, rather than with whichever NaN's bits the
        // additions below would pick (which may depend on the order the JIT puts their operands in).
        if (float.IsNaN(x))
        {
            return x;
        }

        float e = ExpOfNegated(Math.Abs(x));
        float u = 1f + e;

        // ln(u) + (e − (u − 1))/u: the second term puts back what rounding 1 + e lost (u − 1 and the
        // difference are exact), and is all there is once u rounds to 1.
        return Log(u) + ((e - (u - 1f)) / u);
    }
}
