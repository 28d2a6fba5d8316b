#if !NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Backprop.CompilerServices;

// .NET Standard: System.Numerics.Vector<T>, as wide as the runtime makes it, then scalar code. Written once
// per number type, since .NET Standard 2.0 has no generic arithmetic for the scalar tails.
public static partial class VectorKernels
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float DotCore(ref float x, ref float y, int length)
    {
        int i = 0;
        float sum = 0f;
        if (Vector.IsHardwareAccelerated && length >= Vector<float>.Count)
        {
            Vector<float> s0 = Vector<float>.Zero, s1 = Vector<float>.Zero;
            int n = Vector<float>.Count;
            for (; i <= length - (2 * n); i += 2 * n)
            {
                s0 += Load(ref x, i) * Load(ref y, i);
                s1 += Load(ref x, i + n) * Load(ref y, i + n);
            }

            for (; i <= length - n; i += n)
            {
                s0 += Load(ref x, i) * Load(ref y, i);
            }

            sum = Vector.Dot(s0 + s1, Vector<float>.One);
        }

        for (; i < length; i++)
        {
            sum += Unsafe.Add(ref x, i) * Unsafe.Add(ref y, i);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double DotCore(ref double x, ref double y, int length)
    {
        int i = 0;
        double sum = 0.0;
        if (Vector.IsHardwareAccelerated && length >= Vector<double>.Count)
        {
            Vector<double> s0 = Vector<double>.Zero, s1 = Vector<double>.Zero;
            int n = Vector<double>.Count;
            for (; i <= length - (2 * n); i += 2 * n)
            {
                s0 += Load(ref x, i) * Load(ref y, i);
                s1 += Load(ref x, i + n) * Load(ref y, i + n);
            }

            for (; i <= length - n; i += n)
            {
                s0 += Load(ref x, i) * Load(ref y, i);
            }

            sum = Vector.Dot(s0 + s1, Vector<double>.One);
        }

        for (; i < length; i++)
        {
            sum += Unsafe.Add(ref x, i) * Unsafe.Add(ref y, i);
        }

        return sum;
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
