using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Numerics;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace Backprop.CompilerServices;

// Whether a span holds only finite values, vectorized: the checks of every input and target before a step.
public static partial class VectorKernels
{
    // x − x is 0 for a finite x and NaN for NaN and ±∞; NaN survives any sum, so the partial sums of x − x
    // are all 0 exactly when every value is finite. No branch per element.
    internal static bool AllFinite(ReadOnlySpan<float> values) =>
        AllFiniteCore(ref MemoryMarshal.GetReference(values), values.Length);

    internal static bool AllFinite(ReadOnlySpan<double> values) =>
        AllFiniteCore(ref MemoryMarshal.GetReference(values), values.Length);

#if NET8_0_OR_GREATER
    private static bool AllFiniteCore<T>(ref T start, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        T scalar = T.Zero;
        if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            Vector256<T> s0 = Vector256<T>.Zero, s1 = Vector256<T>.Zero;
            int n = Vector256<T>.Count;
            for (; i <= length - (2 * n); i += 2 * n)
            {
                Vector256<T> a = Vector256.LoadUnsafe(ref start, (nuint)i);
                Vector256<T> b = Vector256.LoadUnsafe(ref start, (nuint)(i + n));
                s0 += a - a;
                s1 += b - b;
            }

            for (; i <= length - n; i += n)
            {
                Vector256<T> a = Vector256.LoadUnsafe(ref start, (nuint)i);
                s0 += a - a;
            }

            if (!Vector256.EqualsAll(s0 + s1, Vector256<T>.Zero))
            {
                return false;
            }
        }
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<T>.Count)
        {
            Vector128<T> s0 = Vector128<T>.Zero;
            for (; i <= length - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                Vector128<T> a = Vector128.LoadUnsafe(ref start, (nuint)i);
                s0 += a - a;
            }

            if (!Vector128.EqualsAll(s0, Vector128<T>.Zero))
            {
                return false;
            }
        }

        for (; i < length; i++)
        {
            T x = Unsafe.Add(ref start, i);
            scalar += x - x;
        }

        return scalar == T.Zero;
    }
#else
    private static bool AllFiniteCore(ref float start, int length)
    {
        int i = 0;
        float scalar = 0f;
        if (Vector.IsHardwareAccelerated && length >= Vector<float>.Count)
        {
            Vector<float> sum = Vector<float>.Zero;
            for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector<float> a = Load(ref start, i);
                sum += a - a;
            }

            if (!Vector.EqualsAll(sum, Vector<float>.Zero))
            {
                return false;
            }
        }

        for (; i < length; i++)
        {
            float x = Unsafe.Add(ref start, i);
            scalar += x - x;
        }

        return scalar == 0f;
    }

    private static bool AllFiniteCore(ref double start, int length)
    {
        int i = 0;
        double scalar = 0.0;
        if (Vector.IsHardwareAccelerated && length >= Vector<double>.Count)
        {
            Vector<double> sum = Vector<double>.Zero;
            for (; i <= length - Vector<double>.Count; i += Vector<double>.Count)
            {
                Vector<double> a = Load(ref start, i);
                sum += a - a;
            }

            if (!Vector.EqualsAll(sum, Vector<double>.Zero))
            {
                return false;
            }
        }

        for (; i < length; i++)
        {
            double x = Unsafe.Add(ref start, i);
            scalar += x - x;
        }

        return scalar == 0.0;
    }
#endif
}
