using System;
using System.Buffers.Binary;

namespace Backprop.Serialization;

/// <summary>
/// The bits of a <see cref="float"/>, on every target (netstandard2.0 lacks the BitConverter methods), and the
/// little-endian values that the binary formats store.
/// </summary>
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

    /// <summary>
    /// Writes <paramref name="values"/> one after another, little-endian, each as a float (4 bytes, rounded) or
    /// a double (8 bytes): the parameter data of the binary model file and of safetensors.
    /// </summary>
    public static void WriteLittleEndian(ReadOnlySpan<double> values, int valueSize, Span<byte> destination)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (valueSize == 4)
            {
                BinaryPrimitives.WriteInt32LittleEndian(destination.Slice(4 * i), ToBits((float)values[i]));
            }
            else
            {
                BinaryPrimitives.WriteInt64LittleEndian(destination.Slice(8 * i), BitConverter.DoubleToInt64Bits(values[i]));
            }
        }
    }
}
