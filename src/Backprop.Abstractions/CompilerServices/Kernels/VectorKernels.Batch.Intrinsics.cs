#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Backprop.CompilerServices;

// .NET 8 and later: eq. 1 over a block of rows. With AVX-512, a micro-kernel of four neurons × four rows keeps
// its 16 sums in 16 of the 32 vector registers; narrower machines have too few registers for 16 sums of 64 bytes
// of lanes each, and take each neuron's weights once for four rows (Dot4Core).
public static partial class VectorKernels
{
    // Four rows at a time, then the rows left one by one as MultiplyAdd takes them.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyAddRowsCore<T>(ref T matrix, ref T inputs, int n, ref T bias, ref T destination, int m, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int r = 0;
        for (; r <= rows - RowsPerPass; r += RowsPerPass)
        {
            MultiplyAddFourRows(ref matrix, ref Unsafe.Add(ref inputs, r * n), n, ref bias, ref Unsafe.Add(ref destination, r * m), m);
        }

        for (; r < rows; r++)
        {
            MultiplyAddOneRow(ref matrix, ref Unsafe.Add(ref inputs, r * n), n, ref bias, ref Unsafe.Add(ref destination, r * m), m);
        }
    }

    // MultiplyAdd for one row: the neurons four at a time, then one by one.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyAddOneRow<T>(ref T matrix, ref T x, int n, ref T bias, ref T destination, int m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = MultiplyAddRowGroups(ref matrix, ref x, n, ref bias, ref destination, m);
        for (; j < m; j++)
        {
            Unsafe.Add(ref destination, j) = DotCore(ref Unsafe.Add(ref matrix, j * n), ref x, n) + Unsafe.Add(ref bias, j);
        }
    }

    // Four rows: the micro-kernel over groups of four neurons where AVX-512 has the registers, then each neuron
    // left with its weights read once for the four rows.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyAddFourRows<T>(ref T matrix, ref T inputs, int n, ref T bias, ref T destination, int m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            j = MultiplyAddFourByFour512(ref matrix, ref inputs, n, ref bias, ref destination, m);
        }

        for (; j < m; j++)
        {
            Dot4Core(ref Unsafe.Add(ref matrix, j * n), ref inputs, n, n, out T dot0, out T dot1, out T dot2, out T dot3);
            T b = Unsafe.Add(ref bias, j);
            Unsafe.Add(ref destination, j) = dot0 + b;
            Unsafe.Add(ref destination, m + j) = dot1 + b;
            Unsafe.Add(ref destination, (2 * m) + j) = dot2 + b;
            Unsafe.Add(ref destination, (3 * m) + j) = dot3 + b;
        }
    }

    // Four neurons × four rows per pass over n: per block of lanes, four weight loads and four input loads feed
    // 16 products, each added to its own sum's lanes in the order of Dot. The tree (SumLanes) then turns one row's
    // four sums into one vector, to which the four biases are added and which is stored in one go. Returns how
    // many neurons it computed, a multiple of four.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MultiplyAddFourByFour512<T>(ref T matrix, ref T inputs, int n, ref T bias, ref T destination, int m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        LaneBlock block = default;
        int lanes = Vector512<T>.Count;
        ref T x0 = ref inputs;
        ref T x1 = ref Unsafe.Add(ref inputs, n);
        ref T x2 = ref Unsafe.Add(ref inputs, 2 * n);
        ref T x3 = ref Unsafe.Add(ref inputs, 3 * n);
        int j = 0;
        for (; j <= m - RowsPerPass; j += RowsPerPass)
        {
            ref T w0 = ref Unsafe.Add(ref matrix, j * n);
            ref T w1 = ref Unsafe.Add(ref w0, n);
            ref T w2 = ref Unsafe.Add(ref w0, 2 * n);
            ref T w3 = ref Unsafe.Add(ref w0, 3 * n);

            // sRJ: the lanes of row R's sum for neuron j + J.
            Vector512<T> s00 = default, s01 = default, s02 = default, s03 = default;
            Vector512<T> s10 = default, s11 = default, s12 = default, s13 = default;
            Vector512<T> s20 = default, s21 = default, s22 = default, s23 = default;
            Vector512<T> s30 = default, s31 = default, s32 = default, s33 = default;
            int k = 0;
            for (; k <= n - lanes; k += lanes)
            {
                Vector512<T> v0 = Vector512.LoadUnsafe(ref w0, (nuint)k);
                Vector512<T> v1 = Vector512.LoadUnsafe(ref w1, (nuint)k);
                Vector512<T> v2 = Vector512.LoadUnsafe(ref w2, (nuint)k);
                Vector512<T> v3 = Vector512.LoadUnsafe(ref w3, (nuint)k);
                Vector512<T> x = Vector512.LoadUnsafe(ref x0, (nuint)k);
                (s00, s01, s02, s03) = (s00 + (v0 * x), s01 + (v1 * x), s02 + (v2 * x), s03 + (v3 * x));
                x = Vector512.LoadUnsafe(ref x1, (nuint)k);
                (s10, s11, s12, s13) = (s10 + (v0 * x), s11 + (v1 * x), s12 + (v2 * x), s13 + (v3 * x));
                x = Vector512.LoadUnsafe(ref x2, (nuint)k);
                (s20, s21, s22, s23) = (s20 + (v0 * x), s21 + (v1 * x), s22 + (v2 * x), s23 + (v3 * x));
                x = Vector512.LoadUnsafe(ref x3, (nuint)k);
                (s30, s31, s32, s33) = (s30 + (v0 * x), s31 + (v1 * x), s32 + (v2 * x), s33 + (v3 * x));
            }

            if (k < n)
            {
                // Masked loads (AVX-512 implies AVX, so the block is never written): +0 past the last element.
                int count = n - k;
                Vector512<T> v0 = LastBlock512(ref Unsafe.Add(ref w0, k), count, ref block);
                Vector512<T> v1 = LastBlock512(ref Unsafe.Add(ref w1, k), count, ref block);
                Vector512<T> v2 = LastBlock512(ref Unsafe.Add(ref w2, k), count, ref block);
                Vector512<T> v3 = LastBlock512(ref Unsafe.Add(ref w3, k), count, ref block);
                Vector512<T> x = LastBlock512(ref Unsafe.Add(ref x0, k), count, ref block);
                (s00, s01, s02, s03) = (s00 + (v0 * x), s01 + (v1 * x), s02 + (v2 * x), s03 + (v3 * x));
                x = LastBlock512(ref Unsafe.Add(ref x1, k), count, ref block);
                (s10, s11, s12, s13) = (s10 + (v0 * x), s11 + (v1 * x), s12 + (v2 * x), s13 + (v3 * x));
                x = LastBlock512(ref Unsafe.Add(ref x2, k), count, ref block);
                (s20, s21, s22, s23) = (s20 + (v0 * x), s21 + (v1 * x), s22 + (v2 * x), s23 + (v3 * x));
                x = LastBlock512(ref Unsafe.Add(ref x3, k), count, ref block);
                (s30, s31, s32, s33) = (s30 + (v0 * x), s31 + (v1 * x), s32 + (v2 * x), s33 + (v3 * x));
            }

            ref T b = ref Unsafe.Add(ref bias, j);
            ref T d = ref Unsafe.Add(ref destination, j);
            StoreFourSumsPlusBias512(s00, s01, s02, s03, ref b, ref d);
            StoreFourSumsPlusBias512(s10, s11, s12, s13, ref b, ref Unsafe.Add(ref d, m));
            StoreFourSumsPlusBias512(s20, s21, s22, s23, ref b, ref Unsafe.Add(ref d, 2 * m));
            StoreFourSumsPlusBias512(s30, s31, s32, s33, ref b, ref Unsafe.Add(ref d, 3 * m));
        }

        return j;
    }

    // Four sums' lanes through the tree of SumLanes, plus four biases, stored as one vector (AVX-512 only).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreFourSumsPlusBias512<T>(Vector512<T> s0, Vector512<T> s1, Vector512<T> s2, Vector512<T> s3, ref T bias, ref T destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            (SumLanes(s0.AsSingle(), s1.AsSingle(), s2.AsSingle(), s3.AsSingle()) + Vector128.LoadUnsafe(ref Unsafe.As<T, float>(ref bias)))
                .StoreUnsafe(ref Unsafe.As<T, float>(ref destination));
        }
        else
        {
            (SumLanes(s0.AsDouble(), s1.AsDouble(), s2.AsDouble(), s3.AsDouble()) + Vector256.LoadUnsafe(ref Unsafe.As<T, double>(ref bias)))
                .StoreUnsafe(ref Unsafe.As<T, double>(ref destination));
        }
    }

    // Eq. 5 and 6 over a block of rows for a range of neurons: four neurons at a time, each holding one or two
    // vectors of its gradient row in registers while every row of the block goes by (independent chains of
    // additions), then the neurons left one by one. (Taking the inputs in tiles across the groups of neurons, to
    // keep them in the L1 cache, measured 1.2× slower at 784 inputs: the gradient rows stop streaming.) Each lane adds the rows in order, as one AddOuterProduct per row would.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddGradientRowsCore<T>(ref T weights, ref T bias, ref T deltas, int m, ref T inputs, int n, int rows, int first, int count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int end = first + count;
        int j = first;
        for (; j <= end - 4; j += 4)
        {
            ref T g = ref Unsafe.Add(ref weights, j * n);
            int k = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                k = AddGradientFour512(ref g, ref Unsafe.Add(ref deltas, j), m, ref inputs, n, rows);
            }
            else if (Vector.IsHardwareAccelerated)
            {
                k = AddGradientFourVector(ref g, ref Unsafe.Add(ref deltas, j), m, ref inputs, n, rows);
            }

            for (int i = 0; i < 4; i++)
            {
                AddGradientScalar(ref Unsafe.Add(ref g, i * n), ref Unsafe.Add(ref deltas, j + i), m, ref inputs, n, rows, k);
            }
        }

        for (; j < end; j++)
        {
            AddGradientScalar(ref Unsafe.Add(ref weights, j * n), ref Unsafe.Add(ref deltas, j), m, ref inputs, n, rows, 0);
        }

        for (j = first; j < end; j++)
        {
            T sum = Unsafe.Add(ref bias, j);
            for (int r = 0; r < rows; r++)
            {
                sum += Unsafe.Add(ref deltas, (r * m) + j);
            }

            Unsafe.Add(ref bias, j) = sum;
        }
    }

    // Four gradient rows (g, g + n, g + 2n, g + 3n), the δ of their neurons at deltas[r·m], …, [r·m + 3]: whole
    // Vector512 blocks of the inputs. Returns where it stopped.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AddGradientFour512<T>(ref T g, ref T deltas, int m, ref T inputs, int n, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = Vector512<T>.Count;
        int k = 0;

        // Two blocks of lanes per neuron where they fit: eight chains of additions, twice the four that the
        // latency of an addition asks for.
        for (; k <= n - (2 * c); k += 2 * c)
        {
            Vector512<T> g0 = Vector512.LoadUnsafe(ref g, (nuint)k);
            Vector512<T> h0 = Vector512.LoadUnsafe(ref g, (nuint)(k + c));
            Vector512<T> g1 = Vector512.LoadUnsafe(ref g, (nuint)(n + k));
            Vector512<T> h1 = Vector512.LoadUnsafe(ref g, (nuint)(n + k + c));
            Vector512<T> g2 = Vector512.LoadUnsafe(ref g, (nuint)((2 * n) + k));
            Vector512<T> h2 = Vector512.LoadUnsafe(ref g, (nuint)((2 * n) + k + c));
            Vector512<T> g3 = Vector512.LoadUnsafe(ref g, (nuint)((3 * n) + k));
            Vector512<T> h3 = Vector512.LoadUnsafe(ref g, (nuint)((3 * n) + k + c));
            for (int r = 0; r < rows; r++)
            {
                ref T row = ref Unsafe.Add(ref inputs, (r * n) + k);
                Vector512<T> x = Vector512.LoadUnsafe(ref row);
                Vector512<T> y = Vector512.LoadUnsafe(ref row, (nuint)c);
                ref T d = ref Unsafe.Add(ref deltas, r * m);
                Vector512<T> d0 = Vector512.Create(d), d1 = Vector512.Create(Unsafe.Add(ref d, 1));
                Vector512<T> d2 = Vector512.Create(Unsafe.Add(ref d, 2)), d3 = Vector512.Create(Unsafe.Add(ref d, 3));
                (g0, h0) = (g0 + (d0 * x), h0 + (d0 * y));
                (g1, h1) = (g1 + (d1 * x), h1 + (d1 * y));
                (g2, h2) = (g2 + (d2 * x), h2 + (d2 * y));
                (g3, h3) = (g3 + (d3 * x), h3 + (d3 * y));
            }

            g0.StoreUnsafe(ref g, (nuint)k);
            h0.StoreUnsafe(ref g, (nuint)(k + c));
            g1.StoreUnsafe(ref g, (nuint)(n + k));
            h1.StoreUnsafe(ref g, (nuint)(n + k + c));
            g2.StoreUnsafe(ref g, (nuint)((2 * n) + k));
            h2.StoreUnsafe(ref g, (nuint)((2 * n) + k + c));
            g3.StoreUnsafe(ref g, (nuint)((3 * n) + k));
            h3.StoreUnsafe(ref g, (nuint)((3 * n) + k + c));
        }

        for (; k <= n - c; k += c)
        {
            Vector512<T> g0 = Vector512.LoadUnsafe(ref g, (nuint)k);
            Vector512<T> g1 = Vector512.LoadUnsafe(ref g, (nuint)(n + k));
            Vector512<T> g2 = Vector512.LoadUnsafe(ref g, (nuint)((2 * n) + k));
            Vector512<T> g3 = Vector512.LoadUnsafe(ref g, (nuint)((3 * n) + k));
            for (int r = 0; r < rows; r++)
            {
                Vector512<T> x = Vector512.LoadUnsafe(ref inputs, (nuint)((r * n) + k));
                ref T d = ref Unsafe.Add(ref deltas, r * m);
                g0 += Vector512.Create(d) * x;
                g1 += Vector512.Create(Unsafe.Add(ref d, 1)) * x;
                g2 += Vector512.Create(Unsafe.Add(ref d, 2)) * x;
                g3 += Vector512.Create(Unsafe.Add(ref d, 3)) * x;
            }

            g0.StoreUnsafe(ref g, (nuint)k);
            g1.StoreUnsafe(ref g, (nuint)(n + k));
            g2.StoreUnsafe(ref g, (nuint)((2 * n) + k));
            g3.StoreUnsafe(ref g, (nuint)((3 * n) + k));
        }

        return k;
    }

    // The same with Vector<T>: 256 bits with AVX2, 128 with SSE or Arm64's AdvSimd.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AddGradientFourVector<T>(ref T g, ref T deltas, int m, ref T inputs, int n, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = Vector<T>.Count;
        int k = 0;
        for (; k <= n - c; k += c)
        {
            Vector<T> g0 = Vector.LoadUnsafe(ref g, (nuint)k);
            Vector<T> g1 = Vector.LoadUnsafe(ref g, (nuint)(n + k));
            Vector<T> g2 = Vector.LoadUnsafe(ref g, (nuint)((2 * n) + k));
            Vector<T> g3 = Vector.LoadUnsafe(ref g, (nuint)((3 * n) + k));
            for (int r = 0; r < rows; r++)
            {
                Vector<T> x = Vector.LoadUnsafe(ref inputs, (nuint)((r * n) + k));
                ref T d = ref Unsafe.Add(ref deltas, r * m);
                g0 += new Vector<T>(d) * x;
                g1 += new Vector<T>(Unsafe.Add(ref d, 1)) * x;
                g2 += new Vector<T>(Unsafe.Add(ref d, 2)) * x;
                g3 += new Vector<T>(Unsafe.Add(ref d, 3)) * x;
            }

            g0.StoreUnsafe(ref g, (nuint)k);
            g1.StoreUnsafe(ref g, (nuint)(n + k));
            g2.StoreUnsafe(ref g, (nuint)((2 * n) + k));
            g3.StoreUnsafe(ref g, (nuint)((3 * n) + k));
        }

        return k;
    }

    // One gradient row from element k on, element by element: the rows in order for each element.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddGradientScalar<T>(ref T g, ref T deltas, int m, ref T inputs, int n, int rows, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (; k < n; k++)
        {
            T sum = Unsafe.Add(ref g, k);
            for (int r = 0; r < rows; r++)
            {
                sum += Unsafe.Add(ref deltas, r * m) * Unsafe.Add(ref inputs, (r * n) + k);
            }

            Unsafe.Add(ref g, k) = sum;
        }
    }
}
#endif
