#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backprop.CompilerServices;

public static partial class VectorKernels
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dot4Core<T>(ref T x, ref T rows, int n, out T dot0, out T dot1, out T dot2, out T dot3)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T r0 = ref rows;
        ref T r1 = ref Unsafe.Add(ref rows, n);
        ref T r2 = ref Unsafe.Add(ref rows, 2 * n);
        ref T r3 = ref Unsafe.Add(ref rows, 3 * n);
        int i = 0;
        T d0 = T.Zero, d1 = T.Zero, d2 = T.Zero, d3 = T.Zero;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            Vector512<T> s0 = Vector512<T>.Zero, s1 = Vector512<T>.Zero, s2 = Vector512<T>.Zero, s3 = Vector512<T>.Zero;
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                Vector512<T> w = Vector512.LoadUnsafe(ref x, (nuint)i);
                s0 += w * Vector512.LoadUnsafe(ref r0, (nuint)i);
                s1 += w * Vector512.LoadUnsafe(ref r1, (nuint)i);
                s2 += w * Vector512.LoadUnsafe(ref r2, (nuint)i);
                s3 += w * Vector512.LoadUnsafe(ref r3, (nuint)i);
            }

            d0 = Vector512.Sum(s0);
            d1 = Vector512.Sum(s1);
            d2 = Vector512.Sum(s2);
            d3 = Vector512.Sum(s3);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            Vector256<T> s0 = Vector256<T>.Zero, s1 = Vector256<T>.Zero, s2 = Vector256<T>.Zero, s3 = Vector256<T>.Zero;
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                Vector256<T> w = Vector256.LoadUnsafe(ref x, (nuint)i);
                s0 += w * Vector256.LoadUnsafe(ref r0, (nuint)i);
                s1 += w * Vector256.LoadUnsafe(ref r1, (nuint)i);
                s2 += w * Vector256.LoadUnsafe(ref r2, (nuint)i);
                s3 += w * Vector256.LoadUnsafe(ref r3, (nuint)i);
            }

            d0 = Vector256.Sum(s0);
            d1 = Vector256.Sum(s1);
            d2 = Vector256.Sum(s2);
            d3 = Vector256.Sum(s3);
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<T>.Count)
        {
            Vector128<T> s0 = Vector128<T>.Zero, s1 = Vector128<T>.Zero, s2 = Vector128<T>.Zero, s3 = Vector128<T>.Zero;
            for (; i <= n - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                Vector128<T> w = Vector128.LoadUnsafe(ref x, (nuint)i);
                s0 += w * Vector128.LoadUnsafe(ref r0, (nuint)i);
                s1 += w * Vector128.LoadUnsafe(ref r1, (nuint)i);
                s2 += w * Vector128.LoadUnsafe(ref r2, (nuint)i);
                s3 += w * Vector128.LoadUnsafe(ref r3, (nuint)i);
            }

            d0 = Vector128.Sum(s0);
            d1 = Vector128.Sum(s1);
            d2 = Vector128.Sum(s2);
            d3 = Vector128.Sum(s3);
        }

        for (; i < n; i++)
        {
            T w = Unsafe.Add(ref x, i);
            d0 += w * Unsafe.Add(ref r0, i);
            d1 += w * Unsafe.Add(ref r1, i);
            d2 += w * Unsafe.Add(ref r2, i);
            d3 += w * Unsafe.Add(ref r3, i);
        }

        dot0 = d0;
        dot1 = d1;
        dot2 = d2;
        dot3 = d3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaled4Core<T>(ref T destination, T scale0, T scale1, T scale2, T scale3, ref T rows, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T r0 = ref rows;
        ref T r1 = ref Unsafe.Add(ref rows, n);
        ref T r2 = ref Unsafe.Add(ref rows, 2 * n);
        ref T r3 = ref Unsafe.Add(ref rows, 3 * n);
        int i = 0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            Vector512<T> c0 = Vector512.Create(scale0), c1 = Vector512.Create(scale1), c2 = Vector512.Create(scale2), c3 = Vector512.Create(scale3);
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                Vector512<T> d = Vector512.LoadUnsafe(ref destination, (nuint)i) + (c0 * Vector512.LoadUnsafe(ref r0, (nuint)i));
                d += c1 * Vector512.LoadUnsafe(ref r1, (nuint)i);
                d += c2 * Vector512.LoadUnsafe(ref r2, (nuint)i);
                (d + (c3 * Vector512.LoadUnsafe(ref r3, (nuint)i))).StoreUnsafe(ref destination, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            Vector256<T> c0 = Vector256.Create(scale0), c1 = Vector256.Create(scale1), c2 = Vector256.Create(scale2), c3 = Vector256.Create(scale3);
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                Vector256<T> d = Vector256.LoadUnsafe(ref destination, (nuint)i) + (c0 * Vector256.LoadUnsafe(ref r0, (nuint)i));
                d += c1 * Vector256.LoadUnsafe(ref r1, (nuint)i);
                d += c2 * Vector256.LoadUnsafe(ref r2, (nuint)i);
                (d + (c3 * Vector256.LoadUnsafe(ref r3, (nuint)i))).StoreUnsafe(ref destination, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<T>.Count)
        {
            Vector128<T> c0 = Vector128.Create(scale0), c1 = Vector128.Create(scale1), c2 = Vector128.Create(scale2), c3 = Vector128.Create(scale3);
            for (; i <= n - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                Vector128<T> d = Vector128.LoadUnsafe(ref destination, (nuint)i) + (c0 * Vector128.LoadUnsafe(ref r0, (nuint)i));
                d += c1 * Vector128.LoadUnsafe(ref r1, (nuint)i);
                d += c2 * Vector128.LoadUnsafe(ref r2, (nuint)i);
                (d + (c3 * Vector128.LoadUnsafe(ref r3, (nuint)i))).StoreUnsafe(ref destination, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            T d = Unsafe.Add(ref destination, i) + (scale0 * Unsafe.Add(ref r0, i));
            d += scale1 * Unsafe.Add(ref r1, i);
            d += scale2 * Unsafe.Add(ref r2, i);
            Unsafe.Add(ref destination, i) = d + (scale3 * Unsafe.Add(ref r3, i));
        }
    }
}
#endif
