using System;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Backprop.Serialization.Json;

/// <summary>
/// Reads a JSON number's text as the nearest <see cref="double"/> or <see cref="float"/>, rounding the decimal
/// value once, straight to the target, half to even, the same on every runtime.
/// </summary>
/// <remarks>
/// <c>double.Parse</c> and <c>float.Parse</c> round correctly on .NET Core 3.0 and later, but not on .NET
/// Framework or Mono (Unity): there <c>float.Parse("-0")</c> is +0, and <c>float.Parse</c> rounds through
/// <c>double</c>, so <c>1.0000000596046447755</c> becomes 1 instead of the next float up. The C# compiler rounds
/// correctly, so a network baked from a weights file would then differ from the same file loaded at run time.
/// <para>
/// Almost every number takes the fast path (DecimalText.Fast.cs): the first 19 significant digits times a
/// 128-bit power of five, with bounds on the error; when both bounds round alike, so does the number. The rest
/// (in practice exact ties, and texts of more than 19 digits near a tie) take the exact path
/// (DecimalText.Exact.cs), with <see cref="System.Numerics.BigInteger"/>.
/// </para>
/// </remarks>
internal static partial class DecimalText
{
    /// <summary>
    /// Where an exponent's value stops growing: beyond it, any number is infinite or zero, since no string holds
    /// enough digits (about 2³⁰ at most) to make up for it.
    /// </summary>
    private const long ExponentCap = 1_000_000_000_000_000;

    /// <summary>Reads <paramref name="text"/> as the nearest <see cref="double"/>, infinite beyond its range.</summary>
    /// <param name="text">A JSON number: <c>-? (0|[1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?</c>.</param>
    /// <returns>The correctly rounded value; −0 for a negative zero or a negative number too small for a subnormal.</returns>
    /// <exception cref="ArgumentException"><paramref name="text"/> is not a JSON number.</exception>
    public static double ToDouble(string text) =>
        BitConverter.Int64BitsToDouble(Round(text, BinaryFormat.Double, out bool negative) | (negative ? long.MinValue : 0));

    /// <summary>Reads <paramref name="text"/> as the nearest <see cref="float"/>, infinite beyond its range.</summary>
    /// <param name="text">A JSON number: <c>-? (0|[1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?</c>.</param>
    /// <returns>The correctly rounded value; −0 for a negative zero or a negative number too small for a subnormal.</returns>
    /// <exception cref="ArgumentException"><paramref name="text"/> is not a JSON number.</exception>
    public static float ToSingle(string text)
    {
        long bits = Round(text, BinaryFormat.Single, out bool negative);
        return new SingleBits { Bits = (int)bits | (negative ? int.MinValue : 0) }.Value;
    }

    private static long Round(string text, BinaryFormat format, out bool negative)
    {
        Digits digits = Scan(text);
        negative = digits.Negative;
        if (digits.Count == 0)
        {
            return 0;
        }

        // The value is at least 10^(Count − 1 + Exponent) and below 10^(Count + Exponent).
        long magnitude = digits.Count + digits.Exponent;
        if (magnitude - 1 >= format.OverflowDecimalExponent)
        {
            return format.InfinityBits;
        }

        if (magnitude <= format.UnderflowDecimalExponent)
        {
            return 0;
        }

        return TryRoundFast(digits, format, out long bits) ? bits : RoundExactly(text, digits, format);
    }

    /// <summary>
    /// The first pass over the text: the sign, where the significant digits are, the first 19 of them as an
    /// integer, and the decimal exponent. Checks the JSON number syntax on the way.
    /// </summary>
    private static Digits Scan(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var digits = new Digits { Negative = text.Length > 0 && text[0] == '-', FirstIndex = -1 };
        int i = digits.Negative ? 1 : 0;

        // Digits are numbered across the point; the value is the digits times 10^(integerDigits − 1 − index),
        // times 10^exponent.
        int index = 0;
        int lastNonZero = -1;
        bool syntaxOk;
        if (i < text.Length && text[i] == '0')
        {
            i++;
            index = 1;
            syntaxOk = true;
        }
        else
        {
            syntaxOk = i < text.Length && text[i] >= '1' && text[i] <= '9';
            ScanDigits(text, ref i, ref index, ref lastNonZero, ref digits);
        }

        int integerDigits = index;
        if (syntaxOk && i < text.Length && text[i] == '.')
        {
            i++;
            int before = index;
            ScanDigits(text, ref i, ref index, ref lastNonZero, ref digits);
            syntaxOk = index > before;
        }

        long exponent = 0;
        if (syntaxOk && i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            bool negativeExponent = i < text.Length && text[i] == '-';
            if (i < text.Length && (text[i] == '-' || text[i] == '+'))
            {
                i++;
            }

            int start = i;
            for (; i < text.Length && text[i] >= '0' && text[i] <= '9'; i++)
            {
                exponent = Math.Min((exponent * 10) + (text[i] - '0'), ExponentCap);
            }

            syntaxOk = i > start;
            exponent = negativeExponent ? -exponent : exponent;
        }

        if (!syntaxOk || i != text.Length)
        {
            throw NotANumber(text);
        }

        if (lastNonZero >= 0)
        {
            digits.Count = lastNonZero - digits.FirstDigit + 1;
            digits.Exponent = integerDigits - 1L - lastNonZero + exponent;
        }

        return digits;
    }

    private static void ScanDigits(string text, ref int i, ref int index, ref int lastNonZero, ref Digits digits)
    {
        for (; i < text.Length && text[i] >= '0' && text[i] <= '9'; i++, index++)
        {
            int digit = text[i] - '0';
            if (digit != 0)
            {
                lastNonZero = index;
                if (digits.FirstIndex < 0)
                {
                    digits.FirstIndex = i;
                    digits.FirstDigit = index;
                }
            }

            if (digits.FirstIndex >= 0 && digits.PrefixCount < MaxPrefixDigits)
            {
                digits.Prefix = digits.Prefix * 10 + (ulong)digit;
                digits.PrefixCount++;
            }
        }
    }

    private static ArgumentException NotANumber(string text)
    {
        const int Shown = 40;
        string shown = text.Length <= Shown ? "\"" + text + "\"" : "\"" + text.Substring(0, Shown) + "…\" (" + text.Length.ToString("N0", CultureInfo.InvariantCulture) + " characters)";
        return new ArgumentException("expected a JSON number such as -1.5e-7, but found " + shown + ".", nameof(text));
    }

    /// <summary>What <see cref="Scan"/> found. The value is ± (the significant digits) · 10^Exponent.</summary>
    private struct Digits
    {
        /// <summary>Whether the text starts with a minus sign.</summary>
        public bool Negative;

        /// <summary>The number of significant digits, from the first nonzero one to the last; 0 for zero.</summary>
        public int Count;

        /// <summary>The power of ten of the last significant digit, saturated far beyond any format's range.</summary>
        public long Exponent;

        /// <summary>Where the first significant digit is in the text; −1 for zero.</summary>
        public int FirstIndex;

        /// <summary>The first significant digit's number, counting every digit of the text from 0 (the point aside).</summary>
        public int FirstDigit;

        /// <summary>The first <see cref="PrefixCount"/> digits from the first significant one, trailing zeros included.</summary>
        public ulong Prefix;

        /// <summary>How many digits <see cref="Prefix"/> holds: up to 19, all of them when <see cref="Count"/> is at most that.</summary>
        public int PrefixCount;
    }

    /// <summary>A <see cref="float"/> from its bits, exactly, on netstandard2.0 too (which lacks BitConverter.Int32BitsToSingle).</summary>
    [StructLayout(LayoutKind.Explicit)]
    private struct SingleBits
    {
        [FieldOffset(0)]
        public int Bits;

        [FieldOffset(0)]
        public float Value;
    }
}
