using System.Numerics;
using System.Runtime.CompilerServices;
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
        var shift = new Vector<float>(RoundingShift);
        Vector<float> n = ((c * new Vector<float>(Log2E)) + shift) - shift;
        Vector<float> r = (c - (n * new Vector<float>(Ln2High))) - (n * new Vector<float>(Ln2Low));
        var q = new Vector<float>(ExpC7);
        q = (q * r) + new Vector<float>(ExpC6);
        q = (q * r) + new Vector<float>(ExpC5);
        q = (q * r) + new Vector<float>(ExpC4);
        q = (q * r) + new Vector<float>(ExpC3);
        q = (q * r) + new Vector<float>(ExpC2);
        Vector<float> p = Vector<float>.One + (r + ((r * r) * q));
        Vector<float> half = ((n * new Vector<float>(0.5f)) + shift) - shift;
        Vector<float> rest = n - half;
        var bias = new Vector<int>(ExponentBias);
        var unit = new Vector<int>(ExponentUnit);
        Vector<float> halfScale = Vector.AsVectorSingle((Vector.ConvertToInt32(half) + bias) * unit);
        Vector<float> restScale = Vector.AsVectorSingle((Vector.ConvertToInt32(rest) + bias) * unit);
        return Vector.ConditionalSelect(Vector.Equals(x, x), p * halfScale * restScale, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Sigmoid(Vector<float> z)
    {
        Vector<float> e = Exp(-Vector.Abs(z));
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
        Vector<float> e = Exp(new Vector<float>(-2f) * t);
        Vector<float> large = (Vector<float>.One - e) / (Vector<float>.One + e);
        Vector<float> magnitude = Vector.ConditionalSelect(Vector.LessThan(t, new Vector<float>(TanhSwitch)), small, large);
        Vector<float> signed = magnitude | (z & new Vector<float>(-0f));
        return Vector.ConditionalSelect(Vector.Equals(z, z), signed, z);
    }
}
