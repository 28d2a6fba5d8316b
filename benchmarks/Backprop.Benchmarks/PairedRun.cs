using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using BenchmarkDotNet.Attributes;

namespace Backprop.Benchmarks;

/// <summary>
/// <c>--paired &lt;other Backprop.Benchmarks.dll&gt; [topology…]</c>: this build against another build of the suite
/// (for example the commit before a change), side by side in one process. The other build, with its own copy of
/// the library, loads into its own <see cref="AssemblyLoadContext"/>; each generated-network method then runs in
/// alternating batches of about half a millisecond, this build and the other in turn, and the result is the
/// median over the pairs of this build's time divided by the other's. Two batches a millisecond apart see the
/// same machine, so a neighbour's load, which moves BenchmarkDotNet's separate runs by up to 1.8× on a shared
/// virtual machine, mostly cancels out of each ratio. It is a cross-check of BenchmarkDotNet, not a replacement:
/// both builds share the caches, and each call goes through a delegate.
/// </summary>
internal static class PairedRun
{
    private const int Pairs = 1000;
    private const long WarmupMs = 2500;
    private const double BatchMs = 0.5;

    public static int Run(TextWriter log, string otherPath, string[] filters)
    {
        if (!File.Exists(otherPath))
        {
            log.WriteLine($"paired: '{otherPath}' does not exist; pass the Backprop.Benchmarks.dll of the other build.");
            return 2;
        }

        string fullPath = Path.GetFullPath(otherPath);
        Assembly other = new BuildContext(fullPath).LoadFromAssemblyPath(fullPath);
        if (filters.Any(f => f.Equals(nameof(TrainerEpoch), StringComparison.OrdinalIgnoreCase)))
        {
            PairEpochs(log, other, fullPath);
            return 0;
        }

        if (filters.Any(f => f.Equals(nameof(Batches), StringComparison.OrdinalIgnoreCase)))
        {
            PairBatches(log, other, fullPath, filters.Where(f => !f.Equals(nameof(Batches), StringComparison.OrdinalIgnoreCase)).ToArray());
            return 0;
        }

        log.WriteLine($"paired: this build ÷ {fullPath}; {Pairs} pairs of batches of about {BatchMs} ms after {WarmupMs} ms of warm-up; the median ratio and its quartiles, and each build's median ns per call.");
        foreach (MlpBenchmarks topology in Check.Topologies())
        {
            Type type = topology.GetType();
            Type? otherType = other.GetType(type.FullName!);
            if (otherType is null || (filters.Length > 0 && !filters.Any(f => type.Name.Contains(f, StringComparison.OrdinalIgnoreCase))))
            {
                topology.Dispose();
                continue;
            }

            object otherTopology = Activator.CreateInstance(otherType)!;
            topology.Setup();
            otherType.GetMethod(nameof(MlpBenchmarks.Setup))!.Invoke(otherTopology, null);
            log.WriteLine();
            log.WriteLine(type.Name);
            log.WriteLine($"  {"method",-30}{"this ns",10}{"other ns",10}{"ratio",8}{"q25",8}{"q75",8}");
            foreach (MethodInfo method in GeneratedMethods(type))
            {
                MethodInfo? otherMethod = otherType.GetMethod(method.Name, Type.EmptyTypes);
                if (otherMethod is null)
                {
                    continue;
                }

                (double mine, double theirs, double[] ratios) = Measure(CpuTime.Invoker(method, topology), CpuTime.Invoker(otherMethod, otherTopology));
                log.WriteLine($"  {method.Name,-30}{mine,10:0.0}{theirs,10:0.0}{ratios[ratios.Length / 2],8:0.000}{ratios[ratios.Length / 4],8:0.000}{ratios[3 * ratios.Length / 4],8:0.000}");
            }

            topology.Dispose();
            (otherTopology as IDisposable)?.Dispose();
        }

        return 0;
    }

    // TrainerEpoch: whole epochs in turn, this build's and the other's, for each batch size and thread count.
    private static void PairEpochs(TextWriter log, Assembly other, string otherPath)
    {
        const int epochPairs = 9;
        Type otherType = other.GetType(typeof(TrainerEpoch).FullName!) ?? throw new InvalidOperationException($"'{otherPath}' has no {nameof(TrainerEpoch)}.");
        log.WriteLine($"paired: this build ÷ {otherPath}; {nameof(TrainerEpoch)}, {epochPairs} pairs of epochs after one of each; the median ratio and its quartiles, and each build's median ms per epoch.");
        log.WriteLine($"  {"batch",6}{"threads",8}{"this ms",10}{"other ms",10}{"ratio",8}{"q25",8}{"q75",8}");
        foreach (int batchSize in new[] { 32, 256 })
        {
            foreach (int threads in new[] { 1, 2 })
            {
                var mine = new TrainerEpoch { BatchSize = batchSize, Threads = threads };
                object theirs = Activator.CreateInstance(otherType)!;
                otherType.GetProperty(nameof(TrainerEpoch.BatchSize))!.SetValue(theirs, batchSize);
                otherType.GetProperty(nameof(TrainerEpoch.Threads))!.SetValue(theirs, threads);
                mine.Setup();
                otherType.GetMethod(nameof(TrainerEpoch.Setup))!.Invoke(theirs, null);
                MethodInfo epoch = otherType.GetMethod(nameof(TrainerEpoch.Epoch))!;
                Action mineEpoch = () => mine.Epoch();
                Action theirEpoch = () => epoch.Invoke(theirs, null);
                Batch(mineEpoch, 1);
                Batch(theirEpoch, 1);
                double[] mineMs = new double[epochPairs], theirsMs = new double[epochPairs], ratios = new double[epochPairs];
                for (int p = 0; p < epochPairs; p++)
                {
                    bool mineFirst = p % 2 == 0;
                    double first = Batch(mineFirst ? mineEpoch : theirEpoch, 1) / 1e6;
                    double second = Batch(mineFirst ? theirEpoch : mineEpoch, 1) / 1e6;
                    (mineMs[p], theirsMs[p]) = mineFirst ? (first, second) : (second, first);
                    ratios[p] = mineMs[p] / theirsMs[p];
                }

                Array.Sort(mineMs);
                Array.Sort(theirsMs);
                Array.Sort(ratios);
                log.WriteLine($"  {batchSize,6}{threads,8}{mineMs[epochPairs / 2],10:0.0}{theirsMs[epochPairs / 2],10:0.0}{ratios[epochPairs / 2],8:0.000}{ratios[epochPairs / 4],8:0.000}{ratios[3 * epochPairs / 4],8:0.000}");
                mine.Cleanup();
                otherType.GetMethod(nameof(TrainerEpoch.Cleanup))!.Invoke(theirs, null);
            }
        }
    }

    // Batches: each invocation of 256 rows in turn, this build's and the other's, for batch 32 and 256 on one and
    // two threads; the topologies whose names contain a filter, or 784-128-10 with ReLU and softmax.
    private static void PairBatches(TextWriter log, Assembly other, string otherPath, string[] topologies)
    {
        const int batchPairs = 200;
        Type otherType = other.GetType(typeof(Batches).FullName!) ?? throw new InvalidOperationException($"'{otherPath}' has no {nameof(Batches)}.");
        log.WriteLine($"paired: this build ÷ {otherPath}; {nameof(Batches)}, {batchPairs} pairs of invocations of {Batches.SamplesPerInvoke} rows; the median ratio and its quartiles, and each build's median µs per sample.");
        log.WriteLine($"  {"topology",-26}{"method",-14}{"rows",6}{"threads",8}{"this µs",10}{"other µs",10}{"ratio",8}{"q25",8}{"q75",8}");
        string[] chosen = topologies.Length == 0
            ? ["784-128-10 relu softmax"]
            : Batches.Topologies.Where(t => topologies.Any(f => t.Contains(f, StringComparison.OrdinalIgnoreCase))).ToArray();
        foreach (string topology in chosen)
        {
            foreach (int rows in new[] { 32, 256 })
            {
                foreach (int threads in new[] { 1, 2 })
                {
                    var mine = new Batches { Topology = topology, Rows = rows, Threads = threads };
                    object theirs = Activator.CreateInstance(otherType)!;
                    otherType.GetProperty(nameof(Batches.Topology))!.SetValue(theirs, topology);
                    otherType.GetProperty(nameof(Batches.Rows))!.SetValue(theirs, rows);
                    otherType.GetProperty(nameof(Batches.Threads))!.SetValue(theirs, threads);
                    mine.Setup();
                    otherType.GetMethod(nameof(Batches.Setup))!.Invoke(theirs, null);
                    foreach (string method in new[] { nameof(Batches.ForwardBatch), nameof(Batches.TrainBatch) })
                    {
                        (double mineNs, double theirsNs, double[] ratios) = Measure(
                            CpuTime.Invoker(typeof(Batches).GetMethod(method)!, mine),
                            CpuTime.Invoker(otherType.GetMethod(method)!, theirs),
                            batchPairs,
                            minimumPerBatch: 1);
                        double perSample = 1e-3 / Batches.SamplesPerInvoke;
                        log.WriteLine($"  {topology,-26}{method,-14}{rows,6}{threads,8}{mineNs * perSample,10:0.000}{theirsNs * perSample,10:0.000}{ratios[ratios.Length / 2],8:0.000}{ratios[ratios.Length / 4],8:0.000}{ratios[3 * ratios.Length / 4],8:0.000}");
                    }

                    mine.Cleanup();
                    otherType.GetMethod(nameof(Batches.Cleanup))!.Invoke(theirs, null);
                }
            }
        }
    }

    // The methods that call the generated network: the ones that change when the library or the generator does.
    private static IEnumerable<MethodInfo> GeneratedMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null && m.Name.Contains("_Generated", StringComparison.Ordinal))
            .OrderBy(m => m.GetCustomAttribute<BenchmarkAttribute>()!.SourceCodeLineNumber);

    private static (double Mine, double Theirs, double[] Ratios) Measure(Action mine, Action theirs, int pairs = Pairs, long minimumPerBatch = 16)
    {
        // Warm up both long enough for tiered compilation to install optimized code, counting calls to size a batch.
        var clock = Stopwatch.StartNew();
        long calls = 0;
        while (clock.ElapsedMilliseconds < WarmupMs)
        {
            for (int n = 0; n < 16; n++)
            {
                mine();
                theirs();
            }

            calls += 16;
        }

        long perBatch = Math.Max(minimumPerBatch, (long)(calls * BatchMs / WarmupMs));
        double[] mineNs = new double[pairs], theirsNs = new double[pairs], ratios = new double[pairs];
        for (int p = 0; p < pairs; p++)
        {
            // Alternate which goes first, so that neither always follows the other.
            if (p % 2 == 0)
            {
                mineNs[p] = Batch(mine, perBatch);
                theirsNs[p] = Batch(theirs, perBatch);
            }
            else
            {
                theirsNs[p] = Batch(theirs, perBatch);
                mineNs[p] = Batch(mine, perBatch);
            }

            ratios[p] = mineNs[p] / theirsNs[p];
        }

        Array.Sort(mineNs);
        Array.Sort(theirsNs);
        Array.Sort(ratios);
        return (mineNs[pairs / 2], theirsNs[pairs / 2], ratios);
    }

    private static double Batch(Action call, long count)
    {
        long start = Stopwatch.GetTimestamp();
        for (long n = 0; n < count; n++)
        {
            call();
        }

        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / count;
    }

    // The other build's suite with its own library, generator output and dependencies, resolved from its folder.
    private sealed class BuildContext(string path) : AssemblyLoadContext(path)
    {
        private readonly AssemblyDependencyResolver _resolver = new(path);

        protected override Assembly? Load(AssemblyName name) =>
            _resolver.ResolveAssemblyToPath(name) is string found ? LoadFromAssemblyPath(found) : null;

        protected override IntPtr LoadUnmanagedDll(string name) =>
            _resolver.ResolveUnmanagedDllToPath(name) is string found ? LoadUnmanagedDllFromPath(found) : IntPtr.Zero;
    }
}
