using System;
using System.Collections.Generic;
using System.Numerics;
using Backprop.Evaluation;
using Backprop.Tests.Support;
using Backprop.Training;
using Xunit;

namespace Backprop.Tests.Dropout;

/// <summary>
/// Losses are measured with dropout off, as PyTorch's <c>model.eval()</c>: MeanLoss and the trainer's validation
/// loss of a dropout network are, bit for bit, those of its twin without dropout, and leave DropoutEnabled and
/// DropoutRandom as they found them, also when they throw. The trainer trains as the switch is set.
/// </summary>
public sealed class DropoutMeasurementTests
{
    private const int Rows = 9;

    [Fact]
    public void MeanLoss_is_the_twins_without_dropout_and_leaves_the_switch_and_DropoutRandom_as_they_were()
    {
        foreach (bool enabled in new[] { true, false })
        {
            MeanLossEqualsTwin<float>(new DropoutTiny(12), new DropoutTinyTwin(12), enabled);
            MeanLossEqualsTwin<double>(new DropoutTinyDouble(12), new DropoutTinyDoubleTwin(12), enabled);
            MeanLossEqualsTwin<float>(new DropoutWide(12), new DropoutWideTwin(12), enabled);
            MeanLossEqualsTwin<double>(new DropoutWideDouble(12), new DropoutWideDoubleTwin(12), enabled);
            MeanLossEqualsTwin<float>(new DropoutMixed(12), new DropoutMixedTwin(12), enabled);
            MeanLossEqualsTwin<float>(new DropoutMixedWide(12), new DropoutMixedWideTwin(12), enabled);
        }
    }

    [Fact]
    public void MeanLoss_that_throws_on_a_later_row_leaves_the_switch_and_DropoutRandom_as_they_were()
    {
        var net = new DropoutTiny(13);
        DeterministicRandom before = net.DropoutRandom;

        // Row 0 is fine; the quadratic cost of row 1, whose target is near float's largest value, overflows.
        float[] inputs = { 0.1f, 0.2f, 0.3f, 1f, 1f, 1f };
        float[] targets = { 0f, 1f, float.MaxValue, 0f };
        Assert.Throws<InvalidOperationException>(() => net.MeanLoss(inputs, targets));
        Assert.True(net.DropoutEnabled);
        Assert.Equal(before.State, net.DropoutRandom.State);
    }

    [Fact]
    public void The_trainers_validation_loss_is_the_twins_without_dropout_and_the_masks_of_training_are_untouched()
    {
        float[] inputs = TestData.Uniform<float>(24 * DropoutTiny.InputSize, seed: 71);
        float[] targets = TestData.Targets<float>(new DropoutTiny(), 24, seed: 72);
        float[] validationInputs = TestData.Uniform<float>(Rows * DropoutTiny.InputSize, seed: 73);
        float[] validationTargets = TestData.Targets<float>(new DropoutTiny(), Rows, seed: 74);
        var net = new DropoutTiny(14);
        var twin = new DropoutTinyTwin();
        var reported = new List<double>();
        var measured = new List<double>();
        var enabledDuringReports = new List<bool>();
        new Trainer<float>(net, new Adam(net, 0.01)) { BatchSize = 5 }.Train(
            inputs,
            targets,
            validationInputs,
            validationTargets,
            epochs: 4,
            new SynchronousProgress<TrainingProgress>(p =>
            {
                reported.Add(p.ValidationLoss!.Value);
                net.Parameters.CopyTo(twin.Parameters);
                measured.Add(twin.MeanLoss(validationInputs, validationTargets));
                enabledDuringReports.Add(net.DropoutEnabled);
            }));

        Assert.Equal(4, reported.Count);
        for (int epoch = 0; epoch < reported.Count; epoch++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(measured[epoch]), BitConverter.DoubleToInt64Bits(reported[epoch]));
        }

        Assert.All(enabledDuringReports, Assert.True);
        Assert.True(net.DropoutEnabled);

        // The same training without a validation set draws the same masks and ends with the same bits.
        var alone = new DropoutTiny(14);
        new Trainer<float>(alone, new Adam(alone, 0.01)) { BatchSize = 5 }.Train(inputs, targets, epochs: 4);
        SpanAssert.BitIdentical<float>(alone.Parameters, net.Parameters, "the parameters trained beside a validation set");
        Assert.Equal(alone.DropoutRandom.State, net.DropoutRandom.State);
    }

    [Fact]
    public void A_validation_loss_that_is_not_finite_leaves_the_switch_and_DropoutRandom_as_training_left_them()
    {
        float[] inputs = TestData.Uniform<float>(10 * DropoutTiny.InputSize, seed: 81);
        float[] targets = TestData.Targets<float>(new DropoutTiny(), 10, seed: 82);

        // Validation row 0 is fine; the quadratic cost of row 1 overflows.
        float[] validationInputs = { 0.1f, 0.2f, 0.3f, 1f, 1f, 1f };
        float[] validationTargets = { 0f, 1f, float.MaxValue, 0f };
        var net = new DropoutTiny(15);
        var e = Assert.Throws<TrainingDivergedException>(() => new Trainer<float>(net, new Sgd(net, 0.1)) { BatchSize = 4 }
            .Train(inputs, targets, validationInputs, validationTargets, epochs: 3));
        Assert.Equal(1, e.Epoch);
        Assert.True(net.DropoutEnabled);

        var alone = new DropoutTiny(15);
        new Trainer<float>(alone, new Sgd(alone, 0.1)) { BatchSize = 4 }.Train(inputs, targets, epochs: 1);
        Assert.Equal(alone.DropoutRandom.State, net.DropoutRandom.State);
    }

    [Fact]
    public void The_trainer_trains_as_the_switch_is_set_and_leaves_it_so()
    {
        float[] inputs = TestData.Uniform<float>(20 * DropoutWide.InputSize, seed: 91);
        float[] targets = TestData.Targets<float>(new DropoutWide(), 20, seed: 92);
        var net = new DropoutWide(16) { DropoutEnabled = false };
        var twin = new DropoutWideTwin(16);
        net.Parameters.CopyTo(twin.Parameters);
        DeterministicRandom before = net.DropoutRandom;
        TrainingResult result = new Trainer<float>(net, new Adam(net, 0.01)) { BatchSize = 6 }.Train(inputs, targets, epochs: 3);
        TrainingResult twinResult = new Trainer<float>(twin, new Adam(twin, 0.01)) { BatchSize = 6 }.Train(inputs, targets, epochs: 3);

        SpanAssert.BitIdentical<float>(twin.Parameters, net.Parameters, "the parameters trained with dropout off");
        Assert.Equal(twinResult.Loss, result.Loss);
        Assert.False(net.DropoutEnabled);
        Assert.Equal(before.State, net.DropoutRandom.State);
    }

    private static void MeanLossEqualsTwin<T>(INeuralNetwork<T> net, INeuralNetwork<T> twin, bool enabled)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dropout = (IDropoutNetwork)net;
        net.Parameters.CopyTo(twin.Parameters);
        dropout.DropoutEnabled = enabled;
        ulong state = dropout.DropoutRandom.State;
        T[] inputs = TestData.Uniform<T>(Rows * net.InputSize, seed: 101);
        T[] targets = TestData.Targets<T>(net, Rows, seed: 102);

        double loss = net.MeanLoss(inputs, targets);
        Assert.Equal(BitConverter.DoubleToInt64Bits(twin.MeanLoss(inputs, targets)), BitConverter.DoubleToInt64Bits(loss));
        Assert.Equal(enabled, dropout.DropoutEnabled);
        Assert.Equal(state, dropout.DropoutRandom.State);
    }
}
