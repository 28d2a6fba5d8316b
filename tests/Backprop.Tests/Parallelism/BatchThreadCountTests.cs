using System;
using System.Numerics;
using Backprop.Tests.CompilerServices;
using Backprop.Tests.Determinism;
using Backprop.Tests.Dropout;
using Backprop.Tests.Support;
using Xunit;

namespace Backprop.Tests.Parallelism;

/// <summary>
/// The batch methods give the same bits on the calling thread and on 1, 2, 3 or 16 threads (BatchWorkers), and
/// those bits are one Forward or Backward per row: for networks of vector loops (blocks of rows, shared by rows
/// and by neurons), with dropout, in both precisions, and for an unrolled network (rows one at a time). The row
/// counts cross the four-row groups and the 32-row blocks.
/// </summary>
public sealed class BatchThreadCountTests : IDisposable
{
    private static readonly int[] RowCounts = [1, 3, 4, 5, 31, 32, 33, 70];

    // Every phase shared, however small: the networks here are, so that the threads really split the work.
    private readonly BatchWorkers[] _workers = [new(1) { MinimumWork = 0 }, new(2) { MinimumWork = 0 }, new(3) { MinimumWork = 0 }, new(16) { MinimumWork = 0 }];

    public static TheoryData<string> Networks() =>
        [nameof(OddLoops), nameof(OddLoopsDouble), nameof(AlignedLoops), nameof(DropoutWide), nameof(DropoutWideDouble), nameof(Tiny)];

    public void Dispose()
    {
        foreach (BatchWorkers workers in _workers)
        {
            workers.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ForwardBatch_is_Forward_row_by_row_on_any_number_of_threads(string name)
    {
        if (Create(name) is INeuralNetwork<float> single)
        {
            ForwardBatchMatches(single);
        }
        else
        {
            ForwardBatchMatches((INeuralNetwork<double>)Create(name));
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void BackwardBatch_is_Backward_row_by_row_on_any_number_of_threads(string name)
    {
        if (Create(name) is INeuralNetwork<float>)
        {
            BackwardBatchMatches<float>(name);
        }
        else
        {
            BackwardBatchMatches<double>(name);
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainBatch_takes_the_same_step_on_any_number_of_threads(string name)
    {
        if (Create(name) is INeuralNetwork<float>)
        {
            TrainBatchMatches<float>(name);
        }
        else
        {
            TrainBatchMatches<double>(name);
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainBatch_is_the_step_along_BackwardBatch_sum_on_any_number_of_threads(string name)
    {
        if (Create(name) is INeuralNetwork<float>)
        {
            TrainBatchStepsAlongTheSum<float>(name);
        }
        else
        {
            TrainBatchStepsAlongTheSum<double>(name);
        }
    }

    internal static object Create(string name) => name switch
    {
        nameof(OddLoops) => new OddLoops(3),
        nameof(OddLoopsDouble) => new OddLoopsDouble(3),
        nameof(AlignedLoops) => new AlignedLoops(3),
        nameof(DropoutWide) => new DropoutWide(3),
        nameof(DropoutWideDouble) => new DropoutWideDouble(3),
        _ => new Tiny(3),
    };

    private void ForwardBatchMatches<T>(INeuralNetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (int rows in RowCounts)
        {
            T[] inputs = Draw<T>(new Random(rows), rows * network.InputSize);
            var expected = new T[rows * network.OutputSize];
            for (int row = 0; row < rows; row++)
            {
                network.Forward(inputs.AsSpan(row * network.InputSize, network.InputSize), expected.AsSpan(row * network.OutputSize, network.OutputSize));
            }

            foreach (BatchWorkers? workers in WorkersAndNone())
            {
                var actual = new T[rows * network.OutputSize];
                network.ForwardBatch(inputs, actual, workers);
                SpanAssert.BitIdentical<T>(expected, actual, $"ForwardBatch of {rows} rows on {Threads(workers)}");
            }
        }
    }

    private void BackwardBatchMatches<T>(string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (int rows in RowCounts)
        {
            // One Backward per row on a fresh network (the same dropout draws), into a gradient of zeros.
            var reference = (INeuralNetwork<T>)Create(name);
            var random = new Random(rows + 100);
            T[] inputs = Draw<T>(random, rows * reference.InputSize);
            T[] targets = Targets<T>(random, rows, reference.OutputSize);
            var expectedGradient = new T[reference.ParameterCount];
            var expectedCosts = new T[rows];
            T expectedTotal = T.Zero;
            for (int row = 0; row < rows; row++)
            {
                expectedCosts[row] = reference.Backward(inputs.AsSpan(row * reference.InputSize, reference.InputSize), targets.AsSpan(row * reference.OutputSize, reference.OutputSize), expectedGradient);
                expectedTotal += expectedCosts[row];
            }

            foreach (BatchWorkers? workers in WorkersAndNone())
            {
                var network = (INeuralNetwork<T>)Create(name);
                var gradient = new T[network.ParameterCount];
                var costs = new T[rows];
                T total = network.BackwardBatch(inputs, targets, gradient, costs, workers);
                string what = $"BackwardBatch of {rows} rows on {Threads(workers)}";
                SpanAssert.BitIdentical<T>(expectedGradient, gradient, what + ": the gradient");
                SpanAssert.BitIdentical<T>(expectedCosts, costs, what + ": the costs");
                SpanAssert.BitIdentical<T>([expectedTotal], [total], what + ": the total cost");
                AssertSameDropoutState(reference, network, what);
            }
        }
    }

    private void TrainBatchMatches<T>(string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T rate = T.CreateChecked(0.05);
        foreach (int rows in RowCounts)
        {
            var reference = (INeuralNetwork<T>)Create(name);
            var random = new Random(rows + 200);
            T[] inputs = Draw<T>(random, rows * reference.InputSize);
            T[] targets = Targets<T>(random, rows, reference.OutputSize);
            T expectedCost = reference.TrainBatch(inputs, targets, rate);
            T expectedNext = reference.TrainBatch(inputs, targets, rate);
            foreach (BatchWorkers? workers in WorkersAndNone())
            {
                var network = (INeuralNetwork<T>)Create(name);
                string what = $"TrainBatch of {rows} rows on {Threads(workers)}";
                SpanAssert.BitIdentical<T>([expectedCost], [network.TrainBatch(inputs, targets, rate, workers)], what + ": the cost");
                SpanAssert.BitIdentical<T>([expectedNext], [network.TrainBatch(inputs, targets, rate, workers)], what + ": the second step's cost");
                SpanAssert.BitIdentical<T>(reference.Parameters, network.Parameters, what + ": the parameters");
            }
        }
    }

    // θ − (η/m)·Σ element by element, Σ from BackwardBatch into zeros (itself one Backward per row, above): the
    // step a batch of one block takes in one pass, and a batch of several in the last block's pass.
    private void TrainBatchStepsAlongTheSum<T>(string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T rate = T.CreateChecked(0.05);
        foreach (int rows in RowCounts)
        {
            var reference = (INeuralNetwork<T>)Create(name);
            var random = new Random(rows + 300);
            T[] inputs = Draw<T>(random, rows * reference.InputSize);
            T[] targets = Targets<T>(random, rows, reference.OutputSize);
            T[] before = reference.Parameters.ToArray();
            var sum = new T[reference.ParameterCount];
            T total = reference.BackwardBatch(inputs, targets, sum, new T[rows]);
            T scale = rate / T.CreateChecked(rows);
            var expected = new T[before.Length];
            for (int i = 0; i < before.Length; i++)
            {
                expected[i] = before[i] - (scale * sum[i]);
            }

            foreach (BatchWorkers? workers in WorkersAndNone())
            {
                var network = (INeuralNetwork<T>)Create(name);
                string what = $"TrainBatch of {rows} rows on {Threads(workers)}";
                T cost = network.TrainBatch(inputs, targets, rate, workers);
                SpanAssert.BitIdentical<T>([total / T.CreateChecked(rows)], [cost], what + ": the mean cost");
                SpanAssert.BitIdentical<T>(expected, network.Parameters, what + ": the parameters");
                AssertSameDropoutState(reference, network, what);
            }
        }
    }

    private static void AssertSameDropoutState(object reference, object network, string what)
    {
        if (reference is IDropoutNetwork expected && network is IDropoutNetwork actual)
        {
            Assert.True(expected.DropoutRandom.State == actual.DropoutRandom.State, what + ": DropoutRandom after the call");
        }
    }

    private BatchWorkers?[] WorkersAndNone() => [null, .. _workers];

    private static string Threads(BatchWorkers? workers) => workers is null ? "the calling thread" : $"{workers.Threads} threads";

    private static T[] Draw<T>(Random random, int count)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Array.ConvertAll(LaneOrder.Values(random, count), v => T.CreateChecked(v / 4096));

    // One-hot targets: valid for every loss (a softmax's targets add up to 1).
    private static T[] Targets<T>(Random random, int rows, int outputs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var targets = new T[rows * outputs];
        for (int row = 0; row < rows; row++)
        {
            targets[(row * outputs) + random.Next(outputs)] = T.One;
        }

        return targets;
    }
}
