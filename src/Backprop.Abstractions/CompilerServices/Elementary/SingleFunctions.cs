using System;
using System.Runtime.CompilerServices;

namespace Backprop.CompilerServices;

/// <summary>
/// exp, ln, σ, tanh and softplus in single precision from +, −, ×, ÷, comparisons and bit operations only, so
/// that every machine, runtime and target framework computes the same bits (docs/math.md, "The elementary
/// functions"). The vector versions (<see cref="SingleVectorT"/>, SingleVector128, 256 and 512) do the same operations in
/// the same order, with a select where this code tests, and so give these bits element by element. No
/// multiply-add is fused. Constants come from tools/elementary-functions/coefficients.py.
/// </summary>
internal static class SingleFunctions
{
    // exp: x clamped to [ExpLowest, ExpHighest] (outside, e^x is 0 or ∞ in float all the same; at ExpLowest both
    // halves of 2ⁿ have exponent bits 0, so the result is 0 without the slow arithmetic of an underflow), n = round(x/ln 2)
    // by adding and subtracting 1.5·2²³, r = x − n·ln 2 in two parts (n·Ln2High is exact), e^r by its Taylor
    // polynomial to r⁷ (truncation below 6e-9 relative for |r| ≤ ln2/2) as 1 + (r + r²·q(r)), so that the
    // rounding errors of the small terms stay small, times 2ⁿ built from exponent bits in
    // two halves, so that 2ⁿ⁄² stays normal and only the last product rounds into the subnormals or overflows.
    internal const float ExpLowest = -176f; // −254·ln 2
    internal const float ExpHighest = 89f;
    internal const float Log2E = 1.44269502f;
    internal const float Ln2High = 0.693359375f;
    internal const float Ln2Low = -2.12194442e-4f;
    internal const float RoundingShift = 12582912f; // 1.5·2²³: adding it rounds to an integer
    internal const float ExpC7 = 1f / 5040f;
    internal const float ExpC6 = 1f / 720f;
    internal const float ExpC5 = 1f / 120f;
    internal const float ExpC4 = 1f / 24f;
    internal const float ExpC3 = 1f / 6f;
    internal const float ExpC2 = 0.5f;
    internal const int ExponentBias = 127;
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
        float shifted = (c * Log2E) + RoundingShift;
        float n = shifted - RoundingShift;
        float r = (c - (n * Ln2High)) - (n * Ln2Low);
        float q = ExpC7;
        q = (q * r) + ExpC6;
        q = (q * r) + ExpC5;
        q = (q * r) + ExpC4;
        q = (q * r) + ExpC3;
        q = (q * r) + ExpC2;
        float p = 1f + (r + ((r * r) * q));
        float half = ((n * 0.5f) + RoundingShift) - RoundingShift;
        float rest = n - half;
        float halfScale = Bits.ToSingle(((int)half + ExponentBias) * ExponentUnit);
        float restScale = Bits.ToSingle(((int)rest + ExponentBias) * ExponentUnit);
        return p * halfScale * restScale;
    }

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

        float e = Exp(-Math.Abs(z));
        return (z >= 0f ? 1f : e) / (1f + e);
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
            float e = Exp(-2f * t);
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

        float e = Exp(-Math.Abs(x));
        float u = 1f + e;

        // ln(u) + (e − (u − 1))/u: the second term puts back what rounding 1 + e lost (u − 1 and the
        // difference are exact), and is all there is once u rounds to 1.
        return Log(u) + ((e - (u - 1f)) / u);
    }
}
