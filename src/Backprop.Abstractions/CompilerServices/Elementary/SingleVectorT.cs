using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static Backprop.CompilerServices.SingleFunctions;

namespace Backprop.CompilerServices;

/// <summary>
/// <see cref="SingleFunctions"/>' exp, σ and tanh on <see cref="Vector{T}"/>, the only vectors of .NET
/// Standard 2.0: the same operations in the same order as the scalar functions, each branch computed and
/// selected, so every element gets the scalar function's bits. Built for every target, so that the tests
/// running on .NET 8+ check it too.
/// </summary>
internal static class SingleVectorT
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exp(Vector<float> x)
    {
        Vector<float> c = Vector.ConditionalSelect(Vector.LessThan(x, new Vector<float>(ExpLowest)), new Vector<float>(ExpLowest), x);
        c = Vector.ConditionalSelect(Vector.GreaterThan(c, new Vector<float>(ExpHighest)), new Vector<float>(ExpHighest), c);
        Vector.Widen(c, out Vector<double> lower, out Vector<double> upper);
        return Vector.ConditionalSelect(Vector.Equals(x, x), Vector.Narrow(ExpInDouble(lower, ExpScale), ExpInDouble(upper, ExpScale)), x);
    }

    /// <summary>e<sup>−t</sup> for t ≥ 0, as <see cref="SingleFunctions.ExpOfNegated"/>; NaN gives some NaN, which σ and tanh replace.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> ExpOfNegated(Vector<float> t)
    {
        Vector<float> c = Vector.ConditionalSelect(Vector.GreaterThan(t, new Vector<float>(ExpNegatedHighest)), new Vector<float>(ExpNegatedHighest), t);
        Vector.Widen(c, out Vector<double> lower, out Vector<double> upper);
        return Vector.Narrow(ExpInDouble(lower, -ExpScale), ExpInDouble(upper, -ExpScale));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> ExpInDouble(Vector<double> c, double factor)
    {
        Vector<double> z = c * new Vector<double>(factor);
        Vector<double> shifted = z + new Vector<double>(RoundingShift);
        Vector<double> r = z - (shifted - new Vector<double>(RoundingShift));
        Vector<double> p = (Vector<double>.One + (new Vector<double>(ExpC1) * r)) + ((r * r) * (new Vector<double>(ExpC2) + (new Vector<double>(ExpC3) * r)));

        // .NET Standard's vectors have neither a table lookup nor a shift: 2^(k/32) element by element.
        Vector<long> bits = Vector.AsVectorInt64(shifted);
        Span<long> scale = stackalloc long[Vector<long>.Count];
        for (int i = 0; i < scale.Length; i++)
        {
            scale[i] = ExpScaleBits(bits[i]);
        }

        return Vector.AsVectorDouble(MemoryMarshal.Cast<long, Vector<long>>(scale)[0]) * p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Sigmoid(Vector<float> z)
    {
        Vector<float> e = ExpOfNegated(Vector.Abs(z));
        Vector<float> numerator = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(z, Vector<float>.Zero), Vector<float>.One, e);
        return Vector.ConditionalSelect(Vector.Equals(z, z), numerator / (Vector<float>.One + e), z);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Tanh(Vector<float> z)
    {
        Vector<float> t = Vector.Abs(z);
        Vector<float> t2 = t * t;
        var p = new Vector<float>(TanhC15);
        p = (p * t2) + new Vector<float>(TanhC13);
        p = (p * t2) + new Vector<float>(TanhC11);
        p = (p * t2) + new Vector<float>(TanhC9);
        p = (p * t2) + new Vector<float>(TanhC7);
        p = (p * t2) + new Vector<float>(TanhC5);
        p = (p * t2) + new Vector<float>(TanhC3);
        Vector<float> small = t + (t * (t2 * p));
        Vector<float> e = ExpOfNegated(new Vector<float>(2f) * t);
        Vector<float> large = (Vector<float>.One - e) / (Vector<float>.One + e);
        Vector<float> magnitude = Vector.ConditionalSelect(Vector.LessThan(t, new Vector<float>(TanhSwitch)), small, large);
        Vector<float> signed = magnitude | (z & new Vector<float>(-0f));
        return Vector.ConditionalSelect(Vector.Equals(z, z), signed, z);
    }
}
