using System;
using Backprop.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Backprop.Tests;

/// <summary>End to end: a generated network learns XOR, and learns it the same way every time.</summary>
public sealed class XorTrainingTests(ITestOutputHelper output)
{
    // The four XOR examples as one mini-batch, row after row.
    private static readonly float[] Inputs = [0, 0, 0, 1, 1, 0, 1, 1];
    private static readonly float[] Targets = [0, 1, 1, 0];

    // A fixed seed and learning rate under which this 2-4-1 sigmoid network is known to converge; with
    // some seeds XOR gets stuck in a local minimum, which is a property of XOR, not of the generator.
    private const int Seed = 1;
    private const float LearningRate = 2f;
    private const int MaxEpochs = 20_000;

    [Fact]
    public void Full_batch_training_learns_xor_to_a_mean_cost_below_one_hundredth()
    {
        var net = new XorNet(Seed);

        int epochs = 0;
        while (epochs < MaxEpochs && MeanCost(net) >= 0.01)
        {
            net.TrainBatch(Inputs, Targets, LearningRate);
            epochs++;
        }

        double cost = MeanCost(net);
        output.WriteLine($"XOR (2-4-1 sigmoid, seed {Seed}, learning rate {LearningRate}): mean cost {cost:G6} after {epochs} epochs.");
        Assert.True(cost < 0.01, $"Mean cost {cost} after {epochs} epochs.");

        // A mean cost that low puts every output on the right side of ½.
        Span<float> prediction = stackalloc float[1];
        for (int row = 0; row < Targets.Length; row++)
        {
            net.Forward(Inputs.AsSpan(row * 2, 2), prediction);
            Assert.True(Math.Abs(prediction[0] - Targets[row]) < 0.5f, $"Row {row}: predicted {prediction[0]} for {Targets[row]}.");
        }
    }

    [Fact]
    public void Training_twice_from_the_same_seed_gives_bit_identical_parameters()
    {
        var first = new XorNet(Seed);
        var second = new XorNet(Seed);
        for (int epoch = 0; epoch < 500; epoch++)
        {
            first.TrainBatch(Inputs, Targets, LearningRate);
            second.TrainBatch(Inputs, Targets, LearningRate);
            first.TrainStep(Inputs.AsSpan(2, 2), Targets.AsSpan(1, 1), LearningRate);
            second.TrainStep(Inputs.AsSpan(2, 2), Targets.AsSpan(1, 1), LearningRate);
        }

        SpanAssert.BitIdentical<float>(first.Parameters, second.Parameters, "parameters");
    }

    // The mean cost ½‖Y − A‖² over the four examples, from Forward, so that it does not rely on what
    // TrainBatch returns.
    private static double MeanCost(XorNet net)
    {
        Span<float> prediction = stackalloc float[1];
        double total = 0;
        for (int row = 0; row < Targets.Length; row++)
        {
            net.Forward(Inputs.AsSpan(row * 2, 2), prediction);
            double e = Targets[row] - prediction[0];
            total += 0.5 * e * e;
        }

        return total / Targets.Length;
    }
}
