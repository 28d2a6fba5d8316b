using System;

namespace Backprop.Serialization;

/// <summary>The bits of a <see cref="float"/>, on every target (netstandard2.0 lacks the BitConverter methods).</summary>
internal static class FloatBits
{
    public static int ToBits(float value) =>
#if NETSTANDARD2_0
        System.Runtime.CompilerServices.Unsafe.As<float, int>(ref value);
#else
        BitConverter.SingleToInt32Bits(value);
#endif

    public static float FromBits(int bits) =>
#if NETSTANDARD2_0
        System.Runtime.CompilerServices.Unsafe.As<int, float>(ref bits);
#else
        BitConverter.Int32BitsToSingle(bits);
#endif
}
