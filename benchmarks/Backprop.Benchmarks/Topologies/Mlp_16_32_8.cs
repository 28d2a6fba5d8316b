using BenchmarkDotNet.Attributes;

namespace Backprop.Benchmarks.Topologies;

/// <summary>
/// 16-32-8: the automatic shapes (vector loops for both layers, 512 and 256 weights), and beside them each
/// shape forced on every layer, which is what docs/benchmarks.md sets the threshold from.
/// </summary>
public partial class Mlp_16_32_8 : MlpBenchmarks
{
    private Net _net = null!;

    public Mlp_16_32_8()
        : base(16, 32, 8)
    {
    }

    protected override long ForwardMultiplyAdds => Net.ForwardMultiplyAdds;

    protected override long TrainStepMultiplyAdds => Net.TrainStepMultiplyAdds;

    internal protected override INeuralNetwork<float> CreateGenerated(int seed) => _net = new Net(seed);

    [Benchmark, BenchmarkCategory(Forward)]
    public void Forward_Generated() => _net.Forward(Input, Output);

    [Benchmark, BenchmarkCategory(TrainStep)]
    public float TrainStep_Generated() => _net.TrainStep(Input, Target, LearningRate);

    private readonly Unrolled _unrolled = new(Workload.NetworkSeed);
    private readonly Loops _loops = new(Workload.NetworkSeed);

    [Benchmark, BenchmarkCategory(Forward)]
    public void Forward_Generated_Unrolled() => _unrolled.Forward(Input, Output);

    [Benchmark, BenchmarkCategory(Forward)]
    public void Forward_Generated_Loops() => _loops.Forward(Input, Output);

    [Benchmark, BenchmarkCategory(TrainStep)]
    public float TrainStep_Generated_Unrolled() => _unrolled.TrainStep(Input, Target, LearningRate);

    [Benchmark, BenchmarkCategory(TrainStep)]
    public float TrainStep_Generated_Loops() => _loops.TrainStep(Input, Target, LearningRate);

    [Network(16, 32, 8)]
    public sealed partial class Net
    {
    }

    [Network(16, 32, 8, CodeShape = CodeShape.Unrolled)]
    public sealed partial class Unrolled
    {
    }

    [Network(16, 32, 8, CodeShape = CodeShape.VectorLoops)]
    public sealed partial class Loops
    {
    }
}
