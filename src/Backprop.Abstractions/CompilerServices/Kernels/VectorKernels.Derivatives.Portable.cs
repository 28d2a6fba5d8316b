#if !NET8_0_OR_GREATER
using System.Runtime.CompilerServices;

namespace Backprop.CompilerServices;

// .NET Standard: the derivatives element by element.
public static partial class VectorKernels
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyByDerivativeCore(ref float delta, ref float activations, int n, Activation activation, float leakySlope)
    {
        for (int i = 0; i < n; i++)
        {
            float a = Unsafe.Add(ref activations, i);
            float derivative = activation switch
            {
                Activation.Sigmoid => a * (1f - a),
                Activation.Tanh => 1f - (a * a),
                Activation.ReLU => a > 0f ? 1f : 0f,
                _ => a > 0f ? 1f : leakySlope,
            };
            Unsafe.Add(ref delta, i) *= derivative;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyByDerivativeCore(ref double delta, ref double activations, int n, Activation activation, double leakySlope)
    {
        for (int i = 0; i < n; i++)
        {
            double a = Unsafe.Add(ref activations, i);
            double derivative = activation switch
            {
                Activation.Sigmoid => a * (1.0 - a),
                Activation.Tanh => 1.0 - (a * a),
                Activation.ReLU => a > 0.0 ? 1.0 : 0.0,
                _ => a > 0.0 ? 1.0 : leakySlope,
            };
            Unsafe.Add(ref delta, i) *= derivative;
        }
    }
}
#endif
