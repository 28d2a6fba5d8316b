#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Backprop.CompilerServices;

public static partial class VectorKernels
{
    // Four sums at once, each in the order of Dot to the bit: the dot products of shared with four rows that start
    // stride elements apart. Each load of shared serves the four rows, and the four sums are independent chains.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dot4Core<T>(ref T shared, ref T rows, int stride, int n, out T dot0, out T dot1, out T dot2, out T dot3)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Dot4x512(ref shared, ref rows, stride, n, out dot0, out dot1, out dot2, out dot3);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Dot4x256(ref shared, ref rows, stride, n, out dot0, out dot1, out dot2, out dot3);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Dot4x128(ref shared, ref rows, stride, n, out dot0, out dot1, out dot2, out dot3);
        }
        else
        {
            dot0 = DotScalar(ref shared, ref rows, n);
            dot1 = DotScalar(ref shared, ref Unsafe.Add(ref rows, stride), n);
            dot2 = DotScalar(ref shared, ref Unsafe.Add(ref rows, 2 * stride), n);
            dot3 = DotScalar(ref shared, ref Unsafe.Add(ref rows, 3 * stride), n);
        }
    }

    // Each row's lanes in one Vector512: four accumulators.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Dot4x512<T>(ref T shared, ref T rows, int stride, int n, out T dot0, out T dot1, out T dot2, out T dot3)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Unsafe.SkipInit(out LaneBlock sharedBlock);
        Unsafe.SkipInit(out LaneBlock rowBlock);
        Accumulate4x512(ref shared, ref rows, stride, n, ref sharedBlock, ref rowBlock, out Vector512<T> s0, out Vector512<T> s1, out Vector512<T> s2, out Vector512<T> s3);
        if (Avx512F.IsSupported)
        {
            if (typeof(T) == typeof(float))
            {
                Vector128<T> sums = SumLanes(s0.AsSingle(), s1.AsSingle(), s2.AsSingle(), s3.AsSingle()).As<float, T>();
                (dot0, dot1, dot2, dot3) = (sums.GetElement(0), sums.GetElement(1), sums.GetElement(2), sums.GetElement(3));
            }
            else
            {
                Vector256<T> sums = SumLanes(s0.AsDouble(), s1.AsDouble(), s2.AsDouble(), s3.AsDouble()).As<double, T>();
                (dot0, dot1, dot2, dot3) = (sums.GetElement(0), sums.GetElement(1), sums.GetElement(2), sums.GetElement(3));
            }
        }
        else
        {
            SumQuads(Fold(s0), Fold(s1), Fold(s2), Fold(s3), out dot0, out dot1, out dot2, out dot3);
        }
    }

    // The four rows' lanes before the tree. The last elements, fewer than a block, are read by masked loads
    // (LastBlock512), or go through two blocks that CopyToBlock fills and pads with +0, one row at a time through
    // rowBlock. The blocks are scratch: their contents before the call do not matter.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate4x512<T>(ref T shared, ref T rows, int stride, int n, ref LaneBlock sharedBlock, ref LaneBlock rowBlock, out Vector512<T> s0, out Vector512<T> s1, out Vector512<T> s2, out Vector512<T> s3)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T r0 = ref rows;
        ref T r1 = ref Unsafe.Add(ref rows, stride);
        ref T r2 = ref Unsafe.Add(ref rows, 2 * stride);
        ref T r3 = ref Unsafe.Add(ref rows, 3 * stride);
        int lanes = Vector512<T>.Count;
        Vector512<T> a0 = Vector512<T>.Zero, a1 = Vector512<T>.Zero, a2 = Vector512<T>.Zero, a3 = Vector512<T>.Zero;
        int k = 0;
        for (; k <= n - lanes; k += lanes)
        {
            Vector512<T> w = Vector512.LoadUnsafe(ref shared, (nuint)k);
            a0 += w * Vector512.LoadUnsafe(ref r0, (nuint)k);
            a1 += w * Vector512.LoadUnsafe(ref r1, (nuint)k);
            a2 += w * Vector512.LoadUnsafe(ref r2, (nuint)k);
            a3 += w * Vector512.LoadUnsafe(ref r3, (nuint)k);
        }

        if (k < n)
        {
            int count = n - k;
            Vector512<T> w = LastBlock512(ref Unsafe.Add(ref shared, k), count, ref sharedBlock);
            a0 += w * LastBlock512(ref Unsafe.Add(ref r0, k), count, ref rowBlock);
            a1 += w * LastBlock512(ref Unsafe.Add(ref r1, k), count, ref rowBlock);
            a2 += w * LastBlock512(ref Unsafe.Add(ref r2, k), count, ref rowBlock);
            a3 += w * LastBlock512(ref Unsafe.Add(ref r3, k), count, ref rowBlock);
        }

        (s0, s1, s2, s3) = (a0, a1, a2, a3);
    }

    // The whole tree for four rows in 512-bit registers, the same additions as Fold then SumQuads in half the
    // instructions: each step adds two rows' halves (or quarters, or pairs) in one vector. Blocks are 128 bits.
    // Returns [row 0, row 1, row 2, row 3].
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> SumLanes(Vector512<float> s0, Vector512<float> s1, Vector512<float> s2, Vector512<float> s3)
    {
        // Halves: [s0.b0 + s0.b2, s0.b1 + s0.b3, s1.b0 + s1.b2, s1.b1 + s1.b3], and rows 2, 3.
        Vector512<float> h01 = Avx512F.Shuffle4x128(s0, s1, 0x44) + Avx512F.Shuffle4x128(s0, s1, 0xEE);
        Vector512<float> h23 = Avx512F.Shuffle4x128(s2, s3, 0x44) + Avx512F.Shuffle4x128(s2, s3, 0xEE);

        // Quarters: block r is row r's 16 bytes of lanes.
        Vector512<float> q = Avx512F.Shuffle4x128(h01, h23, 0x88) + Avx512F.Shuffle4x128(h01, h23, 0xDD);

        // Adjacent pairs, then pairs of pairs: lane 0 of each block is (l0 + l1) + (l2 + l3).
        q += Avx512F.Permute4x32(q, 0xB1);
        q += Avx512F.Permute4x32(q, 0x4E);
        return Avx512F.PermuteVar16x32(q, Vector512.Create(0, 4, 8, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)).GetLower().GetLower();
    }

    // The same for doubles, whose last step is one pair: lane 0 of each block is l0 + l1.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> SumLanes(Vector512<double> s0, Vector512<double> s1, Vector512<double> s2, Vector512<double> s3)
    {
        Vector512<double> h01 = Avx512F.Shuffle4x128(s0, s1, 0x44) + Avx512F.Shuffle4x128(s0, s1, 0xEE);
        Vector512<double> h23 = Avx512F.Shuffle4x128(s2, s3, 0x44) + Avx512F.Shuffle4x128(s2, s3, 0xEE);
        Vector512<double> q = Avx512F.Shuffle4x128(h01, h23, 0x88) + Avx512F.Shuffle4x128(h01, h23, 0xDD);
        q += Avx512F.Permute2x64(q, 0x55);
        return Avx512F.PermuteVar8x64(q, Vector512.Create(0L, 2, 4, 6, 0, 0, 0, 0)).GetLower();
    }

    // Each row's lanes in two Vector256: eight accumulators.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Dot4x256<T>(ref T shared, ref T rows, int stride, int n, out T dot0, out T dot1, out T dot2, out T dot3)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Unsafe.SkipInit(out LaneBlock sharedBlock);
        Unsafe.SkipInit(out LaneBlock rowBlock);
        Accumulate4x256(ref shared, ref rows, stride, n, ref sharedBlock, ref rowBlock, out Vector128<T> q0, out Vector128<T> q1, out Vector128<T> q2, out Vector128<T> q3);
        SumQuads(q0, q1, q2, q3, out dot0, out dot1, out dot2, out dot3);
    }

    // The four rows' lanes in two Vector256 each, folded to 16 bytes per row; the blocks as in Accumulate4x512.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate4x256<T>(ref T shared, ref T rows, int stride, int n, ref LaneBlock sharedBlock, ref LaneBlock rowBlock, out Vector128<T> q0, out Vector128<T> q1, out Vector128<T> q2, out Vector128<T> q3)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T r0 = ref rows;
        ref T r1 = ref Unsafe.Add(ref rows, stride);
        ref T r2 = ref Unsafe.Add(ref rows, 2 * stride);
        ref T r3 = ref Unsafe.Add(ref rows, 3 * stride);
        int c = Vector256<T>.Count;
        Vector256<T> s0 = Vector256<T>.Zero, s1 = Vector256<T>.Zero, s2 = Vector256<T>.Zero, s3 = Vector256<T>.Zero;
        Vector256<T> t0 = Vector256<T>.Zero, t1 = Vector256<T>.Zero, t2 = Vector256<T>.Zero, t3 = Vector256<T>.Zero;
        int k = 0;
        for (; k <= n - (2 * c); k += 2 * c)
        {
            Vector256<T> w = Vector256.LoadUnsafe(ref shared, (nuint)k);
            Vector256<T> v = Vector256.LoadUnsafe(ref shared, (nuint)(k + c));
            s0 += w * Vector256.LoadUnsafe(ref r0, (nuint)k);
            t0 += v * Vector256.LoadUnsafe(ref r0, (nuint)(k + c));
            s1 += w * Vector256.LoadUnsafe(ref r1, (nuint)k);
            t1 += v * Vector256.LoadUnsafe(ref r1, (nuint)(k + c));
            s2 += w * Vector256.LoadUnsafe(ref r2, (nuint)k);
            t2 += v * Vector256.LoadUnsafe(ref r2, (nuint)(k + c));
            s3 += w * Vector256.LoadUnsafe(ref r3, (nuint)k);
            t3 += v * Vector256.LoadUnsafe(ref r3, (nuint)(k + c));
        }

        if (k < n)
        {
            int count = n - k;
            (Vector256<T> w, Vector256<T> v) = LastBlock256(ref Unsafe.Add(ref shared, k), count, ref sharedBlock);
            (Vector256<T> lower, Vector256<T> upper) = LastBlock256(ref Unsafe.Add(ref r0, k), count, ref rowBlock);
            s0 += w * lower;
            t0 += v * upper;
            (lower, upper) = LastBlock256(ref Unsafe.Add(ref r1, k), count, ref rowBlock);
            s1 += w * lower;
            t1 += v * upper;
            (lower, upper) = LastBlock256(ref Unsafe.Add(ref r2, k), count, ref rowBlock);
            s2 += w * lower;
            t2 += v * upper;
            (lower, upper) = LastBlock256(ref Unsafe.Add(ref r3, k), count, ref rowBlock);
            s3 += w * lower;
            t3 += v * upper;
        }

        (q0, q1, q2, q3) = (Fold(s0, t0), Fold(s1, t1), Fold(s2, t2), Fold(s3, t3));
    }

    // Each row's lanes in four Vector128: sixteen accumulators, which Arm64's 32 vector registers hold (x64
    // without AVX has 16, and keeps some on the stack).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Dot4x128<T>(ref T shared, ref T rows, int stride, int n, out T dot0, out T dot1, out T dot2, out T dot3)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Unsafe.SkipInit(out LaneBlock sharedBlock);
        Unsafe.SkipInit(out LaneBlock rowBlock);
        Accumulate4x128(ref shared, ref rows, stride, n, ref sharedBlock, ref rowBlock, out Vector128<T> q0, out Vector128<T> q1, out Vector128<T> q2, out Vector128<T> q3);
        SumQuads(q0, q1, q2, q3, out dot0, out dot1, out dot2, out dot3);
    }

    // The four rows' lanes in four Vector128 each, folded to 16 bytes per row; the blocks as in Accumulate4x512.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate4x128<T>(ref T shared, ref T rows, int stride, int n, ref LaneBlock sharedBlock, ref LaneBlock rowBlock, out Vector128<T> q0, out Vector128<T> q1, out Vector128<T> q2, out Vector128<T> q3)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = Vector128<T>.Count;
        Quarters<T> a0 = default, a1 = default, a2 = default, a3 = default;
        ref T r0 = ref rows;
        ref T r1 = ref Unsafe.Add(ref rows, stride);
        ref T r2 = ref Unsafe.Add(ref rows, 2 * stride);
        ref T r3 = ref Unsafe.Add(ref rows, 3 * stride);
        int k = 0;
        for (; k <= n - (4 * c); k += 4 * c)
        {
            Quarters<T> w = Quarters<T>.Load(ref Unsafe.Add(ref shared, k));
            a0 = a0.AddProducts(w, ref Unsafe.Add(ref r0, k));
            a1 = a1.AddProducts(w, ref Unsafe.Add(ref r1, k));
            a2 = a2.AddProducts(w, ref Unsafe.Add(ref r2, k));
            a3 = a3.AddProducts(w, ref Unsafe.Add(ref r3, k));
        }

        if (k < n)
        {
            int count = n - k;
            Quarters<T> w = Quarters<T>.Load(ref CopyToBlock(ref Unsafe.Add(ref shared, k), count, ref sharedBlock));
            a0 = a0.AddProducts(w, ref CopyToBlock(ref Unsafe.Add(ref r0, k), count, ref rowBlock));
            a1 = a1.AddProducts(w, ref CopyToBlock(ref Unsafe.Add(ref r1, k), count, ref rowBlock));
            a2 = a2.AddProducts(w, ref CopyToBlock(ref Unsafe.Add(ref r2, k), count, ref rowBlock));
            a3 = a3.AddProducts(w, ref CopyToBlock(ref Unsafe.Add(ref r3, k), count, ref rowBlock));
        }

        (q0, q1, q2, q3) = (a0.Fold(), a1.Fold(), a2.Fold(), a3.Fold());
    }

    // SumQuads' four sums plus four biases, stored as vectors where the sums come out in one: for floats
    // [row 0, …, row 3], for doubles two pairs. Element by element the same additions as SumQuads, then + bias.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreSumsPlusBias<T>(Vector128<T> q0, Vector128<T> q1, Vector128<T> q2, Vector128<T> q3, ref T bias, ref T destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Sse3.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            if (typeof(T) == typeof(float))
            {
                (AddPairs(AddPairs(q0, q1), AddPairs(q2, q3)) + Vector128.LoadUnsafe(ref bias)).StoreUnsafe(ref destination);
            }
            else
            {
                (AddPairs(q0, q1) + Vector128.LoadUnsafe(ref bias)).StoreUnsafe(ref destination);
                (AddPairs(q2, q3) + Vector128.LoadUnsafe(ref bias, 2)).StoreUnsafe(ref destination, 2);
            }
        }
        else
        {
            destination = SumQuad(q0) + bias;
            Unsafe.Add(ref destination, 1) = SumQuad(q1) + Unsafe.Add(ref bias, 1);
            Unsafe.Add(ref destination, 2) = SumQuad(q2) + Unsafe.Add(ref bias, 2);
            Unsafe.Add(ref destination, 3) = SumQuad(q3) + Unsafe.Add(ref bias, 3);
        }
    }

    // The last step of four sums at once where the processor adds adjacent pairs (SSE3's haddps, Arm64's faddp):
    // for floats two rounds give (l0 + l1) + (l2 + l3) of each row, for doubles one gives l0 + l1.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SumQuads<T>(Vector128<T> q0, Vector128<T> q1, Vector128<T> q2, Vector128<T> q3, out T dot0, out T dot1, out T dot2, out T dot3)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float) && (Sse3.IsSupported || AdvSimd.Arm64.IsSupported))
        {
            Vector128<T> sums = AddPairs(AddPairs(q0, q1), AddPairs(q2, q3));
            dot0 = sums.GetElement(0);
            dot1 = sums.GetElement(1);
            dot2 = sums.GetElement(2);
            dot3 = sums.GetElement(3);
        }
        else if (typeof(T) == typeof(double) && (Sse3.IsSupported || AdvSimd.Arm64.IsSupported))
        {
            Vector128<T> low = AddPairs(q0, q1), high = AddPairs(q2, q3);
            dot0 = low.GetElement(0);
            dot1 = low.GetElement(1);
            dot2 = high.GetElement(0);
            dot3 = high.GetElement(1);
        }
        else
        {
            dot0 = SumQuad(q0);
            dot1 = SumQuad(q1);
            dot2 = SumQuad(q2);
            dot3 = SumQuad(q3);
        }
    }

    // [a0 + a1, a2 + a3, b0 + b1, b2 + b3] (for doubles [a0 + a1, b0 + b1]); only where SumQuads calls it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> AddPairs<T>(Vector128<T> a, Vector128<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Sse3.IsSupported
                ? Sse3.HorizontalAdd(a.AsSingle(), b.AsSingle()).As<float, T>()
                : AdvSimd.Arm64.AddPairwise(a.AsSingle(), b.AsSingle()).As<float, T>();
        }

        return Sse3.IsSupported
            ? Sse3.HorizontalAdd(a.AsDouble(), b.AsDouble()).As<double, T>()
            : AdvSimd.Arm64.AddPairwise(a.AsDouble(), b.AsDouble()).As<double, T>();
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
