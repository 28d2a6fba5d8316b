#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backprop.CompilerServices;

// .NET 8 and later: the widest accelerated of Vector512, Vector256 and Vector128. Each IsHardwareAccelerated
// is a constant to the JIT, which keeps one branch and drops the others.
public static partial class VectorKernels
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T DotCore<T>(ref T x, ref T y, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        T sum = T.Zero;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<T>.Count)
        {
            // Four independent partial sums hide the latency of the additions.
            int n = Vector512<T>.Count;
            Vector512<T> s0 = Vector512<T>.Zero, s1 = Vector512<T>.Zero, s2 = Vector512<T>.Zero, s3 = Vector512<T>.Zero;
            for (; i <= length - (4 * n); i += 4 * n)
            {
                s0 += Vector512.LoadUnsafe(ref x, (nuint)i) * Vector512.LoadUnsafe(ref y, (nuint)i);
                s1 += Vector512.LoadUnsafe(ref x, (nuint)(i + n)) * Vector512.LoadUnsafe(ref y, (nuint)(i + n));
                s2 += Vector512.LoadUnsafe(ref x, (nuint)(i + (2 * n))) * Vector512.LoadUnsafe(ref y, (nuint)(i + (2 * n)));
                s3 += Vector512.LoadUnsafe(ref x, (nuint)(i + (3 * n))) * Vector512.LoadUnsafe(ref y, (nuint)(i + (3 * n)));
            }

            for (; i <= length - n; i += n)
            {
                s0 += Vector512.LoadUnsafe(ref x, (nuint)i) * Vector512.LoadUnsafe(ref y, (nuint)i);
            }

            sum = Vector512.Sum((s0 + s1) + (s2 + s3));
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            int n = Vector256<T>.Count;
            Vector256<T> s0 = Vector256<T>.Zero, s1 = Vector256<T>.Zero, s2 = Vector256<T>.Zero, s3 = Vector256<T>.Zero;
            for (; i <= length - (4 * n); i += 4 * n)
            {
                s0 += Vector256.LoadUnsafe(ref x, (nuint)i) * Vector256.LoadUnsafe(ref y, (nuint)i);
                s1 += Vector256.LoadUnsafe(ref x, (nuint)(i + n)) * Vector256.LoadUnsafe(ref y, (nuint)(i + n));
                s2 += Vector256.LoadUnsafe(ref x, (nuint)(i + (2 * n))) * Vector256.LoadUnsafe(ref y, (nuint)(i + (2 * n)));
                s3 += Vector256.LoadUnsafe(ref x, (nuint)(i + (3 * n))) * Vector256.LoadUnsafe(ref y, (nuint)(i + (3 * n)));
            }

            for (; i <= length - n; i += n)
            {
                s0 += Vector256.LoadUnsafe(ref x, (nuint)i) * Vector256.LoadUnsafe(ref y, (nuint)i);
            }

            sum = Vector256.Sum((s0 + s1) + (s2 + s3));
        }
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<T>.Count)
        {
            int n = Vector128<T>.Count;
            Vector128<T> s0 = Vector128<T>.Zero, s1 = Vector128<T>.Zero;
            for (; i <= length - (2 * n); i += 2 * n)
            {
                s0 += Vector128.LoadUnsafe(ref x, (nuint)i) * Vector128.LoadUnsafe(ref y, (nuint)i);
                s1 += Vector128.LoadUnsafe(ref x, (nuint)(i + n)) * Vector128.LoadUnsafe(ref y, (nuint)(i + n));
            }

            for (; i <= length - n; i += n)
            {
                s0 += Vector128.LoadUnsafe(ref x, (nuint)i) * Vector128.LoadUnsafe(ref y, (nuint)i);
            }

            sum = Vector128.Sum(s0 + s1);
        }

        for (; i < length; i++)
        {
            sum += Unsafe.Add(ref x, i) * Unsafe.Add(ref y, i);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaledCore<T>(ref T destination, T scale, ref T x, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<T>.Count)
        {
            Vector512<T> s = Vector512.Create(scale);
            for (; i <= length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                (Vector512.LoadUnsafe(ref destination, (nuint)i) + (s * Vector512.LoadUnsafe(ref x, (nuint)i))).StoreUnsafe(ref destination, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            Vector256<T> s = Vector256.Create(scale);
            for (; i <= length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                (Vector256.LoadUnsafe(ref destination, (nuint)i) + (s * Vector256.LoadUnsafe(ref x, (nuint)i))).StoreUnsafe(ref destination, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<T>.Count)
        {
            Vector128<T> s = Vector128.Create(scale);
            for (; i <= length - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                (Vector128.LoadUnsafe(ref destination, (nuint)i) + (s * Vector128.LoadUnsafe(ref x, (nuint)i))).StoreUnsafe(ref destination, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref destination, i) += scale * Unsafe.Add(ref x, i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SubtractScaledProductCore<T>(ref T destination, T rate, T scale, ref T x, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<T>.Count)
        {
            Vector512<T> r = Vector512.Create(rate), s = Vector512.Create(scale);
            for (; i <= length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                (Vector512.LoadUnsafe(ref destination, (nuint)i) - (r * (s * Vector512.LoadUnsafe(ref x, (nuint)i)))).StoreUnsafe(ref destination, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            Vector256<T> r = Vector256.Create(rate), s = Vector256.Create(scale);
            for (; i <= length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                (Vector256.LoadUnsafe(ref destination, (nuint)i) - (r * (s * Vector256.LoadUnsafe(ref x, (nuint)i)))).StoreUnsafe(ref destination, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<T>.Count)
        {
            Vector128<T> r = Vector128.Create(rate), s = Vector128.Create(scale);
            for (; i <= length - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                (Vector128.LoadUnsafe(ref destination, (nuint)i) - (r * (s * Vector128.LoadUnsafe(ref x, (nuint)i)))).StoreUnsafe(ref destination, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref destination, i) -= rate * (scale * Unsafe.Add(ref x, i));
        }
    }
}
#endif
