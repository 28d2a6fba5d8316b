using System;

namespace Backprop.Generator.Tests.TestHelpers;

/// <summary>
/// An independent forward pass (eq. 1 and 2) in plain loops over the documented parameter layout,
/// with the activations written here from their definitions. It shares nothing with the generated
/// code but the layout contract, so a wrong index or activation in either shows up as a mismatch.
/// </summary>
internal static class ReferenceNetwork
{
    /// <summary>Runs the forward pass and returns every Zˡ and Aˡ.</summary>
    /// <param name="spec">The topology and activations, as the test declared them.</param>
    /// <param name="parameters">The weights and biases in the documented layout.</param>
    /// <param name="input">A¹.</param>
    public static ForwardPass Run(NetworkSpec spec, ReadOnlySpan<double> parameters, ReadOnlySpan<double> input)
    {
        int layers = spec.LayerCount;

        // Indexed by the derivation's layer number; Z¹ does not exist and element 0 is unused.
        var z = new double[layers + 1][];
        var a = new double[layers + 1][];
        a[1] = input.ToArray();
        z[1] = Array.Empty<double>();
        for (int l = 2; l <= layers; l++)
        {
            int neurons = spec.Size(l);
            int inputs = spec.Size(l - 1);
            int weights = spec.WeightOffset(l);
            int biases = spec.BiasOffset(l);
            Activation activation = spec.ActivationOf(l);
            z[l] = new double[neurons];
            a[l] = new double[neurons];
            for (int j = 0; j < neurons; j++)
            {
                // Eq. 1: z_j = Σ_k w_jk a_k + b_j, with w_jk at weights + j·n_{l−1} + k.
                double sum = 0;
                for (int k = 0; k < inputs; k++)
                {
                    sum += parameters[weights + j * inputs + k] * a[l - 1][k];
                }

                z[l][j] = sum + parameters[biases + j];
            }

            // Eq. 2: a_j = σ(z_j), or the softmax, which needs every z_j of the layer.
            for (int j = 0; j < neurons; j++)
            {
                a[l][j] = activation == Activation.Softmax ? Softmax(z[l], j) : Apply(activation, z[l][j]);
            }
        }

        return new ForwardPass(z, a);
    }

    /// <summary>
    /// The softmax e^(z_j) / Σ_i e^(z_i), written as 1 / Σ_i e^(z_i − z_j): another formula than the generated
    /// code's (which subtracts the largest z), so that the two do not share a mistake. It cannot overflow into
    /// a NaN: a term that overflows makes the sum +∞ and a_j 0, its limit; the term i = j is exactly 1.
    /// </summary>
    public static double Softmax(double[] z, int j)
    {
        double sum = 0;
        for (int i = 0; i < z.Length; i++)
        {
            sum += Math.Exp(z[i] - z[j]);
        }

        return 1.0 / sum;
    }

    /// <summary>σ(z) from the definitions in the <see cref="Activation"/> documentation; the softmax is <see cref="Softmax"/>.</summary>
    public static double Apply(Activation activation, double z) => activation switch
    {
        Activation.Sigmoid => 1.0 / (1.0 + Math.Exp(-z)),
        Activation.Tanh => Math.Tanh(z),
        Activation.ReLU => Math.Max(z, 0.0),
        Activation.LeakyReLU => z > 0.0 ? z : 0.01 * z,
        Activation.Linear => z,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };
}

/// <summary>The pre-activations and activations of one forward pass, indexed by layer number (1…L).</summary>
internal sealed class ForwardPass
{
    public ForwardPass(double[][] z, double[][] a)
    {
        Z = z;
        A = a;
    }

    /// <summary>Zˡ for l = 2…L.</summary>
    public double[][] Z { get; }

    /// <summary>Aˡ for l = 1…L.</summary>
    public double[][] A { get; }

    /// <summary>Aᴸ, the network's output.</summary>
    public double[] Output => A[^1];
}
