using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Backprop.Benchmarks.Implementations;

namespace Backprop.Benchmarks;

/// <summary>
/// The benchmarks of one topology: a single-sample Forward and a single-sample TrainStep (forward,
/// backpropagation, SGD update) for every implementation, all starting from the same parameters and
/// fed the same example. Each operation is a category with its own baseline, the naive jagged MLP, so
/// BenchmarkDotNet prints a ratio against it within each group.
/// </summary>
/// <remarks>
/// A derived class per topology adds the generated network, which has to be a concrete type so that the
/// benchmark calls it directly (see <see cref="Topologies.Mlp_3_4_2"/>). The TrainStep benchmarks train on
/// the same example again and again; the cost of a step does not depend on how well it is fitted.
/// </remarks>
[MemoryDiagnoser]
[CategoriesColumn]
[MinColumn]    // the machine may be shared: the fastest iteration is the one least disturbed
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public abstract class MlpBenchmarks : IDisposable
{
    protected const string Forward = "Forward";
    protected const string TrainStep = "TrainStep";
    protected const float LearningRate = Workload.LearningRate;

    private NaiveJaggedMlp _naive = null!;
    private FlatSpanMlp _flat = null!;
    private TensorPrimitivesMlp _tensor = null!;
    private FannMlp? _fann;
    private CLoopsMlp? _cLoops;
    private CLoopsMlp? _cLoopsUnfused;

    protected MlpBenchmarks(params int[] sizes) => Layout = new SeedLayout(sizes);

    internal SeedLayout Layout { get; }

    /// <summary>The example every benchmark is fed (<see cref="Workload.Example"/> 0).</summary>
    protected float[] Input { get; private set; } = [];

    protected float[] Target { get; private set; } = [];

    /// <summary>Where every Forward writes.</summary>
    protected float[] Output { get; private set; } = [];

    [GlobalSetup]
    public void Setup()
    {
        INeuralNetwork<float>? generated = CreateGenerated(Workload.NetworkSeed);
        float[] parameters = Workload.InitialParameters(Layout, generated);
        (Input, Target) = Workload.Example(Layout, 0);
        Output = new float[Layout.OutputSize];
        _naive = new NaiveJaggedMlp(Layout, parameters);
        _flat = new FlatSpanMlp(Layout, parameters);
        _tensor = new TensorPrimitivesMlp(Layout, parameters);
        _fann?.Dispose();
        _fann = FannNative.IsAvailable ? new FannMlp(Layout, parameters, LearningRate) : null;
        _cLoops = CreateCLoops(CLoopsNative.FastMath, parameters);
        _cLoopsUnfused = CreateCLoops(CLoopsNative.Unfused, parameters);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _fann?.Dispose();
        _fann = null;
        GC.SuppressFinalize(this);
    }

    private CLoopsMlp? CreateCLoops(CLoopsNative build, float[] parameters)
    {
        CLoopsMlp? loops = CLoopsMlp.TryCreate(build, Layout, parameters);
        if (loops is null && build.IsAvailable)
        {
            throw new InvalidOperationException(
                $"{build.LibraryFile} has no entry points for {Layout}: add MLP({string.Join(", ", Layout.Sizes)}) to Native/mlp_loops.c.");
        }

        return loops;
    }

    /// <summary>
    /// Creates the generated network of this topology with <c>new Net(seed)</c> and keeps it for the
    /// generated benchmarks; null where the generator cannot write this topology yet.
    /// </summary>
    internal protected virtual INeuralNetwork<float>? CreateGenerated(int seed) => null;

    /// <summary>The generated network's <c>ForwardMultiplyAdds</c>: what the floor of a Forward call is computed from.</summary>
    protected abstract long ForwardMultiplyAdds { get; }

    /// <summary>The generated network's <c>TrainStepMultiplyAdds</c>.</summary>
    protected abstract long TrainStepMultiplyAdds { get; }

    /// <summary>The compute floor of one Forward: its multiply-adds at the machine's peak (<see cref="FmaFloor"/>).</summary>
    [Benchmark, BenchmarkCategory(Forward)]
    public float Forward_Floor() => FmaFloor.Run(ForwardMultiplyAdds);

    /// <summary>The compute floor of one training step.</summary>
    [Benchmark, BenchmarkCategory(TrainStep)]
    public float TrainStep_Floor() => FmaFloor.Run(TrainStepMultiplyAdds);

    [Benchmark(Baseline = true), BenchmarkCategory(Forward)]
    public void Forward_NaiveJagged() => _naive.Forward(Input, Output);

    [Benchmark, BenchmarkCategory(Forward)]
    public void Forward_FlatSpan() => _flat.Forward(Input, Output);

    [Benchmark, BenchmarkCategory(Forward)]
    public void Forward_TensorPrimitives() => _tensor.Forward(Input, Output);

    /// <summary>Skipped by <see cref="Program"/> when libfloatfann is not installed.</summary>
    [Benchmark, BenchmarkCategory(Forward)]
    public void Forward_Fann() => _fann!.Forward(Input, Output);

    /// <summary>Skipped by <see cref="Program"/> when libmlploops.so was not built (no C compiler).</summary>
    [Benchmark, BenchmarkCategory(Forward)]
    public void Forward_CLoops() => _cLoops!.Forward(Input, Output);

    /// <summary>Skipped by <see cref="Program"/> when libmlploops_unfused.so was not built (no C compiler).</summary>
    [Benchmark, BenchmarkCategory(Forward)]
    public void Forward_CLoopsUnfused() => _cLoopsUnfused!.Forward(Input, Output);

    [Benchmark(Baseline = true), BenchmarkCategory(TrainStep)]
    public float TrainStep_NaiveJagged() => _naive.TrainStep(Input, Target, LearningRate);

    [Benchmark, BenchmarkCategory(TrainStep)]
    public float TrainStep_FlatSpan() => _flat.TrainStep(Input, Target, LearningRate);

    [Benchmark, BenchmarkCategory(TrainStep)]
    public float TrainStep_TensorPrimitives() => _tensor.TrainStep(Input, Target, LearningRate);

    /// <summary>Skipped by <see cref="Program"/> when libfloatfann is not installed.</summary>
    [Benchmark, BenchmarkCategory(TrainStep)]
    public void TrainStep_Fann() => _fann!.Train(Input, Target);

    /// <summary>Skipped by <see cref="Program"/> when libmlploops.so was not built (no C compiler).</summary>
    [Benchmark, BenchmarkCategory(TrainStep)]
    public float TrainStep_CLoops() => _cLoops!.TrainStep(Input, Target, LearningRate);

    /// <summary>Skipped by <see cref="Program"/> when libmlploops_unfused.so was not built (no C compiler).</summary>
    [Benchmark, BenchmarkCategory(TrainStep)]
    public float TrainStep_CLoopsUnfused() => _cLoopsUnfused!.TrainStep(Input, Target, LearningRate);
}
