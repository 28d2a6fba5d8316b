using System.Globalization;
using System.Text;

namespace Backprop.Generator.Emitting;

/// <summary>
/// Writes a user's string (a weights file name, the attribute as written) into generated code, where a line
/// terminator would end a comment or a literal and break the file. Every character that C# or XML cannot
/// carry as it is (control characters, the five line terminators, a surrogate without its pair) is written
/// as <c>\uXXXX</c>: exact in a string literal, and readable in a comment.
/// </summary>
internal static class Escaping
{
    /// <summary>A C# string literal for <paramref name="value"/>, escaped so that any text stays one token.</summary>
    public static string StringLiteral(string value)
    {
        var text = new StringBuilder("\"");
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                _ when MustEscape(value, i) => AppendCodePoint(text, c),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }

    /// <summary>
    /// Text for XML documentation, on one line: <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> as entities, quotes as
    /// they are, and what <see cref="StringLiteral"/> escapes as <c>\uXXXX</c> (XML allows no control character).
    /// </summary>
    public static string XmlText(string value)
    {
        var text = new StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            _ = c switch
            {
                '&' => text.Append("&amp;"),
                '<' => text.Append("&lt;"),
                '>' => text.Append("&gt;"),
                _ when MustEscape(value, i) => AppendCodePoint(text, c),
                _ => text.Append(c),
            };
        }

        return text.ToString();
    }

    /// <summary>
    /// A control character (C0, DEL, C1: U+0085 among them), U+2028 or U+2029 (which C# takes for line
    /// terminators), or half of a surrogate pair standing alone (which no encoding of the file can hold).
    /// </summary>
    private static bool MustEscape(string value, int i)
    {
        char c = value[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return i == 0 || !char.IsHighSurrogate(value[i - 1]);
        }

        return char.IsControl(c) || c == '\u2028' || c == '\u2029';
    }

    private static StringBuilder AppendCodePoint(StringBuilder text, char c) =>
        text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
}
