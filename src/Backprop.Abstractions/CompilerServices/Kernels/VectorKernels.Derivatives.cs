using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Backprop.CompilerServices;

// σ' over a whole layer, for eq. 3 and 4.
public static partial class VectorKernels
{
    /// <summary>
    /// <c>delta[i] *= σ'(z[i])</c> for every element of <paramref name="delta"/>, σ' written in terms of the
    /// activations as eq. 3 and 4 use it: a(1 − a) for the sigmoid, 1 − a² for tanh, 1 or 0 for ReLU, 1 or 0.01
    /// for leaky ReLU (a &gt; 0 or not). Rounded element by element exactly as <c>delta[i] = delta[i] * (σ')</c>
    /// written out.
    /// </summary>
    /// <param name="delta">The deltas, multiplied in place.</param>
    /// <param name="activations">The layer's activations, at least as long as <paramref name="delta"/>.</param>
    /// <param name="activation">The layer's activation: <see cref="Activation.Sigmoid"/>, <see cref="Activation.Tanh"/>, <see cref="Activation.ReLU"/> or <see cref="Activation.LeakyReLU"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="activations"/> is shorter than <paramref name="delta"/>, or <paramref name="activation"/> has no derivative in terms of a.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyByDerivative(Span<float> delta, ReadOnlySpan<float> activations, Activation activation)
    {
        if (activations.Length < delta.Length)
        {
            ThrowShorter(nameof(activations), delta.Length, activations.Length);
        }

        if (activation is not (Activation.Sigmoid or Activation.Tanh or Activation.ReLU or Activation.LeakyReLU))
        {
            ThrowNoDerivative(activation);
        }

        MultiplyByDerivativeCore(ref MemoryMarshal.GetReference(delta), ref MemoryMarshal.GetReference(activations), delta.Length, activation, (float)ActivationFunctions.LeakyReLUSlope);
    }

    /// <inheritdoc cref="MultiplyByDerivative(Span{float}, ReadOnlySpan{float}, Activation)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyByDerivative(Span<double> delta, ReadOnlySpan<double> activations, Activation activation)
    {
        if (activations.Length < delta.Length)
        {
            ThrowShorter(nameof(activations), delta.Length, activations.Length);
        }

        if (activation is not (Activation.Sigmoid or Activation.Tanh or Activation.ReLU or Activation.LeakyReLU))
        {
            ThrowNoDerivative(activation);
        }

        MultiplyByDerivativeCore(ref MemoryMarshal.GetReference(delta), ref MemoryMarshal.GetReference(activations), delta.Length, activation, ActivationFunctions.LeakyReLUSlope);
    }

    private static void ThrowNoDerivative(Activation activation) =>
        throw new ArgumentException(
            "'activation' must be Sigmoid, Tanh, ReLU or LeakyReLU, whose derivative MultiplyByDerivative computes from the activation, but was " + activation + ".",
            nameof(activation));
}
