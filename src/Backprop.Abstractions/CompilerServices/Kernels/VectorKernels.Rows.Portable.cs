#if !NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Backprop.CompilerServices;

public static partial class VectorKernels
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dot4Core(ref float x, ref float rows, int stride, int n, out float dot0, out float dot1, out float dot2, out float dot3)
    {
        dot0 = DotCore(ref x, ref rows, n);
        dot1 = DotCore(ref x, ref Unsafe.Add(ref rows, stride), n);
        dot2 = DotCore(ref x, ref Unsafe.Add(ref rows, 2 * stride), n);
        dot3 = DotCore(ref x, ref Unsafe.Add(ref rows, 3 * stride), n);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dot4Core(ref double x, ref double rows, int stride, int n, out double dot0, out double dot1, out double dot2, out double dot3)
    {
        dot0 = DotCore(ref x, ref rows, n);
        dot1 = DotCore(ref x, ref Unsafe.Add(ref rows, stride), n);
        dot2 = DotCore(ref x, ref Unsafe.Add(ref rows, 2 * stride), n);
        dot3 = DotCore(ref x, ref Unsafe.Add(ref rows, 3 * stride), n);
    }

    // On .NET Standard the four additions run one row after another: the same sums, in the same order.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaled4Core(ref float destination, float scale0, float scale1, float scale2, float scale3, ref float rows, int n)
    {
        AddScaledCore(ref destination, scale0, ref rows, n);
        AddScaledCore(ref destination, scale1, ref Unsafe.Add(ref rows, n), n);
        AddScaledCore(ref destination, scale2, ref Unsafe.Add(ref rows, 2 * n), n);
        AddScaledCore(ref destination, scale3, ref Unsafe.Add(ref rows, 3 * n), n);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaled4Core(ref double destination, double scale0, double scale1, double scale2, double scale3, ref double rows, int n)
    {
        AddScaledCore(ref destination, scale0, ref rows, n);
        AddScaledCore(ref destination, scale1, ref Unsafe.Add(ref rows, n), n);
        AddScaledCore(ref destination, scale2, ref Unsafe.Add(ref rows, 2 * n), n);
        AddScaledCore(ref destination, scale3, ref Unsafe.Add(ref rows, 3 * n), n);
    }
}
#endif
