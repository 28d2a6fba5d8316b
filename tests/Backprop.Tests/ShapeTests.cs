using System;
using Backprop.Tests.Support;
using Xunit;

namespace Backprop.Tests;

/// <summary>
/// What a network tells about itself through <see cref="INeuralNetwork"/> and its constants matches the
/// attribute it was declared with, and indices outside the network are rejected with messages that give
/// the valid range.
/// </summary>
public sealed class ShapeTests
{
    [Theory]
    [MemberData(nameof(Networks.Names), MemberType = typeof(Networks))]
    public void The_interface_describes_the_declared_network(string name)
    {
        NetworkCase network = Networks.Get(name);
        INeuralNetwork net = network.Create(1);

        Assert.Equal(network.Sizes.Length, net.LayerCount);
        Assert.Equal(network.Sizes, net.LayerSizes.ToArray());
        Assert.Equal(network.Sizes[0], net.InputSize);
        Assert.Equal(network.Sizes[^1], net.OutputSize);
        Assert.Equal(network.Precision, net.Precision);
        Assert.Equal(network.Loss, net.Loss);
        Assert.True(network.Precision == Precision.Single ? net is INeuralNetwork<float> : net is INeuralNetwork<double>);
        for (int l = 2; l <= network.Sizes.Length; l++)
        {
            Assert.Equal(network.ActivationOf(l), net.GetActivation(l));
        }
    }

    [Fact]
    public void The_constants_match_the_declarations()
    {
        // Read into tuples of locals: the generated constants are the values under test, not expectations.
        // [Network(3, 4, 2)]
        var tiny = (Tiny.LayerCount, Tiny.InputSize, Tiny.OutputSize, Tiny.Layer1Size, Tiny.Layer2Size, Tiny.Layer3Size, Tiny.ParameterCount);
        Assert.Equal((3, 3, 2, 3, 4, 2, Reference.ParameterCount([3, 4, 2])), tiny);

        // [Network(4, 6, 5, 3, ...)]
        var deep = (Deep.LayerCount, Deep.InputSize, Deep.OutputSize, Deep.Layer1Size, Deep.Layer2Size, Deep.Layer3Size, Deep.Layer4Size, Deep.ParameterCount);
        Assert.Equal((4, 4, 3, 4, 6, 5, 3, Reference.ParameterCount([4, 6, 5, 3])), deep);

        // [Network(3, 2)]
        var perceptron = (Perceptron.LayerCount, Perceptron.InputSize, Perceptron.OutputSize, Perceptron.Layer1Size, Perceptron.Layer2Size, Perceptron.ParameterCount);
        Assert.Equal((2, 3, 2, 3, 2, Reference.ParameterCount([3, 2])), perceptron);

        // The constants and the interface agree, and Parameters has ParameterCount elements.
        INeuralNetwork regressor = new Regressor();
        Assert.Equal((Regressor.LayerCount, Regressor.InputSize, Regressor.OutputSize, Regressor.ParameterCount), (regressor.LayerCount, regressor.InputSize, regressor.OutputSize, regressor.ParameterCount));
        Assert.Equal(regressor.ParameterCount, new Regressor().Parameters.Length);
    }

    [Theory]
    [MemberData(nameof(Networks.Names), MemberType = typeof(Networks))]
    public void A_layer_without_parameters_is_rejected_with_the_valid_range(string name)
    {
        INeuralNetwork net = Networks.Create(name);
        int last = net.LayerCount;
        foreach (int layer in new[] { int.MinValue, -1, 0, 1, last + 1, int.MaxValue })
        {
            AssertOutOfRange("layer", layer, $"from 2 to {last}", () => net.GetActivation(layer));
            AssertOutOfRange("layer", layer, $"from 2 to {last}", () => net.WeightIndex(layer, 0, 0));
            AssertOutOfRange("layer", layer, $"from 2 to {last}", () => net.BiasIndex(layer, 0));
            Networks.Visit(
                net,
                f =>
                {
                    AssertOutOfRange("layer", layer, $"from 2 to {last}", () => f.Weight(layer, 0, 0));
                    AssertOutOfRange("layer", layer, $"from 2 to {last}", () => f.Bias(layer, 0));
                },
                d =>
                {
                    AssertOutOfRange("layer", layer, $"from 2 to {last}", () => d.Weight(layer, 0, 0));
                    AssertOutOfRange("layer", layer, $"from 2 to {last}", () => d.Bias(layer, 0));
                });
        }
    }

    [Theory]
    [MemberData(nameof(Networks.Names), MemberType = typeof(Networks))]
    public void A_neuron_outside_its_layer_is_rejected_with_the_valid_range(string name)
    {
        INeuralNetwork net = Networks.Create(name);
        int[] sizes = net.LayerSizes.ToArray();
        for (int l = 2; l <= net.LayerCount; l++)
        {
            int layer = l;
            string jRange = $"from 0 to {sizes[l - 1] - 1}";
            string kRange = $"from 0 to {sizes[l - 2] - 1}";
            foreach (int j in new[] { -1, sizes[l - 1], int.MaxValue })
            {
                AssertOutOfRange("j", j, jRange, () => net.WeightIndex(layer, j, 0));
                AssertOutOfRange("j", j, jRange, () => net.BiasIndex(layer, j));
                Networks.Visit(
                    net,
                    f =>
                    {
                        AssertOutOfRange("j", j, jRange, () => f.Weight(layer, j, 0));
                        AssertOutOfRange("j", j, jRange, () => f.Bias(layer, j));
                    },
                    d =>
                    {
                        AssertOutOfRange("j", j, jRange, () => d.Weight(layer, j, 0));
                        AssertOutOfRange("j", j, jRange, () => d.Bias(layer, j));
                    });
            }

            foreach (int k in new[] { -1, sizes[l - 2], int.MinValue })
            {
                AssertOutOfRange("k", k, kRange, () => net.WeightIndex(layer, 0, k));
                Networks.Visit(
                    net,
                    f => AssertOutOfRange("k", k, kRange, () => f.Weight(layer, 0, k)),
                    d => AssertOutOfRange("k", k, kRange, () => d.Weight(layer, 0, k)));
            }
        }
    }

    private static void AssertOutOfRange(string parameter, int value, string range, Func<object> call)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(call);
        Assert.Equal(parameter, exception.ParamName);
        Assert.Equal(value, exception.ActualValue);
        Assert.Contains(range, exception.Message, StringComparison.Ordinal);
    }
}
