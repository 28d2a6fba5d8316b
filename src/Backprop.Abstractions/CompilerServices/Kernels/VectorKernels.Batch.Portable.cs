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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddGradientRowsCore(ref float weights, ref float bias, ref float deltas, int m, ref float inputs, int n, int rows, int first, int count)
    {
        for (int r = 0; r < rows; r++)
        {
            ref float d = ref Unsafe.Add(ref deltas, r * m);
            ref float x = ref Unsafe.Add(ref inputs, r * n);
            for (int j = first; j < first + count; j++)
            {
                AddScaledCore(ref Unsafe.Add(ref weights, j * n), Unsafe.Add(ref d, j), ref x, n);
                Unsafe.Add(ref bias, j) += Unsafe.Add(ref d, j);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddGradientRowsCore(ref double weights, ref double bias, ref double deltas, int m, ref double inputs, int n, int rows, int first, int count)
    {
        for (int r = 0; r < rows; r++)
        {
            ref double d = ref Unsafe.Add(ref deltas, r * m);
            ref double x = ref Unsafe.Add(ref inputs, r * n);
            for (int j = first; j < first + count; j++)
            {
                AddScaledCore(ref Unsafe.Add(ref weights, j * n), Unsafe.Add(ref d, j), ref x, n);
                Unsafe.Add(ref bias, j) += Unsafe.Add(ref d, j);
            }
        }
    }
}
#endif
