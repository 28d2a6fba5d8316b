using System;
using System.Linq;
using System.Threading;
using Backprop.CompilerServices;
using Backprop.Tests.Determinism;
using Backprop.Tests.Dropout;
using Backprop.Training;
using Xunit;

namespace Backprop.Tests.Parallelism;

/// <summary>BatchWorkers itself: its threads, its errors, the sharing of a range, and the trainer that uses it.</summary>
public sealed class BatchWorkersTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(BatchWorkers.MaxThreads + 1)]
    public void A_thread_count_out_of_range_is_refused_with_the_range(int threads)
    {
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchWorkers(threads));
        Assert.Equal("threads", e.ParamName);
        Assert.Contains("from 1 to 256", e.Message, StringComparison.Ordinal);
        Assert.Contains("it was " + threads, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Disposed_workers_are_refused_and_nothing_is_written()
    {
        var network = new OddLoops(3);
        var workers = new BatchWorkers(2);
        workers.Dispose();
        workers.Dispose();
        float[] inputs = new float[4 * OddLoops.InputSize];
        float[] outputs = Enumerable.Repeat(7f, 4 * OddLoops.OutputSize).ToArray();
        float[] before = network.Parameters.ToArray();

        Assert.Throws<ObjectDisposedException>(() => network.ForwardBatch(inputs, outputs, workers));
        Assert.All(outputs, value => Assert.Equal(7f, value));
        Assert.Throws<ObjectDisposedException>(() => network.TrainBatch(inputs, new float[4 * OddLoops.OutputSize], 0.1f, workers));
        Assert.Equal(before, network.Parameters.ToArray());

        // A network without loops runs on this thread whatever it is given, and refuses disposed workers all the same.
        Assert.Throws<ObjectDisposedException>(() => new Tiny(1).TrainBatch(new float[3], new float[2], 0.1f, workers));
        Assert.Throws<ObjectDisposedException>(() => new Tiny(1).ForwardBatch(new float[3], new float[2], workers));
    }

    [Fact]
    public void Workers_run_one_batch_at_a_time_and_say_so()
    {
        using var workers = new BatchWorkers(2);
        var nested = new NestedRun(workers);
        BatchDispatch.Run(workers, long.MaxValue, nested, BatchPhase.Forward, default, default, default, 0f);
        InvalidOperationException e = Assert.IsType<InvalidOperationException>(nested.Failure);
        Assert.Contains("one batch at a time", e.Message, StringComparison.Ordinal);

        // The workers are free again afterwards.
        var counting = new CountingWork();
        BatchDispatch.Run(workers, long.MaxValue, counting, BatchPhase.Forward, default, default, default, 0f);
        Assert.Equal(2 * PartQueue.PartsPerThread, counting.Parts);
    }

    [Fact]
    public void Every_part_receives_the_phase_the_spans_and_the_factor()
    {
        using var workers = new BatchWorkers(3);
        var recording = new RecordingWork();
        float[] inputs = [1f, 2f, 3f];
        float[] sum = [4f, 5f];
        float[] destination = new float[7];
        BatchDispatch.Run(workers, long.MaxValue, recording, BatchPhase.GradientStep, inputs, sum, destination, -0.25f);

        Assert.Equal(
            Enumerable.Range(0, 12).Select(part => FormattableString.Invariant($"GradientStep {part}/12 3 2 7 -0.25")),
            recording.Calls.OrderBy(call => int.Parse(call.Split(' ', '/')[1], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_part_that_throws_on_a_worker_thread_reaches_the_caller_after_every_part_ends()
    {
        using var workers = new BatchWorkers(3);
        var failing = new FailingWork(failingPart: 2);
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => BatchDispatch.Run(workers, long.MaxValue, failing, BatchPhase.Forward, default, default, default, 0f));
        Assert.IsType<FormatException>(e.InnerException);
        Assert.Contains("A part of a batch failed: part 2", e.Message, StringComparison.Ordinal);
        Assert.Equal(12, failing.Parts);

        var counting = new CountingWork();
        BatchDispatch.Run(workers, long.MaxValue, counting, BatchPhase.Gradient, default, default, default, 0f);
        Assert.Equal(12, counting.Parts);
    }

    [Fact]
    public void The_librarys_own_passes_run_each_part_once_and_a_failure_reaches_the_caller()
    {
        using var workers = new BatchWorkers(3);
        var passes = new RecordingPasses(failingPart: -1);
        for (int call = 0; call < 500; call++)
        {
            workers.Run(passes);
        }

        Assert.Equal(500 * 12, passes.Parts);

        // No thread is made per call: the parts ran on the caller and the two workers (any of them may have taken
        // over all the others' parts, when those were slow to wake).
        Assert.InRange(passes.Threads, 1, 3);
        Assert.Equal([12], passes.PartCounts);

        var failing = new RecordingPasses(failingPart: 1);
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => workers.Run(failing));
        Assert.IsType<FormatException>(e.InnerException);
        Assert.Equal(12, failing.Parts);

        // The workers are free again, for a batch phase as for a pass.
        var counting = new CountingWork();
        BatchDispatch.Run(workers, long.MaxValue, counting, BatchPhase.Gradient, default, default, default, 0f);
        Assert.Equal(12, counting.Parts);
    }

    [Fact]
    public void Every_part_runs_once_on_the_callers_and_the_workers_threads_for_many_calls()
    {
        using var workers = new BatchWorkers(4);
        var counting = new CountingWork();
        for (int call = 0; call < 2000; call++)
        {
            BatchDispatch.Run(workers, long.MaxValue, counting, BatchPhase.Deltas, default, default, default, 0f);
        }

        Assert.Equal(2000 * 16, counting.Parts);
        Assert.InRange(counting.Threads, 1, 4);
    }

    [Fact]
    public void The_parts_of_a_thread_that_falls_behind_are_taken_over()
    {
        // Part 4, the first of the worker's run, does not end until parts 5 to 7, the rest of that run, have: the
        // calling thread must take them over (whichever thread runs part 4, the worker or, if it is slow to wake,
        // the caller after the others). Without taking over, part 4 would wait out its 10 seconds and fail.
        using var workers = new BatchWorkers(2);
        var stalling = new StallingWork();
        BatchDispatch.Run(workers, long.MaxValue, stalling, BatchPhase.Deltas, default, default, default, 0f);

        Assert.Equal(Enumerable.Range(0, 8), stalling.Ran.OrderBy(part => part));
        Assert.Equal(3, stalling.RunByCaller(5, 6, 7));
    }

    [Fact]
    public void Work_below_the_minimum_runs_on_the_calling_thread_and_work_from_it_is_shared()
    {
        using var workers = new BatchWorkers(3);
        Assert.Equal(1 << 18, workers.MinimumWork);
        var small = new CountingWork();
        BatchDispatch.Run(workers, workers.MinimumWork - 1, small, BatchPhase.Forward, default, default, default, 0f);
        Assert.Equal(1, small.Parts);
        Assert.Equal(1, small.Threads);

        var large = new CountingWork();
        BatchDispatch.Run(workers, workers.MinimumWork, large, BatchPhase.Forward, default, default, default, 0f);
        Assert.Equal(12, large.Parts);

        Assert.Equal("MinimumWork", Assert.Throws<ArgumentOutOfRangeException>(() => workers.MinimumWork = -1).ParamName);
        Assert.Equal(1 << 18, workers.MinimumWork);

        // Work too small to share still refuses workers that were disposed.
        workers.Dispose();
        Assert.Throws<ObjectDisposedException>(() => BatchDispatch.Run(workers, 1, new CountingWork(), BatchPhase.Forward, default, default, default, 0f));
    }

    [Theory]
    [InlineData(0, 1, 4)]
    [InlineData(1, 2, 4)]
    [InlineData(10, 3, 4)]
    [InlineData(33, 2, 4)]
    [InlineData(128, 16, 4)]
    [InlineData(7, 5, 1)]
    [InlineData(100, 7, 3)]
    public void Share_cuts_a_range_into_contiguous_parts_on_multiples_of_the_granularity(int count, int parts, int granularity)
    {
        int next = 0;
        for (int part = 0; part < parts; part++)
        {
            BatchDispatch.Share(count, part, parts, granularity, out int start, out int length);
            Assert.Equal(next, start);
            Assert.InRange(length, 0, count);
            Assert.True(start % granularity == 0 || length == 0, $"part {part} starts at {start}");
            next = start + length;
        }

        Assert.Equal(count, next);
    }

    [Fact]
    public void The_trainer_with_workers_trains_to_the_same_bits()
    {
        float[] inputs = new float[200 * OddLoops.InputSize];
        float[] targets = new float[200 * OddLoops.OutputSize];
        var random = new Random(4);
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)(random.NextDouble() - 0.5);
        }

        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = (float)random.NextDouble();
        }

        var alone = new OddLoops(2);
        var shared = new OddLoops(2);
        using var workers = new BatchWorkers(3) { MinimumWork = 0 };
        TrainingResult first = new Trainer<float>(alone, new Adam(alone, learningRate: 0.01)) { BatchSize = 48, Seed = 5 }.Train(inputs, targets, epochs: 3);
        TrainingResult second = new Trainer<float>(shared, new Adam(shared, learningRate: 0.01)) { BatchSize = 48, Seed = 5, Workers = workers }.Train(inputs, targets, epochs: 3);

        Assert.Equal(BitConverter.DoubleToInt64Bits(first.Loss), BitConverter.DoubleToInt64Bits(second.Loss));
        Assert.Equal(alone.Parameters.ToArray(), shared.Parameters.ToArray());
    }

    private sealed class CountingWork : IBatchWork<float>
    {
        private readonly object _gate = new();
        private readonly System.Collections.Generic.HashSet<int> _threads = [];
        private int _parts;

        public int Parts => _parts;

        public int Threads => _threads.Count;

        public void RunPart(BatchPhase phase, int part, int parts, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> destination, float factor)
        {
            Interlocked.Increment(ref _parts);
            lock (_gate)
            {
                _threads.Add(Environment.CurrentManagedThreadId);
            }
        }
    }

    private sealed class RecordingWork : IBatchWork<float>
    {
        private readonly System.Collections.Concurrent.ConcurrentBag<string> _calls = [];

        public string[] Calls => [.. _calls];

        public void RunPart(BatchPhase phase, int part, int parts, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> destination, float factor) =>
            _calls.Add(FormattableString.Invariant($"{phase} {part}/{parts} {inputs.Length} {targets.Length} {destination.Length} {factor}"));
    }

    private sealed class NestedRun(BatchWorkers workers) : IBatchWork<float>
    {
        public Exception? Failure { get; private set; }

        public void RunPart(BatchPhase phase, int part, int parts, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> destination, float factor)
        {
            if (part == 0)
            {
                try
                {
                    BatchDispatch.Run(workers, long.MaxValue, new CountingWork(), BatchPhase.Forward, default, default, default, 0f);
                }
                catch (InvalidOperationException e)
                {
                    Failure = e;
                }
            }
        }
    }

    private sealed class StallingWork : IBatchWork<float>
    {
        private readonly int _caller = Environment.CurrentManagedThreadId;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<int, int> _threadOfPart = new();
        private int _restOfRunDone;

        public int[] Ran => [.. _threadOfPart.Keys];

        public int RunByCaller(params int[] parts) => parts.Count(part => _threadOfPart[part] == _caller);

        public void RunPart(BatchPhase phase, int part, int parts, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> destination, float factor)
        {
            if (part == 4)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (Volatile.Read(ref _restOfRunDone) < 3)
                {
                    if (clock.Elapsed > TimeSpan.FromSeconds(10))
                    {
                        throw new TimeoutException("Parts 5 to 7 were not taken over.");
                    }

                    Thread.Yield();
                }
            }

            _threadOfPart[part] = Environment.CurrentManagedThreadId;
            if (part is >= 5 and <= 7)
            {
                Interlocked.Increment(ref _restOfRunDone);
            }
        }
    }

    private sealed class RecordingPasses(int failingPart) : IPartWork
    {
        private readonly object _gate = new();
        private readonly System.Collections.Generic.HashSet<int> _threads = [];
        private readonly System.Collections.Generic.HashSet<int> _partCounts = [];
        private int _parts;

        public int Parts => _parts;

        public int Threads => _threads.Count;

        public int[] PartCounts => [.. _partCounts];

        public void RunPart(int part, int parts)
        {
            Interlocked.Increment(ref _parts);
            lock (_gate)
            {
                _threads.Add(Environment.CurrentManagedThreadId);
                _partCounts.Add(parts);
            }

            if (part == failingPart)
            {
                throw new FormatException("part " + part);
            }
        }
    }

    private sealed class FailingWork(int failingPart) : IBatchWork<float>
    {
        private int _parts;

        public int Parts => _parts;

        public void RunPart(BatchPhase phase, int part, int parts, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> destination, float factor)
        {
            Interlocked.Increment(ref _parts);
            if (part == failingPart)
            {
                throw new FormatException("part " + part);
            }
        }
    }
}
