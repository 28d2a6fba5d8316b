#if NET8_0_OR_GREATER
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backprop.CompilerServices;

// .NET 8 and later: eq. 5 and 6 over a block of rows for a range of neurons. A group of neurons holds one or two
// vectors of each of its gradient rows in registers while every row of the block goes by (independent chains of
// additions): six neurons at a time with Vector<T> (twelve sums in x64's 16 registers), four with Vector512, then
// groups of four, then the neurons left one by one, a vector at a time. Each lane adds the rows in order, as one
// AddOuterProduct per row would, so every grouping gives the same bits. (Taking the inputs in tiles across the
// groups of neurons, to keep them in the L1 cache, measured 1.2× slower at 784 inputs: the gradient rows stop
// streaming.)
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

        // A one-row step (a one-row TrainBatch) has a pass of its own for four neurons, below.
        bool oneRowStep = rows == 1 && !ends.FromSum && ends.Apply;
        if (!Vector512.IsHardwareAccelerated && Vector.IsHardwareAccelerated && !oneRowStep)
        {
            int sixes = SixNeuronGroups(count);
            GradientSixNeurons(ref target, ref sum, ends, ref deltas, m, ref inputs, n, rows, j, sixes);
            j += 6 * sixes;
        }

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
                k = oneRowStep
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
            int k = GradientOneVector(ref t, ref s, ends, ref Unsafe.Add(ref deltas, j), m, ref inputs, n, rows, 0);
            GradientScalar(ref t, ref s, ends, ref Unsafe.Add(ref deltas, j), m, ref inputs, n, rows, k);
        }

        BiasGradientRows(ref targetBias, ref sumBias, ends, ref deltas, m, rows, first, end);
    }

    // Eq. 5 for groups × 6 neurons from first on, six at a time: GradientSixVector for whole pairs of vectors of the
    // inputs, then each neuron's last elements a vector and an element at a time.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GradientSixNeurons<T>(ref T target, ref T sum, SumEnds<T> ends, ref T deltas, int m, ref T inputs, int n, int rows, int first, int groups)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = first; groups > 0; groups--, j += 6)
        {
            ref T t = ref Unsafe.Add(ref target, j * n);
            ref T s = ref Unsafe.Add(ref sum, j * n);
            int k = GradientSixVector(ref t, ref s, ends, ref Unsafe.Add(ref deltas, j), m, ref inputs, n, rows);
            for (int i = 0; i < 6; i++)
            {
                ref T ti = ref Unsafe.Add(ref t, i * n);
                ref T si = ref Unsafe.Add(ref s, i * n);
                int rest = GradientOneVector(ref ti, ref si, ends, ref Unsafe.Add(ref deltas, j + i), m, ref inputs, n, rows, k);
                GradientScalar(ref ti, ref si, ends, ref Unsafe.Add(ref deltas, j + i), m, ref inputs, n, rows, rest);
            }
        }
    }

    /// <summary>
    /// For tests: eq. 5 added over <paramref name="rows"/> rows into the gradient rows of neurons
    /// <paramref name="first"/> to first + 6 × <paramref name="groups"/> − 1 by the six-neuron passes, also on a
    /// machine whose <see cref="AddGradientRows(Span{float}, Span{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int)"/>
    /// takes other passes. The caller sizes the spans; nothing is checked.
    /// </summary>
    internal static void AddGradientRowsInGroupsOfSix<T>(Span<T> weightGradient, ReadOnlySpan<T> deltas, ReadOnlySpan<T> inputs, int rows, int first, int groups)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = deltas.Length / rows, n = inputs.Length / rows;
        ref T w = ref MemoryMarshal.GetReference(weightGradient);
        GradientSixNeurons(ref w, ref w, SumEnds<T>.Stored, ref MemoryMarshal.GetReference(deltas), m, ref MemoryMarshal.GetReference(inputs), n, rows, first, groups);
    }

    // How many groups of six neurons GradientSixVector takes out of count, before the groups of four and the
    // neurons left one by one (a single chain of additions each, the slowest pass): six is 2 more than a multiple of
    // four, so one group of six fewer can leave the fours a multiple of four (128 = 20 × 6 + 2 × 4, not 21 × 6 + 2).
    private static int SixNeuronGroups(int count)
    {
        int sixes = count / 6;
        return sixes > 0 && (count - (6 * sixes)) % 4 > (count - (6 * (sixes - 1))) % 4 ? sixes - 1 : sixes;
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

    // Six gradient rows with Vector<T>, two vectors of inputs each: twelve sums, the two vectors of inputs, a δ and
    // a product, the 16 vector registers of x64 with AVX2. Each row's two loads serve twelve multiplications, where
    // GradientFourVector's serve eight. Returns where it stopped.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int GradientSixVector<T>(ref T t, ref T s, SumEnds<T> ends, ref T deltas, int m, ref T inputs, int n, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = Vector<T>.Count;
        int k = 0;
        for (; k <= n - (2 * c); k += 2 * c)
        {
            nuint a0 = (nuint)k, a1 = a0 + (nuint)n, a2 = a1 + (nuint)n, a3 = a2 + (nuint)n, a4 = a3 + (nuint)n, a5 = a4 + (nuint)n, next = (nuint)c;
            (Vector<T> g0, Vector<T> h0) = StartPair(ref s, a0, next, ends);
            (Vector<T> g1, Vector<T> h1) = StartPair(ref s, a1, next, ends);
            (Vector<T> g2, Vector<T> h2) = StartPair(ref s, a2, next, ends);
            (Vector<T> g3, Vector<T> h3) = StartPair(ref s, a3, next, ends);
            (Vector<T> g4, Vector<T> h4) = StartPair(ref s, a4, next, ends);
            (Vector<T> g5, Vector<T> h5) = StartPair(ref s, a5, next, ends);
            ref T row = ref Unsafe.Add(ref inputs, k);
            ref T d = ref deltas;
            for (int r = 0; r < rows; r++, row = ref Unsafe.Add(ref row, n), d = ref Unsafe.Add(ref d, m))
            {
                Vector<T> x = Vector.LoadUnsafe(ref row);
                Vector<T> y = Vector.LoadUnsafe(ref row, next);
                Vector<T> e = new(d);
                (g0, h0) = (g0 + (e * x), h0 + (e * y));
                e = new(Unsafe.Add(ref d, 1));
                (g1, h1) = (g1 + (e * x), h1 + (e * y));
                e = new(Unsafe.Add(ref d, 2));
                (g2, h2) = (g2 + (e * x), h2 + (e * y));
                e = new(Unsafe.Add(ref d, 3));
                (g3, h3) = (g3 + (e * x), h3 + (e * y));
                e = new(Unsafe.Add(ref d, 4));
                (g4, h4) = (g4 + (e * x), h4 + (e * y));
                e = new(Unsafe.Add(ref d, 5));
                (g5, h5) = (g5 + (e * x), h5 + (e * y));
            }

            EndPair(g0, h0, ref t, a0, next, ends);
            EndPair(g1, h1, ref t, a1, next, ends);
            EndPair(g2, h2, ref t, a2, next, ends);
            EndPair(g3, h3, ref t, a3, next, ends);
            EndPair(g4, h4, ref t, a4, next, ends);
            EndPair(g5, h5, ref t, a5, next, ends);
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
            (Vector<T> g0, Vector<T> h0) = StartPair(ref s, a0, next, ends);
            (Vector<T> g1, Vector<T> h1) = StartPair(ref s, a1, next, ends);
            (Vector<T> g2, Vector<T> h2) = StartPair(ref s, a2, next, ends);
            (Vector<T> g3, Vector<T> h3) = StartPair(ref s, a3, next, ends);
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

            EndPair(g0, h0, ref t, a0, next, ends);
            EndPair(g1, h1, ref t, a1, next, ends);
            EndPair(g2, h2, ref t, a2, next, ends);
            EndPair(g3, h3, ref t, a3, next, ends);
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

    // One gradient row from element k on, whole vectors of the inputs at a time (Vector512 where accelerated, else
    // Vector<T>): a neuron left over from the groups, or what a group of six left of each of its rows. Returns where
    // it stopped.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int GradientOneVector<T>(ref T t, ref T s, SumEnds<T> ends, ref T deltas, int m, ref T inputs, int n, int rows, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
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

    // Two vectors of a sum, at at and at + next.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<T> First, Vector<T> Second) StartPair<T>(ref T s, nuint at, nuint next, SumEnds<T> ends)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        (StartVector(ref s, at, ends), StartVector(ref s, at + next, ends));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EndPair<T>(Vector<T> first, Vector<T> second, ref T t, nuint at, nuint next, SumEnds<T> ends)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        EndVector(first, ref t, at, ends);
        EndVector(second, ref t, at + next, ends);
    }
}
#endif
