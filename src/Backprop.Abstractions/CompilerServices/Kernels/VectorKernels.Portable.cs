#if !NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Backprop.CompilerServices;

// .NET Standard: System.Numerics.Vector<T>, as wide as the runtime makes it, then scalar code. Written once
// per number type where the scalar arithmetic needs it, since .NET Standard 2.0 has no generic arithmetic.
public static partial class VectorKernels
{
    // The lanes of a sum (VectorKernels.Lanes.cs) kept in a block on the stack, one to four Vector<T> of it, as the
    // runtime's width gives; the scalar path where Vector<T> is not accelerated or does not divide the lanes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float DotCore(ref float x, ref float y, int length)
    {
        if (!HasVectorLanes<float>())
        {
            return DotScalar(ref x, ref y, length);
        }

        LaneBlock lanes = default;
        AddProducts(ref x, ref y, length, ref lanes);
        return SumLanes(ref Unsafe.As<LaneBlock, float>(ref lanes));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double DotCore(ref double x, ref double y, int length)
    {
        if (!HasVectorLanes<double>())
        {
            return DotScalar(ref x, ref y, length);
        }

        LaneBlock lanes = default;
        AddProducts(ref x, ref y, length, ref lanes);
        return SumLanes(ref Unsafe.As<LaneBlock, double>(ref lanes));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasVectorLanes<T>()
        where T : struct =>
        Vector.IsHardwareAccelerated && Vector<T>.Count * Unsafe.SizeOf<T>() is LaneBytes or LaneBytes / 2 or LaneBytes / 4;

    // lanes[k mod L] += x[k]·y[k] with the lanes in one, two or four Vector<T> (64, 32 or 16 bytes wide), kept in
    // locals, then stored in order into lanes; the last elements as one zero-padded block.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddProducts<T>(ref T x, ref T y, int length, ref LaneBlock lanes)
        where T : struct
    {
        int c = Vector<T>.Count;
        int vectors = LaneBytes / Unsafe.SizeOf<T>() / c;
        Vector<T> s0 = Vector<T>.Zero, s1 = Vector<T>.Zero, s2 = Vector<T>.Zero, s3 = Vector<T>.Zero;
        int k = 0;
        for (; k <= length - (vectors * c); k += vectors * c)
        {
            AddBlock(ref Unsafe.Add(ref x, k), ref Unsafe.Add(ref y, k), vectors, ref s0, ref s1, ref s2, ref s3);
        }

        if (k < length)
        {
            LaneBlock xBlock = default, yBlock = default;
            AddBlock(ref CopyToBlock(ref Unsafe.Add(ref x, k), length - k, ref xBlock), ref CopyToBlock(ref Unsafe.Add(ref y, k), length - k, ref yBlock), vectors, ref s0, ref s1, ref s2, ref s3);
        }

        ref T sums = ref Unsafe.As<LaneBlock, T>(ref lanes);
        Store(s0, ref sums, 0);
        if (vectors > 1)
        {
            Store(s1, ref sums, c);
        }

        if (vectors > 2)
        {
            Store(s2, ref sums, 2 * c);
            Store(s3, ref sums, 3 * c);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddBlock<T>(ref T x, ref T y, int vectors, ref Vector<T> s0, ref Vector<T> s1, ref Vector<T> s2, ref Vector<T> s3)
        where T : struct
    {
        int c = Vector<T>.Count;
        s0 += Load(ref x, 0) * Load(ref y, 0);
        if (vectors > 1)
        {
            s1 += Load(ref x, c) * Load(ref y, c);
        }

        if (vectors > 2)
        {
            s2 += Load(ref x, 2 * c) * Load(ref y, 2 * c);
            s3 += Load(ref x, 3 * c) * Load(ref y, 3 * c);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaledCore(ref float destination, float scale, ref float x, int length)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var s = new Vector<float>(scale);
            for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Store(Load(ref destination, i) + (s * Load(ref x, i)), ref destination, i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref destination, i) += scale * Unsafe.Add(ref x, i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaledCore(ref double destination, double scale, ref double x, int length)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var s = new Vector<double>(scale);
            for (; i <= length - Vector<double>.Count; i += Vector<double>.Count)
            {
                Store(Load(ref destination, i) + (s * Load(ref x, i)), ref destination, i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref destination, i) += scale * Unsafe.Add(ref x, i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SubtractScaledProductCore(ref float destination, float rate, float scale, ref float x, int length)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var r = new Vector<float>(rate);
            var s = new Vector<float>(scale);
            for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Store(Load(ref destination, i) - (r * (s * Load(ref x, i))), ref destination, i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref destination, i) -= rate * (scale * Unsafe.Add(ref x, i));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SubtractScaledProductCore(ref double destination, double rate, double scale, ref double x, int length)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var r = new Vector<double>(rate);
            var s = new Vector<double>(scale);
            for (; i <= length - Vector<double>.Count; i += Vector<double>.Count)
            {
                Store(Load(ref destination, i) - (r * (s * Load(ref x, i))), ref destination, i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref destination, i) -= rate * (scale * Unsafe.Add(ref x, i));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Load<T>(ref T source, int offset)
        where T : struct =>
        Unsafe.ReadUnaligned<Vector<T>>(ref Unsafe.As<T, byte>(ref Unsafe.Add(ref source, offset)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(Vector<T> value, ref T destination, int offset)
        where T : struct =>
        Unsafe.WriteUnaligned(ref Unsafe.As<T, byte>(ref Unsafe.Add(ref destination, offset)), value);
}
#endif
