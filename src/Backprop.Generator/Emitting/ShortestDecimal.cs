using System;
using System.Globalization;
using System.Numerics;
using Backprop.Serialization.Json;

namespace Backprop.Generator.Emitting;

/// <summary>
/// The shortest decimal text that reads back as exactly a given <see cref="float"/> or <see cref="double"/>,
/// worked out with integers only: the generated literals are the same text, and so the same bits, whatever
/// runtime hosts the compiler.
/// </summary>
/// <remarks>
/// The runtime's "R" cannot be trusted for that: on .NET Framework (older IDEs, Unity's editor) it does not always
/// round-trip, and on .NET 10.0.12 it writes 2⁻²⁵ as a text that reads back as the double below it
/// (dotnet/runtime#131131). Here each length k from one digit up takes the k-digit decimal nearest the exact
/// value, and the first that <see cref="DecimalText"/> (correctly rounded, as the C# compiler is) reads back as
/// the same bits is the answer; 9 digits always do for a float and 17 for a double.
/// </remarks>
internal static class ShortestDecimal
{
    private const int MaxSingleDigits = 9;
    private const int MaxDoubleDigits = 17;

    /// <summary>⌊log₁₀ 2 · 2¹⁸⌋: (e · 78913) ≫ 18 is ⌊e · log₁₀ 2⌋ for every binary exponent of a double.</summary>
    private const int Log10Of2Times2To18 = 78913;

    /// <summary>The text of a finite float: <c>0.1</c>, <c>-0</c>, <c>1E-7</c>, <c>3.4028235E38</c>.</summary>
    public static string Of(float value) =>
        Of(value, MaxSingleDigits, text => BitConverter.DoubleToInt64Bits(DecimalText.ToSingle(text)) == BitConverter.DoubleToInt64Bits(value));

    /// <summary>The text of a finite double: <c>0.1</c>, <c>-0</c>, <c>1E-7</c>, <c>4.9E-324</c>.</summary>
    public static string Of(double value) =>
        Of(value, MaxDoubleDigits, text => BitConverter.DoubleToInt64Bits(DecimalText.ToDouble(text)) == BitConverter.DoubleToInt64Bits(value));

    private static string Of(double value, int maxDigits, Func<string, bool> readsBack)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A literal needs a finite value.");
        }

        // The exact value: significand · 2^exponent, as numerator / denominator.
        long bits = BitConverter.DoubleToInt64Bits(value);
        string sign = bits < 0 ? "-" : "";
        int field = (int)((bits >> 52) & 0x7FF);
        long significand = bits & 0xFFFFFFFFFFFFFL;
        int exponent = field == 0 ? -1074 : field - 1075;
        if (field != 0)
        {
            significand |= 1L << 52;
        }

        if (significand == 0)
        {
            return sign + "0";
        }

        BigInteger numerator = new BigInteger(significand) << Math.Max(exponent, 0);
        BigInteger denominator = BigInteger.One << Math.Max(-exponent, 0);

        // The decimal exponent of the leading digit: from the leading bit's exponent, then one higher if need be.
        int leadingBit = exponent + BitLength(significand) - 1;
        int decimalExponent = (leadingBit * Log10Of2Times2To18) >> 18;
        if (Compare(numerator, denominator, decimalExponent + 1) >= 0)
        {
            decimalExponent++;
        }

        for (int digits = 1; ; digits++)
        {
            string text = sign + Nearest(numerator, denominator, decimalExponent, digits);
            if (digits == maxDigits || readsBack(text))
            {
                return text;
            }
        }
    }

    /// <summary>The decimal of <paramref name="digits"/> significant digits nearest numerator / denominator (ties to even), as text.</summary>
    private static string Nearest(BigInteger numerator, BigInteger denominator, int decimalExponent, int digits)
    {
        int scale = digits - 1 - decimalExponent;
        BigInteger scaledNumerator = numerator * BigInteger.Pow(10, Math.Max(scale, 0));
        BigInteger scaledDenominator = denominator * BigInteger.Pow(10, Math.Max(-scale, 0));
        BigInteger quotient = BigInteger.DivRem(scaledNumerator, scaledDenominator, out BigInteger remainder);
        int half = (remainder * 2).CompareTo(scaledDenominator);
        if (half > 0 || (half == 0 && !quotient.IsEven))
        {
            quotient += 1;
        }

        // Rounding up 9…9 gives 10…0: one digit more, one decade higher.
        string text = quotient.ToString(CultureInfo.InvariantCulture);
        if (text.Length > digits)
        {
            text = text.Substring(0, digits);
            decimalExponent++;
        }

        return Format(text.TrimEnd('0'), decimalExponent);
    }

    /// <summary>Significant digits and the exponent of the first as text: positional from 10⁻⁵ to below 10¹⁵, else with an exponent.</summary>
    private static string Format(string significant, int decimalExponent)
    {
        if (decimalExponent < -5 || decimalExponent >= 15)
        {
            string mantissa = significant.Length == 1 ? significant : significant.Substring(0, 1) + "." + significant.Substring(1);
            return mantissa + "E" + decimalExponent.ToString(CultureInfo.InvariantCulture);
        }

        if (decimalExponent < 0)
        {
            return "0." + new string('0', -decimalExponent - 1) + significant;
        }

        int integerDigits = decimalExponent + 1;
        return significant.Length <= integerDigits
            ? significant + new string('0', integerDigits - significant.Length)
            : significant.Substring(0, integerDigits) + "." + significant.Substring(integerDigits);
    }

    /// <summary>numerator / denominator compared with 10^<paramref name="power"/>, exactly.</summary>
    private static int Compare(BigInteger numerator, BigInteger denominator, int power) =>
        power >= 0
            ? numerator.CompareTo(denominator * BigInteger.Pow(10, power))
            : (numerator * BigInteger.Pow(10, -power)).CompareTo(denominator);

    private static int BitLength(long value)
    {
        int length = 0;
        for (; value != 0; value >>= 1)
        {
            length++;
        }

        return length;
    }
}
