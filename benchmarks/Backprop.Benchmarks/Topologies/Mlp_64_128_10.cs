using BenchmarkDotNet.Attributes;

namespace Backprop.Benchmarks.Topologies;

/// <summary>64-128-10: both layers are vector loops (8,192 and 1,280 weights, far past the 96 of an unrolled layer).</summary>
public partial class Mlp_64_128_10 : MlpBenchmarks
{
    private Net _net = null!;

    public Mlp_64_128_10()
        : base(64, 128, 10)
    {
    }

    protected override long ForwardMultiplyAdds => Net.ForwardMultiplyAdds;

    protected override long TrainStepMultiplyAdds => Net.TrainStepMultiplyAdds;

    internal protected override INeuralNetwork<float> CreateGenerated(int seed) => _net = new Net(seed);

    [Benchmark, BenchmarkCategory(Forward)]
    public void Forward_Generated() => _net.Forward(Input, Output);

    [Benchmark, BenchmarkCategory(TrainStep)]
    public float TrainStep_Generated() => _net.TrainStep(Input, Target, LearningRate);

    [Network(64, 128, 10)]
    public sealed partial class Net
    {
    }
}
