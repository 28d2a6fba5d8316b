#if !NET8_0_OR_GREATER
using System.Runtime.CompilerServices;

namespace Backprop.CompilerServices;

// .NET Standard: eq. 1 over a block of rows as one dot product per row and neuron, each in the order of every
// other build (VectorKernels.Lanes.cs).
public static partial class VectorKernels
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyAddRowsCore(ref float matrix, ref float inputs, int n, ref float bias, ref float destination, int m, int rows)
    {
        for (int r = 0; r < rows; r++)
        {
            MultiplyAddOneRow(ref matrix, ref Unsafe.Add(ref inputs, r * n), n, ref bias, ref Unsafe.Add(ref destination, r * m), m);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyAddRowsCore(ref double matrix, ref double inputs, int n, ref double bias, ref double destination, int m, int rows)
    {
        for (int r = 0; r < rows; r++)
        {
            MultiplyAddOneRow(ref matrix, ref Unsafe.Add(ref inputs, r * n), n, ref bias, ref Unsafe.Add(ref destination, r * m), m);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyAddOneRow(ref float matrix, ref float x, int n, ref float bias, ref float destination, int m)
    {
        for (int j = 0; j < m; j++)
        {
            Unsafe.Add(ref destination, j) = DotCore(ref Unsafe.Add(ref matrix, j * n), ref x, n) + Unsafe.Add(ref bias, j);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyAddOneRow(ref double matrix, ref double x, int n, ref double bias, ref double destination, int m)
    {
        for (int j = 0; j < m; j++)
        {
            Unsafe.Add(ref destination, j) = DotCore(ref Unsafe.Add(ref matrix, j * n), ref x, n) + Unsafe.Add(ref bias, j);
        }
    }
}
#endif
