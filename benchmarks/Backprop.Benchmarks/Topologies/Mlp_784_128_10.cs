namespace Backprop.Benchmarks.Topologies;

/// <summary>784-128-10: only the peers for now; the generator refuses it with BP0008 until the SIMD shapes of issue 3 land.</summary>
/// <remarks>
/// TODO(issue 3, SIMD shapes): when [Network(784, 128, 10)] compiles, add the generated network exactly as in
/// <see cref="Mlp_16_32_8"/>, which is these members (and <c>using BenchmarkDotNet.Attributes;</c>):
/// <code>
/// private Net _net = null!;
/// internal protected override INeuralNetwork&lt;float&gt; CreateGenerated(int seed) =&gt; _net = new Net(seed);
/// [Benchmark, BenchmarkCategory(Forward)] public void Forward_Generated() =&gt; _net.Forward(Input, Output);
/// [Benchmark, BenchmarkCategory(TrainStep)] public float TrainStep_Generated() =&gt; _net.TrainStep(Input, Target, LearningRate);
/// [Network(784, 128, 10)] public sealed partial class Net { }
/// </code>
/// --check then compares every peer with it and checks that it starts from the parameters the peers use.
/// </remarks>
public partial class Mlp_784_128_10 : MlpBenchmarks
{
    public Mlp_784_128_10()
        : base(784, 128, 10)
    {
    }
}
