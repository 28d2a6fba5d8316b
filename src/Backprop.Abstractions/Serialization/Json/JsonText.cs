using System.Globalization;
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
    /// The shortest decimal text that parses back to exactly <paramref name="value"/> (invariant culture), as
    /// a JSON number. Finite values only.
    /// </summary>
    /// <param name="value">A finite value.</param>
    /// <returns>Text such as <c>0.1</c>, <c>-0</c> or <c>1.5E-07</c>.</returns>
    public static string Number(float value)
    {
        // "R" is the shortest round-trip form on .NET Core 3.0 and later; older runtimes can miss, so check.
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return SameBits(float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), value)
            ? text
            : value.ToString("G9", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc cref="Number(float)"/>
    public static string Number(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return BitsOf(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)) == BitsOf(value)
            ? text
            : value.ToString("G17", CultureInfo.InvariantCulture);
    }

    private static bool SameBits(float a, float b) => BitsOf(a) == BitsOf(b);

    private static long BitsOf(double value) => System.BitConverter.DoubleToInt64Bits(value);
}
