using System;
using System.Numerics;
using Backprop.Tests.Support;
using Xunit;
using static Backprop.Tests.Support.Numerics;

namespace Backprop.Tests;

/// <summary>
/// TrainStep and TrainBatch are specified in terms of Backward: one SGD step θ ← θ − η·g, and one step
/// along the mean gradient of the rows. These tests rebuild both updates from Backward's gradients.
/// </summary>
public sealed class TrainingStepEquivalenceTests
{
    private const int Rows = 5;

    [Theory]
    [MemberData(nameof(Networks.Names), MemberType = typeof(Networks))]
    public void TrainBatch_subtracts_the_learning_rate_times_the_mean_of_the_rows_Backward_gradients(string name) =>
        Networks.Visit(Networks.Create(name), n => TrainBatchMatchesBackward(n, 0.3f), n => TrainBatchMatchesBackward(n, 0.3));

    [Theory]
    [MemberData(nameof(Networks.Names), MemberType = typeof(Networks))]
    public void TrainStep_subtracts_the_learning_rate_times_the_Backward_gradient_and_returns_the_cost_before_the_step(string name) =>
        Networks.Visit(Networks.Create(name), n => TrainStepMatchesBackward(n, 0.3f), n => TrainStepMatchesBackward(n, 0.3));

    private static void TrainBatchMatchesBackward<T>(INeuralNetwork<T> net, T learningRate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] inputs = TestData.Uniform<T>(Rows * net.InputSize, seed: 11);
        T[] targets = TestData.Targets<T>(net, Rows, seed: 12);
        T[] before = net.Parameters.ToArray();

        // Each row's gradient on its own, from a zeroed span, and the row's cost.
        var gradients = new T[Rows][];
        var costs = new double[Rows];
        for (int row = 0; row < Rows; row++)
        {
            gradients[row] = new T[net.ParameterCount];
            costs[row] = D(net.Backward(
                inputs.AsSpan(row * net.InputSize, net.InputSize),
                targets.AsSpan(row * net.OutputSize, net.OutputSize),
                gradients[row]));
        }

        SpanAssert.BitIdentical<T>(before, net.Parameters, "parameters after Backward, which must not train");
        double meanCost = D(net.TrainBatch(inputs, targets, learningRate));

        // Expected values in double from the T-precision gradients. TrainBatch works in T, so it may differ
        // by its own rounding: summing m gradients (m − 1 additions, each off by at most u relative to the
        // running sum of magnitudes), forming η/m and its product with the sum (two more roundings), and the
        // subtraction from θ (one rounding of the result). Hence, per parameter,
        //   |error| ≤ u·|θ′| + (m + 1)·u·(η/m)·Σ|g_r|,
        // doubled to cover second-order terms. That is a few millionths of the step in float: a wrong
        // update (the sum instead of the mean, a row left out, one row's gradient alone) is off by a sizeable
        // fraction of the step and fails.
        double u = UnitRoundoff<T>();
        double eta = D(learningRate);
        var expected = new double[net.ParameterCount];
        var tolerance = new double[net.ParameterCount];
        for (int i = 0; i < expected.Length; i++)
        {
            double sum = 0, magnitude = 0;
            for (int row = 0; row < Rows; row++)
            {
                sum += D(gradients[row][i]);
                magnitude += Math.Abs(D(gradients[row][i]));
            }

            expected[i] = D(before[i]) - (eta * (sum / Rows));
            tolerance[i] = 2 * ((u * Math.Abs(expected[i])) + ((Rows + 1) * u * (eta / Rows) * magnitude));
        }

        SpanAssert.Close(expected, Reference.ToDouble<T>(net.Parameters), tolerance, "parameters after TrainBatch");

        // The mean cost before the step: m − 1 additions and one division, in T.
        double costSum = 0;
        foreach (double cost in costs)
        {
            costSum += cost;
        }

        Assert.InRange(meanCost, (costSum / Rows) * (1 - (2 * Rows * u)), (costSum / Rows) * (1 + (2 * Rows * u)));
        AssertMoved(before, net.Parameters);
    }

    private static void TrainStepMatchesBackward<T>(INeuralNetwork<T> net, T learningRate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Several examples in a row: one of them may sit where a ReLU is inactive and the gradient is zero.
        T[] inputs = TestData.Uniform<T>(Rows * net.InputSize, seed: 21);
        T[] targets = TestData.Targets<T>(net, Rows, seed: 22);
        T[] initial = net.Parameters.ToArray();
        for (int row = 0; row < Rows; row++)
        {
            ReadOnlySpan<T> input = inputs.AsSpan(row * net.InputSize, net.InputSize);
            ReadOnlySpan<T> target = targets.AsSpan(row * net.OutputSize, net.OutputSize);
            T[] before = net.Parameters.ToArray();
            var gradient = new T[net.ParameterCount];
            T cost = net.Backward(input, target, gradient);

            T returned = net.TrainStep(input, target, learningRate);

            // The cost is computed by the same operations in both methods, before any parameter moves.
            Assert.Equal(cost, returned);

            // TrainStep forms η·δ first and multiplies by the activation, Backward forms δ·a: each is two
            // roundings of the same exact product η·δ·a, so they differ by at most 2u relative, and the
            // subtraction from θ rounds once more. Doubled for second-order terms.
            double u = UnitRoundoff<T>();
            double eta = D(learningRate);
            var expected = new double[net.ParameterCount];
            var tolerance = new double[net.ParameterCount];
            for (int i = 0; i < expected.Length; i++)
            {
                double step = eta * D(gradient[i]);
                expected[i] = D(before[i]) - step;
                tolerance[i] = 2 * ((u * Math.Abs(expected[i])) + (3 * u * Math.Abs(step)));
            }

            SpanAssert.Close(expected, Reference.ToDouble<T>(net.Parameters), tolerance, $"parameters after TrainStep on row {row}");
        }

        AssertMoved(initial, net.Parameters);
    }

    // Guards the comparisons above against a vacuous pass: the step must have changed something.
    private static void AssertMoved<T>(T[] before, Span<T> after)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.False(after.SequenceEqual(before), "The training step left every parameter as it was.");
    }
}
