#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static Backprop.CompilerServices.SingleFunctions;

namespace Backprop.CompilerServices;

/// <summary>
/// <see cref="SingleFunctions"/>' exp, σ and tanh on Vector256: the same operations in the same order, each
/// branch computed and selected, so every element gets the scalar function's bits.
/// </summary>
internal static class SingleVector256
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        Vector256<float> c = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(ExpLowest)), Vector256.Create(ExpLowest), x);
        c = Vector256.ConditionalSelect(Vector256.GreaterThan(c, Vector256.Create(ExpHighest)), Vector256.Create(ExpHighest), c);
        (Vector256<double> lower, Vector256<double> upper) = Vector256.Widen(c);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), Vector256.Narrow(ExpInDouble(lower, ExpScale), ExpInDouble(upper, ExpScale)), x);
    }

    /// <summary>e<sup>−t</sup> for t ≥ 0, as <see cref="SingleFunctions.ExpOfNegated"/>; NaN gives some NaN, which σ and tanh replace.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ExpOfNegated(Vector256<float> t)
    {
        Vector256<float> c = Vector256.ConditionalSelect(Vector256.GreaterThan(t, Vector256.Create(ExpNegatedHighest)), Vector256.Create(ExpNegatedHighest), t);
        (Vector256<double> lower, Vector256<double> upper) = Vector256.Widen(c);
        return Vector256.Narrow(ExpInDouble(lower, -ExpScale), ExpInDouble(upper, -ExpScale));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ExpInDouble(Vector256<double> c, double factor)
    {
        Vector256<double> z = c * Vector256.Create(factor);
        Vector256<double> shifted = z + Vector256.Create(RoundingShift);
        Vector256<double> r = z - (shifted - Vector256.Create(RoundingShift));
        Vector256<double> p = (Vector256<double>.One + (Vector256.Create(ExpC1) * r)) + ((r * r) * (Vector256.Create(ExpC2) + (Vector256.Create(ExpC3) * r)));
        Vector256<long> bits = shifted.AsInt64();
        Vector256<long> scale = ExpTableLookup(bits) + Vector256.ShiftLeft(bits, ExpExponentShift);
        return scale.AsDouble() * p;
    }

    /// <summary>
    /// The table's entries at the last five bits of <paramref name="bits"/>: AVX-512's two-register permutes
    /// where it has them (in the lower part of a Vector512), a gather where AVX2 has it, element by element
    /// otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<long> ExpTableLookup(Vector256<long> bits)
    {
        if (Avx512F.VL.IsSupported)
        {
            return SingleVector512.ExpTableLookup(bits.ToVector512Unsafe()).GetLower();
        }

        if (Avx2.IsSupported)
        {
            fixed (long* table = ExpTable)
            {
                return Avx2.GatherVector256(table, bits & Vector256.Create((long)ExpTableMask), sizeof(long));
            }
        }

        return Vector256.Create(
            ExpTableEntry(bits.GetElement(0)), ExpTableEntry(bits.GetElement(1)),
            ExpTableEntry(bits.GetElement(2)), ExpTableEntry(bits.GetElement(3)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> z)
    {
        Vector256<float> e = ExpOfNegated(Vector256.Abs(z));
        Vector256<float> numerator = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(z, Vector256<float>.Zero), Vector256<float>.One, e);
        return Vector256.ConditionalSelect(Vector256.Equals(z, z), numerator / (Vector256<float>.One + e), z);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> z)
    {
        Vector256<float> t = Vector256.Abs(z);
        Vector256<float> t2 = t * t;
        Vector256<float> p = Vector256.Create(TanhC15);
        p = (p * t2) + Vector256.Create(TanhC13);
        p = (p * t2) + Vector256.Create(TanhC11);
        p = (p * t2) + Vector256.Create(TanhC9);
        p = (p * t2) + Vector256.Create(TanhC7);
        p = (p * t2) + Vector256.Create(TanhC5);
        p = (p * t2) + Vector256.Create(TanhC3);
        Vector256<float> small = t + (t * (t2 * p));
        Vector256<float> e = ExpOfNegated(Vector256.Create(2f) * t);
        Vector256<float> large = (Vector256<float>.One - e) / (Vector256<float>.One + e);
        Vector256<float> magnitude = Vector256.ConditionalSelect(Vector256.LessThan(t, Vector256.Create(TanhSwitch)), small, large);
        Vector256<float> signed = magnitude | (z & Vector256.Create(-0f));
        return Vector256.ConditionalSelect(Vector256.Equals(z, z), signed, z);
    }
}
#endif
