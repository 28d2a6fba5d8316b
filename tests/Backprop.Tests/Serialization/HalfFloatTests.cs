using System;
using Backprop.Serialization;
using Xunit;

namespace Backprop.Tests.Serialization;

/// <summary>F16 and BF16 to float, on known bit patterns and then on all 65,536 of each.</summary>
public sealed class HalfFloatTests
{
    [Theory]
    [InlineData(0x0000, 0x00000000u)] // +0
    [InlineData(0x8000, 0x80000000u)] // −0 keeps its sign
    [InlineData(0x3C00, 0x3F800000u)] // 1
    [InlineData(0xC000, 0xC0000000u)] // −2
    [InlineData(0x3555, 0x3EAAA000u)] // 0.333251953125, the F16 nearest 1/3
    [InlineData(0x7BFF, 0x477FE000u)] // 65504, the largest F16
    [InlineData(0x0400, 0x38800000u)] // 2⁻¹⁴, the smallest normal
    [InlineData(0x03FF, 0x387FC000u)] // 1023·2⁻²⁴, the largest subnormal
    [InlineData(0x0001, 0x33800000u)] // 2⁻²⁴, the smallest subnormal
    [InlineData(0x8001, 0xB3800000u)] // −2⁻²⁴
    [InlineData(0x7C00, 0x7F800000u)] // +∞
    [InlineData(0xFC00, 0xFF800000u)] // −∞
    [InlineData(0x7E00, 0x7FC00000u)] // quiet NaN
    [InlineData(0x7C01, 0x7F802000u)] // signaling NaN: payload kept, still a NaN
    [InlineData(0xFE00, 0xFFC00000u)] // negative quiet NaN
    public void Half_bits_convert_to_the_exact_float_bits(int half, uint single) =>
        Assert.Equal(single, BitConverter.SingleToUInt32Bits(HalfFloat.FromHalfBits((ushort)half)));

    [Fact]
    public void Every_half_converts_like_System_Half()
    {
        for (int bits = 0; bits <= ushort.MaxValue; bits++)
        {
            float expected = (float)BitConverter.UInt16BitsToHalf((ushort)bits);
            float actual = HalfFloat.FromHalfBits((ushort)bits);
            if (float.IsNaN(expected))
            {
                Assert.True(float.IsNaN(actual), $"0x{bits:X4} should be NaN but is {actual}.");
            }
            else
            {
                Assert.True(BitConverter.SingleToUInt32Bits(expected) == BitConverter.SingleToUInt32Bits(actual), $"0x{bits:X4} should be {expected:R} but is {actual:R}.");
            }
        }
    }

    [Fact]
    public void Every_half_is_its_definition_and_every_NaN_keeps_its_sign_and_payload()
    {
        // binary16 by its definition, apart from System.Half: (−1)^s · f · 2^(e − 25) for e = 0 (subnormal), and
        // (−1)^s · (2¹⁰ + f) · 2^(e − 25) otherwise; every such product is exact in double. A NaN keeps its sign
        // and its payload in the top fraction bits.
        for (int bits = 0; bits <= ushort.MaxValue; bits++)
        {
            int sign = bits >> 15;
            int exponent = (bits >> 10) & 0x1F;
            int fraction = bits & 0x3FF;
            uint actual = BitConverter.SingleToUInt32Bits(HalfFloat.FromHalfBits((ushort)bits));
            uint expected;
            if (exponent == 0x1F)
            {
                expected = ((uint)sign << 31) | 0x7F800000u | ((uint)fraction << 13);
            }
            else
            {
                double magnitude = Math.ScaleB(exponent == 0 ? fraction : 1024 + fraction, Math.Max(exponent, 1) - 25);
                expected = BitConverter.SingleToUInt32Bits((float)(sign == 1 ? -magnitude : magnitude));
            }

            Assert.True(expected == actual, $"0x{bits:X4} should be the float bits 0x{expected:X8} but is 0x{actual:X8}.");
        }
    }

    [Theory]
    [InlineData(0x0000, 0x00000000u)] // +0
    [InlineData(0x8000, 0x80000000u)] // −0
    [InlineData(0x3F80, 0x3F800000u)] // 1
    [InlineData(0xC049, 0xC0490000u)] // −3.140625, the BF16 just below π in magnitude
    [InlineData(0x7F7F, 0x7F7F0000u)] // 3.3895314E+38, the largest BF16
    [InlineData(0x0080, 0x00800000u)] // 2⁻¹²⁶, the smallest normal
    [InlineData(0x0001, 0x00010000u)] // 2⁻¹³³, the smallest subnormal
    [InlineData(0x7F80, 0x7F800000u)] // +∞
    [InlineData(0xFF80, 0xFF800000u)] // −∞
    [InlineData(0x7FC0, 0x7FC00000u)] // quiet NaN
    [InlineData(0x7F81, 0x7F810000u)] // signaling NaN
    public void BFloat16_bits_convert_to_the_exact_float_bits(int bfloat, uint single) =>
        Assert.Equal(single, BitConverter.SingleToUInt32Bits(HalfFloat.FromBFloat16Bits((ushort)bfloat)));

    [Fact]
    public void Every_bfloat16_is_the_top_half_of_its_float()
    {
        for (uint bits = 0; bits <= ushort.MaxValue; bits++)
        {
            Assert.Equal(bits << 16, BitConverter.SingleToUInt32Bits(HalfFloat.FromBFloat16Bits((ushort)bits)));
        }
    }
}
