using System.Globalization;
using System.Numerics;
using System.Text;

namespace Backprop.Serialization.Json;

/// <summary>Writes the pieces of JSON text that need care: strings and floating-point numbers.</summary>
internal static class JsonText
{
    /// <summary>Appends <paramref name="value"/> as a JSON string, in double quotes, with the escapes RFC 8259 requires.</summary>
    /// <param name="builder">The text so far.</param>
    /// <param name="value">Any string.</param>
    public static void AppendString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    /// <summary>
    /// Decimal text that reads back as exactly <paramref name="value"/> on every runtime, as a JSON number: the
    /// runtime's shortest round-trip text ("R") when it does. Finite values only.
    /// </summary>
    /// <remarks>
    /// The text is the runtime's "R", which is not always right: on Mono (Unity) it is not the shortest
    /// (<c>0.333333343</c> for 1/3f), drops the sign of −0, and for about one double in 1,500 has 15 digits that
    /// read back as a neighbour; on .NET 10.0.12, 2⁻²⁵ and 2⁻⁹⁵⁸ read back as the double below them
    /// (dotnet/runtime#131131). So each text is read back with <see cref="DecimalText"/>, the reader every
    /// runtime uses, and replaced when it is not the same bits: by "G9" or "G17", enough digits for any float or
    /// double, then by the exact value, which cannot fail. A file then loads the same bits on every runtime; only
    /// the spelling of a number can differ from one runtime to another.
    /// </remarks>
    /// <param name="value">A finite value.</param>
    /// <returns>Text such as <c>0.1</c>, <c>-0</c> or <c>1.5E-07</c>.</returns>
    public static string Number(float value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (ReadsBack(text, value))
        {
            return text;
        }

        text = value.ToString("G9", CultureInfo.InvariantCulture);
        return ReadsBack(text, value) ? text : ExactNumber(value);

        static bool ReadsBack(string text, float value) => BitsOf(DecimalText.ToSingle(text)) == BitsOf(value);
    }

    /// <inheritdoc cref="Number(float)"/>
    public static string Number(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (ReadsBack(text, value))
        {
            return text;
        }

        text = value.ToString("G17", CultureInfo.InvariantCulture);
        return ReadsBack(text, value) ? text : ExactNumber(value);

        static bool ReadsBack(string text, double value) => BitsOf(DecimalText.ToDouble(text)) == BitsOf(value);
    }

    /// <summary>
    /// The exact value of a finite double (or of a float, widened), in decimal: an integer, or the digits of
    /// significand · 5^k with the exponent −k for significand · 2^−k. Up to 767 digits, but it reads back to the
    /// same bits on any correct reader, and depends on no runtime's formatting of floating-point numbers.
    /// </summary>
    /// <param name="value">A finite value.</param>
    /// <returns>Text such as <c>-0</c>, <c>3</c> or <c>5E-1</c>.</returns>
    internal static string ExactNumber(double value)
    {
        long bits = BitsOf(value);
        string sign = bits < 0 ? "-" : "";
        int field = (int)((bits >> 52) & 0x7FF);
        long significand = bits & 0xFFFFFFFFFFFFFL;
        int exponent = -1074;
        if (field > 0)
        {
            significand |= 1L << 52;
            exponent = field - 1075;
        }

        if (significand == 0)
        {
            return sign + "0";
        }

        // An odd significand leaves no trailing zeros in significand · 5^k.
        while ((significand & 1) == 0 && exponent < 0)
        {
            significand >>= 1;
            exponent++;
        }

        return exponent >= 0
            ? sign + (new BigInteger(significand) << exponent).ToString(CultureInfo.InvariantCulture)
            : sign + (significand * BigInteger.Pow(5, -exponent)).ToString(CultureInfo.InvariantCulture) + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    private static long BitsOf(double value) => System.BitConverter.DoubleToInt64Bits(value);
}
