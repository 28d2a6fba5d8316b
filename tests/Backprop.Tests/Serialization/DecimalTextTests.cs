using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text;
using Backprop.Serialization.Json;
using Backprop.Tests.Support;
using Xunit;

namespace Backprop.Tests.Serialization;

/// <summary>
/// <c>DecimalText</c>, the library's own reader of JSON numbers (internal, visible to these tests), rounds
/// as <c>double.Parse</c> and <c>float.Parse</c> of .NET 10 do, which are correctly rounded: they are the oracle
/// here. The library cannot use them, since on .NET Framework and Mono (Unity) they are not.
/// </summary>
public sealed class DecimalTextTests
{
    private const long DoubleMidpointTwoExponent = -1075;
    private const long SingleMidpointTwoExponent = -150;

    [Fact]
    public void Random_texts_across_the_whole_range_read_as_the_correctly_rounded_double()
    {
        // Values from 10^−345 (far below the subnormals) to 10^312 (beyond the largest double), 1–25 digits.
        var random = new Random(20240601);
        AssertReadAsTheOracle(Enumerable.Range(0, 150_000).Select(_ => RandomText(random, -345, 312)));
    }

    [Fact]
    public void Random_texts_across_the_whole_range_read_as_the_correctly_rounded_float()
    {
        // Values from 10^−50 (far below the subnormals) to 10^42 (beyond the largest float), 1–25 digits.
        var random = new Random(20240602);
        AssertReadAsTheOracle(Enumerable.Range(0, 150_000).Select(_ => RandomText(random, -50, 42)));
    }

    [Fact]
    public void Floats_read_back_from_their_nine_digit_texts_and_read_their_shortest_texts_as_the_oracle_does()
    {
        // One float in 4,099 of every sign, exponent and significand (a stride through all the bit patterns),
        // the smallest and largest of each binade, and every subnormal below 2^-140.
        IEnumerable<float> values = Enumerable.Range(0, 0x7F800000 / 4099).Select(i => i * 4099)
            .Concat(Enumerable.Range(1, 254).SelectMany(e => new[] { e << 23, (e << 23) | 0x7FFFFF }))
            .Concat(Enumerable.Range(0, 1 << 9))
            .Select(BitConverter.Int32BitsToSingle).SelectMany(v => new[] { v, -v });
        AssertReadAs(
            values.SelectMany(v => Cases(v.ToString("R", CultureInfo.InvariantCulture), v.ToString("G9", CultureInfo.InvariantCulture), v)),
            text => BitConverter.SingleToInt32Bits(DecimalText.ToSingle(text)));

        static IEnumerable<(string, long)> Cases(string shortest, string nineDigits, float value) =>
            [(shortest, BitConverter.SingleToInt32Bits(float.Parse(shortest, CultureInfo.InvariantCulture))), (nineDigits, BitConverter.SingleToInt32Bits(value))];
    }

    [Fact]
    public void Doubles_read_back_from_their_seventeen_digit_texts_and_read_their_shortest_texts_as_the_oracle_does()
    {
        // The shortest text need not read back: .NET 10.0.12 writes 2^-25 as 2.980232238769531E-08, nearer the
        // double below (dotnet/runtime#131131; 2^-958 too). JsonText checks it and writes G17 then.
        var random = new Random(20240603);
        IEnumerable<double> values = Enumerable.Range(0, 200_000).Select(_ => random.NextInt64(0, 0x7FF0000000000000))
            .Concat(Enumerable.Range(1, 2046).SelectMany(e => new[] { (long)e << 52, ((long)e << 52) | 0xFFFFFFFFFFFFF }))
            .Concat(Enumerable.Range(0, 1 << 9).Select(i => (long)i))
            .Select(BitConverter.Int64BitsToDouble).SelectMany(v => new[] { v, -v });
        AssertReadAs(
            values.SelectMany(v => Cases(v.ToString("R", CultureInfo.InvariantCulture), v.ToString("G17", CultureInfo.InvariantCulture), v)),
            text => BitConverter.DoubleToInt64Bits(DecimalText.ToDouble(text)));

        static IEnumerable<(string, long)> Cases(string shortest, string seventeenDigits, double value) =>
            [(shortest, BitConverter.DoubleToInt64Bits(double.Parse(shortest, CultureInfo.InvariantCulture))), (seventeenDigits, BitConverter.DoubleToInt64Bits(value))];
    }

    [Fact]
    public void Midpoints_between_adjacent_doubles_and_their_neighbours_read_as_the_oracle_reads_them()
    {
        // The midpoint above a double, written out in full (up to 767 significant digits), rounds half to even;
        // one more or one less in its last digit rounds away from it. Random doubles, then the edges: the
        // subnormals, the binade boundaries (where the spacing doubles), and the largest double (whose midpoint
        // above is where infinity starts).
        var random = new Random(20240604);
        IEnumerable<long> patterns = Enumerable.Range(0, 1_500).Select(_ => random.NextInt64(0, 0x7FF0000000000000))
            .Concat(Enumerable.Range(0, 40).Select(i => (long)i))
            .Concat(new[] { 0xFFFFFFFFFFFFFL, 0x7FEFFFFFFFFFFFFF, 0x7FEFFFFFFFFFFFFE })
            .Concat(Enumerable.Range(1, 2045).Where(e => e % 7 == 0 || e < 5 || e > 2040).SelectMany(e => new[] { ((long)e << 52) - 1, (long)e << 52 }));
        AssertReadAsTheOracle(patterns.SelectMany(p => MidpointTexts(random, Midpoint(p, significandBits: 53, DoubleMidpointTwoExponent))));
    }

    [Fact]
    public void Midpoints_between_adjacent_floats_and_their_neighbours_read_as_the_oracle_reads_them()
    {
        var random = new Random(20240605);
        IEnumerable<long> patterns = Enumerable.Range(0, 5_000).Select(_ => (long)random.Next(0, 0x7F800000))
            .Concat(Enumerable.Range(0, 40).Select(i => (long)i))
            .Concat(new[] { 0x7FFFFFL, 0x7F7FFFFF, 0x7F7FFFFE })
            .Concat(Enumerable.Range(1, 253).SelectMany(e => new[] { ((long)e << 23) - 1, (long)e << 23 }));
        AssertReadAsTheOracle(patterns.SelectMany(p => MidpointTexts(random, Midpoint(p, significandBits: 24, SingleMidpointTwoExponent))));
    }

    [Theory]
    [InlineData("-0")]
    [InlineData("0")]
    [InlineData("-0.0e-5")]
    [InlineData("0e999")]
    [InlineData("-0E+999999999999999999999")]
    [InlineData("1e-400")]
    [InlineData("-1e-400")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("2.4703282292062327e-324")]
    [InlineData("2.4703282292062328e-324")]
    [InlineData("4.9406564584124654e-324")]
    [InlineData("4.9406564584124654417656879286822137236505980e-324")]
    [InlineData("1.0000000596046447755")]
    [InlineData("1.00000005960464477539062499999999999999999999999999999999")]
    [InlineData("1.000000059604644775390625")]
    [InlineData("1.00000005960464477539062500000000000000000000000000000001")]
    [InlineData("3.4028235677973366e38")]
    [InlineData("3.4028235677973366163753939545814256844e38")]
    [InlineData("340282356779733661637539395458142568448")]
    [InlineData("3.4028235677973366163753939545814256845e38")]
    [InlineData("3.4028235e38")]
    [InlineData("3.4028236e38")]
    [InlineData("1.7976931348623157e308")]
    [InlineData("1.7976931348623158e308")]
    [InlineData("1.7976931348623159e308")]
    [InlineData("1.40129846e-45")]
    [InlineData("7.006492321624085e-46")]
    [InlineData("7.0064923216240862e-46")]
    [InlineData("1.1754943e-38")]
    [InlineData("2.2250738585072011e-308")]
    [InlineData("2.2250738585072012e-308")]
    [InlineData("9007199254740993")]
    [InlineData("9007199254740993.0000000000000000000000000001")]
    [InlineData("16777217")]
    [InlineData("16777217.000000000000000000000000000001")]
    [InlineData("0.1")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("1e23")]
    [InlineData("8.41e21")]
    [InlineData("5e-324")]
    [InlineData("0.000000000000000000000000000000000000000000001")]
    public void Hard_cases_read_as_the_oracle_reads_them(string text) => AssertReadAsTheOracle([text]);

    [Theory]
    [InlineData("-0", 0x8000000000000000, 0x80000000)]
    [InlineData("0e999", 0, 0)]
    [InlineData("-1e-400", 0x8000000000000000, 0x80000000)]
    [InlineData("1e400", 0x7FF0000000000000, 0x7F800000)]
    [InlineData("-1e400", 0xFFF0000000000000, 0xFF800000)]
    [InlineData("2.4703282292062327e-324", 0, 0)]                                   // just below 2^-1075, halfway to the smallest subnormal
    [InlineData("2.4703282292062328e-324", 1, 0)]                                   // just above it
    [InlineData("1.0000000596046447755", 0x3FF0000010000000, 0x3F800001)]          // just above 1 + 2^-24: the next float up, not 1
    [InlineData("1.000000059604644775390625", 0x3FF0000010000000, 0x3F800000)]     // 1 + 2^-24 exactly: ties to even, 1
    [InlineData("340282356779733661637539395458142568448", 0x47EFFFFFF0000000, 0x7F800000)]   // 2^128 − 2^103: ties to even, infinity
    [InlineData("340282356779733661637539395458142568447", 0x47EFFFFFF0000000, 0x7F7FFFFF)]
    [InlineData("3.4028235677973366e38", 0x47EFFFFFF0000000, 0x7F7FFFFF)]
    [InlineData("1.7976931348623158e308", 0x7FEFFFFFFFFFFFFF, 0x7F800000)]
    public void Known_values_read_as_these_bits(string text, ulong doubleBits, uint singleBits)
    {
        Assert.Equal(doubleBits, (ulong)BitConverter.DoubleToInt64Bits(DecimalText.ToDouble(text)));
        Assert.Equal(singleBits, (uint)BitConverter.SingleToInt32Bits(DecimalText.ToSingle(text)));
    }

    [Fact]
    public void Exact_midpoints_at_the_ends_of_the_range_round_half_to_even()
    {
        // 2^-1075 and 2^-150, halfway between zero and the smallest subnormal: zero, and the subnormal once the
        // text goes on with 1,000 zeros and a 1. 2^1024 − 2^970, halfway between the largest double and the next
        // step up, and 2^128 − 2^103 for float: infinity, and the largest value one unit lower.
        string belowDouble = Full(BigInteger.One, -1075);
        string belowSingle = Full(BigInteger.One, -150);
        string aboveDouble = Full((BigInteger.One << 54) - 1, 970);
        string tail = new string('0', 1_000) + "1";

        Assert.Equal(0, BitConverter.DoubleToInt64Bits(DecimalText.ToDouble(belowDouble)));
        Assert.Equal(1, BitConverter.DoubleToInt64Bits(DecimalText.ToDouble(belowDouble + tail)));
        Assert.Equal(0, BitConverter.SingleToInt32Bits(DecimalText.ToSingle(belowSingle)));
        Assert.Equal(1, BitConverter.SingleToInt32Bits(DecimalText.ToSingle(belowSingle + tail)));
        Assert.Equal(double.PositiveInfinity, DecimalText.ToDouble(aboveDouble));
        Assert.Equal(double.MaxValue, DecimalText.ToDouble(aboveDouble[..^1] + (char)(aboveDouble[^1] - 1)));
        AssertReadAsTheOracle([belowDouble, belowDouble + tail, belowSingle, belowSingle + tail, aboveDouble]);

        // odd · 2^k in full: an integer, or "0." and the digits of odd · 5^−k, with as many decimals as −k.
        static string Full(BigInteger odd, int k)
        {
            if (k >= 0)
            {
                return (odd << k).ToString(CultureInfo.InvariantCulture);
            }

            string digits = (odd * BigInteger.Pow(5, -k)).ToString(CultureInfo.InvariantCulture);
            return "0." + new string('0', -k - digits.Length) + digits;
        }
    }

    [Fact]
    public void Long_texts_are_read_to_their_last_digit()
    {
        // The exact midpoints 1 + 2^-53 and 1 + 2^-24, then 2,000 zeros and a final 1 that decides the rounding;
        // a hundred thousand digits of a number beyond any range, and below any.
        string doubleMidpoint = "1.00000000000000011102230246251565404236316680908203125";
        string singleMidpoint = "1.000000059604644775390625";
        string zeros = new('0', 2_000);
        string[] texts =
        [
            doubleMidpoint + zeros, doubleMidpoint + zeros + "1", singleMidpoint + zeros, singleMidpoint + zeros + "1",
            "-" + doubleMidpoint + zeros + "1e-300", singleMidpoint + zeros + "1e30",
            "1" + new string('0', 100_000), "0." + new string('0', 100_000) + "1", "-9" + new string('9', 100_000) + "e-100000",
            "0." + new string('9', 100_000) + "e-320", "1" + new string('7', 10_000) + "e-10310",
        ];

        AssertReadAsTheOracle(texts);
        Assert.Equal(1.0000000000000002, DecimalText.ToDouble(doubleMidpoint + zeros + "1"));
        Assert.Equal(1.0, DecimalText.ToDouble(doubleMidpoint + zeros));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("+1")]
    [InlineData("01")]
    [InlineData("-01.5")]
    [InlineData(".5")]
    [InlineData("1.")]
    [InlineData("1.e5")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("1e-")]
    [InlineData("1ee5")]
    [InlineData("1.2.3")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("0x10")]
    [InlineData("1,5")]
    [InlineData("１")]
    public void Text_that_is_not_a_json_number_is_refused_naming_it(string text)
    {
        ArgumentException single = Assert.Throws<ArgumentException>(() => DecimalText.ToSingle(text));
        ArgumentException @double = Assert.Throws<ArgumentException>(() => DecimalText.ToDouble(text));

        Assert.Equal("text", single.ParamName);
        Assert.Contains("expected a JSON number", single.Message, StringComparison.Ordinal);
        Assert.Contains("\"" + text + "\"", single.Message, StringComparison.Ordinal);
        Assert.Equal(single.Message, @double.Message);
    }

    [Fact]
    public void A_long_text_that_is_not_a_number_is_quoted_in_part()
    {
        ArgumentException refused = Assert.Throws<ArgumentException>(() => DecimalText.ToDouble(new string('1', 100_000) + "x"));

        Assert.Contains("…\" (100,001 characters)", refused.Message, StringComparison.Ordinal);
        Assert.True(refused.Message.Length < 200, refused.Message);
    }

    [Fact]
    public void Null_is_refused()
    {
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => DecimalText.ToDouble(null!)).ParamName);
    }

    [Fact]
    public void The_table_brackets_every_power_of_five_with_a_128_bit_significand()
    {
        for (int q = PowersOfFive.MinExponent; q <= PowersOfFive.MaxExponent; q++)
        {
            int k = PowersOfFive.Get(q, out ulong high, out ulong low);
            BigInteger t = ((BigInteger)high << 64) | low;

            // 5^q in [T, T + 1) · 2^k, compared as integers: 5^q · 2^−k for q ≥ 0, 2^−k / 5^−q otherwise.
            BigInteger scaled = q >= 0 ? Scale(BigInteger.Pow(5, q), -k) : (BigInteger.One << -k) / BigInteger.Pow(5, -q);
            Assert.True(t >= BigInteger.One << 127 && t < BigInteger.One << 128, "q = " + q);
            Assert.Equal(scaled, t);
            bool exact = q >= 0 && (k >= 0 ? t << k : t >> -k) == BigInteger.Pow(5, q) && (k >= 0 || (t & ((BigInteger.One << -k) - 1)) == 0);
            Assert.Equal(q >= 0 && q <= PowersOfFive.LargestExact, exact);
        }

        static BigInteger Scale(BigInteger value, int twoExponent) => twoExponent >= 0 ? value << twoExponent : value >> -twoExponent;
    }

    [Fact]
    public void MultiplyHigh_is_the_upper_half_of_the_full_product()
    {
        var random = new Random(20240606);
        ulong[] edges = [0, 1, uint.MaxValue, (ulong)uint.MaxValue + 1, ulong.MaxValue, ulong.MaxValue - 1, 1UL << 63];
        IEnumerable<(ulong, ulong)> pairs = edges.SelectMany(a => edges.Select(b => (a, b)))
            .Concat(Enumerable.Range(0, 10_000).Select(_ => ((ulong)random.NextInt64() * 2 + (ulong)random.Next(2), (ulong)random.NextInt64() * 2 + (ulong)random.Next(2))));
        foreach ((ulong a, ulong b) in pairs)
        {
            ulong high = DecimalText.MultiplyHigh(a, b, out ulong low);
            Assert.Equal(Math.BigMul(a, b, out ulong expectedLow), high);
            Assert.Equal(expectedLow, low);
        }
    }

    [Fact]
    public void Reading_the_numbers_a_save_writes_allocates_nothing()
    {
        string[] texts = [.. Enumerable.Range(1, 200).Select(i => (Math.Sin(i) * Math.Pow(10, (i % 9) - 4)).ToString("R", CultureInfo.InvariantCulture))];
        string[] singles = [.. Enumerable.Range(1, 200).Select(i => ((float)Math.Sin(i)).ToString("R", CultureInfo.InvariantCulture))];
        Read();

        Assert.Equal(0, Allocations.Least(Read));

        void Read()
        {
            foreach (string text in texts)
            {
                DecimalText.ToDouble(text);
            }

            foreach (string text in singles)
            {
                DecimalText.ToSingle(text);
            }
        }
    }

    /// <summary>Checks that <paramref name="read"/> gives each text's expected bits, and lists the first disagreements.</summary>
    private static void AssertReadAs(IEnumerable<(string Text, long Bits)> cases, Func<string, long> read)
    {
        List<string> failures = [.. cases.Where(c => read(c.Text) != c.Bits).Select(c => c.Text)];
        Assert.True(failures.Count == 0, Describe(failures));
    }

    /// <summary>Checks every text with both readers against .NET 10's, and lists the first disagreements.</summary>
    private static void AssertReadAsTheOracle(IEnumerable<string> texts)
    {
        var failures = new List<string>();
        int count = 0;
        foreach (string text in texts)
        {
            count++;
            double expectedDouble = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            float expectedSingle = float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (BitConverter.DoubleToInt64Bits(DecimalText.ToDouble(text)) != BitConverter.DoubleToInt64Bits(expectedDouble))
            {
                failures.Add("double " + Shorten(text));
            }

            if (BitConverter.SingleToInt32Bits(DecimalText.ToSingle(text)) != BitConverter.SingleToInt32Bits(expectedSingle))
            {
                failures.Add("float " + Shorten(text));
            }
        }

        Assert.True(count > 0, "no texts");
        Assert.True(failures.Count == 0, Describe(failures));
    }

    /// <summary>
    /// A random JSON number with 1 to 25 significant digits, its value between 10^<paramref name="minMagnitude"/>
    /// and 10^<paramref name="maxMagnitude"/>, spelled in one of the ways JSON allows.
    /// </summary>
    private static string RandomText(Random random, int minMagnitude, int maxMagnitude)
    {
        int length = random.Next(1, 26);
        var digits = new StringBuilder(length);
        digits.Append((char)('1' + random.Next(9)));
        for (int i = 1; i < length; i++)
        {
            // Runs of zeros and nines now and then: the digits of numbers near a power of ten or a midpoint.
            int kind = random.Next(10);
            digits.Append(kind == 0 ? '0' : kind == 1 ? '9' : (char)('0' + random.Next(10)));
        }

        int exponent = random.Next(minMagnitude, maxMagnitude + 1) - length;
        return (random.Next(2) == 0 ? "-" : "") + Spell(random, digits.ToString(), exponent);
    }

    /// <summary>The integer <paramref name="digits"/> times 10^<paramref name="exponent"/>, spelled in one of the ways JSON allows.</summary>
    private static string Spell(Random random, string digits, long exponent)
    {
        string e = random.Next(2) == 0 ? "e" : "E";
        switch (random.Next(4))
        {
            case 0:
                return digits + e + exponent.ToString(CultureInfo.InvariantCulture);
            case 1:
                // One digit before the point, as "R" writes: 1.2345E-07; sometimes with trailing zeros or a "+".
                string fraction = digits.Length > 1 ? "." + digits[1..] + (random.Next(4) == 0 ? "000" : "") : "";
                long scientific = exponent + digits.Length - 1;
                return digits[0] + fraction + e + (scientific >= 0 && random.Next(2) == 0 ? "+" : "") + scientific.ToString(CultureInfo.InvariantCulture);
            case 2 when exponent >= 0 && exponent < 40:
                return digits + new string('0', (int)exponent) + (random.Next(2) == 0 ? ".0" : "");
            case 2 when exponent < 0 && -exponent < digits.Length:
                return digits[..(digits.Length + (int)exponent)] + "." + digits[(digits.Length + (int)exponent)..];
            case 2 when exponent < 0 && -exponent < 400:
                return "0." + new string('0', (int)-exponent - digits.Length) + digits;
            default:
                return "0.000" + digits + e + (exponent + 3 + digits.Length).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// The midpoint between the value with bits <paramref name="pattern"/> and the next one up, exactly, as an odd
    /// integer times a power of two.
    /// </summary>
    private static (BigInteger Odd, long TwoExponent) Midpoint(long pattern, int significandBits, long smallestTwoExponent)
    {
        long field = pattern >> (significandBits - 1);
        long significand = pattern & ((1L << (significandBits - 1)) - 1);
        long unitExponent = smallestTwoExponent + 1;
        if (field > 0)
        {
            significand |= 1L << (significandBits - 1);
            unitExponent += field - 1;
        }

        return ((2 * (BigInteger)significand) + 1, unitExponent - 1);
    }

    /// <summary>The midpoint in full decimal, and with one more and one less in its last digit.</summary>
    private static IEnumerable<string> MidpointTexts(Random random, (BigInteger Odd, long TwoExponent) midpoint)
    {
        // odd · 2^k is odd · 5^−k · 10^k for k < 0, and the integer odd · 2^k otherwise.
        (BigInteger digits, long exponent) = midpoint.TwoExponent >= 0
            ? (midpoint.Odd << (int)midpoint.TwoExponent, 0L)
            : (midpoint.Odd * BigInteger.Pow(5, (int)-midpoint.TwoExponent), midpoint.TwoExponent);
        foreach (BigInteger d in new[] { digits, digits + 1, digits - 1 })
        {
            yield return Spell(random, d.ToString(CultureInfo.InvariantCulture), exponent);
        }
    }

    private static string Describe(List<string> failures) =>
        failures.Count + " disagreement(s), the first: " + string.Join("; ", failures.Take(5));

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..60] + "…" + text[^60..] + " (" + text.Length + " characters)";
}
