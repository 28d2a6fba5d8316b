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
    public static Vector<float> Exp(Vector<float> x) =>
        Vector.ConditionalSelect(Vector.Equals(x, x), ExpOfNumber(x), x);

    /// <summary>e<sup>x</sup> where x is not NaN; σ and tanh, which put NaN back themselves, call it directly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> ExpOfNumber(Vector<float> x)
    {
        Vector<float> c = Vector.ConditionalSelect(Vector.LessThan(x, new Vector<float>(ExpLowest)), new Vector<float>(ExpLowest), x);
        c = Vector.ConditionalSelect(Vector.GreaterThan(c, new Vector<float>(ExpHighest)), new Vector<float>(ExpHighest), c);
        Vector.Widen(c, out Vector<double> lower, out Vector<double> upper);
        return Vector.Narrow(ExpInDouble(lower), ExpInDouble(upper));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> ExpInDouble(Vector<double> c)
    {
        Vector<double> z = c * new Vector<double>(ExpScale);
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
        Vector<float> e = ExpOfNumber(-Vector.Abs(z));
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
        Vector<float> e = ExpOfNumber(new Vector<float>(-2f) * t);
        Vector<float> large = (Vector<float>.One - e) / (Vector<float>.One + e);
        Vector<float> magnitude = Vector.ConditionalSelect(Vector.LessThan(t, new Vector<float>(TanhSwitch)), small, large);
        Vector<float> signed = magnitude | (z & new Vector<float>(-0f));
        return Vector.ConditionalSelect(Vector.Equals(z, z), signed, z);
    }
}
