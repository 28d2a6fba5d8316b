using System;

namespace Backprop.Serialization;

/// <summary>
/// Exact conversions from the 16-bit floating-point formats that PyTorch saves (safetensors dtypes F16 and
/// BF16) to <see cref="float"/>. Every 16-bit value has an exact <see cref="float"/>, so nothing is rounded.
/// </summary>
internal static class HalfFloat
{
    /// <summary>
    /// Converts IEEE 754 binary16 bits (1 sign, 5 exponent, 10 fraction bits; <c>torch.float16</c>) to the
    /// equal <see cref="float"/>: normal and subnormal numbers, ±0 and ±∞ exactly; a NaN stays a NaN with
    /// its sign and its payload in the top fraction bits.
    /// </summary>
    /// <param name="bits">The 16 bits, as stored (little-endian in a file, already decoded here).</param>
    /// <returns>The value.</returns>
    public static float FromHalfBits(ushort bits)
    {
        int sign = (bits >> 15) << 31;
        int exponent = (bits >> 10) & 0x1F;
        int fraction = bits & 0x3FF;
        if (exponent == 0x1F)
        {
            // Infinity (fraction 0) or NaN: all-ones exponent in float too, fraction widened in place.
            return FloatBits.FromBits(sign | 0x7F800000 | (fraction << 13));
        }

        if (exponent == 0)
        {
            // Zero or subnormal: fraction·2⁻²⁴, a product that float represents exactly.
            float magnitude = fraction * 5.9604644775390625E-08f;
            return sign != 0 ? -magnitude : magnitude;
        }

        // Normal: rebias the exponent from 15 to 127 and widen the fraction.
        return FloatBits.FromBits(sign | ((exponent - 15 + 127) << 23) | (fraction << 13));
    }

    /// <summary>
    /// Converts bfloat16 bits (<c>torch.bfloat16</c>: the top 16 bits of a <see cref="float"/>) to the equal
    /// <see cref="float"/>, including ±0, subnormals, ±∞ and NaN.
    /// </summary>
    /// <param name="bits">The 16 bits.</param>
    /// <returns>The value.</returns>
    public static float FromBFloat16Bits(ushort bits) => FloatBits.FromBits(bits << 16);
}
