using System;
using System.Runtime.CompilerServices;

namespace Backprop.CompilerServices;

// The hyperbolic tangent over a whole layer at once, for layers of vector kernels in single precision.
public static partial class VectorKernels
{
    /// <summary>
    /// A bound on the relative error of <see cref="Tanh(Span{float})"/> against the exact tanh(z): 4 × 2⁻²³,
    /// about 4.8e-7. The kernel gives the bits of the scalar <see cref="ActivationFunctions.Tanh(float)"/>,
    /// whose tested bound (docs/math.md) is tighter.
    /// </summary>
    public const double TanhTolerance = 4.0 / (1 << 23);

    /// <summary>
    /// <c>values[i] = tanh(values[i])</c> for every element: eq. 2 with σ = tanh for a whole layer, vectorized,
    /// with exactly the bits of <see cref="ActivationFunctions.Tanh(float)"/> element by element on every
    /// machine. NaN stays NaN, ±∞ gives ±1, and −0 stays −0.
    /// </summary>
    /// <param name="values">The weighted sums on entry, the activations on return.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tanh(Span<float> values) => Elementwise.Apply<TanhFunction>(values);
}
