using System.Numerics;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace Backprop.CompilerServices;

/// <summary>
/// One function of <see cref="SingleFunctions"/> at every width, for <see cref="Elementwise"/>: implemented by
/// structs, so that the JIT compiles one loop per function with every call inlined.
/// </summary>
internal interface ISingleFunction
{
    float Apply(float value);

    Vector<float> Apply(Vector<float> values);

#if NET8_0_OR_GREATER
    Vector128<float> Apply(Vector128<float> values);

    Vector256<float> Apply(Vector256<float> values);

    Vector512<float> Apply(Vector512<float> values);
#endif
}

/// <summary>σ at every width.</summary>
internal readonly struct SigmoidFunction : ISingleFunction
{
    public float Apply(float value) => SingleFunctions.Sigmoid(value);

    public Vector<float> Apply(Vector<float> values) => SingleVectorT.Sigmoid(values);

#if NET8_0_OR_GREATER
    public Vector128<float> Apply(Vector128<float> values) => SingleVector128.Sigmoid(values);

    public Vector256<float> Apply(Vector256<float> values) => SingleVector256.Sigmoid(values);

    public Vector512<float> Apply(Vector512<float> values) => SingleVector512.Sigmoid(values);
#endif
}

/// <summary>tanh at every width.</summary>
internal readonly struct TanhFunction : ISingleFunction
{
    public float Apply(float value) => SingleFunctions.Tanh(value);

    public Vector<float> Apply(Vector<float> values) => SingleVectorT.Tanh(values);

#if NET8_0_OR_GREATER
    public Vector128<float> Apply(Vector128<float> values) => SingleVector128.Tanh(values);

    public Vector256<float> Apply(Vector256<float> values) => SingleVector256.Tanh(values);

    public Vector512<float> Apply(Vector512<float> values) => SingleVector512.Tanh(values);
#endif
}

/// <summary>exp at every width (the tests compare its widths; no kernel applies it to a whole span yet).</summary>
internal readonly struct ExpFunction : ISingleFunction
{
    public float Apply(float value) => SingleFunctions.Exp(value);

    public Vector<float> Apply(Vector<float> values) => SingleVectorT.Exp(values);

#if NET8_0_OR_GREATER
    public Vector128<float> Apply(Vector128<float> values) => SingleVector128.Exp(values);

    public Vector256<float> Apply(Vector256<float> values) => SingleVector256.Exp(values);

    public Vector512<float> Apply(Vector512<float> values) => SingleVector512.Exp(values);
#endif
}

/// <summary>
/// ReLU at every width: z where z &gt; 0 or z is NaN, else +0, chosen lane by lane without a branch (the scalar
/// loop's branch mispredicts on about half of a layer's sums). A selection, so the bits are the scalar function's.
/// </summary>
internal readonly struct ReLUFunction : ISingleFunction
{
    public float Apply(float value) => ActivationFunctions.ReLU(value);

    public Vector<float> Apply(Vector<float> values) =>
        Vector.ConditionalSelect(Vector.GreaterThan(values, Vector<float>.Zero) | ~Vector.Equals(values, values), values, Vector<float>.Zero);

#if NET8_0_OR_GREATER
    public Vector128<float> Apply(Vector128<float> values) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(values, Vector128<float>.Zero) | ~Vector128.Equals(values, values), values, Vector128<float>.Zero);

    public Vector256<float> Apply(Vector256<float> values) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(values, Vector256<float>.Zero) | ~Vector256.Equals(values, values), values, Vector256<float>.Zero);

    public Vector512<float> Apply(Vector512<float> values) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(values, Vector512<float>.Zero) | ~Vector512.Equals(values, values), values, Vector512<float>.Zero);
#endif
}

/// <summary>
/// Leaky ReLU at every width: z where z &gt; 0, else 0.01·z (one rounding, as the scalar function's), chosen lane
/// by lane without a branch.
/// </summary>
internal readonly struct LeakyReLUFunction : ISingleFunction
{
    private const float Slope = (float)ActivationFunctions.LeakyReLUSlope;

    public float Apply(float value) => ActivationFunctions.LeakyReLU(value);

    public Vector<float> Apply(Vector<float> values) =>
        Vector.ConditionalSelect(Vector.GreaterThan(values, Vector<float>.Zero), values, new Vector<float>(Slope) * values);

#if NET8_0_OR_GREATER
    public Vector128<float> Apply(Vector128<float> values) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(values, Vector128<float>.Zero), values, Vector128.Create(Slope) * values);

    public Vector256<float> Apply(Vector256<float> values) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(values, Vector256<float>.Zero), values, Vector256.Create(Slope) * values);

    public Vector512<float> Apply(Vector512<float> values) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(values, Vector512<float>.Zero), values, Vector512.Create(Slope) * values);
#endif
}
