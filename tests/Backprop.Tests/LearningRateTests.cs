using System;
using System.Numerics;
using Backprop.Tests.Support;
using Xunit;

namespace Backprop.Tests;

/// <summary>
/// The learning rate must be finite and positive; a rate so large that training overflows is caught
/// at the step whose cost is no longer finite, and that step changes nothing.
/// </summary>
public sealed class LearningRateTests
{
    public static TheoryData<string, double> InvalidRates
    {
        get
        {
            var data = new TheoryData<string, double>();
            foreach (NetworkCase network in Networks.Cases)
            {
                foreach (double rate in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, -0.5 })
                {
                    data.Add(network.Name, rate);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(InvalidRates))]
    public void A_learning_rate_that_is_not_finite_and_positive_is_rejected_before_training(string name, double rate) =>
        Networks.Visit(Networks.Create(name), n => Rejected(n, (float)rate), n => Rejected(n, rate));

    [Fact]
    public void The_smallest_positive_learning_rate_is_accepted()
    {
        // The boundary of "greater than zero": a subnormal rate is valid, however useless.
        var net = new Tiny(1);
        net.TrainStep([0.1f, 0.2f, 0.3f], [0f, 1f], float.Epsilon);
        net.TrainBatch([0.1f, 0.2f, 0.3f], [0f, 1f], float.Epsilon);
    }

    [Fact]
    public void TrainStep_that_overflows_a_linear_network_throws_and_keeps_the_parameters_from_before_that_step() =>
        Diverge((net, input, target, rate) => net.TrainStep(input, target, rate));

    [Fact]
    public void TrainBatch_that_overflows_a_linear_network_throws_and_keeps_the_parameters_from_before_that_step() =>
        Diverge((net, inputs, targets, rate) => net.TrainBatch(inputs, targets, rate));

    private static void Rejected<T>(INeuralNetwork<T> net, T rate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] before = net.Parameters.ToArray();
        T[] input = TestData.Uniform<T>(net.InputSize, seed: 1);
        T[] target = TestData.Uniform<T>(net.OutputSize, seed: 2, min: 0, max: 1);

        var step = Assert.Throws<ArgumentOutOfRangeException>(() => net.TrainStep(input, target, rate));
        Assert.Equal("learningRate", step.ParamName);
        SpanAssert.BitIdentical<T>(before, net.Parameters, "parameters after TrainStep");

        var batch = Assert.Throws<ArgumentOutOfRangeException>(() => net.TrainBatch(input, target, rate));
        Assert.Equal("learningRate", batch.ParamName);
        SpanAssert.BitIdentical<T>(before, net.Parameters, "parameters after TrainBatch");
    }

    // An all-linear network's output grows without bound: with η = 1000 every step multiplies the scale
    // of the parameters, until the output (hence the cost) overflows to infinity or NaN.
    private static void Diverge(Func<LinearNet, double[], double[], double, double> train)
    {
        var net = new LinearNet(1);
        double[] input = [1, 2, 3, 4];
        double[] target = [1, 2, 3];
        for (int step = 0; step < 100; step++)
        {
            double[] before = net.Parameters.ToArray();
            double cost;
            try
            {
                cost = train(net, input, target, 1000);
            }
            catch (InvalidOperationException)
            {
                // At least one step succeeded, so this is divergence rather than a bad start.
                Assert.True(step > 0, "The first step already failed.");
                SpanAssert.BitIdentical<double>(before, net.Parameters, $"parameters after the failed step {step}");
                return;
            }

            Assert.True(double.IsFinite(cost), $"Step {step} returned the cost {cost} instead of throwing.");
        }

        Assert.Fail("Training with η = 1000 did not overflow within 100 steps.");
    }
}
