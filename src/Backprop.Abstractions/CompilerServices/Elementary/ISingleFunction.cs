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
