#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Backprop.CompilerServices;

// .NET 8 and later: the whole-layer kernels, on the widest accelerated vector, as the row kernels.
public static partial class VectorKernels
{
    // Eq. 1 for four rows at a time (Dot4Core's accumulation with the rows of the matrix): each load of x serves
    // four rows, and each row's sum is Dot's to the bit. The tree leaves the four sums in one or two vectors, to
    // which the biases are added and which are stored as vectors (the same additions, element by element).
    // Returns how many rows it computed (a multiple of four); the caller computes the rest one by one with Dot.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MultiplyAddRowGroups<T>(ref T matrix, ref T x, int n, ref T bias, ref T destination, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Scratch for the last elements where there are no masked loads; CopyToBlock pads them (see Accumulate4x512).
        Unsafe.SkipInit(out LaneBlock sharedBlock);
        Unsafe.SkipInit(out LaneBlock rowBlock);
        int j = 0;
        for (; j <= rows - RowsPerPass; j += RowsPerPass)
        {
            ref T w = ref Unsafe.Add(ref matrix, j * n);
            ref T b = ref Unsafe.Add(ref bias, j);
            ref T d = ref Unsafe.Add(ref destination, j);
            Vector128<T> q0, q1, q2, q3;
            if (Vector512.IsHardwareAccelerated)
            {
                Accumulate4x512(ref x, ref w, n, n, ref sharedBlock, ref rowBlock, out Vector512<T> s0, out Vector512<T> s1, out Vector512<T> s2, out Vector512<T> s3);
                if (Avx512F.IsSupported && typeof(T) == typeof(float))
                {
                    (SumLanes(s0.AsSingle(), s1.AsSingle(), s2.AsSingle(), s3.AsSingle()) + Vector128.LoadUnsafe(ref Unsafe.As<T, float>(ref b)))
                        .StoreUnsafe(ref Unsafe.As<T, float>(ref d));
                    continue;
                }

                if (Avx512F.IsSupported)
                {
                    (SumLanes(s0.AsDouble(), s1.AsDouble(), s2.AsDouble(), s3.AsDouble()) + Vector256.LoadUnsafe(ref Unsafe.As<T, double>(ref b)))
                        .StoreUnsafe(ref Unsafe.As<T, double>(ref d));
                    continue;
                }

                (q0, q1, q2, q3) = (Fold(s0), Fold(s1), Fold(s2), Fold(s3));
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                Accumulate4x256(ref x, ref w, n, n, ref sharedBlock, ref rowBlock, out q0, out q1, out q2, out q3);
            }
            else if (Vector128.IsHardwareAccelerated)
            {
                Accumulate4x128(ref x, ref w, n, n, ref sharedBlock, ref rowBlock, out q0, out q1, out q2, out q3);
            }
            else
            {
                for (int r = 0; r < RowsPerPass; r++)
                {
                    Unsafe.Add(ref d, r) = DotScalar(ref x, ref Unsafe.Add(ref w, r * n), n) + Unsafe.Add(ref b, r);
                }

                continue;
            }

            StoreSumsPlusBias(q0, q1, q2, q3, ref b, ref d);
        }

        return j;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyTransposedCore<T>(ref T matrix, ref T scales, int rows, ref T destination, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // One method per width keeps what the JIT inlines small: it drops the calls of the widths not taken.
        int k = 0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            k = MultiplyTransposed512(ref matrix, ref scales, rows, ref destination, n);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            k = MultiplyTransposed256(ref matrix, ref scales, rows, ref destination, n);
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<T>.Count)
        {
            k = MultiplyTransposed128(ref matrix, ref scales, rows, ref destination, n);
        }

        for (; k < n; k++)
        {
            T sum = T.Zero;
            for (int i = 0; i < rows; i++)
            {
                sum += Unsafe.Add(ref scales, i) * Unsafe.Add(ref matrix, (i * n) + k);
            }

            Unsafe.Add(ref destination, k) = sum;
        }
    }

    // Vector512: four vectors of the result in registers while every row goes by, then one at a time. Returns
    // where it stopped.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MultiplyTransposed512<T>(ref T matrix, ref T scales, int rows, ref T destination, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = Vector512<T>.Count;
        int k = 0;
        for (; k <= n - (4 * c); k += 4 * c)
        {
            Vector512<T> c0 = Vector512<T>.Zero, c1 = Vector512<T>.Zero, c2 = Vector512<T>.Zero, c3 = Vector512<T>.Zero;
            for (int i = 0; i < rows; i++)
            {
                Vector512<T> s = Vector512.Create(Unsafe.Add(ref scales, i));
                ref T row = ref Unsafe.Add(ref matrix, (i * n) + k);
                c0 += s * Vector512.LoadUnsafe(ref row);
                c1 += s * Vector512.LoadUnsafe(ref row, (nuint)c);
                c2 += s * Vector512.LoadUnsafe(ref row, (nuint)(2 * c));
                c3 += s * Vector512.LoadUnsafe(ref row, (nuint)(3 * c));
            }

            c0.StoreUnsafe(ref destination, (nuint)k);
            c1.StoreUnsafe(ref destination, (nuint)(k + c));
            c2.StoreUnsafe(ref destination, (nuint)(k + (2 * c)));
            c3.StoreUnsafe(ref destination, (nuint)(k + (3 * c)));
        }

        for (; k <= n - c; k += c)
        {
            Vector512<T> c0 = Vector512<T>.Zero;
            for (int i = 0; i < rows; i++)
            {
                c0 += Vector512.Create(Unsafe.Add(ref scales, i)) * Vector512.LoadUnsafe(ref matrix, (nuint)((i * n) + k));
            }

            c0.StoreUnsafe(ref destination, (nuint)k);
        }

        return k;
    }

    // Vector256: four vectors of the result in registers while every row goes by, then one at a time. Returns
    // where it stopped.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MultiplyTransposed256<T>(ref T matrix, ref T scales, int rows, ref T destination, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = Vector256<T>.Count;
        int k = 0;
        for (; k <= n - (4 * c); k += 4 * c)
        {
            Vector256<T> c0 = Vector256<T>.Zero, c1 = Vector256<T>.Zero, c2 = Vector256<T>.Zero, c3 = Vector256<T>.Zero;
            for (int i = 0; i < rows; i++)
            {
                Vector256<T> s = Vector256.Create(Unsafe.Add(ref scales, i));
                ref T row = ref Unsafe.Add(ref matrix, (i * n) + k);
                c0 += s * Vector256.LoadUnsafe(ref row);
                c1 += s * Vector256.LoadUnsafe(ref row, (nuint)c);
                c2 += s * Vector256.LoadUnsafe(ref row, (nuint)(2 * c));
                c3 += s * Vector256.LoadUnsafe(ref row, (nuint)(3 * c));
            }

            c0.StoreUnsafe(ref destination, (nuint)k);
            c1.StoreUnsafe(ref destination, (nuint)(k + c));
            c2.StoreUnsafe(ref destination, (nuint)(k + (2 * c)));
            c3.StoreUnsafe(ref destination, (nuint)(k + (3 * c)));
        }

        for (; k <= n - c; k += c)
        {
            Vector256<T> c0 = Vector256<T>.Zero;
            for (int i = 0; i < rows; i++)
            {
                c0 += Vector256.Create(Unsafe.Add(ref scales, i)) * Vector256.LoadUnsafe(ref matrix, (nuint)((i * n) + k));
            }

            c0.StoreUnsafe(ref destination, (nuint)k);
        }

        return k;
    }

    // Vector128: four vectors of the result in registers while every row goes by, then one at a time. Returns
    // where it stopped.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MultiplyTransposed128<T>(ref T matrix, ref T scales, int rows, ref T destination, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = Vector128<T>.Count;
        int k = 0;
        for (; k <= n - (4 * c); k += 4 * c)
        {
            Vector128<T> c0 = Vector128<T>.Zero, c1 = Vector128<T>.Zero, c2 = Vector128<T>.Zero, c3 = Vector128<T>.Zero;
            for (int i = 0; i < rows; i++)
            {
                Vector128<T> s = Vector128.Create(Unsafe.Add(ref scales, i));
                ref T row = ref Unsafe.Add(ref matrix, (i * n) + k);
                c0 += s * Vector128.LoadUnsafe(ref row);
                c1 += s * Vector128.LoadUnsafe(ref row, (nuint)c);
                c2 += s * Vector128.LoadUnsafe(ref row, (nuint)(2 * c));
                c3 += s * Vector128.LoadUnsafe(ref row, (nuint)(3 * c));
            }

            c0.StoreUnsafe(ref destination, (nuint)k);
            c1.StoreUnsafe(ref destination, (nuint)(k + c));
            c2.StoreUnsafe(ref destination, (nuint)(k + (2 * c)));
            c3.StoreUnsafe(ref destination, (nuint)(k + (3 * c)));
        }

        for (; k <= n - c; k += c)
        {
            Vector128<T> c0 = Vector128<T>.Zero;
            for (int i = 0; i < rows; i++)
            {
                c0 += Vector128.Create(Unsafe.Add(ref scales, i)) * Vector128.LoadUnsafe(ref matrix, (nuint)((i * n) + k));
            }

            c0.StoreUnsafe(ref destination, (nuint)k);
        }

        return k;
    }

    // matrix − (−1)·(s·x) is matrix + s·x to the bit (negation is exact, and a − (−b) is a + b), so the gradient's
    // outer product is the training step's with a rate of −1.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddOuterProductCore<T>(ref T matrix, ref T scales, int rows, ref T input, int n)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        SubtractScaledOuterProductCore(ref matrix, -T.One, ref scales, rows, ref input, n);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SubtractScaledOuterProductCore<T>(ref T matrix, T rate, ref T scales, int rows, ref T input, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // From the last row to the first: eq. 1 read Wˡ from the first row to the last, so the rows it read
        // last are the likeliest still to be in the cache, and are stepped first.
        int j = 0;
        for (; j <= rows - 4; j += 4)
        {
            ref T r0 = ref Unsafe.Add(ref matrix, j * n);
            ref T r1 = ref Unsafe.Add(ref r0, n);
            ref T r2 = ref Unsafe.Add(ref r1, n);
            ref T r3 = ref Unsafe.Add(ref r2, n);
            T s0 = Unsafe.Add(ref scales, j), s1 = Unsafe.Add(ref scales, j + 1), s2 = Unsafe.Add(ref scales, j + 2), s3 = Unsafe.Add(ref scales, j + 3);
            int k = 0;
            if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
            {
                Vector512<T> r = Vector512.Create(rate);
                Vector512<T> v0 = Vector512.Create(s0), v1 = Vector512.Create(s1), v2 = Vector512.Create(s2), v3 = Vector512.Create(s3);
                for (; k <= n - Vector512<T>.Count; k += Vector512<T>.Count)
                {
                    Vector512<T> x = Vector512.LoadUnsafe(ref input, (nuint)k);
                    (Vector512.LoadUnsafe(ref r0, (nuint)k) - (r * (v0 * x))).StoreUnsafe(ref r0, (nuint)k);
                    (Vector512.LoadUnsafe(ref r1, (nuint)k) - (r * (v1 * x))).StoreUnsafe(ref r1, (nuint)k);
                    (Vector512.LoadUnsafe(ref r2, (nuint)k) - (r * (v2 * x))).StoreUnsafe(ref r2, (nuint)k);
                    (Vector512.LoadUnsafe(ref r3, (nuint)k) - (r * (v3 * x))).StoreUnsafe(ref r3, (nuint)k);
                }
            }
            else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
            {
                Vector256<T> r = Vector256.Create(rate);
                Vector256<T> v0 = Vector256.Create(s0), v1 = Vector256.Create(s1), v2 = Vector256.Create(s2), v3 = Vector256.Create(s3);
                for (; k <= n - Vector256<T>.Count; k += Vector256<T>.Count)
                {
                    Vector256<T> x = Vector256.LoadUnsafe(ref input, (nuint)k);
                    (Vector256.LoadUnsafe(ref r0, (nuint)k) - (r * (v0 * x))).StoreUnsafe(ref r0, (nuint)k);
                    (Vector256.LoadUnsafe(ref r1, (nuint)k) - (r * (v1 * x))).StoreUnsafe(ref r1, (nuint)k);
                    (Vector256.LoadUnsafe(ref r2, (nuint)k) - (r * (v2 * x))).StoreUnsafe(ref r2, (nuint)k);
                    (Vector256.LoadUnsafe(ref r3, (nuint)k) - (r * (v3 * x))).StoreUnsafe(ref r3, (nuint)k);
                }
            }
            else if (Vector128.IsHardwareAccelerated && n >= Vector128<T>.Count)
            {
                Vector128<T> r = Vector128.Create(rate);
                Vector128<T> v0 = Vector128.Create(s0), v1 = Vector128.Create(s1), v2 = Vector128.Create(s2), v3 = Vector128.Create(s3);
                for (; k <= n - Vector128<T>.Count; k += Vector128<T>.Count)
                {
                    Vector128<T> x = Vector128.LoadUnsafe(ref input, (nuint)k);
                    (Vector128.LoadUnsafe(ref r0, (nuint)k) - (r * (v0 * x))).StoreUnsafe(ref r0, (nuint)k);
                    (Vector128.LoadUnsafe(ref r1, (nuint)k) - (r * (v1 * x))).StoreUnsafe(ref r1, (nuint)k);
                    (Vector128.LoadUnsafe(ref r2, (nuint)k) - (r * (v2 * x))).StoreUnsafe(ref r2, (nuint)k);
                    (Vector128.LoadUnsafe(ref r3, (nuint)k) - (r * (v3 * x))).StoreUnsafe(ref r3, (nuint)k);
                }
            }

            for (; k < n; k++)
            {
                T xk = Unsafe.Add(ref input, k);
                Unsafe.Add(ref r0, k) -= rate * (s0 * xk);
                Unsafe.Add(ref r1, k) -= rate * (s1 * xk);
                Unsafe.Add(ref r2, k) -= rate * (s2 * xk);
                Unsafe.Add(ref r3, k) -= rate * (s3 * xk);
            }
        }

        for (; j < rows; j++)
        {
            SubtractScaledProductCore(ref Unsafe.Add(ref matrix, j * n), rate, Unsafe.Add(ref scales, j), ref input, n);
        }
    }
}
#endif
