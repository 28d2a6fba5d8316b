using System;
using System.Collections.Generic;
using System.IO;
using Backprop.Benchmarks.Implementations;
using Backprop.Benchmarks.Topologies;

namespace Backprop.Benchmarks;

/// <summary>
/// <c>--check</c>: before anyone reads a timing, every implementation must compute the same thing. For each
/// topology, starting from the same parameters: the same forward outputs as the reference (the generated
/// network, or the naive MLP where there is none yet), the same costs and parameters after a few train
/// steps, and no heap allocation in Forward or TrainStep. Runs without BenchmarkDotNet in a few seconds.
/// </summary>
/// <remarks>
/// Differences are scaled as |a − b| / max(1, |a|, |b|): relative for values above 1, absolute below, so
/// that biases that start at zero are compared sensibly.
/// </remarks>
internal static class Check
{
    private const float ForwardTolerance = 1e-5f;
    private const float TrainTolerance = 1e-4f;
    private const int TrainSteps = 3;
    private const int AllocationCalls = 16;

    public static int Run(TextWriter log, bool requirePeers)
    {
        if (NativePeers.ReportMissing(log) && requirePeers)
        {
            log.WriteLine("check: FAILED, --require-peers was given and a peer in C (above) could not be loaded.");
            return 1;
        }

        log.WriteLine($"check: forward within {ForwardTolerance:0e0}, costs and parameters after {TrainSteps} train steps (η = {Workload.LearningRate}) within {TrainTolerance:0e0}, 0 bytes allocated");
        int failures = 0;
        foreach (MlpBenchmarks topology in Topologies())
        {
            failures += CheckTopology(topology, log);
            topology.Dispose();
        }

        log.WriteLine(failures == 0 ? "check: every implementation agrees." : $"check: FAILED, {failures} mismatch(es).");
        return failures == 0 ? 0 : 1;
    }

    internal static MlpBenchmarks[] Topologies() => [new Mlp_3_4_2(), new Mlp_16_32_8(), new Mlp_64_128_10(), new Mlp_784_128_10()];

    private static int CheckTopology(MlpBenchmarks topology, TextWriter log)
    {
        SeedLayout layout = topology.Layout;
        INeuralNetwork<float>? generated = topology.CreateGenerated(Workload.NetworkSeed);
        float[] parameters = Workload.InitialParameters(layout, generated);
        int failures = 0;

        log.WriteLine();
        log.WriteLine($"{layout}: {layout.ParameterCount} parameters, reference {(generated is null ? "NaiveJagged (no generated network for this topology yet)" : "Generated")}");

        // The topologies without a generated network start from parameters drawn like the generator's;
        // where both exist, they must be the generated network's own.
        if (generated is not null && !Workload.DrawLikeTheGenerator(layout, Workload.NetworkSeed).AsSpan().SequenceEqual(parameters))
        {
            log.WriteLine("  MISMATCH: the generated network's starting parameters differ from Workload.DrawLikeTheGenerator.");
            failures++;
        }

        var implementations = new List<IMlp>();
        if (generated is not null)
        {
            implementations.Add(new GeneratedMlp(generated, layout));
        }

        implementations.Add(new NaiveJaggedMlp(layout, parameters));
        implementations.Add(new FlatSpanMlp(layout, parameters));
        implementations.Add(new TensorPrimitivesMlp(layout, parameters));
        if (NativePeers.Fann)
        {
            implementations.Add(new FannMlp(layout, parameters, Workload.LearningRate));
        }

        foreach (CLoopsNative build in new[] { CLoopsNative.FastMath, CLoopsNative.Unfused })
        {
            if (CLoopsMlp.TryCreate(build, layout, parameters) is { } cLoops)
            {
                implementations.Add(cLoops);
            }
            else if (build.IsAvailable)
            {
                log.WriteLine($"  MISSING: {build.LibraryFile} has no entry points for {layout} (Native/mlp_loops.c).");
                failures++;
            }
        }

        var examples = new (float[] Input, float[] Target)[TrainSteps];
        for (int n = 0; n < examples.Length; n++)
        {
            examples[n] = Workload.Example(layout, n);
        }

        var outputs = new float[implementations.Count][];
        var costs = new float[implementations.Count][];
        var trained = new float[implementations.Count][];
        var allocated = new long[implementations.Count];
        for (int m = 0; m < implementations.Count; m++)
        {
            IMlp mlp = implementations[m];
            outputs[m] = new float[examples.Length * layout.OutputSize];
            for (int n = 0; n < examples.Length; n++)
            {
                mlp.Forward(examples[n].Input, outputs[m].AsSpan(n * layout.OutputSize, layout.OutputSize));
            }

            costs[m] = new float[TrainSteps];
            for (int n = 0; n < TrainSteps; n++)
            {
                costs[m][n] = mlp.TrainStep(examples[n].Input, examples[n].Target, Workload.LearningRate);
            }

            trained[m] = new float[layout.ParameterCount];
            mlp.CopyParametersTo(trained[m]);
            allocated[m] = MeasureAllocations(mlp, examples[0].Input, examples[0].Target, new float[layout.OutputSize]);
        }

        log.WriteLine($"  {"implementation",-18}{"forward diff",14}{"cost diff",14}{"parameter diff",16}{"allocated",12}");
        for (int m = 0; m < implementations.Count; m++)
        {
            float forward = MaxDifference(outputs[m], outputs[0]);
            float cost = MaxDifference(costs[m], costs[0]);
            float parameter = MaxDifference(trained[m], trained[0]);
            bool ok = forward <= ForwardTolerance && cost <= TrainTolerance && parameter <= TrainTolerance && allocated[m] == 0;
            failures += ok ? 0 : 1;
            string name = m == 0 ? implementations[m].Name + " (ref)" : implementations[m].Name;
            log.WriteLine($"  {name,-18}{forward,14:0.0e0}{cost,14:0.0e0}{parameter,16:0.0e0}{allocated[m],10} B{(ok ? "" : "  MISMATCH")}");
        }

        foreach (IMlp mlp in implementations)
        {
            (mlp as IDisposable)?.Dispose();
        }

        return failures;
    }

    /// <summary>Bytes allocated on this thread by Forward and TrainStep, after the calls above warmed them up.</summary>
    private static long MeasureAllocations(IMlp mlp, float[] input, float[] target, float[] output)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int n = 0; n < AllocationCalls; n++)
        {
            mlp.Forward(input, output);
            mlp.TrainStep(input, target, Workload.LearningRate);
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static float MaxDifference(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        float max = 0f;
        for (int i = 0; i < expected.Length; i++)
        {
            float a = actual[i];
            float e = expected[i];
            float difference = MathF.Abs(a - e) / MathF.Max(1f, MathF.Max(MathF.Abs(a), MathF.Abs(e)));
            max = float.IsNaN(difference) ? float.PositiveInfinity : MathF.Max(max, difference);
        }

        return max;
    }
}
