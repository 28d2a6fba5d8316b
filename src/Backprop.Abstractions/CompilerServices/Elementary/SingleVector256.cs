#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
        Vector256<float> shift = Vector256.Create(RoundingShift);
        Vector256<float> n = ((c * Vector256.Create(Log2E)) + shift) - shift;
        Vector256<float> r = (c - (n * Vector256.Create(Ln2High))) - (n * Vector256.Create(Ln2Low));
        Vector256<float> q = Vector256.Create(ExpC7);
        q = (q * r) + Vector256.Create(ExpC6);
        q = (q * r) + Vector256.Create(ExpC5);
        q = (q * r) + Vector256.Create(ExpC4);
        q = (q * r) + Vector256.Create(ExpC3);
        q = (q * r) + Vector256.Create(ExpC2);
        Vector256<float> p = Vector256<float>.One + (r + ((r * r) * q));
        Vector256<float> half = ((n * Vector256.Create(0.5f)) + shift) - shift;
        Vector256<float> rest = n - half;
        Vector256<int> bias = Vector256.Create(ExponentBias);
        Vector256<int> unit = Vector256.Create(ExponentUnit);
        Vector256<float> halfScale = ((Vector256.ConvertToInt32(half) + bias) * unit).AsSingle();
        Vector256<float> restScale = ((Vector256.ConvertToInt32(rest) + bias) * unit).AsSingle();
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), p * halfScale * restScale, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> z)
    {
        Vector256<float> e = Exp(-Vector256.Abs(z));
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
        Vector256<float> e = Exp(Vector256.Create(-2f) * t);
        Vector256<float> large = (Vector256<float>.One - e) / (Vector256<float>.One + e);
        Vector256<float> magnitude = Vector256.ConditionalSelect(Vector256.LessThan(t, Vector256.Create(TanhSwitch)), small, large);
        Vector256<float> signed = magnitude | (z & Vector256.Create(-0f));
        return Vector256.ConditionalSelect(Vector256.Equals(z, z), signed, z);
    }
}
#endif
