#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
        Vector512<float> shift = Vector512.Create(RoundingShift);
        Vector512<float> n = ((c * Vector512.Create(Log2E)) + shift) - shift;
        Vector512<float> r = (c - (n * Vector512.Create(Ln2High))) - (n * Vector512.Create(Ln2Low));
        Vector512<float> q = Vector512.Create(ExpC7);
        q = (q * r) + Vector512.Create(ExpC6);
        q = (q * r) + Vector512.Create(ExpC5);
        q = (q * r) + Vector512.Create(ExpC4);
        q = (q * r) + Vector512.Create(ExpC3);
        q = (q * r) + Vector512.Create(ExpC2);
        Vector512<float> p = Vector512<float>.One + (r + ((r * r) * q));
        Vector512<float> half = ((n * Vector512.Create(0.5f)) + shift) - shift;
        Vector512<float> rest = n - half;
        Vector512<int> bias = Vector512.Create(ExponentBias);
        Vector512<int> unit = Vector512.Create(ExponentUnit);
        Vector512<float> halfScale = ((Vector512.ConvertToInt32(half) + bias) * unit).AsSingle();
        Vector512<float> restScale = ((Vector512.ConvertToInt32(rest) + bias) * unit).AsSingle();
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), p * halfScale * restScale, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> z)
    {
        Vector512<float> e = Exp(-Vector512.Abs(z));
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
        Vector512<float> e = Exp(Vector512.Create(-2f) * t);
        Vector512<float> large = (Vector512<float>.One - e) / (Vector512<float>.One + e);
        Vector512<float> magnitude = Vector512.ConditionalSelect(Vector512.LessThan(t, Vector512.Create(TanhSwitch)), small, large);
        Vector512<float> signed = magnitude | (z & Vector512.Create(-0f));
        return Vector512.ConditionalSelect(Vector512.Equals(z, z), signed, z);
    }
}
#endif
