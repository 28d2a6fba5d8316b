#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backprop.CompilerServices;

public static partial class VectorKernels
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyByDerivativeCore<T>(ref T delta, ref T activations, int n, Activation activation, T leakySlope)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            int c = Vector512<T>.Count;
            Vector512<T> one = Vector512<T>.One;
            Vector512<T> slope = Vector512.Create(leakySlope);
            for (; i <= n - c; i += c)
            {
                Vector512<T> d = Vector512.LoadUnsafe(ref delta, (nuint)i);
                Vector512<T> a = Vector512.LoadUnsafe(ref activations, (nuint)i);
                Vector512<T> derivative = activation switch
                {
                    Activation.Sigmoid => a * (one - a),
                    Activation.Tanh => one - (a * a),
                    Activation.ReLU => Vector512.ConditionalSelect(Vector512.GreaterThan(a, Vector512<T>.Zero), one, Vector512<T>.Zero),
                    _ => Vector512.ConditionalSelect(Vector512.GreaterThan(a, Vector512<T>.Zero), one, slope),
                };
                (d * derivative).StoreUnsafe(ref delta, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            int c = Vector256<T>.Count;
            Vector256<T> one = Vector256<T>.One;
            Vector256<T> slope = Vector256.Create(leakySlope);
            for (; i <= n - c; i += c)
            {
                Vector256<T> d = Vector256.LoadUnsafe(ref delta, (nuint)i);
                Vector256<T> a = Vector256.LoadUnsafe(ref activations, (nuint)i);
                Vector256<T> derivative = activation switch
                {
                    Activation.Sigmoid => a * (one - a),
                    Activation.Tanh => one - (a * a),
                    Activation.ReLU => Vector256.ConditionalSelect(Vector256.GreaterThan(a, Vector256<T>.Zero), one, Vector256<T>.Zero),
                    _ => Vector256.ConditionalSelect(Vector256.GreaterThan(a, Vector256<T>.Zero), one, slope),
                };
                (d * derivative).StoreUnsafe(ref delta, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<T>.Count)
        {
            int c = Vector128<T>.Count;
            Vector128<T> one = Vector128<T>.One;
            Vector128<T> slope = Vector128.Create(leakySlope);
            for (; i <= n - c; i += c)
            {
                Vector128<T> d = Vector128.LoadUnsafe(ref delta, (nuint)i);
                Vector128<T> a = Vector128.LoadUnsafe(ref activations, (nuint)i);
                Vector128<T> derivative = activation switch
                {
                    Activation.Sigmoid => a * (one - a),
                    Activation.Tanh => one - (a * a),
                    Activation.ReLU => Vector128.ConditionalSelect(Vector128.GreaterThan(a, Vector128<T>.Zero), one, Vector128<T>.Zero),
                    _ => Vector128.ConditionalSelect(Vector128.GreaterThan(a, Vector128<T>.Zero), one, slope),
                };
                (d * derivative).StoreUnsafe(ref delta, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            T a = Unsafe.Add(ref activations, i);
            T derivative = activation switch
            {
                Activation.Sigmoid => a * (T.One - a),
                Activation.Tanh => T.One - (a * a),
                Activation.ReLU => a > T.Zero ? T.One : T.Zero,
                _ => a > T.Zero ? T.One : leakySlope,
            };
            Unsafe.Add(ref delta, i) *= derivative;
        }
    }
}
#endif
