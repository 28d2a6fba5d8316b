#if !NET8_0_OR_GREATER
using System.Runtime.CompilerServices;

namespace Backprop.CompilerServices;

// .NET Standard: the whole-layer kernels as one row kernel per row of the matrix, each row's sum in the order of
// every other build (VectorKernels.Lanes.cs).
public static partial class VectorKernels
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyTransposedCore(ref float matrix, ref float scales, int rows, ref float destination, int n)
    {
        for (int k = 0; k < n; k++)
        {
            Unsafe.Add(ref destination, k) = 0;
        }

        for (int i = 0; i < rows; i++)
        {
            AddScaledCore(ref destination, Unsafe.Add(ref scales, i), ref Unsafe.Add(ref matrix, i * n), n);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddOuterProductCore(ref float matrix, ref float scales, int rows, ref float input, int n) =>
        SubtractScaledOuterProductCore(ref matrix, -1f, ref scales, rows, ref input, n);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SubtractScaledOuterProductCore(ref float matrix, float rate, ref float scales, int rows, ref float input, int n)
    {
        for (int j = 0; j < rows; j++)
        {
            SubtractScaledProductCore(ref Unsafe.Add(ref matrix, j * n), rate, Unsafe.Add(ref scales, j), ref input, n);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyTransposedCore(ref double matrix, ref double scales, int rows, ref double destination, int n)
    {
        for (int k = 0; k < n; k++)
        {
            Unsafe.Add(ref destination, k) = 0;
        }

        for (int i = 0; i < rows; i++)
        {
            AddScaledCore(ref destination, Unsafe.Add(ref scales, i), ref Unsafe.Add(ref matrix, i * n), n);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddOuterProductCore(ref double matrix, ref double scales, int rows, ref double input, int n) =>
        SubtractScaledOuterProductCore(ref matrix, -1.0, ref scales, rows, ref input, n);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SubtractScaledOuterProductCore(ref double matrix, double rate, ref double scales, int rows, ref double input, int n)
    {
        for (int j = 0; j < rows; j++)
        {
            SubtractScaledProductCore(ref Unsafe.Add(ref matrix, j * n), rate, Unsafe.Add(ref scales, j), ref input, n);
        }
    }
}
#endif
