using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Backprop.Serialization;

/// <summary>
/// Shows values taken from a file (layer sizes, activations, tensor names, shapes, JSON text) in a message,
/// bounded: a message is itself an allocation, so a forged file must not decide its size. A long list shows its
/// first <see cref="MaxItems"/> items and its count, a long text its first <see cref="MaxChars"/> characters and
/// its length.
/// </summary>
/// <remarks>
/// BCL only and netstandard2.0, so that the generator and the converter link this file too: every message that
/// shows a file's values, in the library, the generator's diagnostics and the converter, goes through here.
/// </remarks>
internal static class MessageText
{
    /// <summary>The most items a list shows.</summary>
    public const int MaxItems = 8;

    /// <summary>The most characters a text shows.</summary>
    public const int MaxChars = 80;

    /// <summary>
    /// Joins items, each bounded by <see cref="Text"/> or <see cref="Quoted"/>: "3, 4, 2", or past
    /// <see cref="MaxItems"/> items "1, 1, 1, 1, 1, 1, 1, 1, … (65,535 sizes in all)".
    /// </summary>
    /// <param name="items">The items as the file spells them; past the first few they are only counted.</param>
    /// <param name="plural">What the items are, in the plural, e.g. "sizes".</param>
    /// <param name="separator">Between two items.</param>
    /// <param name="quote">The quote mark around each item, or none.</param>
    public static string List(IEnumerable<string> items, string plural, string separator = ", ", char? quote = null)
    {
        var text = new StringBuilder();
        int count = 0;
        foreach (string item in items)
        {
            if (count < MaxItems)
            {
                text.Append(count == 0 ? "" : separator).Append(quote is char mark ? Quoted(item, mark) : Text(item));
            }

            count++;
        }

        if (count > MaxItems)
        {
            text.Append(separator).Append("… (").Append(Count(count)).Append(' ').Append(plural).Append(" in all)");
        }

        return text.ToString();
    }

    /// <summary>Sizes or a shape in brackets, bounded: "[3, 4, 2]".</summary>
    /// <param name="values">The sizes.</param>
    /// <param name="plural">What they are, e.g. "sizes" or "dimensions".</param>
    public static string Brackets(IEnumerable<long> values, string plural) =>
        "[" + List(Numbers(values), plural) + "]";

    /// <summary>A text as it is, or past <see cref="MaxChars"/> characters its start: "abc… (1,000,000 characters)".</summary>
    /// <param name="text">The text.</param>
    public static string Text(string text) =>
        text.Length <= MaxChars ? text : Start(text) + "… (" + Count(text.Length) + " characters)";

    /// <summary>A text in quotes, bounded: "\"abc\"", or "\"abc…\" (1,000,000 characters)".</summary>
    /// <param name="text">The text.</param>
    /// <param name="quote">The quote mark, e.g. '"' for JSON or '\'' for a name.</param>
    public static string Quoted(string text, char quote = '"') =>
        text.Length <= MaxChars
            ? quote + text + quote
            : quote + Start(text) + "…" + quote + " (" + Count(text.Length) + " characters)";

    /// <summary>A count with thousands separators, as messages write them: "65,535".</summary>
    /// <param name="count">The count.</param>
    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private static IEnumerable<string> Numbers(IEnumerable<long> values)
    {
        foreach (long value in values)
        {
            yield return value.ToString(CultureInfo.InvariantCulture);
        }
    }

    // Cut before a high surrogate, never between the two halves of a pair.
    private static string Start(string text) =>
        text.Substring(0, char.IsHighSurrogate(text[MaxChars - 1]) ? MaxChars - 1 : MaxChars);
}
