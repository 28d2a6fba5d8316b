using System;
using System.Runtime.CompilerServices;

namespace Backprop.CompilerServices;

/// <summary>
/// exp, ln, σ, tanh and softplus in double precision: the algorithms of <see cref="SingleFunctions"/> with
/// longer polynomials and double constants (tools/elementary-functions/coefficients.py), from +, −, ×, ÷,
/// comparisons and bit operations only; no multiply-add is fused.
/// </summary>
internal static class DoubleFunctions
{
    // exp: e^r by its Taylor polynomial to r¹³, as 1 + (r + r²·q(r)) (truncation below 7e-18 relative for |r| ≤ ln2/2); Ln2High has
    // 32 significant bits, so n·Ln2High is exact for every n the clamped x gives.
    internal const double ExpLowest = -1418.0; // −2046·ln 2: both halves of 2ⁿ are 0, as in single precision
    internal const double ExpHighest = 710.0;
    internal const double Log2E = 1.4426950408889634;
    internal const double Ln2High = 0.6931471806019545;
    internal const double Ln2Low = -4.2009150726810846e-11;
    internal const double RoundingShift = 6755399441055744.0; // 1.5·2⁵²: adding it rounds to an integer
    internal const long ExponentBias = 1023;
    internal const long ExponentUnit = 1L << 52;

    // tanh: below TanhSwitch its odd Taylor series to t²⁹ (truncation below 2e-17 relative), above it
    // (1 − e)/(1 + e) with e = e^(−2t).
    internal const double TanhSwitch = 0.4;

    // ln: as in single precision, R to s²⁰ (truncation below 1e-18 relative).
    private const long SqrtHalfBits = 0x3FE6A09E667F3BCD; // √½
    private const long ExponentMask = unchecked((long)0xFFF0000000000000);
    private const double SmallestNormal = 2.2250738585072014e-308;
    private const double SubnormalScale = 4503599627370496.0; // 2⁵²

    // The coefficients of q(r) = (e^r − 1 − r)/r² to r¹¹: 1/13!, 1/12!, …, 1/2.
    private static readonly double[] ExpCoefficients =
    {
        1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0, 1.0 / 40320.0,
        1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5,
    };

    // The coefficients of t²⁹, t²⁷, …, t³, each the nearest double to the exact fraction.
    private static readonly double[] TanhCoefficients =
    {
        2.6147711512907546e-06, -6.451689215655431e-06, 1.5918905069328964e-05, -3.927832388331683e-05,
        9.691537956929451e-05, -0.00023912911424355248, 0.000590027440945586, -0.0014558343870513183,
        0.003592128036572481, -0.008863235529902197, 0.021869488536155203, -0.05396825396825397,
        0.13333333333333333, -0.3333333333333333,
    };

    private static readonly double[] LogCoefficients =
    {
        2.0 / 21.0, 2.0 / 19.0, 2.0 / 17.0, 2.0 / 15.0, 2.0 / 13.0, 2.0 / 11.0, 2.0 / 9.0, 2.0 / 7.0, 2.0 / 5.0, 2.0 / 3.0,
    };

    /// <summary>e<sup>x</sup>; NaN stays NaN, −∞ gives 0, +∞ and x above about 709.78 give +∞.</summary>
    public static double Exp(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        double c = x < ExpLowest ? ExpLowest : x;
        c = c > ExpHighest ? ExpHighest : c;
        double shifted = (c * Log2E) + RoundingShift;
        double n = shifted - RoundingShift;
        double r = (c - (n * Ln2High)) - (n * Ln2Low);
        double p = 1.0 + (r + ((r * r) * Horner(ExpCoefficients, r)));
        double half = ((n * 0.5) + RoundingShift) - RoundingShift;
        double rest = n - half;
        double halfScale = Bits.ToDouble(((long)half + ExponentBias) * ExponentUnit);
        double restScale = Bits.ToDouble(((long)rest + ExponentBias) * ExponentUnit);
        return p * halfScale * restScale;
    }

    /// <summary>ln x; NaN stays NaN, ln 0 = −∞, ln of a negative number is NaN, ln +∞ = +∞.</summary>
    public static double Log(double x)
    {
        if (!(x > 0.0) || double.IsPositiveInfinity(x))
        {
            return double.IsNaN(x) || double.IsPositiveInfinity(x) ? x : x == 0.0 ? double.NegativeInfinity : double.NaN;
        }

        bool subnormal = x < SmallestNormal;
        double y = subnormal ? x * SubnormalScale : x;
        long offset = Bits.Of(y) - SqrtHalfBits;
        long exponentBits = offset & ExponentMask;
        double k = ((double)exponentBits * (1.0 / ExponentUnit)) - (subnormal ? 52.0 : 0.0);
        double f = Bits.ToDouble(offset - exponentBits + SqrtHalfBits) - 1.0;
        double s = f / (2.0 + f);
        double z = s * s;
        double log1PF = f - (s * (f - (z * Horner(LogCoefficients, z))));
        return (k * Ln2High) + ((k * Ln2Low) + log1PF);
    }

    /// <summary>1 / (1 + e<sup>−z</sup>), as e<sup>z</sup>/(1 + e<sup>z</sup>) below 0; exactly 0 and 1 where it saturates.</summary>
    public static double Sigmoid(double z)
    {
        if (double.IsNaN(z))
        {
            return z;
        }

        double e = Exp(-Math.Abs(z));
        return (z >= 0.0 ? 1.0 : e) / (1.0 + e);
    }

    /// <summary>tanh z; ±1 where it saturates, −0 stays −0.</summary>
    public static double Tanh(double z)
    {
        if (double.IsNaN(z))
        {
            return z;
        }

        double t = Math.Abs(z);
        double magnitude;
        if (t < TanhSwitch)
        {
            double t2 = t * t;
            magnitude = t + (t * (t2 * Horner(TanhCoefficients, t2)));
        }
        else
        {
            double e = Exp(-2.0 * t);
            magnitude = (1.0 - e) / (1.0 + e);
        }

        return Bits.WithSignOf(magnitude, z);
    }

    /// <summary>ln(1 + e<sup>x</sup>) = max(x, 0) + ln(1 + e<sup>−|x|</sup>); x itself for large x, 0 at −∞.</summary>
    public static double Softplus(double x) => (x > 0.0 ? x : 0.0) + Log1PExpOfMinusAbs(x);

    /// <summary>ln(1 + e<sup>−|x|</sup>), accurate where e<sup>−|x|</sup> is tiny.</summary>
    public static double Log1PExpOfMinusAbs(double x)
    {
        // A NaN is returned as it came, as by the other functions, rather than with whichever NaN's bits the
        // additions below would pick (which may depend on the order the JIT puts their operands in).
        if (double.IsNaN(x))
        {
            return x;
        }

        double e = Exp(-Math.Abs(x));
        double u = 1.0 + e;

        // As in single precision: the exact rounding error of 1 + e, divided by u, corrects ln u.
        return Log(u) + ((e - (u - 1.0)) / u);
    }

    // c₀·xⁿ⁻¹ + … by Horner's rule, one multiply then one add per coefficient, highest power first.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Horner(double[] coefficients, double x)
    {
        double p = coefficients[0];
        for (int i = 1; i < coefficients.Length; i++)
        {
            p = (p * x) + coefficients[i];
        }

        return p;
    }
}
