using BenchmarkDotNet.Attributes;
using Backprop.Training;

namespace Backprop.Benchmarks;

/// <summary>
/// One epoch of the trainer over a synthetic MNIST-sized data set: 60,000 rows of 784 inputs, one-hot targets of 10,
/// 784-128-10 with ReLU, softmax and cross-entropy, plain SGD, shuffled batches; on the calling thread and on two.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 10, invocationCount: 1)]
[MemoryDiagnoser]
public class TrainerEpoch
{
    public const int DataRows = 60_000;

    private float[] _inputs = [];
    private float[] _targets = [];
    private Trainer<float> _trainer = null!;
    private BatchWorkers? _workers;

    [Params(32, 256)]
    public int BatchSize { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var net = new MnistClassifier(1);
        (_inputs, _targets) = SyntheticRows.Create(net, DataRows, seed: 3);
        _workers = Threads == 1 ? null : new BatchWorkers(Threads);
        _trainer = new Trainer<float>(net, new Sgd(net, learningRate: 0.01)) { BatchSize = BatchSize, Seed = 1, MeasureAccuracy = false, Workers = _workers };
    }

    [GlobalCleanup]
    public void Cleanup() => _workers?.Dispose();

    [Benchmark]
    public double Epoch() => _trainer.Train(_inputs, _targets, epochs: 1).Loss;
}
