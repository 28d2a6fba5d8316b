using System;
using System.Runtime.CompilerServices;

namespace Backprop.CompilerServices;

/// <summary>The bits of a float or double as an integer and back, on every target framework.</summary>
internal static class Bits
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Of(float value) =>
#if NET8_0_OR_GREATER
        BitConverter.SingleToInt32Bits(value);
#else
        Unsafe.As<float, int>(ref value);
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToSingle(int bits) =>
#if NET8_0_OR_GREATER
        BitConverter.Int32BitsToSingle(bits);
#else
        Unsafe.As<int, float>(ref bits);
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Of(double value) => BitConverter.DoubleToInt64Bits(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToDouble(long bits) => BitConverter.Int64BitsToDouble(bits);

    /// <summary>|value| with the sign of <paramref name="sign"/>, bit for bit (−0 stays −0), as vectors do it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float WithSignOf(float magnitude, float sign) =>
        ToSingle(Of(magnitude) | (Of(sign) & int.MinValue));

    /// <summary>|value| with the sign of <paramref name="sign"/>, bit for bit (−0 stays −0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double WithSignOf(double magnitude, double sign) =>
        ToDouble(Of(magnitude) | (Of(sign) & long.MinValue));
}
