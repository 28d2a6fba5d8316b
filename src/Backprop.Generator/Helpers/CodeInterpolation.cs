using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Backprop.Generator.Helpers;

/// <summary>
/// Builds an interpolated string such as <c>$"{type} a{layer}_{j} = {value};"</c> for generated code, formatting
/// every number in the invariant culture: the same model gives the same text on every machine, including those
/// whose culture writes a decimal comma or minus as U+2212, which C# does not read.
/// </summary>
[InterpolatedStringHandler]
internal readonly struct CodeInterpolation
{
    private readonly StringBuilder _text;

    public CodeInterpolation(int literalLength, int formattedCount)
    {
        // Room for the literal parts and a short value in each hole; the builder grows past it if need be.
        _text = new StringBuilder(literalLength + (8 * formattedCount));
    }

    public void AppendLiteral(string value) => _text.Append(value);

    public void AppendFormatted(string? value) => _text.Append(value);

    public void AppendFormatted(int value) => _text.Append(value.ToString(CultureInfo.InvariantCulture));

    public void AppendFormatted<T>(T value) => AppendFormatted(value, format: null);

    public void AppendFormatted<T>(T value, string? format)
    {
        _ = value switch
        {
            IFormattable formattable => _text.Append(formattable.ToString(format, CultureInfo.InvariantCulture)),
            null => _text,
            _ => _text.Append(value.ToString()),
        };
    }

    public override string ToString() => _text?.ToString() ?? string.Empty;
}

/// <summary>Interpolated strings for generated code outside a writer: <c>Invariant.Format($"a{layer}[{j}]")</c>.</summary>
internal static class Invariant
{
    public static string Format(CodeInterpolation text) => text.ToString();
}
