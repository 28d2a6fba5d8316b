using System;
using System.Numerics;
using Backprop.Tests.Support;
using Xunit;

namespace Backprop.Tests.Dropout;

/// <summary>
/// IDropoutNetwork.DropoutEnabled: on for a new network and kept by InitializeParameters; off, Backward, TrainStep and
/// TrainBatch draw nothing and give the bits of the twin declared without dropout; on again, they drop again.
/// </summary>
public sealed class DropoutSwitchTests
{
    // Nine rows: the Wide networks' TrainBatch takes two four-row passes and one row alone.
    private const int Rows = 9;

    [Fact]
    public void A_new_network_has_dropout_on_and_InitializeParameters_leaves_the_switch_as_it_is()
    {
        var net = new DropoutTiny(4);
        Assert.True(net.DropoutEnabled);
        Assert.True(new DropoutWideDouble(4).DropoutEnabled);
        net.DropoutEnabled = false;
        net.InitializeParameters(5);
        Assert.False(net.DropoutEnabled);
        Assert.Equal(new DropoutTiny(5).DropoutRandom.State, net.DropoutRandom.State);
    }

    [Fact]
    public void Switched_off_the_training_methods_draw_nothing_and_give_the_bits_of_the_network_without_dropout()
    {
        AgreesWithTwinWhenOff<float>(() => new DropoutTiny(6), () => new DropoutTinyTwin(6), 0.3f);
        AgreesWithTwinWhenOff<double>(() => new DropoutTinyDouble(6), () => new DropoutTinyDoubleTwin(6), 0.3);
        AgreesWithTwinWhenOff<float>(() => new DropoutWide(6), () => new DropoutWideTwin(6), 0.3f);
        AgreesWithTwinWhenOff<double>(() => new DropoutWideDouble(6), () => new DropoutWideDoubleTwin(6), 0.3);
        AgreesWithTwinWhenOff<float>(() => new DropoutMixed(6), () => new DropoutMixedTwin(6), 0.3f);
        AgreesWithTwinWhenOff<float>(() => new DropoutMixedWide(6), () => new DropoutMixedWideTwin(6), 0.3f);
    }

    [Fact]
    public void Switched_on_again_the_training_methods_drop_again()
    {
        var net = new DropoutWide(8);
        var twin = new DropoutWideTwin(8);
        net.Parameters.CopyTo(twin.Parameters);
        float[] input = TestData.Uniform<float>(DropoutWide.InputSize, seed: 51);
        float[] target = TestData.Targets<float>(net, 1, seed: 52);
        var twinGradient = new float[DropoutWide.ParameterCount];
        twin.Backward(input, target, twinGradient);

        net.DropoutEnabled = false;
        net.DropoutEnabled = true;
        DeterministicRandom start = net.DropoutRandom;
        var gradient = new float[DropoutWide.ParameterCount];
        net.Backward(input, target, gradient);

        // 48 neurons at p = 0.5 and 0.25: a mask that keeps every one of them has a chance of 2⁻³² · 0.75¹⁶.
        Assert.False(gradient.AsSpan().SequenceEqual(twinGradient), "Backward with dropout switched on again gave the gradient without dropout");
        Assert.NotEqual(start.State, net.DropoutRandom.State);
    }

    private static void AgreesWithTwinWhenOff<T>(Func<INeuralNetwork<T>> create, Func<INeuralNetwork<T>> createTwin, T learningRate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        INeuralNetwork<T> net = create();
        INeuralNetwork<T> twin = createTwin();
        var dropout = (IDropoutNetwork)net;
        string name = net.GetType().Name;
        net.Parameters.CopyTo(twin.Parameters);
        dropout.DropoutEnabled = false;
        ulong state = dropout.DropoutRandom.State;
        T[] inputs = TestData.Uniform<T>(Rows * net.InputSize, seed: 61);
        T[] targets = TestData.Targets<T>(net, Rows, seed: 62);

        // Backward row by row, into one gradient.
        var gradient = new T[net.ParameterCount];
        var twinGradient = new T[net.ParameterCount];
        for (int row = 0; row < Rows; row++)
        {
            ReadOnlySpan<T> input = inputs.AsSpan(row * net.InputSize, net.InputSize);
            ReadOnlySpan<T> target = targets.AsSpan(row * net.OutputSize, net.OutputSize);
            SpanAssert.BitIdentical<T>([twin.Backward(input, target, twinGradient)], [net.Backward(input, target, gradient)], $"{name}: Backward's cost of row {row}");
        }

        SpanAssert.BitIdentical<T>(twinGradient, gradient, $"{name}: Backward's gradient against the network without dropout");

        // TrainStep, then TrainBatch from where it left the parameters.
        T twinCost = twin.TrainStep(inputs.AsSpan(0, net.InputSize), targets.AsSpan(0, net.OutputSize), learningRate);
        T cost = net.TrainStep(inputs.AsSpan(0, net.InputSize), targets.AsSpan(0, net.OutputSize), learningRate);
        SpanAssert.BitIdentical<T>([twinCost], [cost], $"{name}: TrainStep's cost");
        SpanAssert.BitIdentical<T>(twin.Parameters, net.Parameters, $"{name}: the parameters after TrainStep");
        SpanAssert.BitIdentical<T>([twin.TrainBatch(inputs, targets, learningRate)], [net.TrainBatch(inputs, targets, learningRate)], $"{name}: TrainBatch's cost");
        SpanAssert.BitIdentical<T>(twin.Parameters, net.Parameters, $"{name}: the parameters after TrainBatch");

        Assert.Equal(state, dropout.DropoutRandom.State);
        Assert.False(dropout.DropoutEnabled);
    }
}
