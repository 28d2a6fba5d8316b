using System;
using System.IO;
using System.Linq;
using Backprop.Serialization;
using Xunit;

namespace Backprop.Tests.Serialization;

/// <summary>A network whose weights the generator baked in from Data/baked-3-5-2.json, an AdditionalFiles item of this project.</summary>
[Network(3, 5, 2, HiddenActivation = Activation.Tanh, Weights = "baked-3-5-2.json")]
public partial class BakedTanh { }

/// <summary>
/// Weights baked into the code at compile time are bit for bit the weights <c>Load</c> reads from the
/// same file at run time, and compute bit for bit the same outputs; a seed still gives random ones.
/// </summary>
public sealed class BakedWeightsTests
{
    private static readonly string FilePath = Path.Combine(AppContext.BaseDirectory, "Data", "baked-3-5-2.json");

    [Fact]
    public void The_baked_parameters_are_the_loaded_ones_bit_for_bit()
    {
        var baked = new BakedTanh();
        var loaded = new BakedTanh(seed: 5);
        loaded.Load(FilePath);

        Assert.Equal(Bits(loaded.Parameters.ToArray()), Bits(baked.Parameters.ToArray()));
    }

    [Fact]
    public void Texts_that_are_not_the_shortest_are_rounded_once_straight_to_float()
    {
        var baked = new BakedTanh();

        Assert.Equal(0x3F800001, BitConverter.SingleToInt32Bits(baked.Weight(2, 0, 0)));   // not 1f, as rounding through double gives
        Assert.Equal(unchecked((int)0x80000000), BitConverter.SingleToInt32Bits(baked.Weight(2, 0, 1)));
        Assert.Equal(0.1f, baked.Weight(2, 1, 0));
        Assert.Equal(float.Epsilon, baked.Weight(2, 1, 1));
        Assert.Equal(float.MaxValue, baked.Bias(2, 0));
        Assert.Equal(unchecked((int)0x80000000), BitConverter.SingleToInt32Bits(baked.Bias(3, 1)));
    }

    [Fact]
    public void A_baked_network_computes_what_the_loaded_one_computes()
    {
        var baked = new BakedTanh();
        var loaded = new BakedTanh(seed: 5);
        loaded.Load(FilePath);
        var random = new DeterministicRandom(11);
        Span<float> input = stackalloc float[BakedTanh.InputSize];
        Span<float> expected = stackalloc float[BakedTanh.OutputSize];
        Span<float> actual = stackalloc float[BakedTanh.OutputSize];

        for (int i = 0; i < 100; i++)
        {
            for (int k = 0; k < input.Length; k++)
            {
                input[k] = (float)random.NextDouble(-2, 2);
            }

            loaded.Forward(input, expected);
            baked.Forward(input, actual);
            Assert.Equal(Bits(expected.ToArray()), Bits(actual.ToArray()));
        }
    }

    [Fact]
    public void A_seed_draws_random_parameters_and_the_baked_network_still_trains()
    {
        var seeded = new BakedTanh(seed: 5);
        var reinitialized = new BakedTanh();
        reinitialized.InitializeParameters(5);
        Assert.Equal(Bits(seeded.Parameters.ToArray()), Bits(reinitialized.Parameters.ToArray()));
        Assert.NotEqual(Bits(seeded.Parameters.ToArray()), Bits(new BakedTanh().Parameters.ToArray()));

        // A second baked instance starts from the file again, whatever the first one did.
        var trained = new BakedTanh();
        trained.Bias(2, 0) = 0;
        trained.TrainStep([0.5f, -0.5f, 0.25f], [1f, 0f], learningRate: 0.1f);
        Assert.Equal(float.MaxValue, new BakedTanh().Bias(2, 0));
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
