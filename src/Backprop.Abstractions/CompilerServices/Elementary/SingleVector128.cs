#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static Backprop.CompilerServices.SingleFunctions;

namespace Backprop.CompilerServices;

/// <summary>
/// <see cref="SingleFunctions"/>' exp, σ and tanh on Vector128: the same operations in the same order, each
/// branch computed and selected, so every element gets the scalar function's bits.
/// </summary>
internal static class SingleVector128
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x)
    {
        Vector128<float> c = Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128.Create(ExpLowest)), Vector128.Create(ExpLowest), x);
        c = Vector128.ConditionalSelect(Vector128.GreaterThan(c, Vector128.Create(ExpHighest)), Vector128.Create(ExpHighest), c);
        (Vector128<double> lower, Vector128<double> upper) = Vector128.Widen(c);
        return Vector128.ConditionalSelect(Vector128.Equals(x, x), Vector128.Narrow(ExpInDouble(lower, ExpScale), ExpInDouble(upper, ExpScale)), x);
    }

    /// <summary>e<sup>−t</sup> for t ≥ 0, as <see cref="SingleFunctions.ExpOfNegated"/>; NaN gives some NaN, which σ and tanh replace.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> ExpOfNegated(Vector128<float> t)
    {
        Vector128<float> c = Vector128.ConditionalSelect(Vector128.GreaterThan(t, Vector128.Create(ExpNegatedHighest)), Vector128.Create(ExpNegatedHighest), t);
        (Vector128<double> lower, Vector128<double> upper) = Vector128.Widen(c);
        return Vector128.Narrow(ExpInDouble(lower, -ExpScale), ExpInDouble(upper, -ExpScale));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> ExpInDouble(Vector128<double> c, double factor)
    {
        Vector128<double> z = c * Vector128.Create(factor);
        Vector128<double> shifted = z + Vector128.Create(RoundingShift);
        Vector128<double> r = z - (shifted - Vector128.Create(RoundingShift));
        Vector128<double> p = (Vector128<double>.One + (Vector128.Create(ExpC1) * r)) + ((r * r) * (Vector128.Create(ExpC2) + (Vector128.Create(ExpC3) * r)));
        Vector128<long> bits = shifted.AsInt64();
        Vector128<long> scale = ExpTableLookup(bits) + Vector128.ShiftLeft(bits, ExpExponentShift);
        return scale.AsDouble() * p;
    }

    /// <summary>
    /// The table's entries at the last five bits of <paramref name="bits"/>: AVX-512's two-register permutes
    /// where it has them (in the lower part of a Vector512), a gather where AVX2 has it, element by element
    /// otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector128<long> ExpTableLookup(Vector128<long> bits)
    {
        if (Avx512F.VL.IsSupported)
        {
            return SingleVector512.ExpTableLookup(bits.ToVector256Unsafe().ToVector512Unsafe()).GetLower().GetLower();
        }

        if (Avx2.IsSupported)
        {
            fixed (long* table = ExpTable)
            {
                return Avx2.GatherVector128(table, bits & Vector128.Create((long)ExpTableMask), sizeof(long));
            }
        }

        return Vector128.Create(ExpTableEntry(bits.GetElement(0)), ExpTableEntry(bits.GetElement(1)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> z)
    {
        Vector128<float> e = ExpOfNegated(Vector128.Abs(z));
        Vector128<float> numerator = Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(z, Vector128<float>.Zero), Vector128<float>.One, e);
        return Vector128.ConditionalSelect(Vector128.Equals(z, z), numerator / (Vector128<float>.One + e), z);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> z)
    {
        Vector128<float> t = Vector128.Abs(z);
        Vector128<float> t2 = t * t;
        Vector128<float> p = Vector128.Create(TanhC15);
        p = (p * t2) + Vector128.Create(TanhC13);
        p = (p * t2) + Vector128.Create(TanhC11);
        p = (p * t2) + Vector128.Create(TanhC9);
        p = (p * t2) + Vector128.Create(TanhC7);
        p = (p * t2) + Vector128.Create(TanhC5);
        p = (p * t2) + Vector128.Create(TanhC3);
        Vector128<float> small = t + (t * (t2 * p));
        Vector128<float> e = ExpOfNegated(Vector128.Create(2f) * t);
        Vector128<float> large = (Vector128<float>.One - e) / (Vector128<float>.One + e);
        Vector128<float> magnitude = Vector128.ConditionalSelect(Vector128.LessThan(t, Vector128.Create(TanhSwitch)), small, large);
        Vector128<float> signed = magnitude | (z & Vector128.Create(-0f));
        return Vector128.ConditionalSelect(Vector128.Equals(z, z), signed, z);
    }
}
#endif
