using System;
using System.Collections.Generic;
using System.Numerics;
using Backprop.Tests.Support;
using Xunit;

namespace Backprop.Tests;

/// <summary>
/// "No member allocates on the heap" (<see cref="INeuralNetwork{T}"/>): measured with the thread's
/// allocation counter over many calls, after a warm-up that lets the JIT and type loading finish.
/// </summary>
public sealed class AllocationTests
{
    private const int Calls = 2_000;

    [Fact]
    public void Single_precision_members_allocate_nothing() => AssertNoAllocations<float>(new Tiny(1), 0.01f);

    [Fact]
    public void Double_precision_members_allocate_nothing() => AssertNoAllocations<double>(new TinyDouble(1), 0.01);

    [Fact]
    public void Four_layer_members_allocate_nothing()
    {
        AssertNoAllocations<float>(new Deep(1), 0.01f);
        AssertNoAllocations<double>(new Regressor(1), 0.001);
    }

    [Fact]
    public void Members_of_networks_with_the_cross_entropies_allocate_nothing()
    {
        AssertNoAllocations<float>(new Classifier(1), 0.01f);
        AssertNoAllocations<double>(new Tagger(1), 0.01);
    }

    private static void AssertNoAllocations<T>(INeuralNetwork<T> net, T learningRate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Everything the calls need is allocated up front.
        const int rows = 4;
        T[] input = TestData.Uniform<T>(net.InputSize, seed: 1);
        T[] target = TestData.Uniform<T>(net.OutputSize, seed: 2, min: 0, max: 1);
        T[] inputs = TestData.Uniform<T>(rows * net.InputSize, seed: 3);
        T[] targets = TestData.Uniform<T>(rows * net.OutputSize, seed: 4, min: 0, max: 1);
        var output = new T[net.OutputSize];
        var gradient = new T[net.ParameterCount];
        var allocated = new long[8];
        var least = new long[8];
        least.AsSpan().Fill(long.MaxValue);

        for (int pass = 0; pass <= Allocations.Attempts; pass++)
        {
            // Pass 0 warms up; the others measure, and each member keeps its fewest bytes (see Allocations: the
            // runtime may allocate on this thread while it recompiles a method). Each member gets its own count so a
            // failure names it.
            int calls = pass == 0 ? 100 : Calls;
            long start = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++)
            {
                net.Forward(input, output);
            }

            allocated[0] = GC.GetAllocatedBytesForCurrentThread() - start;
            start = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++)
            {
                gradient.AsSpan().Clear();
                net.Backward(input, target, gradient);
            }

            allocated[1] = GC.GetAllocatedBytesForCurrentThread() - start;
            start = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++)
            {
                net.TrainStep(input, target, learningRate);
            }

            allocated[2] = GC.GetAllocatedBytesForCurrentThread() - start;
            start = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++)
            {
                net.TrainBatch(inputs, targets, learningRate);
            }

            allocated[3] = GC.GetAllocatedBytesForCurrentThread() - start;
            start = GC.GetAllocatedBytesForCurrentThread();
            T sum = T.Zero;
            for (int i = 0; i < calls; i++)
            {
                sum += net.Parameters[i % net.ParameterCount];
            }

            allocated[4] = GC.GetAllocatedBytesForCurrentThread() - start;
            start = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++)
            {
                sum += net.Weight(2, 0, i % net.InputSize);
            }

            allocated[5] = GC.GetAllocatedBytesForCurrentThread() - start;
            start = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++)
            {
                sum += net.Bias(net.LayerCount, i % net.OutputSize);
            }

            allocated[6] = GC.GetAllocatedBytesForCurrentThread() - start;
            start = GC.GetAllocatedBytesForCurrentThread();
            int sizes = 0;
            for (int i = 0; i < calls; i++)
            {
                sizes += net.LayerSizes[i % net.LayerCount];
            }

            allocated[7] = GC.GetAllocatedBytesForCurrentThread() - start;

            // Keeps the reads above observable.
            Assert.True(T.IsFinite(sum) && sizes > 0);
            for (int m = 0; pass > 0 && m < least.Length; m++)
            {
                least[m] = Math.Min(least[m], allocated[m]);
            }
        }

        string[] members = ["Forward", "Backward", "TrainStep", "TrainBatch", "Parameters", "Weight", "Bias", "LayerSizes"];
        var allocating = new List<string>();
        for (int m = 0; m < members.Length; m++)
        {
            if (least[m] != 0)
            {
                allocating.Add($"{members[m]}: {least[m]} bytes over {Calls} calls");
            }
        }

        Assert.True(allocating.Count == 0, $"{net.GetType().Name} allocated: {string.Join("; ", allocating)}.");
    }
}
