using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backprop.Benchmarks;

/// <summary>
/// The compute floor of a call: a kernel that does nothing but single-precision fused multiply-adds, at the
/// machine's peak, as many as a generated network's cost constant says one call does (<c>ForwardMultiplyAdds</c>,
/// <c>TrainStepMultiplyAdds</c>; docs/math.md §6.1). The <c>*_Floor</c> rows time it in the same run as the
/// network, so that a network's time divided by its floor's is how far it is from the arithmetic alone: memory
/// traffic, activations, reductions and call overhead are all in that multiple.
/// </summary>
internal static class FmaFloor
{
    /// <summary>
    /// Independent accumulators: enough to keep two FMA units busy through a latency of four cycles, the most any
    /// x64 or Arm64 core of the last decade needs.
    /// </summary>
    private const int Accumulators = 8;

    /// <summary>
    /// Runs at least <paramref name="multiplyAdds"/> multiply-adds (rounded up to whole steps of the widest
    /// accelerated vector times <see cref="Accumulators"/>) and returns a sum of the accumulators, so that the JIT
    /// cannot drop the work.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float Run(long multiplyAdds)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return Run512(Steps(multiplyAdds, Vector512<float>.Count));
        }

        return Vector256.IsHardwareAccelerated ? Run256(Steps(multiplyAdds, Vector256<float>.Count)) : Run128(Steps(multiplyAdds, Vector128<float>.Count));
    }

    /// <summary>The loop's steps for <paramref name="multiplyAdds"/>: one fused multiply-add of each accumulator per step.</summary>
    internal static long Steps(long multiplyAdds, int lanes) => (multiplyAdds + (Accumulators * lanes) - 1) / (Accumulators * lanes);

    // Each step multiplies every accumulator by a factor just under 1 and adds a small constant, so that the values
    // stay finite and normal however long it runs.
    private static float Run512(long steps)
    {
        Vector512<float> m = Vector512.Create(0.999f), c = Vector512.Create(1e-3f);
        Vector512<float> a0 = Vector512<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (long s = 0; s < steps; s++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, c);
            a1 = Vector512.FusedMultiplyAdd(a1, m, c);
            a2 = Vector512.FusedMultiplyAdd(a2, m, c);
            a3 = Vector512.FusedMultiplyAdd(a3, m, c);
            a4 = Vector512.FusedMultiplyAdd(a4, m, c);
            a5 = Vector512.FusedMultiplyAdd(a5, m, c);
            a6 = Vector512.FusedMultiplyAdd(a6, m, c);
            a7 = Vector512.FusedMultiplyAdd(a7, m, c);
        }

        return Vector512.Sum(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)));
    }

    private static float Run256(long steps)
    {
        Vector256<float> m = Vector256.Create(0.999f), c = Vector256.Create(1e-3f);
        Vector256<float> a0 = Vector256<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (long s = 0; s < steps; s++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, m, c);
            a1 = Vector256.FusedMultiplyAdd(a1, m, c);
            a2 = Vector256.FusedMultiplyAdd(a2, m, c);
            a3 = Vector256.FusedMultiplyAdd(a3, m, c);
            a4 = Vector256.FusedMultiplyAdd(a4, m, c);
            a5 = Vector256.FusedMultiplyAdd(a5, m, c);
            a6 = Vector256.FusedMultiplyAdd(a6, m, c);
            a7 = Vector256.FusedMultiplyAdd(a7, m, c);
        }

        return Vector256.Sum(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)));
    }

    private static float Run128(long steps)
    {
        Vector128<float> m = Vector128.Create(0.999f), c = Vector128.Create(1e-3f);
        Vector128<float> a0 = Vector128<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (long s = 0; s < steps; s++)
        {
            a0 = Vector128.FusedMultiplyAdd(a0, m, c);
            a1 = Vector128.FusedMultiplyAdd(a1, m, c);
            a2 = Vector128.FusedMultiplyAdd(a2, m, c);
            a3 = Vector128.FusedMultiplyAdd(a3, m, c);
            a4 = Vector128.FusedMultiplyAdd(a4, m, c);
            a5 = Vector128.FusedMultiplyAdd(a5, m, c);
            a6 = Vector128.FusedMultiplyAdd(a6, m, c);
            a7 = Vector128.FusedMultiplyAdd(a7, m, c);
        }

        return Vector128.Sum(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)));
    }

    /// <summary>
    /// The floor of the arithmetic the library may do: the same count of multiply-adds, each a multiplication and
    /// then an addition rounded apart, as the fixed summation order requires (docs/math.md §2.1). Where one unit
    /// both multiplies and adds (Intel), this takes twice <see cref="Run"/>'s time; where multiplications and
    /// additions have units of their own (AMD Zen), about the same.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float RunUnfused(long multiplyAdds)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return RunUnfused512(Steps(multiplyAdds, Vector512<float>.Count));
        }

        return RunUnfused256(Steps(multiplyAdds, Vector256<float>.Count));
    }

    // Sixteen accumulators: a multiplication and then an addition is twice the latency of one fused step.
    private static float RunUnfused512(long steps)
    {
        Vector512<float> m = Vector512.Create(0.999f), c = Vector512.Create(1e-3f);
        Vector512<float> a0 = Vector512<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        Vector512<float> b0 = a0, b1 = a0, b2 = a0, b3 = a0, b4 = a0, b5 = a0, b6 = a0, b7 = a0;
        for (long s = 0; s < (steps + 1) / 2; s++)
        {
            (a0, a1, a2, a3) = ((a0 * m) + c, (a1 * m) + c, (a2 * m) + c, (a3 * m) + c);
            (a4, a5, a6, a7) = ((a4 * m) + c, (a5 * m) + c, (a6 * m) + c, (a7 * m) + c);
            (b0, b1, b2, b3) = ((b0 * m) + c, (b1 * m) + c, (b2 * m) + c, (b3 * m) + c);
            (b4, b5, b6, b7) = ((b4 * m) + c, (b5 * m) + c, (b6 * m) + c, (b7 * m) + c);
        }

        Vector512<float> a = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
        Vector512<float> b = ((b0 + b1) + (b2 + b3)) + ((b4 + b5) + (b6 + b7));
        return Vector512.Sum(a + b);
    }

    // Twelve accumulators: with the two constants, 14 of the 16 registers that x64 has without AVX-512 (sixteen
    // would spill, and measured 0.7× the rate of twelve on AMD Zen 3). A multiplication then an addition, three
    // cycles each there, with two of each per cycle, needs twelve chains.
    private static float RunUnfused256(long steps)
    {
        Vector256<float> m = Vector256.Create(0.999f), c = Vector256.Create(1e-3f);
        Vector256<float> a0 = Vector256<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        Vector256<float> b0 = a0, b1 = a0, b2 = a0, b3 = a0, b4 = a0, b5 = a0;
        for (long s = 0; s < ((2 * steps) + 2) / 3; s++)
        {
            (a0, a1, a2, a3, a4, a5) = ((a0 * m) + c, (a1 * m) + c, (a2 * m) + c, (a3 * m) + c, (a4 * m) + c, (a5 * m) + c);
            (b0, b1, b2, b3, b4, b5) = ((b0 * m) + c, (b1 * m) + c, (b2 * m) + c, (b3 * m) + c, (b4 * m) + c, (b5 * m) + c);
        }

        Vector256<float> a = ((a0 + a1) + (a2 + a3)) + (a4 + a5);
        Vector256<float> b = ((b0 + b1) + (b2 + b3)) + (b4 + b5);
        return Vector256.Sum(a + b);
    }
}
