using System;
using Backprop.Tests.Support;
using Xunit;

namespace Backprop.Tests.Parallelism;

/// <summary>
/// The buffers a network of vector loops keeps for its batches: the block buffer, allocated by its first
/// BackwardBatch or TrainBatch, and the sum of the blocks before the last, allocated by its first batch of more than
/// one block of 32 rows only. A batch of up to 32 rows adds its rows to the parameters in one pass and needs no sum.
/// </summary>
public sealed class BatchBufferTests
{
    private const int SumBytes = BatchBufferNet.ParameterCount * sizeof(float);

    [Fact]
    public void A_batch_of_one_block_allocates_no_sum_and_the_first_larger_batch_allocates_it_once()
    {
        // Another network first, so that the JIT and the type loading are done before anything is counted.
        (float[] inputs, float[] targets) = Rows(70);
        var gradient = new float[BatchBufferNet.ParameterCount];
        var costs = new float[70];
        Exercise(new BatchBufferNet(1), inputs, targets, gradient, costs);

        var network = new BatchBufferNet(2);
        long oneBlock = Allocated(() => network.TrainBatch(inputs.AsSpan(0, 32 * BatchBufferNet.InputSize), targets.AsSpan(0, 32 * BatchBufferNet.OutputSize), 0.01f));
        Assert.InRange(oneBlock, 1, SumBytes / 2);

        long twoBlocks = Allocated(() => network.TrainBatch(inputs.AsSpan(0, 33 * BatchBufferNet.InputSize), targets.AsSpan(0, 33 * BatchBufferNet.OutputSize), 0.01f));
        Assert.InRange(twoBlocks, SumBytes, SumBytes + 1024);

        Assert.Equal(0, Allocations.Least(() => Exercise(network, inputs, targets, gradient, costs)));
    }

    [Fact]
    public void BackwardBatch_allocates_the_sum_only_for_more_than_one_block_too()
    {
        (float[] inputs, float[] targets) = Rows(70);
        var gradient = new float[BatchBufferNet.ParameterCount];
        var costs = new float[70];
        Exercise(new BatchBufferNet(1), inputs, targets, gradient, costs);

        var network = new BatchBufferNet(3);
        long oneBlock = Allocated(() => network.BackwardBatch(inputs.AsSpan(0, 32 * BatchBufferNet.InputSize), targets.AsSpan(0, 32 * BatchBufferNet.OutputSize), gradient, costs.AsSpan(0, 32)));
        Assert.InRange(oneBlock, 1, SumBytes / 2);

        long twoBlocks = Allocated(() => network.BackwardBatch(inputs.AsSpan(0, 40 * BatchBufferNet.InputSize), targets.AsSpan(0, 40 * BatchBufferNet.OutputSize), gradient, costs.AsSpan(0, 40)));
        Assert.InRange(twoBlocks, SumBytes, SumBytes + 1024);
    }

    // Every batch method at one block and at several, twice.
    private static void Exercise(BatchBufferNet network, float[] inputs, float[] targets, float[] gradient, float[] costs)
    {
        for (int i = 0; i < 2; i++)
        {
            network.TrainBatch(inputs.AsSpan(0, 5 * BatchBufferNet.InputSize), targets.AsSpan(0, 5 * BatchBufferNet.OutputSize), 0.01f);
            network.TrainBatch(inputs, targets, 0.01f);
            network.BackwardBatch(inputs.AsSpan(0, 5 * BatchBufferNet.InputSize), targets.AsSpan(0, 5 * BatchBufferNet.OutputSize), gradient, costs.AsSpan(0, 5));
            network.BackwardBatch(inputs, targets, gradient, costs);
        }
    }

    private static (float[] Inputs, float[] Targets) Rows(int rows) =>
        (TestData.Uniform<float>(rows * BatchBufferNet.InputSize, seed: 7), TestData.Uniform<float>(rows * BatchBufferNet.OutputSize, seed: 8, min: 0, max: 1));

    private static long Allocated(Action call)
    {
        long start = GC.GetAllocatedBytesForCurrentThread();
        call();
        return GC.GetAllocatedBytesForCurrentThread() - start;
    }
}

/// <summary>A network of vector loops whose parameters (52 KB) outweigh its block buffer (18 KB) by far.</summary>
[Network(200, 64, 4, CodeShape = CodeShape.VectorLoops)]
public partial class BatchBufferNet { }
