using System;
using System.Numerics;
using Backprop.Tests.Support;
using Xunit;

namespace Backprop.Tests;

/// <summary>
/// A span of the wrong length throws <see cref="ArgumentException"/> naming the parameter, with the
/// expected and actual lengths in the message, and nothing is written: not the output, not the
/// gradient, not the parameters.
/// </summary>
public sealed class SpanLengthTests
{
    [Theory]
    [MemberData(nameof(Networks.Names), MemberType = typeof(Networks))]
    public void Forward_rejects_wrong_lengths_without_writing(string name) =>
        Networks.Visit(Networks.Create(name), Forward, Forward);

    [Theory]
    [MemberData(nameof(Networks.Names), MemberType = typeof(Networks))]
    public void Backward_rejects_wrong_lengths_without_writing(string name) =>
        Networks.Visit(Networks.Create(name), Backward, Backward);

    [Theory]
    [MemberData(nameof(Networks.Names), MemberType = typeof(Networks))]
    public void TrainStep_rejects_wrong_lengths_without_training(string name) =>
        Networks.Visit(Networks.Create(name), TrainStep, TrainStep);

    [Theory]
    [MemberData(nameof(Networks.Names), MemberType = typeof(Networks))]
    public void TrainBatch_rejects_batches_that_are_not_whole_matching_rows_without_training(string name) =>
        Networks.Visit(Networks.Create(name), TrainBatch, TrainBatch);

    // Wrong lengths around a correct one: empty, one short, one long.
    private static int[] WrongLengths(int size) => [0, size - 1, size + 1];

    private static void Forward<T>(INeuralNetwork<T> net)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] before = net.Parameters.ToArray();
        foreach (int length in WrongLengths(net.InputSize))
        {
            T[] output = TestData.Sentinels<T>(net.OutputSize);
            AssertWrongLength("input", net.InputSize, length, () => net.Forward(new T[length], output));
            SpanAssert.BitIdentical<T>(TestData.Sentinels<T>(net.OutputSize), output, "output");
        }

        foreach (int length in WrongLengths(net.OutputSize))
        {
            T[] output = TestData.Sentinels<T>(length);
            AssertWrongLength("output", net.OutputSize, length, () => net.Forward(new T[net.InputSize], output));
            SpanAssert.BitIdentical<T>(TestData.Sentinels<T>(length), output, "output");
        }

        SpanAssert.BitIdentical<T>(before, net.Parameters, "parameters");
    }

    private static void Backward<T>(INeuralNetwork<T> net)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] before = net.Parameters.ToArray();
        T[] input = TestData.Uniform<T>(net.InputSize, seed: 1);
        T[] target = TestData.Uniform<T>(net.OutputSize, seed: 2, min: 0, max: 1);

        foreach (int length in WrongLengths(net.InputSize))
        {
            T[] gradient = TestData.Sentinels<T>(net.ParameterCount);
            AssertWrongLength("input", net.InputSize, length, () => net.Backward(TestData.Uniform<T>(length, seed: 3), target, gradient));
            SpanAssert.BitIdentical<T>(TestData.Sentinels<T>(net.ParameterCount), gradient, "gradient");
        }

        foreach (int length in WrongLengths(net.OutputSize))
        {
            T[] gradient = TestData.Sentinels<T>(net.ParameterCount);
            AssertWrongLength("target", net.OutputSize, length, () => net.Backward(input, TestData.Uniform<T>(length, seed: 4), gradient));
            SpanAssert.BitIdentical<T>(TestData.Sentinels<T>(net.ParameterCount), gradient, "gradient");
        }

        foreach (int length in WrongLengths(net.ParameterCount))
        {
            T[] gradient = TestData.Sentinels<T>(length);
            AssertWrongLength("gradient", net.ParameterCount, length, () => net.Backward(input, target, gradient));
            SpanAssert.BitIdentical<T>(TestData.Sentinels<T>(length), gradient, "gradient");
        }

        SpanAssert.BitIdentical<T>(before, net.Parameters, "parameters");
    }

    private static void TrainStep<T>(INeuralNetwork<T> net)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] before = net.Parameters.ToArray();
        T[] input = TestData.Uniform<T>(net.InputSize, seed: 1);
        T[] target = TestData.Uniform<T>(net.OutputSize, seed: 2, min: 0, max: 1);
        T rate = Numerics.Of<T>(0.5);

        foreach (int length in WrongLengths(net.InputSize))
        {
            AssertWrongLength("input", net.InputSize, length, () => net.TrainStep(TestData.Uniform<T>(length, seed: 3), target, rate));
            SpanAssert.BitIdentical<T>(before, net.Parameters, "parameters");
        }

        foreach (int length in WrongLengths(net.OutputSize))
        {
            AssertWrongLength("target", net.OutputSize, length, () => net.TrainStep(input, TestData.Uniform<T>(length, seed: 4), rate));
            SpanAssert.BitIdentical<T>(before, net.Parameters, "parameters");
        }
    }

    private static void TrainBatch<T>(INeuralNetwork<T> net)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] before = net.Parameters.ToArray();
        T rate = Numerics.Of<T>(0.5);
        const int rows = 3;
        T[] inputs = TestData.Uniform<T>(rows * net.InputSize, seed: 1);
        T[] targets = TestData.Uniform<T>(rows * net.OutputSize, seed: 2, min: 0, max: 1);

        // An empty batch has no rows to average.
        var empty = Assert.Throws<ArgumentException>(() => net.TrainBatch([], [], rate));
        Assert.Equal("inputs", empty.ParamName);
        Assert.Contains("empty", empty.Message, StringComparison.Ordinal);
        SpanAssert.BitIdentical<T>(before, net.Parameters, "parameters");

        // Inputs that end part-way through a row.
        foreach (int length in new[] { net.InputSize - 1, (rows * net.InputSize) + 1, (rows * net.InputSize) - 1 })
        {
            var partial = Assert.Throws<ArgumentException>(() => net.TrainBatch(TestData.Uniform<T>(length, seed: 3), targets, rate));
            Assert.Equal("inputs", partial.ParamName);
            Assert.Contains($"length {length}", partial.Message, StringComparison.Ordinal);
            Assert.Contains($"InputSize = {net.InputSize}", partial.Message, StringComparison.Ordinal);
            SpanAssert.BitIdentical<T>(before, net.Parameters, "parameters");
        }

        // Targets for fewer or more rows than the inputs hold, or for no whole number of rows.
        int expected = rows * net.OutputSize;
        foreach (int length in new[] { 0, expected - net.OutputSize, expected + net.OutputSize, expected - 1, expected + 1 })
        {
            var mismatch = Assert.Throws<ArgumentException>(() => net.TrainBatch(inputs, TestData.Uniform<T>(length, seed: 4), rate));
            Assert.Equal("targets", mismatch.ParamName);
            Assert.Contains($"length {length}", mismatch.Message, StringComparison.Ordinal);
            Assert.Contains($"= {expected}", mismatch.Message, StringComparison.Ordinal);
            SpanAssert.BitIdentical<T>(before, net.Parameters, "parameters");
        }
    }

    private static void AssertWrongLength(string parameter, int expected, int actual, Action call)
    {
        var exception = Assert.Throws<ArgumentException>(call);
        Assert.Equal(parameter, exception.ParamName);

        // The lengths are checked in the phrases that carry them, so that a stray digit cannot match.
        Assert.Contains($"= {expected}", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"has length {actual}", exception.Message, StringComparison.Ordinal);
    }
}
