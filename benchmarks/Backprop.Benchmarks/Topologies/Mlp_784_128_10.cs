using System;
using BenchmarkDotNet.Attributes;

namespace Backprop.Benchmarks.Topologies;

/// <summary>
/// 784-128-10, MNIST-sized: vector loops in both layers. Beside the single-sample benchmarks, the batch path:
/// 32 rows through ForwardBatch and TrainBatch against 32 single-sample calls, reported per sample.
/// </summary>
public partial class Mlp_784_128_10 : MlpBenchmarks
{
    private const int BatchRows = 32;
    private const string Batch = "Batch32PerSample";

    private Net _net = null!;
    private float[] _inputs = [];
    private float[] _targets = [];
    private float[] _outputs = [];

    public Mlp_784_128_10()
        : base(784, 128, 10)
    {
    }

    protected override long ForwardMultiplyAdds => Net.ForwardMultiplyAdds;

    protected override long TrainStepMultiplyAdds => Net.TrainStepMultiplyAdds;

    internal protected override INeuralNetwork<float> CreateGenerated(int seed)
    {
        _net = new Net(seed);
        _inputs = new float[BatchRows * Net.InputSize];
        _targets = new float[BatchRows * Net.OutputSize];
        _outputs = new float[BatchRows * Net.OutputSize];
        for (int row = 0; row < BatchRows; row++)
        {
            (float[] input, float[] target) = Workload.Example(Layout, row);
            input.CopyTo(_inputs, row * Net.InputSize);
            target.CopyTo(_targets, row * Net.OutputSize);
        }

        return _net;
    }

    [Benchmark, BenchmarkCategory(Forward)]
    public void Forward_Generated() => _net.Forward(Input, Output);

    [Benchmark, BenchmarkCategory(TrainStep)]
    public float TrainStep_Generated() => _net.TrainStep(Input, Target, LearningRate);

    /// <summary>32 rows, one Forward call each: the baseline of the batch path.</summary>
    [Benchmark(OperationsPerInvoke = BatchRows), BenchmarkCategory(Batch)]
    public void Forward_Generated_OneRowPerCall()
    {
        for (int row = 0; row < BatchRows; row++)
        {
            _net.Forward(_inputs.AsSpan(row * Net.InputSize, Net.InputSize), _outputs.AsSpan(row * Net.OutputSize, Net.OutputSize));
        }
    }

    /// <summary>The same 32 rows in one ForwardBatch: each weight row read once per four rows.</summary>
    [Benchmark(OperationsPerInvoke = BatchRows), BenchmarkCategory(Batch)]
    public void ForwardBatch_Generated() => _net.ForwardBatch(_inputs, _outputs);

    /// <summary>32 single-sample training steps.</summary>
    [Benchmark(OperationsPerInvoke = BatchRows), BenchmarkCategory(Batch)]
    public void TrainStep_Generated_OneRowPerCall()
    {
        for (int row = 0; row < BatchRows; row++)
        {
            _net.TrainStep(_inputs.AsSpan(row * Net.InputSize, Net.InputSize), _targets.AsSpan(row * Net.OutputSize, Net.OutputSize), LearningRate);
        }
    }

    /// <summary>The compute floor of the 32 rows' forward passes, per sample (<see cref="FmaFloor"/>).</summary>
    [Benchmark(OperationsPerInvoke = BatchRows), BenchmarkCategory(Batch)]
    public float ForwardBatch_Floor() => FmaFloor.Run(BatchRows * Net.ForwardMultiplyAdds);

    /// <summary>The compute floor of the 32 rows' training steps, per sample.</summary>
    [Benchmark(OperationsPerInvoke = BatchRows), BenchmarkCategory(Batch)]
    public float TrainBatch_Floor() => FmaFloor.Run(BatchRows * Net.TrainStepMultiplyAdds);

    /// <summary>One mini-batch step over the 32 rows: their gradients summed four rows per pass, one update.</summary>
    [Benchmark(OperationsPerInvoke = BatchRows), BenchmarkCategory(Batch)]
    public float TrainBatch_Generated() => _net.TrainBatch(_inputs, _targets, LearningRate);

    [Network(784, 128, 10)]
    public sealed partial class Net
    {
    }
}
