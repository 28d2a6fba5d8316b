using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Backprop.Serialization.Json;

/// <summary>
/// A strict RFC 8259 JSON parser for small documents (safetensors headers, weights files): one value,
/// optional whitespace around it, nothing else. It refuses duplicate member names, unpaired surrogates,
/// raw control characters in strings, and nesting deeper than <see cref="MaxDepth"/>.
/// </summary>
/// <remarks>
/// Self-contained with <see cref="JsonValue"/> (BCL only, netstandard2.0) so that the source generator
/// can link both files. Errors are <see cref="JsonSyntaxException"/>s with a one-based line and column.
/// </remarks>
internal sealed class JsonParser
{
    /// <summary>The deepest nesting of arrays and objects accepted; the formats read here need four.</summary>
    public const int MaxDepth = 64;

    private readonly string _text;
    private int _position;
    private int _line = 1;
    private int _lineStart;

    private JsonParser(string text)
    {
        _text = text;
    }

    /// <summary>Parses a whole JSON text.</summary>
    /// <param name="text">The text; a leading byte order mark is allowed.</param>
    /// <returns>The root value.</returns>
    /// <exception cref="JsonSyntaxException">The text is not one valid JSON value.</exception>
    public static JsonValue Parse(string text)
    {
        var parser = new JsonParser(text);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            parser._position = 1;
            parser._lineStart = 1;
        }

        parser.SkipWhitespace();
        JsonValue root = parser.ParseValue(0);
        parser.SkipWhitespace();
        if (parser._position < text.Length)
        {
            throw parser.Error("unexpected " + parser.DescribeCurrent() + " after the end of the JSON value");
        }

        return root;
    }

    private int Column => _position - _lineStart + 1;

    private JsonValue ParseValue(int depth)
    {
        if (_position >= _text.Length)
        {
            throw Error("unexpected end of the text where a value was expected");
        }

        int line = _line;
        int column = Column;
        char c = _text[_position];
        switch (c)
        {
            case '{':
                return ParseObject(depth + 1, line, column);
            case '[':
                return ParseArray(depth + 1, line, column);
            case '"':
                return JsonValue.Scalar(JsonValueKind.String, line, column, ParseString());
            case 't':
                ExpectWord("true");
                return JsonValue.Scalar(JsonValueKind.True, line, column, null);
            case 'f':
                ExpectWord("false");
                return JsonValue.Scalar(JsonValueKind.False, line, column, null);
            case 'n':
                ExpectWord("null");
                return JsonValue.Scalar(JsonValueKind.Null, line, column, null);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return JsonValue.Scalar(JsonValueKind.Number, line, column, ParseNumber());
                }

                throw Error("unexpected " + DescribeCurrent() + " where a value was expected");
        }
    }

    private JsonValue ParseObject(int depth, int line, int column)
    {
        ThrowIfTooDeep(depth);
        _position++; // '{'
        var members = new List<KeyValuePair<string, JsonValue>>();
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        SkipWhitespace();
        if (TryConsume('}'))
        {
            return JsonValue.Object(line, column, members);
        }

        while (true)
        {
            SkipWhitespace();
            if (_position >= _text.Length || _text[_position] != '"')
            {
                throw Error("expected a member name in double quotes, but found " + DescribeCurrent());
            }

            int nameLine = _line;
            int nameColumn = Column;
            string name = ParseString();
            if (!names.Add(name))
            {
                throw new JsonSyntaxException("duplicate member name " + MessageText.Quoted(name), nameLine, nameColumn);
            }

            SkipWhitespace();
            if (!TryConsume(':'))
            {
                throw Error("expected ':' after the member name " + MessageText.Quoted(name) + ", but found " + DescribeCurrent());
            }

            SkipWhitespace();
            members.Add(new KeyValuePair<string, JsonValue>(name, ParseValue(depth)));
            SkipWhitespace();
            if (TryConsume('}'))
            {
                return JsonValue.Object(line, column, members);
            }

            if (!TryConsume(','))
            {
                throw Error("expected ',' or '}' in an object, but found " + DescribeCurrent());
            }
        }
    }

    private JsonValue ParseArray(int depth, int line, int column)
    {
        ThrowIfTooDeep(depth);
        _position++; // '['
        var items = new List<JsonValue>();
        SkipWhitespace();
        if (TryConsume(']'))
        {
            return JsonValue.Array(line, column, items);
        }

        while (true)
        {
            SkipWhitespace();
            items.Add(ParseValue(depth));
            SkipWhitespace();
            if (TryConsume(']'))
            {
                return JsonValue.Array(line, column, items);
            }

            if (!TryConsume(','))
            {
                throw Error("expected ',' or ']' in an array, but found " + DescribeCurrent());
            }
        }
    }

    private string ParseString()
    {
        _position++; // opening quote
        StringBuilder? builder = null;
        int runStart = _position;
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("unterminated string");
            }

            char c = _text[_position];
            if (c == '"')
            {
                string result = builder is null
                    ? _text.Substring(runStart, _position - runStart)
                    : builder.Append(_text, runStart, _position - runStart).ToString();
                _position++;
                return result;
            }

            if (c < ' ')
            {
                throw Error("control character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + " in a string (write it as an escape)");
            }

            if (char.IsSurrogate(c))
            {
                // Raw surrogates must come as a high-low pair.
                if (!char.IsHighSurrogate(c) || _position + 1 >= _text.Length || !char.IsLowSurrogate(_text[_position + 1]))
                {
                    throw Error("unpaired surrogate U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + " in a string");
                }

                _position += 2;
                continue;
            }

            if (c != '\\')
            {
                _position++;
                continue;
            }

            builder ??= new StringBuilder();
            builder.Append(_text, runStart, _position - runStart);
            AppendEscape(builder);
            runStart = _position;
        }
    }

    private void AppendEscape(StringBuilder builder)
    {
        int escapeColumn = Column;
        _position++; // backslash
        if (_position >= _text.Length)
        {
            throw Error("unterminated string");
        }

        char c = _text[_position++];
        switch (c)
        {
            case '"': builder.Append('"'); return;
            case '\\': builder.Append('\\'); return;
            case '/': builder.Append('/'); return;
            case 'b': builder.Append('\b'); return;
            case 'f': builder.Append('\f'); return;
            case 'n': builder.Append('\n'); return;
            case 'r': builder.Append('\r'); return;
            case 't': builder.Append('\t'); return;
            case 'u':
                break;
            default:
                throw new JsonSyntaxException("invalid escape '\\" + c + "' in a string", _line, escapeColumn);
        }

        char unit = ReadHex4(escapeColumn);
        if (char.IsHighSurrogate(unit))
        {
            if (_position + 1 < _text.Length && _text[_position] == '\\' && _text[_position + 1] == 'u')
            {
                _position += 2;
                char low = ReadHex4(escapeColumn);
                if (char.IsLowSurrogate(low))
                {
                    builder.Append(unit).Append(low);
                    return;
                }
            }

            throw new JsonSyntaxException("unpaired surrogate escape in a string", _line, escapeColumn);
        }

        if (char.IsLowSurrogate(unit))
        {
            throw new JsonSyntaxException("unpaired surrogate escape in a string", _line, escapeColumn);
        }

        builder.Append(unit);
    }

    private char ReadHex4(int escapeColumn)
    {
        if (_position + 4 > _text.Length)
        {
            throw new JsonSyntaxException("incomplete \\u escape in a string", _line, escapeColumn);
        }

        int value = 0;
        for (int i = 0; i < 4; i++)
        {
            char h = _text[_position + i];
            int digit = h >= '0' && h <= '9' ? h - '0'
                : h >= 'a' && h <= 'f' ? h - 'a' + 10
                : h >= 'A' && h <= 'F' ? h - 'A' + 10
                : -1;
            if (digit < 0)
            {
                throw new JsonSyntaxException("invalid \\u escape in a string: '" + h + "' is not a hexadecimal digit", _line, escapeColumn);
            }

            value = (value << 4) | digit;
        }

        _position += 4;
        return (char)value;
    }

    // number = [ "-" ] ( "0" / digit1-9 *digit ) [ "." 1*digit ] [ ( "e" / "E" ) [ "+" / "-" ] 1*digit ]
    private string ParseNumber()
    {
        int start = _position;
        TryConsume('-');
        if (TryConsume('0'))
        {
            if (IsDigit())
            {
                throw Error("a number must not have a leading zero");
            }
        }
        else if (!ConsumeDigits())
        {
            throw Error("expected a digit, but found " + DescribeCurrent());
        }

        if (TryConsume('.') && !ConsumeDigits())
        {
            throw Error("expected a digit after the decimal point, but found " + DescribeCurrent());
        }

        if (TryConsume('e') || TryConsume('E'))
        {
            if (!TryConsume('+'))
            {
                TryConsume('-');
            }

            if (!ConsumeDigits())
            {
                throw Error("expected a digit in the exponent, but found " + DescribeCurrent());
            }
        }

        return _text.Substring(start, _position - start);
    }

    private bool ConsumeDigits()
    {
        int start = _position;
        while (IsDigit())
        {
            _position++;
        }

        return _position > start;
    }

    private bool IsDigit() => _position < _text.Length && _text[_position] >= '0' && _text[_position] <= '9';

    private void ExpectWord(string word)
    {
        if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
        {
            throw Error("unexpected " + DescribeCurrent() + " where a value was expected");
        }

        _position += word.Length;
    }

    private bool TryConsume(char c)
    {
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length)
        {
            char c = _text[_position];
            if (c == '\n')
            {
                _position++;
                _line++;
                _lineStart = _position;
            }
            else if (c == ' ' || c == '\t' || c == '\r')
            {
                _position++;
            }
            else
            {
                return;
            }
        }
    }

    private void ThrowIfTooDeep(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error("arrays and objects are nested more than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " deep");
        }
    }

    private string DescribeCurrent()
    {
        if (_position >= _text.Length)
        {
            return "the end of the text";
        }

        char c = _text[_position];
        return c < ' ' || c > '~'
            ? "character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture)
            : "'" + c + "'";
    }

    private JsonSyntaxException Error(string problem) => new(problem, _line, Column);
}
