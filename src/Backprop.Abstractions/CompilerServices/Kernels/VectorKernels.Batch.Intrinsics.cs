#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Backprop.CompilerServices;

// .NET 8 and later: eq. 1 over a block of rows. With AVX-512, a micro-kernel of four neurons × four rows keeps
// its 16 sums in 16 of the 32 vector registers; AVX2 has too few registers for 16 sums of 64 bytes of lanes
// each, and sums half of each sum's lanes at a time (VectorKernels.Batch.TwoByFour.cs); the other widths take
// each neuron's weights once for four rows (Dot4Core).
public static partial class VectorKernels
{
    // Four rows at a time, then the rows left one by one as MultiplyAdd takes them. On 256-bit vectors, two
    // neurons × four rows in two passes (VectorKernels.Batch.TwoByFour.cs).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyAddRowsCore<T>(ref T matrix, ref T inputs, int n, ref T bias, ref T destination, int m, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Vector512.IsHardwareAccelerated && Vector256.IsHardwareAccelerated && Avx.IsSupported)
        {
            MultiplyAddRowsTwoByFour256(ref matrix, ref inputs, n, ref bias, ref destination, m, rows);
            return;
        }

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

        MultiplyAddFourRowsOneByOne(ref matrix, ref inputs, n, ref bias, ref destination, m, j);
    }

    // Four rows, neurons j to m − 1, each neuron's weights read once for the four rows.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyAddFourRowsOneByOne<T>(ref T matrix, ref T inputs, int n, ref T bias, ref T destination, int m, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
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
        Unsafe.SkipInit(out LaneBlock block);
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
}
#endif
