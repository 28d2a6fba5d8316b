using System;
using BenchmarkDotNet.Attributes;
using Backprop.Benchmarks.Topologies;

namespace Backprop.Benchmarks;

/// <summary>
/// What a data-set user sees: ForwardBatch and TrainBatch of every topology at batch 1, 32 and 256, on the calling
/// thread and on two (<see cref="BatchWorkers"/>), per sample: each invocation runs 256 rows, as 256 calls of one
/// row, 8 of 32 or one of 256. The floors of the same 256 rows are in <see cref="BatchFloors"/>, in the same run.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class Batches
{
    public const int SamplesPerInvoke = 256;

    private INeuralNetwork<float> _net = null!;
    private BatchWorkers? _workers;
    private float[] _inputs = [];
    private float[] _targets = [];
    private float[] _outputs = [];

    [ParamsSource(nameof(Topologies))]
    public string Topology { get; set; } = "";

    [Params(1, 32, 256)]
    public int Rows { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    public static string[] Topologies => ["3-4-2", "16-32-8", "64-128-10", "784-128-10", "784-128-10 relu softmax"];

    internal static INeuralNetwork<float> Create(string topology, int seed) => topology switch
    {
        "3-4-2" => new Mlp_3_4_2.Net(seed),
        "16-32-8" => new Mlp_16_32_8.Net(seed),
        "64-128-10" => new Mlp_64_128_10.Net(seed),
        "784-128-10" => new Mlp_784_128_10.Net(seed),
        "784-128-10 relu softmax" => new MnistClassifier(seed),
        _ => throw new ArgumentOutOfRangeException(nameof(topology), topology, "Not one of the topologies."),
    };

    [GlobalSetup]
    public void Setup()
    {
        _net = Create(Topology, seed: 1);
        _workers = Threads == 1 ? null : new BatchWorkers(Threads);
        (_inputs, _targets) = SyntheticRows.Create(_net, SamplesPerInvoke, seed: 2);
        _outputs = new float[SamplesPerInvoke * _net.OutputSize];
    }

    [GlobalCleanup]
    public void Cleanup() => _workers?.Dispose();

    [Benchmark(OperationsPerInvoke = SamplesPerInvoke)]
    public void ForwardBatch()
    {
        int inputs = Rows * _net.InputSize, outputs = Rows * _net.OutputSize;
        for (int call = 0; call < SamplesPerInvoke / Rows; call++)
        {
            _net.ForwardBatch(_inputs.AsSpan(call * inputs, inputs), _outputs.AsSpan(call * outputs, outputs), _workers);
        }
    }

    [Benchmark(OperationsPerInvoke = SamplesPerInvoke)]
    public float TrainBatch()
    {
        int inputs = Rows * _net.InputSize, targets = Rows * _net.OutputSize;
        float cost = 0;
        for (int call = 0; call < SamplesPerInvoke / Rows; call++)
        {
            cost += _net.TrainBatch(_inputs.AsSpan(call * inputs, inputs), _targets.AsSpan(call * targets, targets), 1e-3f, _workers);
        }

        return cost;
    }
}

/// <summary>The FMA floor and the unfused floor of <see cref="Batches"/>' 256 rows, per sample, for each topology.</summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class BatchFloors
{
    private long _forward;
    private long _trainStep;

    [ParamsSource(nameof(Topologies))]
    public string Topology { get; set; } = "";

    public static string[] Topologies => Batches.Topologies;

    [GlobalSetup]
    public void Setup()
    {
        var net = (INeuralNetwork)Batches.Create(Topology, seed: 1);
        (_forward, _trainStep) = MultiplyAdds(net);
    }

    [Benchmark(OperationsPerInvoke = Batches.SamplesPerInvoke)]
    public float Forward_FmaFloor() => FmaFloor.Run(Batches.SamplesPerInvoke * _forward);

    [Benchmark(OperationsPerInvoke = Batches.SamplesPerInvoke)]
    public float Forward_UnfusedFloor() => FmaFloor.RunUnfused(Batches.SamplesPerInvoke * _forward);

    [Benchmark(OperationsPerInvoke = Batches.SamplesPerInvoke)]
    public float Train_FmaFloor() => FmaFloor.Run(Batches.SamplesPerInvoke * _trainStep);

    [Benchmark(OperationsPerInvoke = Batches.SamplesPerInvoke)]
    public float Train_UnfusedFloor() => FmaFloor.RunUnfused(Batches.SamplesPerInvoke * _trainStep);

    // The generated constants, read through the topology's class.
    private static (long Forward, long TrainStep) MultiplyAdds(INeuralNetwork net) => net switch
    {
        Mlp_3_4_2.Net => (Mlp_3_4_2.Net.ForwardMultiplyAdds, Mlp_3_4_2.Net.TrainStepMultiplyAdds),
        Mlp_16_32_8.Net => (Mlp_16_32_8.Net.ForwardMultiplyAdds, Mlp_16_32_8.Net.TrainStepMultiplyAdds),
        Mlp_64_128_10.Net => (Mlp_64_128_10.Net.ForwardMultiplyAdds, Mlp_64_128_10.Net.TrainStepMultiplyAdds),
        Mlp_784_128_10.Net => (Mlp_784_128_10.Net.ForwardMultiplyAdds, Mlp_784_128_10.Net.TrainStepMultiplyAdds),
        _ => (MnistClassifier.ForwardMultiplyAdds, MnistClassifier.TrainStepMultiplyAdds),
    };
}
