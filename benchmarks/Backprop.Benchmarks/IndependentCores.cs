using System;
using System.Threading;
using BenchmarkDotNet.Attributes;

namespace Backprop.Benchmarks;

/// <summary>
/// What this machine's cores give to work that shares nothing, the ceiling for <see cref="BatchWorkers"/>' speed-up
/// in <see cref="Batches"/>: 784-128-10 batches of 256 rows, per sample, each invocation 512 rows. With one
/// network, the calling thread runs two batches; with two, each of two threads runs one batch on a network of its
/// own, with nothing in common but the input rows they read. Batches' two-thread figures divided by these, in the
/// same run, say how much of the machine's second core a shared batch gets.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class IndependentCores
{
    private const int Rows = 256;

    private INeuralNetwork<float>[] _nets = [];
    private float[] _inputs = [];
    private float[] _targets = [];
    private float[][] _outputs = [];
    private Thread? _second;
    private int _started;
    private int _finished;
    private volatile bool _train;
    private volatile bool _stop;

    [Params(1, 2)]
    public int Networks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _nets = [Batches.Create("784-128-10", seed: 1), Batches.Create("784-128-10", seed: 2)];
        (_inputs, _targets) = SyntheticRows.Create(_nets[0], Rows, seed: 2);
        _outputs = [new float[Rows * _nets[0].OutputSize], new float[Rows * _nets[0].OutputSize]];
        if (Networks == 2)
        {
            _second = new Thread(Second) { IsBackground = true, Name = "IndependentCores second network" };
            _second.Start();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop = true;
        Interlocked.Increment(ref _started);
        _second?.Join();
    }

    [Benchmark(OperationsPerInvoke = 2 * Rows)]
    public void ForwardBatch() => Run(train: false);

    [Benchmark(OperationsPerInvoke = 2 * Rows)]
    public void TrainBatch() => Run(train: true);

    private void Run(bool train)
    {
        if (Networks == 1)
        {
            Batch(0, train);
            Batch(0, train);
            return;
        }

        // The second thread spins between invocations, as BatchWorkers' threads do between phases.
        _train = train;
        int round = Interlocked.Increment(ref _started);
        Batch(0, train);
        var spin = default(SpinWait);
        while (Volatile.Read(ref _finished) != round)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    private void Second()
    {
        int seen = 0;
        while (true)
        {
            var spin = default(SpinWait);
            while (Volatile.Read(ref _started) == seen)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }

            seen = Volatile.Read(ref _started);
            if (_stop)
            {
                return;
            }

            Batch(1, _train);
            Volatile.Write(ref _finished, seen);
        }
    }

    private void Batch(int net, bool train)
    {
        if (train)
        {
            _nets[net].TrainBatch(_inputs, _targets, 1e-3f);
        }
        else
        {
            _nets[net].ForwardBatch(_inputs, _outputs[net]);
        }
    }
}
