#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backprop.CompilerServices;

// .NET 8 and later: eq. 5 and 6 over a block of rows for a range of neurons. Four neurons at a time, each
// holding one or two vectors of its gradient row in registers while every row of the block goes by
// (independent chains of additions), then the neurons left one by one, a vector at a time. Each lane adds the rows in order, as one
// AddOuterProduct per row would. (Taking the inputs in tiles across the groups of neurons, to keep them in the L1
// cache, measured 1.2× slower at 784 inputs: the gradient rows stop streaming.)
public static partial class VectorKernels
{
    // target: the gradient or parameters written; sum: where each element's sum starts (the same memory as
    // target for AddGradientRows), read only when ends.FromSum.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GradientRowsCore<T>(ref T target, ref T targetBias, ref T sum, ref T sumBias, SumEnds<T> ends, ref T deltas, int m, ref T inputs, int n, int rows, int first, int count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int end = first + count;
        int j = first;
        for (; j <= end - 4; j += 4)
        {
            ref T t = ref Unsafe.Add(ref target, j * n);
            ref T s = ref Unsafe.Add(ref sum, j * n);
            int k = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                k = GradientFour512(ref t, ref s, ends, ref Unsafe.Add(ref deltas, j), m, ref inputs, n, rows);
            }
            else if (Vector.IsHardwareAccelerated)
            {
                k = rows == 1 && !ends.FromSum && ends.Apply
                    ? StepFourOneRowVector(ref t, ends.Factor, ref Unsafe.Add(ref deltas, j), ref inputs, n)
                    : GradientFourVector(ref t, ref s, ends, ref Unsafe.Add(ref deltas, j), m, ref inputs, n, rows);
            }

            for (int i = 0; i < 4; i++)
            {
                GradientScalar(ref Unsafe.Add(ref t, i * n), ref Unsafe.Add(ref s, i * n), ends, ref Unsafe.Add(ref deltas, j + i), m, ref inputs, n, rows, k);
            }
        }

        for (; j < end; j++)
        {
            ref T t = ref Unsafe.Add(ref target, j * n);
            ref T s = ref Unsafe.Add(ref sum, j * n);
            int k = GradientOneVector(ref t, ref s, ends, ref Unsafe.Add(ref deltas, j), m, ref inputs, n, rows);
            GradientScalar(ref t, ref s, ends, ref Unsafe.Add(ref deltas, j), m, ref inputs, n, rows, k);
        }

        BiasGradientRows(ref targetBias, ref sumBias, ends, ref deltas, m, rows, first, end);
    }

    // Eq. 6 summed over the rows for neurons first to end − 1, each neuron's sum in a lane of its own with the
    // rows added in order: the bits of adding them one neuron at a time. Two vectors of neurons at a time, for
    // two chains of additions. Neuron by neuron (a chain of dependent additions each), these sums took half the
    // time of AddGradientRows for 32 rows of a 16 × 32 layer on AMD Zen 3, and a fifth of it for 64 × 128
    // (docs/benchmarks.md, run 14).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BiasGradientRows<T>(ref T targetBias, ref T sumBias, SumEnds<T> ends, ref T deltas, int m, int rows, int first, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = first;
        if (Vector.IsHardwareAccelerated)
        {
            int c = Vector<T>.Count;
            for (; j <= end - (2 * c); j += 2 * c)
            {
                Vector<T> g = StartVector(ref sumBias, (nuint)j, ends), h = StartVector(ref sumBias, (nuint)(j + c), ends);
                ref T d = ref Unsafe.Add(ref deltas, j);
                for (int r = 0; r < rows; r++, d = ref Unsafe.Add(ref d, m))
                {
                    (g, h) = (g + Vector.LoadUnsafe(ref d), h + Vector.LoadUnsafe(ref d, (nuint)c));
                }

                EndVector(g, ref targetBias, (nuint)j, ends);
                EndVector(h, ref targetBias, (nuint)(j + c), ends);
            }

            for (; j <= end - c; j += c)
            {
                Vector<T> g = StartVector(ref sumBias, (nuint)j, ends);
                ref T d = ref Unsafe.Add(ref deltas, j);
                for (int r = 0; r < rows; r++, d = ref Unsafe.Add(ref d, m))
                {
                    g += Vector.LoadUnsafe(ref d);
                }

                EndVector(g, ref targetBias, (nuint)j, ends);
            }
        }

        for (; j < end; j++)
        {
            T g = ends.FromSum ? Unsafe.Add(ref sumBias, j) : T.Zero;
            for (int r = 0; r < rows; r++)
            {
                g += Unsafe.Add(ref deltas, (r * m) + j);
            }

            ref T b = ref Unsafe.Add(ref targetBias, j);
            b = ends.Apply ? b + (ends.Factor * g) : g;
        }
    }

    // Four gradient rows (t, t + n, t + 2n, t + 3n), the δ of their neurons at deltas[r·m], …, [r·m + 3]: whole
    // Vector512 blocks of the inputs. Returns where it stopped.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int GradientFour512<T>(ref T t, ref T s, SumEnds<T> ends, ref T deltas, int m, ref T inputs, int n, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = Vector512<T>.Count;
        int k = 0;

        // Two blocks of lanes per neuron where they fit: eight chains of additions, twice the four that the
        // latency of an addition asks for.
        for (; k <= n - (2 * c); k += 2 * c)
        {
            nuint a0 = (nuint)k, a1 = (nuint)(n + k), a2 = (nuint)((2 * n) + k), a3 = (nuint)((3 * n) + k), next = (nuint)c;
            Vector512<T> g0 = Start512(ref s, a0, ends), h0 = Start512(ref s, a0 + next, ends);
            Vector512<T> g1 = Start512(ref s, a1, ends), h1 = Start512(ref s, a1 + next, ends);
            Vector512<T> g2 = Start512(ref s, a2, ends), h2 = Start512(ref s, a2 + next, ends);
            Vector512<T> g3 = Start512(ref s, a3, ends), h3 = Start512(ref s, a3 + next, ends);
            // Each row's inputs and δ by advancing a reference: no multiplication in the loop.
            ref T row = ref Unsafe.Add(ref inputs, k);
            ref T d = ref deltas;
            for (int r = 0; r < rows; r++, row = ref Unsafe.Add(ref row, n), d = ref Unsafe.Add(ref d, m))
            {
                Vector512<T> x = Vector512.LoadUnsafe(ref row);
                Vector512<T> y = Vector512.LoadUnsafe(ref row, (nuint)c);
                Vector512<T> d0 = Vector512.Create(d), d1 = Vector512.Create(Unsafe.Add(ref d, 1));
                Vector512<T> d2 = Vector512.Create(Unsafe.Add(ref d, 2)), d3 = Vector512.Create(Unsafe.Add(ref d, 3));
                (g0, h0) = (g0 + (d0 * x), h0 + (d0 * y));
                (g1, h1) = (g1 + (d1 * x), h1 + (d1 * y));
                (g2, h2) = (g2 + (d2 * x), h2 + (d2 * y));
                (g3, h3) = (g3 + (d3 * x), h3 + (d3 * y));
            }

            End512(g0, ref t, a0, ends);
            End512(h0, ref t, a0 + next, ends);
            End512(g1, ref t, a1, ends);
            End512(h1, ref t, a1 + next, ends);
            End512(g2, ref t, a2, ends);
            End512(h2, ref t, a2 + next, ends);
            End512(g3, ref t, a3, ends);
            End512(h3, ref t, a3 + next, ends);
        }

        for (; k <= n - c; k += c)
        {
            nuint a0 = (nuint)k, a1 = (nuint)(n + k), a2 = (nuint)((2 * n) + k), a3 = (nuint)((3 * n) + k);
            Vector512<T> g0 = Start512(ref s, a0, ends), g1 = Start512(ref s, a1, ends);
            Vector512<T> g2 = Start512(ref s, a2, ends), g3 = Start512(ref s, a3, ends);
            for (int r = 0; r < rows; r++)
            {
                Vector512<T> x = Vector512.LoadUnsafe(ref inputs, (nuint)((r * n) + k));
                ref T d = ref Unsafe.Add(ref deltas, r * m);
                g0 += Vector512.Create(d) * x;
                g1 += Vector512.Create(Unsafe.Add(ref d, 1)) * x;
                g2 += Vector512.Create(Unsafe.Add(ref d, 2)) * x;
                g3 += Vector512.Create(Unsafe.Add(ref d, 3)) * x;
            }

            End512(g0, ref t, a0, ends);
            End512(g1, ref t, a1, ends);
            End512(g2, ref t, a2, ends);
            End512(g3, ref t, a3, ends);
        }

        return k;
    }

    // The same with Vector<T>: 256 bits with AVX2, 128 with SSE or Arm64's AdvSimd. The eight sums, the two vectors
    // of inputs and the four δ fill 14 of x64's 16 vector registers.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int GradientFourVector<T>(ref T t, ref T s, SumEnds<T> ends, ref T deltas, int m, ref T inputs, int n, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = Vector<T>.Count;
        int k = 0;
        for (; k <= n - (2 * c); k += 2 * c)
        {
            nuint a0 = (nuint)k, a1 = (nuint)(n + k), a2 = (nuint)((2 * n) + k), a3 = (nuint)((3 * n) + k), next = (nuint)c;
            Vector<T> g0 = StartVector(ref s, a0, ends), h0 = StartVector(ref s, a0 + next, ends);
            Vector<T> g1 = StartVector(ref s, a1, ends), h1 = StartVector(ref s, a1 + next, ends);
            Vector<T> g2 = StartVector(ref s, a2, ends), h2 = StartVector(ref s, a2 + next, ends);
            Vector<T> g3 = StartVector(ref s, a3, ends), h3 = StartVector(ref s, a3 + next, ends);
            ref T row = ref Unsafe.Add(ref inputs, k);
            ref T d = ref deltas;
            for (int r = 0; r < rows; r++, row = ref Unsafe.Add(ref row, n), d = ref Unsafe.Add(ref d, m))
            {
                Vector<T> x = Vector.LoadUnsafe(ref row);
                Vector<T> y = Vector.LoadUnsafe(ref row, next);
                Vector<T> d0 = new(d), d1 = new(Unsafe.Add(ref d, 1)), d2 = new(Unsafe.Add(ref d, 2)), d3 = new(Unsafe.Add(ref d, 3));
                (g0, h0) = (g0 + (d0 * x), h0 + (d0 * y));
                (g1, h1) = (g1 + (d1 * x), h1 + (d1 * y));
                (g2, h2) = (g2 + (d2 * x), h2 + (d2 * y));
                (g3, h3) = (g3 + (d3 * x), h3 + (d3 * y));
            }

            EndVector(g0, ref t, a0, ends);
            EndVector(h0, ref t, a0 + next, ends);
            EndVector(g1, ref t, a1, ends);
            EndVector(h1, ref t, a1 + next, ends);
            EndVector(g2, ref t, a2, ends);
            EndVector(h2, ref t, a2 + next, ends);
            EndVector(g3, ref t, a3, ends);
            EndVector(h3, ref t, a3 + next, ends);
        }

        for (; k <= n - c; k += c)
        {
            nuint a0 = (nuint)k, a1 = (nuint)(n + k), a2 = (nuint)((2 * n) + k), a3 = (nuint)((3 * n) + k);
            Vector<T> g0 = StartVector(ref s, a0, ends), g1 = StartVector(ref s, a1, ends);
            Vector<T> g2 = StartVector(ref s, a2, ends), g3 = StartVector(ref s, a3, ends);
            for (int r = 0; r < rows; r++)
            {
                Vector<T> x = Vector.LoadUnsafe(ref inputs, (nuint)((r * n) + k));
                ref T d = ref Unsafe.Add(ref deltas, r * m);
                g0 += new Vector<T>(d) * x;
                g1 += new Vector<T>(Unsafe.Add(ref d, 1)) * x;
                g2 += new Vector<T>(Unsafe.Add(ref d, 2)) * x;
                g3 += new Vector<T>(Unsafe.Add(ref d, 3)) * x;
            }

            EndVector(g0, ref t, a0, ends);
            EndVector(g1, ref t, a1, ends);
            EndVector(g2, ref t, a2, ends);
            EndVector(g3, ref t, a3, ends);
        }

        return k;
    }

    // The pass of a batch of one row (a one-row TrainBatch) over four neurons: each parameter plus factor × (+0 + δ·x),
    // the operations GradientFourVector gives it, written out with the four δ and the factor broadcast once, outside
    // the loop. On AMD Zen 3 (AVX2) this pass takes 1.05–1.09× the time of a TrainStep's SubtractScaledOuterProduct,
    // where GradientFourVector took 1.4× (docs/benchmarks.md, run 11); with AVX-512 a one-row TrainBatch already cost
    // about a TrainStep (run 8), so GradientFour512 has no such pass. Returns where it stopped.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int StepFourOneRowVector<T>(ref T t, T factor, ref T deltas, ref T inputs, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = Vector<T>.Count;
        Vector<T> f = new(factor);
        Vector<T> d0 = new(deltas), d1 = new(Unsafe.Add(ref deltas, 1)), d2 = new(Unsafe.Add(ref deltas, 2)), d3 = new(Unsafe.Add(ref deltas, 3));
        ref T t1 = ref Unsafe.Add(ref t, n);
        ref T t2 = ref Unsafe.Add(ref t, 2 * n);
        ref T t3 = ref Unsafe.Add(ref t, 3 * n);
        int k = 0;
        for (; k <= n - c; k += c)
        {
            Vector<T> x = Vector.LoadUnsafe(ref inputs, (nuint)k);
            (Vector.LoadUnsafe(ref t, (nuint)k) + (f * (Vector<T>.Zero + (d0 * x)))).StoreUnsafe(ref t, (nuint)k);
            (Vector.LoadUnsafe(ref t1, (nuint)k) + (f * (Vector<T>.Zero + (d1 * x)))).StoreUnsafe(ref t1, (nuint)k);
            (Vector.LoadUnsafe(ref t2, (nuint)k) + (f * (Vector<T>.Zero + (d2 * x)))).StoreUnsafe(ref t2, (nuint)k);
            (Vector.LoadUnsafe(ref t3, (nuint)k) + (f * (Vector<T>.Zero + (d3 * x)))).StoreUnsafe(ref t3, (nuint)k);
        }

        return k;
    }

    // One gradient row, a neuron left over from the groups of four: whole vectors of the inputs, Vector512 where
    // accelerated, else Vector<T>. Returns where it stopped.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int GradientOneVector<T>(ref T t, ref T s, SumEnds<T> ends, ref T deltas, int m, ref T inputs, int n, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; k <= n - Vector512<T>.Count; k += Vector512<T>.Count)
            {
                Vector512<T> g = Start512(ref s, (nuint)k, ends);
                for (int r = 0; r < rows; r++)
                {
                    g += Vector512.Create(Unsafe.Add(ref deltas, r * m)) * Vector512.LoadUnsafe(ref inputs, (nuint)((r * n) + k));
                }

                End512(g, ref t, (nuint)k, ends);
            }
        }
        else if (Vector.IsHardwareAccelerated)
        {
            for (; k <= n - Vector<T>.Count; k += Vector<T>.Count)
            {
                Vector<T> g = StartVector(ref s, (nuint)k, ends);
                for (int r = 0; r < rows; r++)
                {
                    g += new Vector<T>(Unsafe.Add(ref deltas, r * m)) * Vector.LoadUnsafe(ref inputs, (nuint)((r * n) + k));
                }

                EndVector(g, ref t, (nuint)k, ends);
            }
        }

        return k;
    }

    // One gradient row from element k on, element by element: the rows in order for each element.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GradientScalar<T>(ref T t, ref T s, SumEnds<T> ends, ref T deltas, int m, ref T inputs, int n, int rows, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (; k < n; k++)
        {
            T g = ends.FromSum ? Unsafe.Add(ref s, k) : T.Zero;
            for (int r = 0; r < rows; r++)
            {
                g += Unsafe.Add(ref deltas, r * m) * Unsafe.Add(ref inputs, (r * n) + k);
            }

            ref T element = ref Unsafe.Add(ref t, k);
            element = ends.Apply ? element + (ends.Factor * g) : g;
        }
    }

    // Where a sum's lanes start: the sum so far, or +0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Start512<T>(ref T s, nuint at, SumEnds<T> ends)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ends.FromSum ? Vector512.LoadUnsafe(ref s, at) : Vector512<T>.Zero;

    // Where a sum's lanes end: stored, or scaled and added to the target.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void End512<T>(Vector512<T> g, ref T t, nuint at, SumEnds<T> ends)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (ends.Apply)
        {
            g = Vector512.LoadUnsafe(ref t, at) + (Vector512.Create(ends.Factor) * g);
        }

        g.StoreUnsafe(ref t, at);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> StartVector<T>(ref T s, nuint at, SumEnds<T> ends)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ends.FromSum ? Vector.LoadUnsafe(ref s, at) : Vector<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EndVector<T>(Vector<T> g, ref T t, nuint at, SumEnds<T> ends)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (ends.Apply)
        {
            g = Vector.LoadUnsafe(ref t, at) + (new Vector<T>(ends.Factor) * g);
        }

        g.StoreUnsafe(ref t, at);
    }
}
#endif
