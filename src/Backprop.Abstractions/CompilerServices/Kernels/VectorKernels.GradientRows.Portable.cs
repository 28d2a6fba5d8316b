#if !NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Backprop.CompilerServices;

// .NET Standard: eq. 5 and 6 over a block of rows, one neuron at a time, each Vector<T> of its gradient row held
// while the block's rows go by, then element by element; every element adds the rows in order, as in every
// other build. Written once per number type, since .NET Standard 2.0 has no generic arithmetic.
public static partial class VectorKernels
{
    // target: the gradient or parameters written; sum: where each element's sum starts (the same memory as
    // target for AddGradientRows), read only when ends.FromSum.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GradientRowsCore(ref float target, ref float targetBias, ref float sum, ref float sumBias, SumEnds<float> ends, ref float deltas, int m, ref float inputs, int n, int rows, int first, int count)
    {
        var factor = new Vector<float>(ends.Factor);
        for (int j = first; j < first + count; j++)
        {
            ref float t = ref Unsafe.Add(ref target, j * n);
            ref float s = ref Unsafe.Add(ref sum, j * n);
            int k = 0;
            if (Vector.IsHardwareAccelerated)
            {
                for (; k <= n - Vector<float>.Count; k += Vector<float>.Count)
                {
                    Vector<float> g = ends.FromSum ? Load(ref s, k) : Vector<float>.Zero;
                    for (int r = 0; r < rows; r++)
                    {
                        g += new Vector<float>(Unsafe.Add(ref deltas, (r * m) + j)) * Load(ref inputs, (r * n) + k);
                    }

                    Store(ends.Apply ? Load(ref t, k) + (factor * g) : g, ref t, k);
                }
            }

            for (; k < n; k++)
            {
                float g = ends.FromSum ? Unsafe.Add(ref s, k) : 0f;
                for (int r = 0; r < rows; r++)
                {
                    g += Unsafe.Add(ref deltas, (r * m) + j) * Unsafe.Add(ref inputs, (r * n) + k);
                }

                ref float element = ref Unsafe.Add(ref t, k);
                element = ends.Apply ? element + (ends.Factor * g) : g;
            }

            float bias = ends.FromSum ? Unsafe.Add(ref sumBias, j) : 0f;
            for (int r = 0; r < rows; r++)
            {
                bias += Unsafe.Add(ref deltas, (r * m) + j);
            }

            ref float b = ref Unsafe.Add(ref targetBias, j);
            b = ends.Apply ? b + (ends.Factor * bias) : bias;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GradientRowsCore(ref double target, ref double targetBias, ref double sum, ref double sumBias, SumEnds<double> ends, ref double deltas, int m, ref double inputs, int n, int rows, int first, int count)
    {
        var factor = new Vector<double>(ends.Factor);
        for (int j = first; j < first + count; j++)
        {
            ref double t = ref Unsafe.Add(ref target, j * n);
            ref double s = ref Unsafe.Add(ref sum, j * n);
            int k = 0;
            if (Vector.IsHardwareAccelerated)
            {
                for (; k <= n - Vector<double>.Count; k += Vector<double>.Count)
                {
                    Vector<double> g = ends.FromSum ? Load(ref s, k) : Vector<double>.Zero;
                    for (int r = 0; r < rows; r++)
                    {
                        g += new Vector<double>(Unsafe.Add(ref deltas, (r * m) + j)) * Load(ref inputs, (r * n) + k);
                    }

                    Store(ends.Apply ? Load(ref t, k) + (factor * g) : g, ref t, k);
                }
            }

            for (; k < n; k++)
            {
                double g = ends.FromSum ? Unsafe.Add(ref s, k) : 0d;
                for (int r = 0; r < rows; r++)
                {
                    g += Unsafe.Add(ref deltas, (r * m) + j) * Unsafe.Add(ref inputs, (r * n) + k);
                }

                ref double element = ref Unsafe.Add(ref t, k);
                element = ends.Apply ? element + (ends.Factor * g) : g;
            }

            double bias = ends.FromSum ? Unsafe.Add(ref sumBias, j) : 0d;
            for (int r = 0; r < rows; r++)
            {
                bias += Unsafe.Add(ref deltas, (r * m) + j);
            }

            ref double b = ref Unsafe.Add(ref targetBias, j);
            b = ends.Apply ? b + (ends.Factor * bias) : bias;
        }
    }
}
#endif
