#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Backprop.CompilerServices;

// The last elements of a sum, fewer than a block of lanes, as whole vectors with +0 in the lanes past them: what
// CopyToBlock and a vector load give, read straight from memory by AVX's masked loads (vmaskmovps, vmaskmovpd)
// where the processor has them. A masked-off lane is +0 and its memory is neither read nor able to fault, so the
// bits are CopyToBlock's. Copying element by element into a block and then loading it as one vector makes the
// processor wait: it cannot forward several small stores to one wide load, and a layer of 8 inputs paid that on
// every row (docs/benchmarks.md, "Choosing a shape per layer").
public static partial class VectorKernels
{
    /// <summary>The last <paramref name="count"/> elements (fewer than a Vector512 holds) as a Vector512, +0 past them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe Vector512<T> LastBlock512<T>(ref T source, int count, ref LaneBlock block)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Avx.IsSupported)
        {
            fixed (T* start = &source)
            {
                // Not Vector512.Create(lower, upper): the JIT assembles that in a stack slot, which lands beside the
                // pinned one, and the runtime zeroes both, for every inlined load site, on every call of the method
                // the kernels inline into (1.7 KB for each Forward of 16-32-8).
                return MaskLoad(start, count).ToVector512Unsafe().WithUpper(MaskLoad(start + Vector256<T>.Count, count - Vector256<T>.Count));
            }
        }

        return Vector512.LoadUnsafe(ref CopyToBlock(ref source, count, ref block));
    }

    /// <summary>The last <paramref name="count"/> elements (fewer than two Vector256 hold) as two Vector256, +0 past them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe (Vector256<T> Lower, Vector256<T> Upper) LastBlock256<T>(ref T source, int count, ref LaneBlock block)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Avx.IsSupported)
        {
            fixed (T* start = &source)
            {
                return (MaskLoad(start, count), MaskLoad(start + Vector256<T>.Count, count - Vector256<T>.Count));
            }
        }

        ref T copied = ref CopyToBlock(ref source, count, ref block);
        return (Vector256.LoadUnsafe(ref copied), Vector256.LoadUnsafe(ref copied, (nuint)Vector256<T>.Count));
    }

    // The first count elements at start (all for count ≥ the lanes, none for count ≤ 0), +0 in the other lanes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<T> MaskLoad<T>(T* start, int count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            Vector256<float> mask = Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(count)).AsSingle();
            return Avx.MaskLoad((float*)start, mask).As<float, T>();
        }

        Vector256<double> lanes = Vector256.LessThan(Vector256.Create(0L, 1, 2, 3), Vector256.Create((long)count)).AsDouble();
        return Avx.MaskLoad((double*)start, lanes).As<double, T>();
    }
}
#endif
