using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using Backprop.Tests.Support;
using Xunit;

namespace Backprop.Tests;

/// <summary>
/// The parameter layout documented on <see cref="INeuralNetwork"/> (per layer: Wˡ row-major, then Bˡ),
/// checked against <see cref="Reference"/>, which computes it from the declared layer sizes alone; and
/// the <c>Weight</c> and <c>Bias</c> references into it.
/// </summary>
public sealed class LayoutTests
{
    [Theory]
    [MemberData(nameof(Networks.Names), MemberType = typeof(Networks))]
    public void WeightIndex_and_BiasIndex_follow_the_documented_layout_and_cover_every_parameter_once(string name)
    {
        NetworkCase network = Networks.Get(name);
        INeuralNetwork net = network.Create(1);
        int[] sizes = network.Sizes;
        Assert.Equal(Reference.ParameterCount(sizes), net.ParameterCount);

        var seen = new int[net.ParameterCount];
        for (int l = 2; l <= sizes.Length; l++)
        {
            for (int j = 0; j < sizes[l - 1]; j++)
            {
                for (int k = 0; k < sizes[l - 2]; k++)
                {
                    int index = net.WeightIndex(l, j, k);
                    Assert.Equal(Reference.WeightIndex(sizes, l, j, k), index);
                    seen[index]++;
                }

                int bias = net.BiasIndex(l, j);
                Assert.Equal(Reference.BiasIndex(sizes, l, j), bias);
                seen[bias]++;
            }
        }

        Assert.All(seen, count => Assert.Equal(1, count));
    }

    [Theory]
    [MemberData(nameof(Networks.Names), MemberType = typeof(Networks))]
    public void Weight_and_Bias_refer_to_the_element_of_Parameters_at_their_index(string name) =>
        Networks.Visit(Networks.Create(name), RefsMatchParameters, RefsMatchParameters);

    private static void RefsMatchParameters<T>(INeuralNetwork<T> net)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<int> sizes = net.LayerSizes;
        for (int l = 2; l <= net.LayerCount; l++)
        {
            for (int j = 0; j < sizes[l - 1]; j++)
            {
                for (int k = 0; k < sizes[l - 2]; k++)
                {
                    int index = net.WeightIndex(l, j, k);
                    Assert.True(Unsafe.AreSame(ref net.Weight(l, j, k), ref net.Parameters[index]), $"Weight({l}, {j}, {k}) is not Parameters[{index}].");
                    AssertReadsAndWritesAgree(net, ref net.Weight(l, j, k), index);
                }

                int bias = net.BiasIndex(l, j);
                Assert.True(Unsafe.AreSame(ref net.Bias(l, j), ref net.Parameters[bias]), $"Bias({l}, {j}) is not Parameters[{bias}].");
                AssertReadsAndWritesAgree(net, ref net.Bias(l, j), bias);
            }
        }
    }

    // A write through the reference shows in Parameters, and a write to Parameters through the reference.
    private static void AssertReadsAndWritesAgree<T>(INeuralNetwork<T> net, ref T element, int index)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T original = net.Parameters[index];
        element = Numerics.Of<T>(index + 0.25);
        Assert.Equal(Numerics.Of<T>(index + 0.25), net.Parameters[index]);
        net.Parameters[index] = Numerics.Of<T>(-index - 0.5);
        Assert.Equal(Numerics.Of<T>(-index - 0.5), element);
        element = original;
    }
}
