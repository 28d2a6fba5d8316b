using System;
using System.Numerics;
using Backprop.Tests.Support;
using Xunit;

namespace Backprop.Tests;

/// <summary>
/// Initialization: the seed alone decides the parameters; weights are uniform within the Glorot bound
/// (sigmoid, tanh, linear layers) or the He bound (ReLU, leaky ReLU layers), biases are zero, and a
/// float network starts from the double network's parameters rounded to float.
/// </summary>
public sealed class InitializationTests
{
    private static readonly int[] Seeds = [0, 1, -1, 42, int.MaxValue, int.MinValue];

    [Theory]
    [MemberData(nameof(Networks.Names), MemberType = typeof(Networks))]
    public void The_same_seed_gives_the_same_parameters_and_different_seeds_different_ones(string name)
    {
        NetworkCase network = Networks.Get(name);
        Networks.Visit(network.Create(0), _ => SeedDecides<float>(network), _ => SeedDecides<double>(network));
    }

    [Theory]
    [MemberData(nameof(Networks.Names), MemberType = typeof(Networks))]
    public void Weights_are_spread_within_the_bound_of_their_layers_activation_and_biases_are_zero(string name)
    {
        NetworkCase network = Networks.Get(name);
        Networks.Visit(network.Create(0), _ => Bounds<float>(network), _ => Bounds<double>(network));
    }

    [Fact]
    public void The_parameterless_constructor_uses_seed_zero()
    {
        SpanAssert.BitIdentical<float>(new Tiny(0).Parameters, new Tiny().Parameters, "parameters");
        SpanAssert.BitIdentical<double>(new Regressor(0).Parameters, new Regressor().Parameters, "parameters");
    }

    [Fact]
    public void A_single_precision_network_starts_from_the_double_precision_parameters_rounded_to_float()
    {
        foreach (int seed in Seeds)
        {
            Span<double> wide = new TinyDouble(seed).Parameters;
            var rounded = new float[wide.Length];
            for (int i = 0; i < wide.Length; i++)
            {
                rounded[i] = (float)wide[i];
            }

            SpanAssert.BitIdentical<float>(rounded, new Tiny(seed).Parameters, $"parameters of seed {seed}");
        }
    }

    private static void SeedDecides<T>(NetworkCase network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var bySeed = new T[Seeds.Length][];
        for (int s = 0; s < Seeds.Length; s++)
        {
            var net = (INeuralNetwork<T>)network.Create(Seeds[s]);
            bySeed[s] = net.Parameters.ToArray();

            // A second network of the same seed, and re-initializing a trained one, give the same values.
            SpanAssert.BitIdentical<T>(bySeed[s], ((INeuralNetwork<T>)network.Create(Seeds[s])).Parameters, $"parameters of a second network of seed {Seeds[s]}");
            T[] input = TestData.Uniform<T>(net.InputSize, seed: 1);
            T[] target = TestData.Uniform<T>(net.OutputSize, seed: 2, min: 0, max: 1);
            net.TrainStep(input, target, Numerics.Of<T>(0.5));
            net.InitializeParameters(Seeds[s]);
            SpanAssert.BitIdentical<T>(bySeed[s], net.Parameters, $"parameters re-initialized with seed {Seeds[s]}");
        }

        for (int a = 0; a < Seeds.Length; a++)
        {
            for (int b = a + 1; b < Seeds.Length; b++)
            {
                Assert.False(bySeed[a].AsSpan().SequenceEqual(bySeed[b]), $"Seeds {Seeds[a]} and {Seeds[b]} give the same parameters.");
            }
        }
    }

    private static void Bounds<T>(NetworkCase network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int[] sizes = network.Sizes;
        for (int l = 2; l <= sizes.Length; l++)
        {
            int fanIn = sizes[l - 2], fanOut = sizes[l - 1];
            Activation activation = network.ActivationOf(l);
            bool he = activation is Activation.ReLU or Activation.LeakyReLU;
            double limit = he ? Math.Sqrt(6.0 / fanIn) : Math.Sqrt(6.0 / (fanIn + fanOut));

            // The layer's weights over every seed: at least 36 draws, even for the smallest layer.
            double largest = 0, sumOfMagnitudes = 0;
            int count = 0;
            foreach (int seed in Seeds)
            {
                var net = (INeuralNetwork<T>)network.Create(seed);
                for (int j = 0; j < fanOut; j++)
                {
                    for (int k = 0; k < fanIn; k++)
                    {
                        double w = Numerics.D(net.Weight(l, j, k));
                        Assert.True(Math.Abs(w) <= limit, $"Seed {seed}: w[{l}][{j},{k}] = {w} is outside ±{limit} ({(he ? "He" : "Glorot")}, {activation}).");
                        largest = Math.Max(largest, Math.Abs(w));
                        sumOfMagnitudes += Math.Abs(w);
                        count++;
                    }

                    // Zero, and +0: a bias is cleared, not computed.
                    Assert.Equal(0UL, BitConverter.DoubleToUInt64Bits(Numerics.D(net.Bias(l, j))));
                }
            }

            // Uniform on (−r, r): the largest of n draws falls below 0.9r with probability 0.9ⁿ (under 3%
            // for n ≥ 36), and the mean magnitude r/2 has a standard deviation of 0.29r/√n (under 0.05r).
            // So these bounds hold for a correct initializer and fail for a range that is too narrow,
            // such as Glorot's bound used where He's belongs (0.58 to 0.85 of it in these networks).
            Assert.True(largest >= 0.9 * limit, $"The largest |w| in layer {l} over {count} draws is {largest}, under 0.9·{limit}.");
            Assert.InRange(sumOfMagnitudes / count, 0.35 * limit, 0.65 * limit);
        }
    }
}
