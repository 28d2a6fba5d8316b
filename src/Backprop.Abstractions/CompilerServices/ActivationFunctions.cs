using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Backprop.CompilerServices;

/// <summary>
/// Called by code the Backprop generator writes. Not a contract for users: it may change in any version.
/// The activation functions σ of <see cref="Activation"/>, in single and double precision. Generated
/// networks call these for eq. 2 (A = σ(Z)); their derivatives are written out in the generated code,
/// in terms of a = σ(z), next to the equation that uses them. Sigmoid, tanh, exp and ln are the library's own
/// (<see cref="SingleFunctions"/>, <see cref="DoubleFunctions"/>), so that every machine, runtime and target
/// framework computes the same bits; single precision is computed in single precision everywhere.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ActivationFunctions
{
    /// <summary>The negative slope of <see cref="Activation.LeakyReLU"/>: 0.01.</summary>
    public const double LeakyReLUSlope = SharedConstants.LeakyReLUSlope;

    /// <summary>The logistic function 1 / (1 + e<sup>−z</sup>).</summary>
    /// <param name="z">The weighted sum.</param>
    /// <returns>A value in [0, 1].</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float z) => SingleFunctions.Sigmoid(z);

    /// <summary>The logistic function 1 / (1 + e<sup>−z</sup>).</summary>
    /// <param name="z">The weighted sum.</param>
    /// <returns>A value in [0, 1].</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sigmoid(double z) => DoubleFunctions.Sigmoid(z);

    /// <summary>The hyperbolic tangent.</summary>
    /// <param name="z">The weighted sum.</param>
    /// <returns>A value in [−1, 1].</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float z) => SingleFunctions.Tanh(z);

    /// <summary>The hyperbolic tangent.</summary>
    /// <param name="z">The weighted sum.</param>
    /// <returns>A value in [−1, 1].</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Tanh(double z) => DoubleFunctions.Tanh(z);

    /// <summary>The rectified linear unit max(z, 0); NaN stays NaN.</summary>
    /// <param name="z">The weighted sum.</param>
    /// <returns><paramref name="z"/> if it is positive, otherwise 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReLU(float z) => z > 0f || float.IsNaN(z) ? z : 0f;

    /// <summary>The rectified linear unit max(z, 0); NaN stays NaN.</summary>
    /// <param name="z">The weighted sum.</param>
    /// <returns><paramref name="z"/> if it is positive, otherwise 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ReLU(double z) => z > 0.0 || double.IsNaN(z) ? z : 0.0;

    /// <summary>The leaky rectified linear unit: z for z &gt; 0, otherwise 0.01·z.</summary>
    /// <param name="z">The weighted sum.</param>
    /// <returns><paramref name="z"/> if it is positive, otherwise <see cref="LeakyReLUSlope"/>·z.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyReLU(float z) => z > 0f ? z : (float)LeakyReLUSlope * z;

    /// <summary>The leaky rectified linear unit: z for z &gt; 0, otherwise 0.01·z.</summary>
    /// <param name="z">The weighted sum.</param>
    /// <returns><paramref name="z"/> if it is positive, otherwise <see cref="LeakyReLUSlope"/>·z.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LeakyReLU(double z) => z > 0.0 ? z : LeakyReLUSlope * z;

    /// <summary>The exponential e<sup>x</sup>, for the softmax of eq. 2.</summary>
    /// <param name="x">The exponent.</param>
    /// <returns>e<sup>x</sup>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x) => SingleFunctions.Exp(x);

    /// <summary>The exponential e<sup>x</sup>, for the softmax of eq. 2.</summary>
    /// <param name="x">The exponent.</param>
    /// <returns>e<sup>x</sup>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exp(double x) => DoubleFunctions.Exp(x);

    /// <summary>The natural logarithm, for the cross-entropy of a softmax output.</summary>
    /// <param name="x">A positive value.</param>
    /// <returns>ln x.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Log(float x) => SingleFunctions.Log(x);

    /// <summary>The natural logarithm, for the cross-entropy of a softmax output.</summary>
    /// <param name="x">A positive value.</param>
    /// <returns>ln x.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log(double x) => DoubleFunctions.Log(x);

    /// <summary>
    /// One output's binary cross-entropy −[y ln a + (1 − y) ln(1 − a)] with a = σ(z), computed from the
    /// weighted sum z as max(z, 0) − y·z + ln(1 + e<sup>−|z|</sup>): finite for every finite z, where ln a
    /// would be −∞ once σ(z) rounds to 0 or 1.
    /// </summary>
    /// <param name="z">The output neuron's weighted sum.</param>
    /// <param name="y">The target, in [0, 1].</param>
    /// <returns>The cost of this output, ≥ 0 for targets in [0, 1].</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float BinaryCrossEntropy(float z, float y) =>
        ((z > 0f ? z : 0f) - (y * z)) + SingleFunctions.Log1PExpOfMinusAbs(z);

    /// <summary>
    /// One output's binary cross-entropy −[y ln a + (1 − y) ln(1 − a)] with a = σ(z), computed from the
    /// weighted sum z as max(z, 0) − y·z + ln(1 + e<sup>−|z|</sup>): finite for every finite z, where ln a
    /// would be −∞ once σ(z) rounds to 0 or 1.
    /// </summary>
    /// <param name="z">The output neuron's weighted sum.</param>
    /// <param name="y">The target, in [0, 1].</param>
    /// <returns>The cost of this output, ≥ 0 for targets in [0, 1].</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double BinaryCrossEntropy(double z, double y) =>
        ((z > 0.0 ? z : 0.0) - (y * z)) + DoubleFunctions.Log1PExpOfMinusAbs(z);
}
