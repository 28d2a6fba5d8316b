using System;
using System.Runtime.CompilerServices;

namespace Backprop.CompilerServices;

// ReLU and leaky ReLU over a whole layer at once, for layers of vector loops in single precision.
public static partial class VectorKernels
{
    /// <summary>
    /// <c>values[i] = max(values[i], 0)</c> for every element, NaN kept: the ReLU of eq. 2 for a whole layer,
    /// vectorized, with exactly the bits of <see cref="ActivationFunctions.ReLU(float)"/> element by element
    /// (−0 becomes +0, as there).
    /// </summary>
    /// <param name="values">The weighted sums on entry, the activations on return.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ReLU(Span<float> values) => Elementwise.Apply<ReLUFunction>(values);

    /// <summary>
    /// <c>values[i] = values[i] &gt; 0 ? values[i] : 0.01·values[i]</c> for every element: the leaky ReLU of eq. 2
    /// for a whole layer, vectorized, with exactly the bits of <see cref="ActivationFunctions.LeakyReLU(float)"/>
    /// element by element.
    /// </summary>
    /// <param name="values">The weighted sums on entry, the activations on return.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LeakyReLU(Span<float> values) => Elementwise.Apply<LeakyReLUFunction>(values);
}
