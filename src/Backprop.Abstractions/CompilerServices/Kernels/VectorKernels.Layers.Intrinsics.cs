#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Backprop.CompilerServices;

// .NET 8 and later: the whole-layer kernels. The row groups of eq. 1 need AVX's horizontal additions for their
// transposing reduction, so they are x86 only (every AVX machine, AVX-512 ones included, takes the 256-bit
// path); the others use the widest accelerated vector, as the row kernels do.
public static partial class VectorKernels
{
    // Eq. 1 for 8 rows at a time in 256-bit registers, on x86 with AVX: each load of x serves 8 rows, and the
    // 8 partial sums are independent. Returns how many rows it computed (a multiple of 8); the caller
    // computes the rest one by one.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MultiplyAddRowGroups(ref float matrix, ref float x, int n, ref float bias, ref float destination, int rows)
    {
        if (!Avx.IsSupported || n < Vector256<float>.Count)
        {
            return 0;
        }

        int vectorEnd = n - (n % Vector256<float>.Count);
        int j = 0;
        for (; j <= rows - 8; j += 8)
        {
            ref float w = ref Unsafe.Add(ref matrix, j * n);
            Vector256<float> s0 = Vector256<float>.Zero, s1 = Vector256<float>.Zero, s2 = Vector256<float>.Zero, s3 = Vector256<float>.Zero;
            Vector256<float> s4 = Vector256<float>.Zero, s5 = Vector256<float>.Zero, s6 = Vector256<float>.Zero, s7 = Vector256<float>.Zero;
            for (int k = 0; k < vectorEnd; k += Vector256<float>.Count)
            {
                Vector256<float> v = Vector256.LoadUnsafe(ref x, (nuint)k);
                s0 = MultiplyAdd(Vector256.LoadUnsafe(ref w, (nuint)((0 * n) + k)), v, s0);
                s1 = MultiplyAdd(Vector256.LoadUnsafe(ref w, (nuint)((1 * n) + k)), v, s1);
                s2 = MultiplyAdd(Vector256.LoadUnsafe(ref w, (nuint)((2 * n) + k)), v, s2);
                s3 = MultiplyAdd(Vector256.LoadUnsafe(ref w, (nuint)((3 * n) + k)), v, s3);
                s4 = MultiplyAdd(Vector256.LoadUnsafe(ref w, (nuint)((4 * n) + k)), v, s4);
                s5 = MultiplyAdd(Vector256.LoadUnsafe(ref w, (nuint)((5 * n) + k)), v, s5);
                s6 = MultiplyAdd(Vector256.LoadUnsafe(ref w, (nuint)((6 * n) + k)), v, s6);
                s7 = MultiplyAdd(Vector256.LoadUnsafe(ref w, (nuint)((7 * n) + k)), v, s7);
            }

            // The transposing reduction: two rounds of pairwise additions leave row r's two 128-bit halves in
            // lanes r and r + 4 of q0 (rows 0–3) and q1 (rows 4–7); adding the halves gives the eight sums in order.
            Vector256<float> q0 = Avx.HorizontalAdd(Avx.HorizontalAdd(s0, s1), Avx.HorizontalAdd(s2, s3));
            Vector256<float> q1 = Avx.HorizontalAdd(Avx.HorizontalAdd(s4, s5), Avx.HorizontalAdd(s6, s7));
            Vector256<float> sums = Avx.Permute2x128(q0, q1, 0x20) + Avx.Permute2x128(q0, q1, 0x31);

            if (vectorEnd < n)
            {
                // The last inputs (fewer than a vector), row by row in scalars, then added as one vector.
                float t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, t6 = 0, t7 = 0;
                for (int t = vectorEnd; t < n; t++)
                {
                    float xt = Unsafe.Add(ref x, t);
                    t0 += Unsafe.Add(ref w, (0 * n) + t) * xt;
                    t1 += Unsafe.Add(ref w, (1 * n) + t) * xt;
                    t2 += Unsafe.Add(ref w, (2 * n) + t) * xt;
                    t3 += Unsafe.Add(ref w, (3 * n) + t) * xt;
                    t4 += Unsafe.Add(ref w, (4 * n) + t) * xt;
                    t5 += Unsafe.Add(ref w, (5 * n) + t) * xt;
                    t6 += Unsafe.Add(ref w, (6 * n) + t) * xt;
                    t7 += Unsafe.Add(ref w, (7 * n) + t) * xt;
                }

                sums += Vector256.Create(t0, t1, t2, t3, t4, t5, t6, t7);
            }

            (sums + Vector256.LoadUnsafe(ref bias, (nuint)j)).StoreUnsafe(ref destination, (nuint)j);
        }

        return j;
    }

    // Eq. 1 for 4 rows at a time in 256-bit registers, on x86 with AVX: each load of x serves 4 rows, and the
    // 4 partial sums are independent. Returns how many rows it computed (a multiple of 4); the caller
    // computes the rest one by one.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MultiplyAddRowGroups(ref double matrix, ref double x, int n, ref double bias, ref double destination, int rows)
    {
        if (!Avx.IsSupported || n < Vector256<double>.Count)
        {
            return 0;
        }

        int vectorEnd = n - (n % Vector256<double>.Count);
        int j = 0;
        for (; j <= rows - 4; j += 4)
        {
            ref double w = ref Unsafe.Add(ref matrix, j * n);
            Vector256<double> s0 = Vector256<double>.Zero, s1 = Vector256<double>.Zero, s2 = Vector256<double>.Zero, s3 = Vector256<double>.Zero;
            for (int k = 0; k < vectorEnd; k += Vector256<double>.Count)
            {
                Vector256<double> v = Vector256.LoadUnsafe(ref x, (nuint)k);
                s0 = MultiplyAdd(Vector256.LoadUnsafe(ref w, (nuint)((0 * n) + k)), v, s0);
                s1 = MultiplyAdd(Vector256.LoadUnsafe(ref w, (nuint)((1 * n) + k)), v, s1);
                s2 = MultiplyAdd(Vector256.LoadUnsafe(ref w, (nuint)((2 * n) + k)), v, s2);
                s3 = MultiplyAdd(Vector256.LoadUnsafe(ref w, (nuint)((3 * n) + k)), v, s3);
            }

            // The transposing reduction: one round of pairwise additions leaves row r's two 128-bit halves
            // in lanes r and r + 2 of q0 (rows 0–1) and q1 (rows 2–3); adding the halves gives the four sums.
            Vector256<double> q0 = Avx.HorizontalAdd(s0, s1);
            Vector256<double> q1 = Avx.HorizontalAdd(s2, s3);
            Vector256<double> sums = Avx.Permute2x128(q0, q1, 0x20) + Avx.Permute2x128(q0, q1, 0x31);

            if (vectorEnd < n)
            {
                // The last inputs (fewer than a vector), row by row in scalars, then added as one vector.
                double t0 = 0, t1 = 0, t2 = 0, t3 = 0;
                for (int t = vectorEnd; t < n; t++)
                {
                    double xt = Unsafe.Add(ref x, t);
                    t0 += Unsafe.Add(ref w, (0 * n) + t) * xt;
                    t1 += Unsafe.Add(ref w, (1 * n) + t) * xt;
                    t2 += Unsafe.Add(ref w, (2 * n) + t) * xt;
                    t3 += Unsafe.Add(ref w, (3 * n) + t) * xt;
                }

                sums += Vector256.Create(t0, t1, t2, t3);
            }

            (sums + Vector256.LoadUnsafe(ref bias, (nuint)j)).StoreUnsafe(ref destination, (nuint)j);
        }

        return j;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> MultiplyAdd<T>(Vector256<T> a, Vector256<T> b, Vector256<T> addend)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Fma.IsSupported && typeof(T) == typeof(float))
        {
            return Fma.MultiplyAdd(a.AsSingle(), b.AsSingle(), addend.AsSingle()).As<float, T>();
        }

        if (Fma.IsSupported && typeof(T) == typeof(double))
        {
            return Fma.MultiplyAdd(a.AsDouble(), b.AsDouble(), addend.AsDouble()).As<double, T>();
        }

        return (a * b) + addend;
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
