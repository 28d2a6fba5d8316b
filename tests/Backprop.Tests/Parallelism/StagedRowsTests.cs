using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Backprop.CompilerServices;
using Backprop.Tests.Support;
using Xunit;

namespace Backprop.Tests.Parallelism;

/// <summary>
/// BackwardBatch and TrainBatch of a network of vector loops whose input rows are a whole number of 64-byte lines
/// copy the rows of a block that do not start on a line into the block buffer, where they do, so that the kernels'
/// vector loads of them do not straddle two lines. The copy changes no bit: rows at any offset give the parameters,
/// the gradient and the costs of the same rows on a boundary, on one thread or several, and the caller's rows are
/// only read.
/// </summary>
public sealed class StagedRowsTests
{
    private const int Rows = 70; // three blocks: two whole, one of 6

    public static TheoryData<int, int> OffsetsAndThreads()
    {
        var data = new TheoryData<int, int>();
        foreach (int threads in new[] { 1, 2, 3 })
        {
            for (int offset = 0; offset < 16; offset++)
            {
                data.Add(offset, threads);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OffsetsAndThreads))]
    public void TrainBatch_and_BackwardBatch_give_the_bits_of_rows_on_a_boundary_from_rows_at_any_offset(int offset, int threads)
    {
        float[] rows = TestData.Uniform<float>(Rows * StagedRowsNet.InputSize, seed: 31);
        float[] targets = TestData.Targets<float>(new StagedRowsNet(1), Rows, seed: 32);
        using var workers = threads == 1 ? null : new BatchWorkers(threads) { MinimumWork = 0 };

        (StagedRowsNet onBoundary, float[] gradient, float[] costs) = Run(Pinned<float>(rows, 0), targets, workers);
        Span<float> shifted = Pinned<float>(rows, offset);
        Assert.Equal(offset == 0, AlignedMemory.StartsOnBoundary<float>(shifted));
        (StagedRowsNet moved, float[] movedGradient, float[] movedCosts) = Run(shifted, targets, workers);

        Assert.Equal(Bits(onBoundary.Parameters), Bits(moved.Parameters));
        Assert.Equal(Bits(gradient), Bits(movedGradient));
        Assert.Equal(Bits(costs), Bits(movedCosts));
        Assert.True(shifted.SequenceEqual(rows), "The caller's rows were written to.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public void Double_rows_at_any_offset_give_the_bits_of_rows_on_a_boundary(int offset)
    {
        double[] rows = TestData.Uniform<double>(Rows * StagedRowsDoubleNet.InputSize, seed: 33);
        double[] targets = TestData.Targets<double>(new StagedRowsDoubleNet(1), Rows, seed: 34);
        var onBoundary = new StagedRowsDoubleNet(5);
        var moved = new StagedRowsDoubleNet(5);

        double cost = onBoundary.TrainBatch(Pinned<double>(rows, 0), targets, 0.05);
        double movedCost = moved.TrainBatch(Pinned<double>(rows, offset), targets, 0.05);

        Assert.Equal(BitConverter.DoubleToInt64Bits(cost), BitConverter.DoubleToInt64Bits(movedCost));
        Assert.True(onBoundary.Parameters.SequenceEqual(moved.Parameters));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void With_dropout_rows_at_any_offset_draw_the_same_masks_and_give_the_same_bits(int offset)
    {
        float[] rows = TestData.Uniform<float>(Rows * StagedRowsDropoutNet.InputSize, seed: 37);
        float[] targets = TestData.Targets<float>(new StagedRowsDropoutNet(1), Rows, seed: 38);
        var onBoundary = new StagedRowsDropoutNet(6);
        var moved = new StagedRowsDropoutNet(6);
        using var workers = new BatchWorkers(2) { MinimumWork = 0 };

        float cost = onBoundary.TrainBatch(Pinned<float>(rows, 0), targets, 0.05f, workers);
        float movedCost = moved.TrainBatch(Pinned<float>(rows, offset), targets, 0.05f, workers);

        Assert.Equal(BitConverter.SingleToInt32Bits(cost), BitConverter.SingleToInt32Bits(movedCost));
        Assert.Equal(Bits(onBoundary.Parameters), Bits(moved.Parameters));
        Assert.Equal(onBoundary.DropoutRandom, moved.DropoutRandom);
    }

    [Fact]
    public void Rows_off_a_boundary_allocate_nothing_after_the_first_batch()
    {
        float[] rows = TestData.Uniform<float>(Rows * StagedRowsNet.InputSize, seed: 35);
        float[] targets = TestData.Targets<float>(new StagedRowsNet(1), Rows, seed: 36);
        Span<float> shifted = Pinned<float>(rows, 3);
        float[] copy = shifted.ToArray();
        var network = new StagedRowsNet(2);
        var gradient = new float[StagedRowsNet.ParameterCount];
        var costs = new float[Rows];
        network.TrainBatch(copy, targets, 0.01f);
        network.BackwardBatch(copy, targets, gradient, costs);

        Assert.Equal(0, Allocations.Least(() =>
        {
            Span<float> again = Pinned<float>(rows, 3);
            network.TrainBatch(again, targets, 0.01f);
            network.BackwardBatch(again, targets, gradient, costs);
        }));
    }

    // A network's TrainBatch on the rows, then BackwardBatch on the same rows into a new gradient.
    private static (StagedRowsNet Network, float[] Gradient, float[] Costs) Run(ReadOnlySpan<float> rows, float[] targets, BatchWorkers? workers)
    {
        var network = new StagedRowsNet(4);
        network.TrainBatch(rows, targets, 0.05f, workers);
        var gradient = new float[StagedRowsNet.ParameterCount];
        var costs = new float[Rows];
        network.BackwardBatch(rows, targets, gradient, costs, workers);
        return (network, gradient, costs);
    }

    // The values copied into pinned memory, starting offset values past a 64-byte boundary. The memory is kept for the
    // process (one pool per thread and type), so that the span stays valid; tests of one class run one at a time.
    private static Span<T> Pinned<T>(ReadOnlySpan<T> values, int offset)
        where T : unmanaged
    {
        int room = values.Length + offset + (64 / Unsafe.SizeOf<T>());
        T[] pool = PinnedPool<T>.Get(room);
        int first = (int)((64 - (Address(ref MemoryMarshal.GetArrayDataReference(pool)) % 64)) % 64) / Unsafe.SizeOf<T>();
        Span<T> span = pool.AsSpan(first + offset, values.Length);
        values.CopyTo(span);
        return span;
    }

    private static unsafe long Address<T>(ref T value) => (long)Unsafe.AsPointer(ref value);

    private static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        }

        return bits;
    }

    private static class PinnedPool<T>
        where T : unmanaged
    {
        [ThreadStatic]
        private static T[]? s_pool;

        public static T[] Get(int length) =>
            s_pool is { } pool && pool.Length >= length ? pool : s_pool = GC.AllocateArray<T>(length, pinned: true);
    }
}

/// <summary>Vector loops with rows of 64 floats (256 bytes, four lines): its batches copy rows that are off a line.</summary>
[Network(64, 24, 5, CodeShape = CodeShape.VectorLoops)]
public partial class StagedRowsNet { }

/// <summary>Vector loops with rows of 16 doubles (two lines).</summary>
[Network(16, 12, 3, CodeShape = CodeShape.VectorLoops, Precision = Precision.Double)]
public partial class StagedRowsDoubleNet { }

/// <summary>Vector loops with rows of 16 floats and dropout in its hidden layer.</summary>
[Network(16, 24, 3, CodeShape = CodeShape.VectorLoops, Dropout = new[] { 0.25 })]
public partial class StagedRowsDropoutNet { }
