using System;
using System.Collections.Generic;
using System.Globalization;

namespace Backprop.Serialization.Json;

// This file, JsonParser.cs and the number reading (DecimalText*.cs, BinaryFormat.cs, PowersOfFive.cs) are
// self-contained (BCL only, netstandard2.0, no other Backprop type) so that the source generator can link them
// to read weights files.

/// <summary>The kind of a <see cref="JsonValue"/>.</summary>
internal enum JsonValueKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// One value of a parsed JSON document, with where it starts in the text. Numbers keep their text, so that
/// the reader decides how to round them (to <see cref="float"/> or <see cref="double"/>) exactly once.
/// </summary>
internal sealed class JsonValue
{
    private static readonly IReadOnlyList<JsonValue> NoItems = new JsonValue[0];
    private static readonly IReadOnlyList<KeyValuePair<string, JsonValue>> NoMembers = new KeyValuePair<string, JsonValue>[0];

    private readonly Dictionary<string, JsonValue>? _byName;

    private JsonValue(JsonValueKind kind, int line, int column, string? text, IReadOnlyList<JsonValue>? items, List<KeyValuePair<string, JsonValue>>? members)
    {
        Kind = kind;
        Line = line;
        Column = column;
        Text = text;
        Items = items ?? NoItems;
        Members = members ?? NoMembers;
        if (members is not null)
        {
            _byName = new Dictionary<string, JsonValue>(members.Count, StringComparer.Ordinal);
            foreach (KeyValuePair<string, JsonValue> member in members)
            {
                _byName.Add(member.Key, member.Value);
            }
        }
    }

    /// <summary>What this value is.</summary>
    public JsonValueKind Kind { get; }

    /// <summary>The one-based line of the value's first character.</summary>
    public int Line { get; }

    /// <summary>The one-based column (in UTF-16 code units) of the value's first character.</summary>
    public int Column { get; }

    /// <summary>A string's value (escapes resolved) or a number's text as written; otherwise null.</summary>
    public string? Text { get; }

    /// <summary>An array's elements, in order; empty for every other kind.</summary>
    public IReadOnlyList<JsonValue> Items { get; }

    /// <summary>An object's members, in the order written (names are unique); empty for every other kind.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonValue>> Members { get; }

    /// <summary>Returns the member called <paramref name="name"/> (ordinal comparison), or null.</summary>
    /// <param name="name">The member name.</param>
    /// <returns>The member's value, or null if this is not an object or has no such member.</returns>
    public JsonValue? GetPropertyOrNull(string name) =>
        _byName is not null && _byName.TryGetValue(name, out JsonValue? value) ? value : null;

    /// <summary>
    /// Reads a number that is written as an integer (no fraction, no exponent) and fits in a
    /// <see cref="long"/>.
    /// </summary>
    /// <param name="value">The integer.</param>
    /// <returns>Whether this is such a number.</returns>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        return Kind == JsonValueKind.Number
            && Text!.IndexOfAny(FractionOrExponent) < 0
            && long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads a number as the nearest <see cref="double"/>, correctly rounded on every runtime (<see cref="DecimalText"/>).</summary>
    /// <param name="value">The value; infinite when the number is beyond the range of <see cref="double"/>.</param>
    /// <returns>Whether this is a number.</returns>
    public bool TryGetDouble(out double value)
    {
        value = 0;
        if (Kind != JsonValueKind.Number)
        {
            return false;
        }

        value = DecimalText.ToDouble(Text!);
        return true;
    }

    /// <summary>
    /// Reads a number as the nearest <see cref="float"/>, rounding the decimal text once, correctly, on every
    /// runtime (<see cref="DecimalText"/>).
    /// </summary>
    /// <param name="value">The value; infinite when the number is beyond the range of <see cref="float"/>.</param>
    /// <returns>Whether this is a number.</returns>
    public bool TryGetSingle(out float value)
    {
        value = 0;
        if (Kind != JsonValueKind.Number)
        {
            return false;
        }

        value = DecimalText.ToSingle(Text!);
        return true;
    }

    /// <summary>The kind in words, for messages: "an object", "a number", …</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>An article and a noun.</returns>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

    internal static JsonValue Scalar(JsonValueKind kind, int line, int column, string? text) =>
        new(kind, line, column, text, null, null);

    internal static JsonValue Array(int line, int column, List<JsonValue> items) =>
        new(JsonValueKind.Array, line, column, null, items, null);

    internal static JsonValue Object(int line, int column, List<KeyValuePair<string, JsonValue>> members) =>
        new(JsonValueKind.Object, line, column, null, null, members);

    private static readonly char[] FractionOrExponent = ['.', 'e', 'E'];
}

/// <summary>A JSON text that does not follow RFC 8259, with where the problem is.</summary>
internal sealed class JsonSyntaxException : FormatException
{
    /// <summary>Creates the exception; the message ends with the position.</summary>
    /// <param name="problem">What is wrong, without the position.</param>
    /// <param name="line">The one-based line.</param>
    /// <param name="column">The one-based column.</param>
    public JsonSyntaxException(string problem, int line, int column)
        : base(string.Format(CultureInfo.InvariantCulture, "{0} at line {1}, column {2}.", problem, line, column))
    {
        Problem = problem;
        Line = line;
        Column = column;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; }

    /// <summary>The one-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>The one-based column (in UTF-16 code units) of the problem.</summary>
    public int Column { get; }
}
