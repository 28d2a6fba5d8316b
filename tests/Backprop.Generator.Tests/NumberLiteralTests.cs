using System;
using System.Globalization;
using Backprop.Generator.Emitting;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Backprop.Generator.Tests;

/// <summary>
/// The literals the emitter writes (<see cref="NumberType.Literal"/>) read back in the C# compiler as exactly the
/// value meant, and are the shortest such text, worked out without the runtime's number formatting: the same
/// text, so the same bits, on any runtime that hosts the compiler (issue 15).
/// </summary>
public class NumberLiteralTests
{
    /// <summary>Doubles where formatting goes wrong or reading is delicate.</summary>
    public static TheoryData<double> TrickyDoubles => new()
    {
        0.0,
        -0.0,
        1.0,
        0.5,
        0.01,
        1.0 / 3,
        Math.ScaleB(1, -25),   // .NET 10.0.12's "R" writes a text that reads back as the double below
        Math.ScaleB(1, -958),  // the same
        double.Epsilon,        // the smallest subnormal
        BitConverter.Int64BitsToDouble(0x000FFFFFFFFFFFFF), // the largest subnormal
        Math.ScaleB(1, -1022), // the smallest normal
        double.MaxValue,
        -double.MaxValue,
        9007199254740993.0,    // 2⁵³ + 1 rounds to 2⁵³: a whole number beyond the positional range
        123456789012345.0,
        1e15,
        1e-5,
        9.999999e-6,
        0.30000000000000004,
    };

    /// <summary>Floats where formatting goes wrong or reading is delicate, given as the double they are rounded from.</summary>
    public static TheoryData<double> TrickyFloats => new()
    {
        0.0,
        -0.0,
        0.01,
        1.0 / 3,
        1.0000000596046448,    // just above the midpoint of 1 and the next float: rounds up, to 1.0000001f
        Math.ScaleB(1, -25),
        float.Epsilon,         // the smallest subnormal
        BitConverter.Int32BitsToSingle(0x007FFFFF), // the largest subnormal
        Math.ScaleB(1, -126),  // the smallest normal
        float.MaxValue,
        -float.MaxValue,
        16777217.0,            // 2²⁴ + 1 rounds to 2²⁴
        1e-45,                 // rounds to the smallest subnormal
        5e-46,                 // rounds to zero
    };

    [Theory]
    [MemberData(nameof(TrickyDoubles))]
    public void A_double_literal_is_the_value_in_the_compiler(double value) =>
        AssertReadsBack(NumberType.Double.Literal(value), value);

    [Theory]
    [MemberData(nameof(TrickyFloats))]
    public void A_float_literal_is_the_value_rounded_to_float_in_the_compiler(double value) =>
        AssertReadsBack(NumberType.Single.Literal(value), (float)value);

    [Fact]
    public void Random_bit_patterns_give_the_shortest_literal_that_reads_back()
    {
        // 20,000 doubles and 20,000 floats from every exponent, each read back by Roslyn; the digits are never
        // more than the runtime's shortest round-trip text when that text does round-trip.
        var random = new DeterministicRandom(15);
        for (int i = 0; i < 20_000; i++)
        {
            double number = BitConverter.Int64BitsToDouble((long)random.NextUInt64());
            if (double.IsFinite(number))
            {
                string literal = NumberType.Double.Literal(number);
                AssertReadsBack(literal, number);
                AssertNoLongerThanRoundTrip(literal, number.ToString("R", CultureInfo.InvariantCulture), double.Parse(number.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) == number);
            }

            float single = BitConverter.Int32BitsToSingle((int)random.NextUInt64());
            if (float.IsFinite(single))
            {
                string literal = NumberType.Single.Literal(single);
                AssertReadsBack(literal, single);
                AssertNoLongerThanRoundTrip(literal, single.ToString("R", CultureInfo.InvariantCulture), true);
            }
        }
    }

    [Theory]
    [InlineData(0.0, "0.0", "0f")]
    [InlineData(-0.0, "-0.0", "-0f")]
    [InlineData(1.0, "1.0", "1f")]
    [InlineData(0.5, "0.5", "0.5f")]
    [InlineData(0.01, "0.01", "0.01f")]
    [InlineData(100.0, "100.0", "100f")]
    [InlineData(1e-5, "0.00001", "0.00001f")]
    [InlineData(1.5e-7, "1.5E-7", "1.5E-7f")]
    [InlineData(1e15, "1E15", "1E15f")]
    [InlineData(5e-324, "5E-324", "0f")]
    public void Literals_are_positional_from_1e_minus_5_to_below_1e15(double value, string asDouble, string asFloat)
    {
        Assert.Equal(asDouble, NumberType.Double.Literal(value));
        Assert.Equal(asFloat, NumberType.Single.Literal(value));
    }

    [Fact]
    public void Literals_do_not_depend_on_the_current_culture()
    {
        // Swedish writes minus as U+2212 and the decimal separator as a comma.
        CultureInfo previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("sv-SE");
            Assert.Equal("-1.5E-7", NumberType.Double.Literal(-1.5e-7));
            Assert.Equal("-0.25f", NumberType.Single.Literal(-0.25));
            Assert.Equal("1.2345678E20f", NumberType.Single.Literal(1.2345678e20));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private static void AssertReadsBack(string literal, double expected)
    {
        object read = Read(literal);
        Assert.IsType<double>(read);
        Assert.True(BitConverter.DoubleToInt64Bits((double)read) == BitConverter.DoubleToInt64Bits(expected), $"{literal} reads as the bits {BitConverter.DoubleToInt64Bits((double)read):X16}, not {BitConverter.DoubleToInt64Bits(expected):X16}.");
    }

    private static void AssertReadsBack(string literal, float expected)
    {
        object read = Read(literal);
        Assert.IsType<float>(read);
        Assert.True(BitConverter.SingleToInt32Bits((float)read) == BitConverter.SingleToInt32Bits(expected), $"{literal} reads as the bits {BitConverter.SingleToInt32Bits((float)read):X8}, not {BitConverter.SingleToInt32Bits(expected):X8}.");
    }

    /// <summary>The value of a literal as the compiler reads it: a numeric token, negated by a leading minus.</summary>
    private static object Read(string literal)
    {
        bool negative = literal.StartsWith('-');
        object value = SyntaxFactory.ParseToken(negative ? literal.Substring(1) : literal).Value!;
        return (negative, value) switch
        {
            (false, _) => value,
            (true, double d) => -d,
            (true, float f) => -f,
            _ => throw new InvalidOperationException(literal + " is not a real literal."),
        };
    }

    private static void AssertNoLongerThanRoundTrip(string literal, string roundTrip, bool roundTripReadsBack)
    {
        if (roundTripReadsBack)
        {
            Assert.True(SignificantDigits(literal) <= SignificantDigits(roundTrip), $"{literal} has more digits than {roundTrip}.");
        }
    }

    private static int SignificantDigits(string text)
    {
        int exponent = text.IndexOfAny(['E', 'e']);
        string digits = (exponent >= 0 ? text.Substring(0, exponent) : text).TrimEnd('f').Replace("-", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal).TrimStart('0');
        return Math.Max(1, digits.TrimEnd('0').Length);
    }
}
