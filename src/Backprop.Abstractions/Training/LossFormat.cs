using System;
using System.Globalization;
using Backprop.CompilerServices;

namespace Backprop.Training;

/// <summary>
/// Writes a loss so that it reads well at any magnitude: four significant digits, in exponent notation when
/// it is below 10⁻⁴ or at least 10⁶, always with the invariant culture.
/// </summary>
/// <example>
/// <code>
/// LossFormat.Format(0.071234)  // "0.07123"
/// LossFormat.Format(1.5)       // "1.500"
/// LossFormat.Format(12345.6)   // "12346"
/// LossFormat.Format(1.45e26)   // "1.450E+26"
/// LossFormat.Format(3.2e-7)    // "3.200E-7"
/// </code>
/// </example>
public static class LossFormat
{
    // The powers of ten between which a loss is written without an exponent: 10⁻⁴ ≤ |loss| < 10⁶.
    private const int SmallestFixedExponent = -4;
    private const int LargestFixedExponent = 5;

    /// <summary>Writes <paramref name="loss"/> with four significant digits.</summary>
    /// <param name="loss">Any value.</param>
    /// <returns>
    /// <c>"0"</c> for zero (of either sign); fixed notation with four significant digits (all the integer
    /// digits from 10⁴ up) for 10⁻⁴ ≤ |loss| &lt; 10⁶; otherwise a four-digit mantissa and an exponent, like
    /// <c>"1.450E+26"</c> or <c>"4.941E-324"</c>; <c>"NaN"</c>, <c>"Infinity"</c> or <c>"-Infinity"</c>.
    /// </returns>
    public static string Format(double loss)
    {
        if (loss == 0)
        {
            return "0";
        }

        if (!NetworkGuard.IsFinite(loss))
        {
            return loss.ToString(CultureInfo.InvariantCulture);
        }

        // Rounding to four digits first gives the exponent of the rounded value: 0.099996 is "1.000E-001".
        string scientific = loss.ToString("E3", CultureInfo.InvariantCulture);
        int e = scientific.IndexOf('E');
        int exponent = int.Parse(scientific.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (exponent >= SmallestFixedExponent && exponent <= LargestFixedExponent)
        {
            int decimals = Math.Max(0, 3 - exponent);
            return loss.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        return scientific.Substring(0, e) + (exponent < 0 ? "E-" : "E+") + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
    }
}
