#if NET8_0_OR_GREATER
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Backprop.CompilerServices;

// Eq. 1 over a block of rows on 256-bit vectors (AVX2 without AVX-512). A sum's 64 bytes of lanes take two of
// the 16 registers, so four rows × four neurons (32 registers) do not fit, and four rows × one neuron loads ten
// vectors for eight multiplications. Instead the lanes are summed in two passes over the inputs, the first
// half of every block of lanes in one and the second half in the other: each lane's sum is still its own
// elements added in order, so the bits are those of Dot. A pass holds two neurons × four rows, eight sums in
// eight registers, and loads two weight vectors and four input vectors for eight multiplications.
//
// A pass reads each cache line of its two rows of weights, from L2 when the matrix does not fit in L1: 128 bytes
// for eight multiplications, all the bandwidth from L2 to L1 of an AMD Zen 3, while the second pass reads none.
// Above PrefetchedMatrixBytes each pass therefore also prefetches one row of the next pair's weights, so that the
// weights arrive at half that rate over both passes. On 256 rows of 784 inputs and 128 neurons the kernel takes
// 0.86–0.94 of the time it takes without (it would take 0.80 with every weight in L1); below 64 KiB the
// prefetches cost more than they save (docs/benchmarks.md, run 14).
public static partial class VectorKernels
{
    // Matrices larger than this, in bytes, prefetch the next pair's weights: twice AMD Zen 3's 32 KiB L1 data cache.
    private const int PrefetchedMatrixBytes = 64 * 1024;

    /// <summary>
    /// Eq. 1 for <paramref name="rows"/> rows, two neurons × four rows at a time, then the neuron left (if m is
    /// odd) for the four rows, and the rows left one by one (<see cref="MultiplyAddOneRow{T}"/>). The last elements of a
    /// sum are read by masked loads, which take pointers: the arrays are pinned once here, not at each load (pinned
    /// at each load site, the pass was 1.1–1.8× slower than the one-neuron kernel it replaced).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void MultiplyAddRowsTwoByFour256<T>(ref T matrix, ref T inputs, int n, ref T bias, ref T destination, int m, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Sse.IsSupported && (long)m * n * Unsafe.SizeOf<T>() > PrefetchedMatrixBytes)
        {
            PrefetchingTwoByFour256(ref matrix, ref inputs, n, ref bias, ref destination, m, rows);
        }
        else
        {
            PlainTwoByFour256(ref matrix, ref inputs, n, ref bias, ref destination, m, rows);
        }
    }

    // The passes that prefetch and those that do not, each in a method of its own. Inlined side by side, both ran
    // with their pointers on the stack; with only the prefetching passes out of line, the others were compiled by
    // the profile of a process that ran large layers first, and ran 1.05–1.1× slower in it. Both are compiled fully
    // optimized at their first call, without a profile: a process whose first calls were of one row compiled the
    // four-row loop as cold, and a later ForwardBatch of 256 rows ran 1.2–1.3× slower (docs/benchmarks.md, run 16).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void PrefetchingTwoByFour256<T>(ref T matrix, ref T inputs, int n, ref T bias, ref T destination, int m, int rows)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        RowsTwoByFour256(ref matrix, ref inputs, n, ref bias, ref destination, m, rows, prefetch: true);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void PlainTwoByFour256<T>(ref T matrix, ref T inputs, int n, ref T bias, ref T destination, int m, int rows)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        RowsTwoByFour256(ref matrix, ref inputs, n, ref bias, ref destination, m, rows, prefetch: false);

    // The rows, four at a time and then one by one. prefetch is a constant where this is inlined, so that no pass
    // tests it as it runs.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void RowsTwoByFour256<T>(ref T matrix, ref T inputs, int n, ref T bias, ref T destination, int m, int rows, bool prefetch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* weights = &matrix, x = &inputs)
        {
            int r = 0;
            for (; r <= rows - RowsPerPass; r += RowsPerPass)
            {
                ref T d = ref Unsafe.Add(ref destination, r * m);
                T* block = x + ((nint)r * n);
                int j = 0;
                for (; j <= m - 2; j += 2)
                {
                    T* w = weights + ((nint)j * n);

                    // With prefetch, one row of the next pair's weights (the first pair's after the last) in each pass.
                    T* next = prefetch ? (j + 4 <= m ? w + (2 * (nint)n) : weights) : null;
                    HalfTwoByFour256(w, block, n, 0, prefetch, next, out Vector256<T> s00, out Vector256<T> s01, out Vector256<T> s10, out Vector256<T> s11, out Vector256<T> s20, out Vector256<T> s21, out Vector256<T> s30, out Vector256<T> s31);
                    HalfTwoByFour256(w, block, n, Vector256<T>.Count, prefetch, next + n, out Vector256<T> t00, out Vector256<T> t01, out Vector256<T> t10, out Vector256<T> t11, out Vector256<T> t20, out Vector256<T> t21, out Vector256<T> t30, out Vector256<T> t31);
                    ref T b = ref Unsafe.Add(ref bias, j);
                    ref T d0 = ref Unsafe.Add(ref d, j);
                    StoreTwoRowsOfTwo(Fold(s00, t00), Fold(s01, t01), Fold(s10, t10), Fold(s11, t11), ref b, ref d0, ref Unsafe.Add(ref d0, m));
                    StoreTwoRowsOfTwo(Fold(s20, t20), Fold(s21, t21), Fold(s30, t30), Fold(s31, t31), ref b, ref Unsafe.Add(ref d0, 2 * m), ref Unsafe.Add(ref d0, 3 * m));
                }

                MultiplyAddFourRowsOneByOne(ref matrix, ref Unsafe.AsRef<T>(block), n, ref bias, ref d, m, j);
            }

            for (; r < rows; r++)
            {
                MultiplyAddOneRow(ref matrix, ref Unsafe.AsRef<T>(x + ((nint)r * n)), n, ref bias, ref Unsafe.Add(ref destination, r * m), m);
            }
        }
    }

    // One pass: lanes half to half + L/2 − 1 of every block of L lanes (L = 16 floats or 8 doubles, two
    // Vector256), for neurons w and w + n and rows x to x + 3n. sRJ: row R's sum for neuron J. The last block's
    // elements, if any, by masked loads (+0 past the end, or in the whole vector when the block ends before this
    // half). With prefetch, each block of lanes also asks for the cache line at next + k.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void HalfTwoByFour256<T>(
        T* w, T* x, int n, int half, bool prefetch, T* next,
        out Vector256<T> s00, out Vector256<T> s01, out Vector256<T> s10, out Vector256<T> s11,
        out Vector256<T> s20, out Vector256<T> s21, out Vector256<T> s30, out Vector256<T> s31)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int block = 2 * Vector256<T>.Count;
        T* v0 = w + half, v1 = v0 + n;
        T* x0 = x + half, x1 = x0 + n, x2 = x1 + n, x3 = x2 + n;
        Vector256<T> a00 = default, a01 = default, a10 = default, a11 = default;
        Vector256<T> a20 = default, a21 = default, a30 = default, a31 = default;
        nint k = 0; // native-sized: no sign extension at each load
        for (; k <= n - block; k += block)
        {
            if (prefetch)
            {
                Sse.Prefetch0(next + k);
            }

            Vector256<T> p = Vector256.Load(v0 + k), q = Vector256.Load(v1 + k);
            Vector256<T> row = Vector256.Load(x0 + k);
            (a00, a01) = (a00 + (p * row), a01 + (q * row));
            row = Vector256.Load(x1 + k);
            (a10, a11) = (a10 + (p * row), a11 + (q * row));
            row = Vector256.Load(x2 + k);
            (a20, a21) = (a20 + (p * row), a21 + (q * row));
            row = Vector256.Load(x3 + k);
            (a30, a31) = (a30 + (p * row), a31 + (q * row));
        }

        if (k < n)
        {
            Unsafe.SkipInit(out LaneBlock scratch);
            int count = (int)(n - k) - half;
            Vector256<T> p = LastHalfBlock256(v0 + k, count, ref scratch), q = LastHalfBlock256(v1 + k, count, ref scratch);
            Vector256<T> row = LastHalfBlock256(x0 + k, count, ref scratch);
            (a00, a01) = (a00 + (p * row), a01 + (q * row));
            row = LastHalfBlock256(x1 + k, count, ref scratch);
            (a10, a11) = (a10 + (p * row), a11 + (q * row));
            row = LastHalfBlock256(x2 + k, count, ref scratch);
            (a20, a21) = (a20 + (p * row), a21 + (q * row));
            row = LastHalfBlock256(x3 + k, count, ref scratch);
            (a30, a31) = (a30 + (p * row), a31 + (q * row));
        }

        (s00, s01, s10, s11, s20, s21, s30, s31) = (a00, a01, a10, a11, a20, a21, a30, a31);
    }

    // The first count elements at start as a Vector256, +0 in the lanes past them (none for count ≤ 0, all for
    // count ≥ the lanes): a masked load with AVX, else through a block that CopyToBlock pads, so that tests can run
    // the pass on any machine.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<T> LastHalfBlock256<T>(T* start, int count, ref LaneBlock scratch)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Avx.IsSupported
            ? MaskLoad(start, count)
            : Vector256.LoadUnsafe(ref CopyToBlock(ref Unsafe.AsRef<T>(start), Math.Min(count, Vector256<T>.Count), ref scratch));

    // Two rows' sums for two neurons, each folded to 16 bytes (aJ: the first row's sum for neuron J, bJ the
    // second's), plus the two biases, stored to the two rows. The additions of SumQuad, then + bias.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreTwoRowsOfTwo<T>(Vector128<T> a0, Vector128<T> a1, Vector128<T> b0, Vector128<T> b1, ref T bias, ref T first, ref T second)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            // [first j, first j + 1, second j, second j + 1]; the two biases and each row's pair move as 64 bits.
            Vector128<float> biases = Vector128.Create(Unsafe.ReadUnaligned<long>(ref Unsafe.As<T, byte>(ref bias))).AsSingle();
            Vector128<long> sums = (AddPairs(AddPairs(a0, a1), AddPairs(b0, b1)).AsSingle() + biases).AsInt64();
            Unsafe.WriteUnaligned(ref Unsafe.As<T, byte>(ref first), sums.ToScalar());
            Unsafe.WriteUnaligned(ref Unsafe.As<T, byte>(ref second), sums.GetElement(1));
        }
        else
        {
            Vector128<T> biases = Vector128.LoadUnsafe(ref bias);
            (AddPairs(a0, a1) + biases).StoreUnsafe(ref first);
            (AddPairs(b0, b1) + biases).StoreUnsafe(ref second);
        }
    }
}
#endif
