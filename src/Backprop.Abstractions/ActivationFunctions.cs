using System;
using System.Runtime.CompilerServices;

namespace Backprop;

/// <summary>
/// The activation functions σ of <see cref="Activation"/>, in single and double precision. Generated
/// networks call these for eq. 2 (A = σ(Z)); their derivatives are written out in the generated code,
/// in terms of a = σ(z), next to the equation that uses them.
/// </summary>
public static class ActivationFunctions
{
    /// <summary>The negative slope of <see cref="Activation.LeakyReLU"/>: 0.01.</summary>
    public const double LeakyReLUSlope = 0.01;

    /// <summary>The logistic function 1 / (1 + e<sup>−z</sup>).</summary>
    /// <param name="z">The weighted sum.</param>
    /// <returns>A value in [0, 1].</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
#if NETSTANDARD2_0
    public static float Sigmoid(float z) => (float)(1.0 / (1.0 + Math.Exp(-z)));
#else
    public static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));
#endif

    /// <summary>The logistic function 1 / (1 + e<sup>−z</sup>).</summary>
    /// <param name="z">The weighted sum.</param>
    /// <returns>A value in [0, 1].</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    /// <summary>The hyperbolic tangent.</summary>
    /// <param name="z">The weighted sum.</param>
    /// <returns>A value in [−1, 1].</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
#if NETSTANDARD2_0
    public static float Tanh(float z) => (float)Math.Tanh(z);
#else
    public static float Tanh(float z) => MathF.Tanh(z);
#endif

    /// <summary>The hyperbolic tangent.</summary>
    /// <param name="z">The weighted sum.</param>
    /// <returns>A value in [−1, 1].</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Tanh(double z) => Math.Tanh(z);

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
}
