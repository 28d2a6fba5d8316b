#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backprop.CompilerServices;

// .NET 8 and later: the widest accelerated of Vector512, Vector256 and Vector128. Each IsHardwareAccelerated
// is a constant to the JIT, which keeps one branch and drops the others. The per-width methods are internal so
// that tests can run each on any machine (a Vector512 method runs, slowly, where Vector512 is not accelerated).
public static partial class VectorKernels
{
    // The widest accelerated vector; every width, and the scalar path, gives the same bits (VectorKernels.Lanes.cs).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T DotCore<T>(ref T x, ref T y, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return Dot512(ref x, ref y, length);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            return Dot256(ref x, ref y, length);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            return Dot128(ref x, ref y, length);
        }

        return DotScalar(ref x, ref y, length);
    }

    // The lanes in one Vector512: one chain of additions, enough for the rows left over by the four-row kernels.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Dot512<T>(ref T x, ref T y, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector512<T>.Count;
        Vector512<T> s = Vector512<T>.Zero;
        int k = 0;
        for (; k <= length - lanes; k += lanes)
        {
            s += Vector512.LoadUnsafe(ref x, (nuint)k) * Vector512.LoadUnsafe(ref y, (nuint)k);
        }

        if (k < length)
        {
            Unsafe.SkipInit(out LaneBlock xBlock);
            Unsafe.SkipInit(out LaneBlock yBlock);
            s += LastBlock512(ref Unsafe.Add(ref x, k), length - k, ref xBlock) * LastBlock512(ref Unsafe.Add(ref y, k), length - k, ref yBlock);
        }

        return SumQuad(Fold(s));
    }

    // The lanes in two Vector256: lanes 0 to L/2 − 1 in s0, the rest in s1.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Dot256<T>(ref T x, ref T y, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = Vector256<T>.Count;
        Vector256<T> s0 = Vector256<T>.Zero, s1 = Vector256<T>.Zero;
        int k = 0;
        for (; k <= length - (2 * c); k += 2 * c)
        {
            s0 += Vector256.LoadUnsafe(ref x, (nuint)k) * Vector256.LoadUnsafe(ref y, (nuint)k);
            s1 += Vector256.LoadUnsafe(ref x, (nuint)(k + c)) * Vector256.LoadUnsafe(ref y, (nuint)(k + c));
        }

        if (k < length)
        {
            Unsafe.SkipInit(out LaneBlock xBlock);
            Unsafe.SkipInit(out LaneBlock yBlock);
            (Vector256<T> x0, Vector256<T> x1) = LastBlock256(ref Unsafe.Add(ref x, k), length - k, ref xBlock);
            (Vector256<T> y0, Vector256<T> y1) = LastBlock256(ref Unsafe.Add(ref y, k), length - k, ref yBlock);
            s0 += x0 * y0;
            s1 += x1 * y1;
        }

        return SumQuad(Fold(s0, s1));
    }

    // The lanes in four Vector128, a quarter of them each, in order: four chains of additions.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Dot128<T>(ref T x, ref T y, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = 4 * Vector128<T>.Count;
        Quarters<T> s = default;
        int k = 0;
        for (; k <= length - lanes; k += lanes)
        {
            s = s.AddProducts(Quarters<T>.Load(ref Unsafe.Add(ref x, k)), ref Unsafe.Add(ref y, k));
        }

        if (k < length)
        {
            Unsafe.SkipInit(out LaneBlock xBlock);
            Unsafe.SkipInit(out LaneBlock yBlock);
            s = s.AddProducts(
                Quarters<T>.Load(ref CopyToBlock(ref Unsafe.Add(ref x, k), length - k, ref xBlock)),
                ref CopyToBlock(ref Unsafe.Add(ref y, k), length - k, ref yBlock));
        }

        return SumQuad(s.Fold());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T DotScalar<T>(ref T x, ref T y, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            float sum = DotScalar(ref Unsafe.As<T, float>(ref x), ref Unsafe.As<T, float>(ref y), length);
            return Unsafe.As<float, T>(ref sum);
        }

        double result = DotScalar(ref Unsafe.As<T, double>(ref x), ref Unsafe.As<T, double>(ref y), length);
        return Unsafe.As<double, T>(ref result);
    }

    // The folds in halves down to 16 bytes: Vector512 → Vector256 → Vector128, each the lower half plus the upper.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> Fold<T>(Vector512<T> lanes)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Fold(lanes.GetLower(), lanes.GetUpper());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> Fold<T>(Vector256<T> lower, Vector256<T> upper)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector256<T> half = lower + upper;
        return half.GetLower() + half.GetUpper();
    }

    // Four quarters: lanes i and i + L/2 are s0 and s2, s1 and s3; then the two halves left.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> Fold<T>(Vector128<T> s0, Vector128<T> s1, Vector128<T> s2, Vector128<T> s3)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        (s0 + s2) + (s1 + s3);

    // The last 16 bytes in adjacent pairs: (l0 + l1) + (l2 + l3) for floats, l0 + l1 for doubles.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T SumQuad<T>(Vector128<T> quad)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector128<T>.Count == 4
            ? (quad.GetElement(0) + quad.GetElement(1)) + (quad.GetElement(2) + quad.GetElement(3))
            : quad.GetElement(0) + quad.GetElement(1);

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

    // One sum's lanes as four Vector128, a quarter each, in order: as one value, so that Dot4x128's
    // sixteen accumulators read as four.
    private struct Quarters<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private Vector128<T> _q0, _q1, _q2, _q3;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Quarters<T> Load(ref T source)
        {
            int c = Vector128<T>.Count;
            Quarters<T> result;
            result._q0 = Vector128.LoadUnsafe(ref source);
            result._q1 = Vector128.LoadUnsafe(ref source, (nuint)c);
            result._q2 = Vector128.LoadUnsafe(ref source, (nuint)(2 * c));
            result._q3 = Vector128.LoadUnsafe(ref source, (nuint)(3 * c));
            return result;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly Quarters<T> AddProducts(Quarters<T> w, ref T row)
        {
            int c = Vector128<T>.Count;
            Quarters<T> result;
            result._q0 = _q0 + (w._q0 * Vector128.LoadUnsafe(ref row));
            result._q1 = _q1 + (w._q1 * Vector128.LoadUnsafe(ref row, (nuint)c));
            result._q2 = _q2 + (w._q2 * Vector128.LoadUnsafe(ref row, (nuint)(2 * c)));
            result._q3 = _q3 + (w._q3 * Vector128.LoadUnsafe(ref row, (nuint)(3 * c)));
            return result;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly Vector128<T> Fold() => VectorKernels.Fold(_q0, _q1, _q2, _q3);
    }
}
#endif
