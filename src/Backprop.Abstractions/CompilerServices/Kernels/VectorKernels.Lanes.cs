using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Backprop.CompilerServices;

// The one summation order of every dot product, on every machine and in both builds (docs/math.md, "Summation
// order"). A sum has 64 bytes of lanes, 16 floats or 8 doubles: element k is multiplied (never fused with the
// addition) and added to lane k mod 16 (or 8), each lane starting at +0. The lanes are then folded in halves
// (lane i += lane i + half) until 16 bytes remain, and those are added in adjacent pairs: (l0 + l1) + (l2 + l3)
// for floats, l0 + l1 for doubles. One Vector512, two Vector256, four Vector128, one to four Vector<T> or sixteen
// scalars hold the same lanes and take the same steps, so every width rounds every addition the same way.
public static partial class VectorKernels
{
    /// <summary>The bytes of lanes a sum keeps: one <c>Vector512</c>.</summary>
    internal const int LaneBytes = 64;

    /// <summary>The bytes left when the folding in halves stops and the adjacent pairs begin: one <c>Vector128</c>.</summary>
    internal const int QuadBytes = 16;

    internal const int FloatLanes = LaneBytes / sizeof(float);

    internal const int DoubleLanes = LaneBytes / sizeof(double);

    /// <summary>
    /// The dot product of <paramref name="length"/> elements in the documented order, one scalar per lane: the
    /// path of a machine without vector hardware, and the definition every vector path matches to the bit.
    /// </summary>
    internal static float DotScalar(ref float x, ref float y, int length)
    {
        LaneBlock block = default;
        ref float lanes = ref Unsafe.As<LaneBlock, float>(ref block);
        for (int k = 0; k < length; k++)
        {
            Unsafe.Add(ref lanes, k % FloatLanes) += Unsafe.Add(ref x, k) * Unsafe.Add(ref y, k);
        }

        return SumLanes(ref lanes);
    }

    /// <inheritdoc cref="DotScalar(ref float, ref float, int)"/>
    internal static double DotScalar(ref double x, ref double y, int length)
    {
        LaneBlock block = default;
        ref double lanes = ref Unsafe.As<LaneBlock, double>(ref block);
        for (int k = 0; k < length; k++)
        {
            Unsafe.Add(ref lanes, k % DoubleLanes) += Unsafe.Add(ref x, k) * Unsafe.Add(ref y, k);
        }

        return SumLanes(ref lanes);
    }

    /// <summary>The 16 lanes of a float sum added up: folded in halves to four, then (l0 + l1) + (l2 + l3).</summary>
    internal static float SumLanes(ref float lanes)
    {
        for (int half = FloatLanes / 2; half >= QuadBytes / sizeof(float); half /= 2)
        {
            for (int i = 0; i < half; i++)
            {
                Unsafe.Add(ref lanes, i) += Unsafe.Add(ref lanes, i + half);
            }
        }

        return (lanes + Unsafe.Add(ref lanes, 1)) + (Unsafe.Add(ref lanes, 2) + Unsafe.Add(ref lanes, 3));
    }

    /// <summary>The 8 lanes of a double sum added up: folded in halves to two, then l0 + l1.</summary>
    internal static double SumLanes(ref double lanes)
    {
        for (int half = DoubleLanes / 2; half >= QuadBytes / sizeof(double); half /= 2)
        {
            for (int i = 0; i < half; i++)
            {
                Unsafe.Add(ref lanes, i) += Unsafe.Add(ref lanes, i + half);
            }
        }

        return lanes + Unsafe.Add(ref lanes, 1);
    }

    /// <summary>
    /// Copies the last <paramref name="count"/> elements of a sum, fewer than a block, into the start of a block
    /// and fills the rest of the block with +0, so a vector path can take them as one more whole block; the block
    /// may hold anything before. The copied elements land in the lanes their index gives (the block starts at a
    /// multiple of the lane count), and each lane past them gets +0 × +0 = +0. Adding +0 changes no lane: a lane
    /// starts at +0, and a sum is −0 only when both terms are −0, so a lane is never −0, and x + (+0) is x for
    /// every other x, NaN and ±∞ included.
    /// </summary>
    /// <remarks>
    /// The block is padded here, on the one path that reads it, rather than zeroed where it is declared: the
    /// kernels inline into the generated methods, and a block zeroed at its declaration is zeroed with the
    /// caller's frame on every call, on machines whose masked loads never touch it.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ref T CopyToBlock<T>(ref T source, int count, ref LaneBlock block)
        where T : struct
    {
        ref T start = ref Unsafe.As<LaneBlock, T>(ref block);
        int i = 0;
        for (; i < count; i++)
        {
            Unsafe.Add(ref start, i) = Unsafe.Add(ref source, i);
        }

        for (; i < LaneBytes / Unsafe.SizeOf<T>(); i++)
        {
            Unsafe.Add(ref start, i) = default;
        }

        return ref start;
    }

    /// <summary>64 bytes on the stack: the lanes of one sum, or the zero-padded last elements of one.</summary>
    [StructLayout(LayoutKind.Sequential, Size = LaneBytes)]
    internal struct LaneBlock
    {
    }
}
