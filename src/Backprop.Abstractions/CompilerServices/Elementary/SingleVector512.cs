#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static Backprop.CompilerServices.SingleFunctions;

namespace Backprop.CompilerServices;

/// <summary>
/// <see cref="SingleFunctions"/>' exp, σ and tanh on Vector512: the same operations in the same order, each
/// branch computed and selected, so every element gets the scalar function's bits.
/// </summary>
internal static class SingleVector512
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        Vector512<float> c = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(ExpLowest)), Vector512.Create(ExpLowest), x);
        c = Vector512.ConditionalSelect(Vector512.GreaterThan(c, Vector512.Create(ExpHighest)), Vector512.Create(ExpHighest), c);
        (Vector512<double> lower, Vector512<double> upper) = Vector512.Widen(c);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), Vector512.Narrow(ExpInDouble(lower, ExpScale), ExpInDouble(upper, ExpScale)), x);
    }

    /// <summary>e<sup>−t</sup> for t ≥ 0, as <see cref="SingleFunctions.ExpOfNegated"/>; NaN gives some NaN, which σ and tanh replace.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpOfNegated(Vector512<float> t)
    {
        Vector512<float> c = Vector512.ConditionalSelect(Vector512.GreaterThan(t, Vector512.Create(ExpNegatedHighest)), Vector512.Create(ExpNegatedHighest), t);
        (Vector512<double> lower, Vector512<double> upper) = Vector512.Widen(c);
        return Vector512.Narrow(ExpInDouble(lower, -ExpScale), ExpInDouble(upper, -ExpScale));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ExpInDouble(Vector512<double> c, double factor)
    {
        Vector512<double> z = c * Vector512.Create(factor);
        Vector512<double> shifted = z + Vector512.Create(RoundingShift);
        Vector512<double> r = z - (shifted - Vector512.Create(RoundingShift));
        Vector512<double> p = (Vector512<double>.One + (Vector512.Create(ExpC1) * r)) + ((r * r) * (Vector512.Create(ExpC2) + (Vector512.Create(ExpC3) * r)));
        Vector512<long> bits = shifted.AsInt64();
        Vector512<long> scale = ExpTableLookup(bits) + Vector512.ShiftLeft(bits, ExpExponentShift);
        return scale.AsDouble() * p;
    }

    /// <summary>
    /// The table's entries at the last five bits of <paramref name="bits"/>: two two-register permutes of its 32
    /// entries where AVX-512 has them (each reads the last four bits), element by element otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<long> ExpTableLookup(Vector512<long> bits)
    {
        ref long table = ref MemoryMarshal.GetArrayDataReference(ExpTable);
        if (Avx512F.IsSupported)
        {
            Vector512<long> low = Avx512F.PermuteVar8x64x2(Vector512.LoadUnsafe(ref table), bits, Vector512.LoadUnsafe(ref table, 8));
            Vector512<long> high = Avx512F.PermuteVar8x64x2(Vector512.LoadUnsafe(ref table, 16), bits, Vector512.LoadUnsafe(ref table, 24));
            return Vector512.ConditionalSelect(Vector512.Equals(bits & Vector512.Create(16L), Vector512<long>.Zero), low, high);
        }

        return Vector512.Create(
            ExpTableEntry(bits.GetElement(0)), ExpTableEntry(bits.GetElement(1)),
            ExpTableEntry(bits.GetElement(2)), ExpTableEntry(bits.GetElement(3)),
            ExpTableEntry(bits.GetElement(4)), ExpTableEntry(bits.GetElement(5)),
            ExpTableEntry(bits.GetElement(6)), ExpTableEntry(bits.GetElement(7)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> z)
    {
        Vector512<float> e = ExpOfNegated(Vector512.Abs(z));
        Vector512<float> numerator = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(z, Vector512<float>.Zero), Vector512<float>.One, e);
        return Vector512.ConditionalSelect(Vector512.Equals(z, z), numerator / (Vector512<float>.One + e), z);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> z)
    {
        Vector512<float> t = Vector512.Abs(z);
        Vector512<float> t2 = t * t;
        Vector512<float> p = Vector512.Create(TanhC15);
        p = (p * t2) + Vector512.Create(TanhC13);
        p = (p * t2) + Vector512.Create(TanhC11);
        p = (p * t2) + Vector512.Create(TanhC9);
        p = (p * t2) + Vector512.Create(TanhC7);
        p = (p * t2) + Vector512.Create(TanhC5);
        p = (p * t2) + Vector512.Create(TanhC3);
        Vector512<float> small = t + (t * (t2 * p));
        Vector512<float> e = ExpOfNegated(Vector512.Create(2f) * t);
        Vector512<float> large = (Vector512<float>.One - e) / (Vector512<float>.One + e);
        Vector512<float> magnitude = Vector512.ConditionalSelect(Vector512.LessThan(t, Vector512.Create(TanhSwitch)), small, large);
        Vector512<float> signed = magnitude | (z & Vector512.Create(-0f));
        return Vector512.ConditionalSelect(Vector512.Equals(z, z), signed, z);
    }
}
#endif
