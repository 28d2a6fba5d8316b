using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace Backprop.CompilerServices;

/// <summary>
/// Applies an <see cref="ISingleFunction"/> to every element of a span: the widest accelerated vectors first,
/// then narrower ones for what is left, then the scalar function. Every width gives the scalar function's bits,
/// so which ones run changes the speed only.
/// </summary>
internal static class Elementwise
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Apply<TFunction>(Span<float> values)
        where TFunction : struct, ISingleFunction
    {
        TFunction function = default;
        ref float start = ref MemoryMarshal.GetReference(values);
        int length = values.Length;
        int i = 0;
#if NET8_0_OR_GREATER
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                function.Apply(Vector512.LoadUnsafe(ref start, (nuint)i)).StoreUnsafe(ref start, (nuint)i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                function.Apply(Vector256.LoadUnsafe(ref start, (nuint)i)).StoreUnsafe(ref start, (nuint)i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= length - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                function.Apply(Vector128.LoadUnsafe(ref start, (nuint)i)).StoreUnsafe(ref start, (nuint)i);
            }
        }
#else
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
            {
                ref byte slot = ref Unsafe.As<float, byte>(ref Unsafe.Add(ref start, i));
                Unsafe.WriteUnaligned(ref slot, function.Apply(Unsafe.ReadUnaligned<Vector<float>>(ref slot)));
            }
        }
#endif

        for (; i < length; i++)
        {
            Unsafe.Add(ref start, i) = function.Apply(Unsafe.Add(ref start, i));
        }
    }
}
