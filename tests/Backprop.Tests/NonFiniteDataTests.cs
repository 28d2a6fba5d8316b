using System;
using System.Numerics;
using Backprop.Tests.Support;
using Xunit;

namespace Backprop.Tests;

/// <summary>The values that are not finite, as theory data.</summary>
public enum NonFinite
{
    NaN,
    PositiveInfinity,
    NegativeInfinity,
}

/// <summary>
/// A NaN or infinity in an input or target throws <see cref="ArgumentException"/> naming the parameter
/// and the position of the value (row and column in a batch); the gradient, the parameters and the outputs
/// are unchanged. Every position is tried, because a saturating activation can hide a value (sigmoid(+∞) is
/// 1, and max(0, NaN) can be 0: an output would look plausible).
/// </summary>
public sealed class NonFiniteDataTests
{
    public static TheoryData<string, NonFinite> Cases
    {
        get
        {
            var data = new TheoryData<string, NonFinite>();
            foreach (NetworkCase network in Networks.Cases)
            {
                foreach (NonFinite value in Enum.GetValues<NonFinite>())
                {
                    data.Add(network.Name, value);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_rejects_a_non_finite_input_and_writes_no_output(string name, NonFinite value) =>
        Networks.Visit(Networks.Create(name), n => Forward(n, value), n => Forward(n, value));

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardBatch_rejects_a_non_finite_value_in_any_row_and_writes_no_output(string name, NonFinite value) =>
        Networks.Visit(Networks.Create(name), n => ForwardBatch(n, value), n => ForwardBatch(n, value));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backward_rejects_a_non_finite_input_or_target_and_leaves_the_gradient(string name, NonFinite value) =>
        Networks.Visit(Networks.Create(name), n => Backward(n, value), n => Backward(n, value));

    [Theory]
    [MemberData(nameof(Cases))]
    public void TrainStep_rejects_a_non_finite_input_or_target_and_leaves_the_parameters(string name, NonFinite value) =>
        Networks.Visit(Networks.Create(name), n => TrainStep(n, value), n => TrainStep(n, value));

    [Theory]
    [MemberData(nameof(Cases))]
    public void TrainBatch_rejects_a_non_finite_value_in_any_row_and_leaves_the_parameters(string name, NonFinite value) =>
        Networks.Visit(Networks.Create(name), n => TrainBatch(n, value), n => TrainBatch(n, value));

    [Fact]
    public void An_infinite_input_that_saturates_a_sigmoid_does_not_write_NaN_into_the_parameters()
    {
        // Minimal case of the theories above: +∞ in input[0] drives every hidden sigmoid to exactly 0 or
        // 1, so the cost stays finite and the non-finite check never fires; the step then multiplies
        // σ'(z) = 0 by ∞ and writes NaN into W². Whatever the method does, it must not do that.
        var net = new Tiny(1);
        try
        {
            net.TrainStep([float.PositiveInfinity, 0.5f, 0.5f], [0.5f, 0.5f], 0.1f);
        }
        catch (ArgumentException)
        {
            // The documented outcome.
        }

        Assert.All(net.Parameters.ToArray(), p => Assert.True(float.IsFinite(p), "A parameter became " + p + "."));
    }

    internal static T ValueOf<T>(NonFinite value)
        where T : IFloatingPointIeee754<T> => value switch
        {
            NonFinite.NaN => T.NaN,
            NonFinite.PositiveInfinity => T.PositiveInfinity,
            _ => T.NegativeInfinity,
        };

    private static void Forward<T>(INeuralNetwork<T> net, NonFinite value)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] sentinel = TestData.Uniform<T>(net.OutputSize, seed: 9);
        for (int i = 0; i < net.InputSize; i++)
        {
            T[] input = TestData.Uniform<T>(net.InputSize, seed: 1);
            input[i] = ValueOf<T>(value);
            T[] output = (T[])sentinel.Clone();
            AssertRejected("input", $"input[{i}]", value, () =>
            {
                net.Forward(input, output);
                return output[0];
            });
            SpanAssert.BitIdentical<T>(sentinel, output, $"output after input[{i}] = {value}");
        }
    }

    private static void ForwardBatch<T>(INeuralNetwork<T> net, NonFinite value)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Six rows: a network of vector loops takes the first four in one pass, the last two one at a time,
        // and the bad value in the last row must stop the first rows from being written too.
        const int rows = 6;
        T[] inputs = TestData.Uniform<T>(rows * net.InputSize, seed: 1);
        T[] sentinel = TestData.Uniform<T>(rows * net.OutputSize, seed: 9);
        for (int row = 0; row < rows; row++)
        {
            for (int column = 0; column < net.InputSize; column++)
            {
                int index = (row * net.InputSize) + column;
                T[] bad = (T[])inputs.Clone();
                bad[index] = ValueOf<T>(value);
                T[] outputs = (T[])sentinel.Clone();
                AssertRejected("inputs", $"inputs[{index}] (row {row}, column {column})", value, () =>
                {
                    net.ForwardBatch(bad, outputs);
                    return outputs[0];
                });
                SpanAssert.BitIdentical<T>(sentinel, outputs, $"outputs after inputs[{index}] = {value}");
            }
        }
    }

    private static void Backward<T>(INeuralNetwork<T> net, NonFinite value)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] before = net.Parameters.ToArray();
        T[] gradientBefore = TestData.Uniform<T>(net.ParameterCount, seed: 5);
        T[] target = TestData.Uniform<T>(net.OutputSize, seed: 2, min: 0, max: 1);
        for (int i = 0; i < net.InputSize; i++)
        {
            T[] input = TestData.Uniform<T>(net.InputSize, seed: 1);
            input[i] = ValueOf<T>(value);
            T[] gradient = (T[])gradientBefore.Clone();
            AssertRejected("input", $"input[{i}]", value, () => net.Backward(input, target, gradient));
            SpanAssert.BitIdentical<T>(gradientBefore, gradient, $"gradient after input[{i}] = {value}");
        }

        T[] goodInput = TestData.Uniform<T>(net.InputSize, seed: 1);
        for (int i = 0; i < net.OutputSize; i++)
        {
            T[] badTarget = (T[])target.Clone();
            badTarget[i] = ValueOf<T>(value);
            T[] gradient = (T[])gradientBefore.Clone();
            AssertRejected("target", $"target[{i}]", value, () => net.Backward(goodInput, badTarget, gradient));
            SpanAssert.BitIdentical<T>(gradientBefore, gradient, $"gradient after target[{i}] = {value}");
        }

        SpanAssert.BitIdentical<T>(before, net.Parameters, "parameters");
    }

    private static void TrainStep<T>(INeuralNetwork<T> net, NonFinite value)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] before = net.Parameters.ToArray();
        T rate = Numerics.Of<T>(0.5);
        T[] target = TestData.Uniform<T>(net.OutputSize, seed: 2, min: 0, max: 1);
        for (int i = 0; i < net.InputSize; i++)
        {
            T[] input = TestData.Uniform<T>(net.InputSize, seed: 1);
            input[i] = ValueOf<T>(value);
            AssertRejected("input", $"input[{i}]", value, () => net.TrainStep(input, target, rate));
            SpanAssert.BitIdentical<T>(before, net.Parameters, $"parameters after input[{i}] = {value}");
        }

        T[] goodInput = TestData.Uniform<T>(net.InputSize, seed: 1);
        for (int i = 0; i < net.OutputSize; i++)
        {
            T[] badTarget = (T[])target.Clone();
            badTarget[i] = ValueOf<T>(value);
            AssertRejected("target", $"target[{i}]", value, () => net.TrainStep(goodInput, badTarget, rate));
            SpanAssert.BitIdentical<T>(before, net.Parameters, $"parameters after target[{i}] = {value}");
        }
    }

    private static void TrainBatch<T>(INeuralNetwork<T> net, NonFinite value)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Three rows; the bad value goes in each row in turn, so that the rows before it have already
        // added their gradients when it is found.
        const int rows = 3;
        T[] before = net.Parameters.ToArray();
        T rate = Numerics.Of<T>(0.5);
        T[] inputs = TestData.Uniform<T>(rows * net.InputSize, seed: 1);
        T[] targets = TestData.Uniform<T>(rows * net.OutputSize, seed: 2, min: 0, max: 1);
        for (int row = 0; row < rows; row++)
        {
            for (int column = 0; column < net.InputSize; column++)
            {
                int index = (row * net.InputSize) + column;
                T[] bad = (T[])inputs.Clone();
                bad[index] = ValueOf<T>(value);
                AssertRejected("inputs", $"inputs[{index}] (row {row}, column {column})", value, () => net.TrainBatch(bad, targets, rate));
                SpanAssert.BitIdentical<T>(before, net.Parameters, $"parameters after inputs[{index}] = {value}");
            }

            for (int column = 0; column < net.OutputSize; column++)
            {
                int index = (row * net.OutputSize) + column;
                T[] bad = (T[])targets.Clone();
                bad[index] = ValueOf<T>(value);
                AssertRejected("targets", $"targets[{index}] (row {row}, column {column})", value, () => net.TrainBatch(inputs, bad, rate));
                SpanAssert.BitIdentical<T>(before, net.Parameters, $"parameters after targets[{index}] = {value}");
            }
        }
    }

    private static void AssertRejected(string parameter, string position, NonFinite value, Func<object> call)
    {
        // Func<object> rather than Action, so that a call that returns normally is reported with its
        // result and the position of the value it let through.
        object result;
        try
        {
            result = call();
        }
        catch (ArgumentException exception) when (exception.GetType() == typeof(ArgumentException))
        {
            Assert.Equal(parameter, exception.ParamName);
            Assert.Contains(position + " is ", exception.Message, StringComparison.Ordinal);
            return;
        }

        Assert.Fail($"With {position} = {value}, the call returned {result} instead of throwing ArgumentException.");
    }
}
