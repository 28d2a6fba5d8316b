using System;
using Backprop.Tests.Dropout;
using Xunit;

namespace Backprop.Tests.Parallelism;

/// <summary>
/// The batch methods with workers allocate nothing on any thread. Counting every thread's bytes
/// (<see cref="GC.GetTotalAllocatedBytes(bool)"/>) needs the process to itself: this class runs alone.
/// </summary>
[Collection(nameof(WholeProcessAllocations))]
public sealed class WorkerAllocationTests
{
    [Fact]
    public void The_batch_methods_allocate_nothing_on_any_thread_with_workers()
    {
        using var workers = new BatchWorkers(2) { MinimumWork = 0 };
        var network = new DropoutWide(5);
        float[] inputs = new float[70 * DropoutWide.InputSize];
        float[] targets = new float[70 * DropoutWide.OutputSize];
        for (int row = 0; row < 70; row++)
        {
            inputs[(row * DropoutWide.InputSize) + (row % DropoutWide.InputSize)] = 1;
            targets[row * DropoutWide.OutputSize] = 1;
        }

        float[] outputs = new float[70 * DropoutWide.OutputSize];
        float[] gradient = new float[DropoutWide.ParameterCount];
        float[] costs = new float[70];
        void Calls()
        {
            for (int i = 0; i < 20; i++)
            {
                network.ForwardBatch(inputs, outputs, workers);
                network.BackwardBatch(inputs, targets, gradient, costs, workers);
                network.TrainBatch(inputs, targets, 0.01f, workers);
            }
        }

        // The first calls allocate the block buffer and compile. Counting every thread's bytes counts the runtime's
        // own too: the tiered JIT recompiles hot methods on a background thread (after a delay of 100 ms) and
        // allocates as it does, so the calls run a while first, with pauses for that thread to finish.
        for (int round = 0; round < 6; round++)
        {
            Calls();
            System.Threading.Thread.Sleep(150);
        }

        long least = long.MaxValue;
        for (int attempt = 0; attempt < 5 && least > 0; attempt++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            Calls();
            least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        Assert.Equal(0, least);
    }
}

/// <summary>Tests that measure the whole process's allocations, and so run while no other test does.</summary>
[CollectionDefinition(nameof(WholeProcessAllocations), DisableParallelization = true)]
public sealed class WholeProcessAllocations
{
}
