using System;
using System.Runtime.CompilerServices;

namespace Backprop.CompilerServices;

// The logistic function over a whole layer at once, for layers of vector loops in single precision.
public static partial class VectorKernels
{
    /// <summary>
    /// A bound on the relative error of <see cref="Sigmoid(Span{float})"/> against the exact σ(z) wherever σ(z)
    /// is a normal float: 4 × 2⁻²³, about 4.8e-7. The kernel gives the bits of the scalar
    /// <see cref="ActivationFunctions.Sigmoid(float)"/>, whose tested bound (docs/math.md) is tighter.
    /// </summary>
    public const double SigmoidTolerance = 4.0 / (1 << 23);

    /// <summary>
    /// <c>values[i] = 1 / (1 + e<sup>−values[i]</sup>)</c> for every element: the sigmoid of eq. 2 for a whole
    /// layer, vectorized, with exactly the bits of <see cref="ActivationFunctions.Sigmoid(float)"/> element by
    /// element on every machine. NaN stays NaN.
    /// </summary>
    /// <param name="values">The weighted sums on entry, the activations on return.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sigmoid(Span<float> values) => Elementwise.Apply<SigmoidFunction>(values);
}
