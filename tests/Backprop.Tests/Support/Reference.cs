using System;
using System.Numerics;

namespace Backprop.Tests.Support;

/// <summary>
/// An independent, deliberately plain implementation of what the generated code promises: the parameter
/// layout of <see cref="INeuralNetwork"/> and the forward pass of eq. 1 and 2, in double precision,
/// computed from the layer sizes and activations alone.
/// </summary>
internal static class Reference
{
    /// <summary>The number of weights and biases: Σ over l = 2…L of n<sub>l</sub>·n<sub>l−1</sub> + n<sub>l</sub>.</summary>
    public static int ParameterCount(ReadOnlySpan<int> sizes) => LayerOffset(sizes, sizes.Length + 1);

    /// <summary>Where layer <paramref name="layer"/>'s block (Wˡ then Bˡ) starts: after the blocks of layers 2…l−1.</summary>
    public static int LayerOffset(ReadOnlySpan<int> sizes, int layer)
    {
        int offset = 0;
        for (int l = 2; l < layer; l++)
        {
            offset += (sizes[l - 1] * sizes[l - 2]) + sizes[l - 1];
        }

        return offset;
    }

    /// <summary>The documented position of w<sup>l</sup><sub>jk</sub>: row-major, j·n<sub>l−1</sub> + k into the layer's block.</summary>
    public static int WeightIndex(ReadOnlySpan<int> sizes, int layer, int j, int k) =>
        LayerOffset(sizes, layer) + (j * sizes[layer - 2]) + k;

    /// <summary>The documented position of b<sup>l</sup><sub>j</sub>: right after Wˡ.</summary>
    public static int BiasIndex(ReadOnlySpan<int> sizes, int layer, int j) =>
        LayerOffset(sizes, layer) + (sizes[layer - 1] * sizes[layer - 2]) + j;

    /// <summary>σ by its definition in <see cref="Activation"/>'s documentation.</summary>
    public static double Activate(Activation activation, double z) => activation switch
    {
        Activation.Sigmoid => 1.0 / (1.0 + Math.Exp(-z)),
        Activation.Tanh => Math.Tanh(z),
        Activation.ReLU => Math.Max(z, 0.0),
        Activation.LeakyReLU => z > 0 ? z : 0.01 * z,
        Activation.Linear => z,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not an activation."),
    };

    /// <summary>Eq. 1 and 2 layer by layer, in double precision, with the given parameters.</summary>
    public static double[] Forward(NetworkCase network, ReadOnlySpan<double> parameters, ReadOnlySpan<double> input)
    {
        int[] sizes = network.Sizes;
        double[] a = input.ToArray();
        for (int l = 2; l <= sizes.Length; l++)
        {
            var next = new double[sizes[l - 1]];
            for (int j = 0; j < next.Length; j++)
            {
                double z = parameters[BiasIndex(sizes, l, j)];
                for (int k = 0; k < a.Length; k++)
                {
                    z += parameters[WeightIndex(sizes, l, j, k)] * a[k];
                }

                next[j] = Activate(network.ActivationOf(l), z);
            }

            a = next;
        }

        return a;
    }

    /// <summary>C = ½‖Y − Aᴸ‖² for one example.</summary>
    public static double Cost(NetworkCase network, ReadOnlySpan<double> parameters, ReadOnlySpan<double> input, ReadOnlySpan<double> target)
    {
        double[] output = Forward(network, parameters, input);
        double sum = 0;
        for (int i = 0; i < output.Length; i++)
        {
            double e = target[i] - output[i];
            sum += e * e;
        }

        return 0.5 * sum;
    }

    /// <summary>A span of float or double, widened exactly to double.</summary>
    public static double[] ToDouble<T>(ReadOnlySpan<T> values)
        where T : IFloatingPointIeee754<T>
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = double.CreateChecked(values[i]);
        }

        return result;
    }
}
