using BenchmarkDotNet.Attributes;

namespace Backprop.Benchmarks.Topologies;

/// <summary>3-4-2: the README's tiny network, latency-bound.</summary>
public partial class Mlp_3_4_2 : MlpBenchmarks
{
    private Net _net = null!;

    public Mlp_3_4_2()
        : base(3, 4, 2)
    {
    }

    protected override long ForwardMultiplyAdds => Net.ForwardMultiplyAdds;

    protected override long TrainStepMultiplyAdds => Net.TrainStepMultiplyAdds;

    internal protected override INeuralNetwork<float> CreateGenerated(int seed) => _net = new Net(seed);

    [Benchmark, BenchmarkCategory(Forward)]
    public void Forward_Generated() => _net.Forward(Input, Output);

    [Benchmark, BenchmarkCategory(TrainStep)]
    public float TrainStep_Generated() => _net.TrainStep(Input, Target, LearningRate);

    [Network(3, 4, 2)]
    public sealed partial class Net
    {
    }
}
