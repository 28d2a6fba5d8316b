using System;
using System.Numerics;
using Backprop.Tests.Support;
using Xunit;

namespace Backprop.Tests;

/// <summary>
/// A NaN among the parameters makes the cost NaN: Backward, TrainStep and TrainBatch throw
/// <see cref="InvalidOperationException"/> naming the parameter, and change nothing, not even the NaN.
/// </summary>
public sealed class NonFiniteParameterTests
{
    [Theory]
    [MemberData(nameof(Networks.Names), MemberType = typeof(Networks))]
    public void A_NaN_parameter_is_reported_by_index_and_nothing_changes(string name) =>
        Networks.Visit(Networks.Create(name), NaNParameter, NaNParameter);

    private static void NaNParameter<T>(INeuralNetwork<T> net)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] input = TestData.Uniform<T>(net.InputSize, seed: 1);
        T[] target = TestData.Uniform<T>(net.OutputSize, seed: 2, min: 0, max: 1);
        T[] inputs = TestData.Uniform<T>(3 * net.InputSize, seed: 3);
        T[] targets = TestData.Uniform<T>(3 * net.OutputSize, seed: 4, min: 0, max: 1);
        T rate = Numerics.Of<T>(0.5);

        // The first weight, the first layer's first bias, and the last parameter (the output's last bias).
        int[] positions = [net.WeightIndex(2, 0, 0), net.BiasIndex(2, 0), net.ParameterCount - 1];
        foreach (int position in positions)
        {
            T saved = net.Parameters[position];
            net.Parameters[position] = T.NaN;
            T[] before = net.Parameters.ToArray();
            T[] gradientBefore = TestData.Uniform<T>(net.ParameterCount, seed: 5);
            T[] gradient = (T[])gradientBefore.Clone();

            AssertNaNParameter(position, () => net.Backward(input, target, gradient));
            SpanAssert.BitIdentical<T>(gradientBefore, gradient, "gradient after Backward");
            SpanAssert.BitIdentical<T>(before, net.Parameters, "parameters after Backward");

            AssertNaNParameter(position, () => net.TrainStep(input, target, rate));
            SpanAssert.BitIdentical<T>(before, net.Parameters, "parameters after TrainStep");

            AssertNaNParameter(position, () => net.TrainBatch(inputs, targets, rate));
            SpanAssert.BitIdentical<T>(before, net.Parameters, "parameters after TrainBatch");

            net.Parameters[position] = saved;
        }
    }

    private static void AssertNaNParameter(int position, Func<object> call)
    {
        var exception = Assert.Throws<InvalidOperationException>(call);
        Assert.Contains($"Parameter {position} ", exception.Message, StringComparison.Ordinal);
        Assert.Contains("NaN", exception.Message, StringComparison.Ordinal);
    }
}
