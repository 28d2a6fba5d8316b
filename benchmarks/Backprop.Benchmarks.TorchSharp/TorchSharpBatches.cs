using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using TorchSharp;
using static TorchSharp.torch;

namespace Backprop.Benchmarks.TorchSharp;

/// <summary>
/// Backprop and TorchSharp on the same 256 rows of <see cref="MnistClassifier"/>, per sample: <c>ForwardBatch</c> and
/// <c>TrainBatch</c> at batch 1, 32 and 256 (256 calls of one row, 8 of 32 or one of 256 per invocation), on one
/// thread and on two (<see cref="BatchWorkers"/> for Backprop, <c>torch.set_num_threads</c> for TorchSharp). Each
/// category's baseline is the one-core FMA floor of its work, so the Ratio column is the multiple of that floor.
/// TorchSharp's inputs and labels are tensors made before the timing, as a PyTorch user's data loader would hand
/// them over; Backprop reads the same rows from a float array.
/// </summary>
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class TorchSharpBatches
{
    public const int SamplesPerInvoke = 256;

    /// <summary>The step size of both networks' SGD, as in the main suite's <c>Batches</c>.</summary>
    public const float LearningRate = 1e-3f;

    private MnistClassifier _net = null!;
    private BatchWorkers? _workers;
    private float[] _inputs = [];
    private float[] _targets = [];
    private float[] _outputs = [];
    private TorchSharpMlp? _torch;
    private Tensor[] _torchInputs = [];
    private Tensor[] _torchLabels = [];

    [Params(1, 32, 256)]
    public int Rows { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _net = new MnistClassifier(1);
        _workers = Threads == 1 ? null : new BatchWorkers(Threads);
        (_inputs, _targets) = SyntheticRows.Create(_net, SamplesPerInvoke, seed: 2);
        _outputs = new float[SamplesPerInvoke * MnistClassifier.OutputSize];
        if (TorchSharpLibrary.IsAvailable)
        {
            torch.set_num_threads(Threads);
            _torch = new TorchSharpMlp(_net, LearningRate);
            (_torchInputs, _torchLabels) = TorchSharpRows.Batches(_inputs, _targets, Rows);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _workers?.Dispose();
        _torch?.Dispose();
        foreach (Tensor tensor in _torchInputs.Concat(_torchLabels))
        {
            tensor.Dispose();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SamplesPerInvoke)]
    [BenchmarkCategory("Forward")]
    public float Forward_FmaFloor() => FmaFloor.Run(SamplesPerInvoke * MnistClassifier.ForwardMultiplyAdds);

    [Benchmark(OperationsPerInvoke = SamplesPerInvoke)]
    [BenchmarkCategory("Forward")]
    public void ForwardBatch_Backprop()
    {
        int inputs = Rows * MnistClassifier.InputSize, outputs = Rows * MnistClassifier.OutputSize;
        for (int call = 0; call < SamplesPerInvoke / Rows; call++)
        {
            _net.ForwardBatch(_inputs.AsSpan(call * inputs, inputs), _outputs.AsSpan(call * outputs, outputs), _workers);
        }
    }

    [Benchmark(OperationsPerInvoke = SamplesPerInvoke)]
    [BenchmarkCategory("Forward")]
    public void ForwardBatch_TorchSharp()
    {
        foreach (Tensor inputs in _torchInputs)
        {
            _torch!.ForwardBatch(inputs).Dispose();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SamplesPerInvoke)]
    [BenchmarkCategory("Train")]
    public float Train_FmaFloor() => FmaFloor.Run(SamplesPerInvoke * MnistClassifier.TrainStepMultiplyAdds);

    [Benchmark(OperationsPerInvoke = SamplesPerInvoke)]
    [BenchmarkCategory("Train")]
    public float TrainBatch_Backprop()
    {
        int inputs = Rows * MnistClassifier.InputSize, targets = Rows * MnistClassifier.OutputSize;
        float cost = 0;
        for (int call = 0; call < SamplesPerInvoke / Rows; call++)
        {
            cost += _net.TrainBatch(_inputs.AsSpan(call * inputs, inputs), _targets.AsSpan(call * targets, targets), LearningRate, _workers);
        }

        return cost;
    }

    [Benchmark(OperationsPerInvoke = SamplesPerInvoke)]
    [BenchmarkCategory("Train")]
    public float TrainBatch_TorchSharp()
    {
        float cost = 0;
        for (int call = 0; call < _torchInputs.Length; call++)
        {
            cost += _torch!.TrainBatch(_torchInputs[call], _torchLabels[call]);
        }

        return cost;
    }

    /// <summary>
    /// In the process that runs the suite: TorchSharp needs nothing built, and a Debian 13 root (run-in-debian13.sh)
    /// then needs no package feed. Warm-up and iterations as in the main suite's <c>Batches</c>.
    /// </summary>
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10));
    }
}
