using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

/// <summary>How the generated code spells the network's number type and its literals.</summary>
internal sealed class NumberType
{
    public static readonly NumberType Single = new("float", "f", 4, "single precision");
    public static readonly NumberType Double = new("double", "", 8, "double precision");

    private static readonly char[] FractionOrExponent = { '.', 'E' };

    private readonly string _suffix;

    private NumberType(string keyword, string suffix, int size, string description)
    {
        Keyword = keyword;
        _suffix = suffix;
        Size = size;
        Description = description;
    }

    /// <summary><c>float</c> or <c>double</c>.</summary>
    public string Keyword { get; }

    /// <summary>The size of one value in bytes.</summary>
    public int Size { get; }

    /// <summary>"single precision" or "double precision", for comments.</summary>
    public string Description { get; }

    public string ReadOnlySpan => $"{RuntimeTypes.ReadOnlySpan}<{Keyword}>";

    public string Span => $"{RuntimeTypes.Span}<{Keyword}>";

    public static NumberType Of(Precision precision) => precision == Precision.Double ? Double : Single;

    /// <summary>
    /// A literal that reads back as exactly <paramref name="value"/> in this type (rounded to it first), the
    /// same text on every runtime and in every culture: <c>0.5f</c>, <c>1f</c>, <c>0.5</c>, <c>1.0</c>,
    /// <c>1.5E-7</c> (see <see cref="ShortestDecimal"/>).
    /// </summary>
    public string Literal(double value)
    {
        if (this == Single)
        {
            return ShortestDecimal.Of((float)value) + _suffix;
        }

        string text = ShortestDecimal.Of(value);
        return text.IndexOfAny(FractionOrExponent) >= 0 ? text : $"{text}.0";
    }
}
