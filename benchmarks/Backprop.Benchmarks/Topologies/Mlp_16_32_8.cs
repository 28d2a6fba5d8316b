using BenchmarkDotNet.Attributes;

namespace Backprop.Benchmarks.Topologies;

/// <summary>16-32-8: near the largest network the generator writes out fully unrolled today.</summary>
public partial class Mlp_16_32_8 : MlpBenchmarks
{
    private Net _net = null!;

    public Mlp_16_32_8()
        : base(16, 32, 8)
    {
    }

    internal protected override INeuralNetwork<float> CreateGenerated(int seed) => _net = new Net(seed);

    [Benchmark, BenchmarkCategory(Forward)]
    public void Forward_Generated() => _net.Forward(Input, Output);

    [Benchmark, BenchmarkCategory(TrainStep)]
    public float TrainStep_Generated() => _net.TrainStep(Input, Target, LearningRate);

    [Network(16, 32, 8)]
    public sealed partial class Net
    {
    }
}
