using System;
using System.Numerics;

namespace Backprop.Tests.Support;

/// <summary>
/// An independent, deliberately plain implementation of what the generated code promises: the parameter
/// layout of <see cref="INeuralNetwork"/>, the forward pass of eq. 1 and 2 and the losses, in double
/// precision, computed from the layer sizes, activations and loss alone.
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
            var z = new double[sizes[l - 1]];
            for (int j = 0; j < z.Length; j++)
            {
                z[j] = parameters[BiasIndex(sizes, l, j)];
                for (int k = 0; k < a.Length; k++)
                {
                    z[j] += parameters[WeightIndex(sizes, l, j, k)] * a[k];
                }
            }

            a = network.ActivationOf(l) == Activation.Softmax ? Softmax(z) : Array.ConvertAll(z, value => Activate(network.ActivationOf(l), value));
        }

        return a;
    }

    /// <summary>The softmax e^(z_j) / Σ e^(z_i), with the largest z subtracted first so that no exponential overflows.</summary>
    public static double[] Softmax(ReadOnlySpan<double> z)
    {
        double max = double.NegativeInfinity;
        foreach (double value in z)
        {
            max = Math.Max(max, value);
        }

        var a = new double[z.Length];
        double sum = 0;
        for (int j = 0; j < a.Length; j++)
        {
            a[j] = Math.Exp(z[j] - max);
            sum += a[j];
        }

        for (int j = 0; j < a.Length; j++)
        {
            a[j] /= sum;
        }

        return a;
    }

    /// <summary>The cost of one example under the network's loss, from the reference forward pass.</summary>
    public static double Cost(NetworkCase network, ReadOnlySpan<double> parameters, ReadOnlySpan<double> input, ReadOnlySpan<double> target) =>
        CostOf(network.Loss, target, Forward(network, parameters, input));

    /// <summary>
    /// A loss by its definition in <see cref="Backprop.Loss"/>'s documentation: ½‖Y − A‖², −Σ y ln a, or
    /// −Σ [y ln a + (1 − y) ln(1 − a)]. A term whose weight y or 1 − y is 0 counts 0 (0·ln 0 = 0).
    /// </summary>
    public static double CostOf(Loss loss, ReadOnlySpan<double> target, ReadOnlySpan<double> output)
    {
        double sum = 0;
        for (int j = 0; j < output.Length; j++)
        {
            double y = target[j], a = output[j];
            sum += loss switch
            {
                Backprop.Loss.CrossEntropy => y == 0 ? 0 : -y * Math.Log(a),
                Backprop.Loss.BinaryCrossEntropy => -((y == 0 ? 0 : y * Math.Log(a)) + (y == 1 ? 0 : (1 - y) * Math.Log(1 - a))),
                _ => 0.5 * (y - a) * (y - a),
            };
        }

        return sum;
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
