#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
        Vector128<float> shift = Vector128.Create(RoundingShift);
        Vector128<float> n = ((c * Vector128.Create(Log2E)) + shift) - shift;
        Vector128<float> r = (c - (n * Vector128.Create(Ln2High))) - (n * Vector128.Create(Ln2Low));
        Vector128<float> q = Vector128.Create(ExpC7);
        q = (q * r) + Vector128.Create(ExpC6);
        q = (q * r) + Vector128.Create(ExpC5);
        q = (q * r) + Vector128.Create(ExpC4);
        q = (q * r) + Vector128.Create(ExpC3);
        q = (q * r) + Vector128.Create(ExpC2);
        Vector128<float> p = Vector128<float>.One + (r + ((r * r) * q));
        Vector128<float> half = ((n * Vector128.Create(0.5f)) + shift) - shift;
        Vector128<float> rest = n - half;
        Vector128<int> bias = Vector128.Create(ExponentBias);
        Vector128<int> unit = Vector128.Create(ExponentUnit);
        Vector128<float> halfScale = ((Vector128.ConvertToInt32(half) + bias) * unit).AsSingle();
        Vector128<float> restScale = ((Vector128.ConvertToInt32(rest) + bias) * unit).AsSingle();
        return Vector128.ConditionalSelect(Vector128.Equals(x, x), p * halfScale * restScale, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> z)
    {
        Vector128<float> e = Exp(-Vector128.Abs(z));
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
        Vector128<float> e = Exp(Vector128.Create(-2f) * t);
        Vector128<float> large = (Vector128<float>.One - e) / (Vector128<float>.One + e);
        Vector128<float> magnitude = Vector128.ConditionalSelect(Vector128.LessThan(t, Vector128.Create(TanhSwitch)), small, large);
        Vector128<float> signed = magnitude | (z & Vector128.Create(-0f));
        return Vector128.ConditionalSelect(Vector128.Equals(z, z), signed, z);
    }
}
#endif
