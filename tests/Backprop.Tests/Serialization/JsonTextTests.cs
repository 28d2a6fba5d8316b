using System;
using System.Collections.Generic;
using System.Globalization;
using Backprop.Serialization.Json;
using Xunit;

namespace Backprop.Tests.Serialization;

/// <summary>
/// <c>JsonText.Number</c>, which writes the numbers of weights JSON files (internal, so linked here as source),
/// writes text that <c>DecimalText</c> reads back to the same bits: the runtime's "R" when it does, else more
/// digits, else the exact value.
/// </summary>
public sealed class JsonTextTests
{
    [Fact]
    public void Written_numbers_read_back_to_the_same_bits()
    {
        foreach ((float single, double @double) in RandomValues(seed: 20240607, count: 20_000))
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(single), BitConverter.SingleToInt32Bits(DecimalText.ToSingle(JsonText.Number(single))));
            Assert.Equal(BitConverter.DoubleToInt64Bits(@double), BitConverter.DoubleToInt64Bits(DecimalText.ToDouble(JsonText.Number(@double))));
        }
    }

    [Theory]
    [InlineData(-25, "2.9802322387695312E-08")]
    [InlineData(-958, "4.1045368012983762E-289")]
    public void Powers_of_two_whose_shortest_text_dotnet_gets_wrong_are_written_with_seventeen_digits(int exponent, string expected)
    {
        // .NET 10.0.12 writes these with 16 digits, which read back as the double below (dotnet/runtime#131131).
        Assert.Equal(expected, JsonText.Number(Math.Pow(2, exponent)));
    }

    [Fact]
    public void Zeros_are_written_with_their_sign()
    {
        Assert.Equal("-0", JsonText.Number(-0f));
        Assert.Equal("-0", JsonText.Number(-0.0));
        Assert.Equal("0", JsonText.Number(0f));
        Assert.Equal("-0", JsonText.ExactNumber(-0.0));
        Assert.Equal("0", JsonText.ExactNumber(0.0));
    }

    [Theory]
    [InlineData(0.5, "5E-1")]
    [InlineData(-3.0, "-3")]
    [InlineData(0.1, "1000000000000000055511151231257827021181583404541015625E-55")]
    [InlineData(1e23, "99999999999999991611392")]
    [InlineData(-double.Epsilon, "-4940656458412465441765687928682213723650598026143247644255856825006755072702087518652998363616359923797965646954457177309266567103559397963987747960107818781263007131903114045278458171678489821036887186360569987307230500063874091535649843873124733972731696151400317153853980741262385655911710266585566867681870395603106249319452715914924553293054565444011274801297099995419319894090804165633245247571478690147267801593552386115501348035264934720193790268107107491703332226844753335720832431936092382893458368060106011506169809753078342277318329247904982524730776375927247874656084778203734469699533647017972677717585125660551199131504891101451037862738167250955837389733598993664809941164205702637090279242767544565229087538682506419718265533447265625E-1074")]
    public void The_exact_text_is_the_exact_value(double value, string expected)
    {
        Assert.Equal(expected, JsonText.ExactNumber(value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(DecimalText.ToDouble(expected)));
    }

    [Fact]
    public void The_exact_text_reads_back_to_the_same_bits()
    {
        foreach ((float single, double @double) in RandomValues(seed: 20240608, count: 5_000))
        {
            string singleText = JsonText.ExactNumber(single);
            string doubleText = JsonText.ExactNumber(@double);

            Assert.Equal(BitConverter.SingleToInt32Bits(single), BitConverter.SingleToInt32Bits(DecimalText.ToSingle(singleText)));
            Assert.Equal(BitConverter.DoubleToInt64Bits(@double), BitConverter.DoubleToInt64Bits(DecimalText.ToDouble(doubleText)));
            Assert.Equal(@double, double.Parse(doubleText, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Finite floats and doubles with random bits, half of them negative.</summary>
    private static IEnumerable<(float Single, double Double)> RandomValues(int seed, int count)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            int sign = i % 2 == 0 ? 1 : -1;
            yield return (BitConverter.Int32BitsToSingle(random.Next(0, 0x7F800000)) * sign, BitConverter.Int64BitsToDouble(random.NextInt64(0, 0x7FF0000000000000)) * sign);
        }
    }
}
