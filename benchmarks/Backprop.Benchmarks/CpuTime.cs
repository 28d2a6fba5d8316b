using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Backprop.Benchmarks.Implementations;

namespace Backprop.Benchmarks;

/// <summary>
/// <c>--cpu-time</c>: a cross-check of the BenchmarkDotNet tables for a machine shared with other work. It
/// calls every <c>[Benchmark]</c> method of every topology in one process and counts the CPU time of the
/// calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), which does not grow while the thread waits for a
/// core, where BenchmarkDotNet's wall-clock iterations do. It is not a replacement: it calls through a
/// delegate (about a nanosecond more per call, the same for every method), it does not remove outliers,
/// and other processes still evict caches.
/// </summary>
internal static partial class CpuTime
{
    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID
    private const long WarmupNs = 400_000_000;
    private const long BatchNs = 2_000_000;
    private const int Batches = 25;

    public static int Run(TextWriter log, string[] filters)
    {
        if (!OperatingSystem.IsLinux())
        {
            log.WriteLine("note: --cpu-time reads CLOCK_THREAD_CPUTIME_ID and runs on Linux only.");
            return 0;
        }

        NativePeers.ReportMissing(log);

        log.WriteLine($"cpu-time: thread CPU ns per call (per sample for the batch rows); {WarmupNs / 1_000_000} ms warm-up per method, then {Batches} rounds of a batch of about {BatchNs / 1_000_000} ms of each method in the group in turn; min and median over the batches; ratio of medians to the group's baseline, where it has one.");
        foreach (MlpBenchmarks topology in Check.Topologies())
        {
            string typeName = topology.GetType().Name;
            if (filters.Length > 0 && !filters.Any(f => typeName.Contains(f, StringComparison.OrdinalIgnoreCase)))
            {
                topology.Dispose();
                continue;
            }

            topology.Setup();
            log.WriteLine();
            log.WriteLine($"{typeName} (load average now: {LoadAverage()})");
            log.WriteLine($"  {"method",-33}{"min ns",10}{"median ns",12}{"ratio",8}");
            foreach (IGrouping<string, MethodInfo> group in BenchmarkMethods(topology.GetType()).GroupBy(Category))
            {
                // Per operation, as BenchmarkDotNet reports a method with OperationsPerInvoke (the batch rows: per sample).
                List<MethodInfo> methods = group.ToList();
                (double Min, double Median)[] times = Measure(methods.Select(method => Invoker(method, topology)).ToArray());
                var results = methods.Select((method, i) => (Method: method, Time: PerOperation(times[i], method))).ToList();
                double? baseline = results.Where(r => IsBaseline(r.Method)).Select(r => (double?)r.Time.Median).FirstOrDefault();
                foreach (var (method, time) in results)
                {
                    string ratio = baseline is double b ? (time.Median / b).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "-";
                    log.WriteLine($"  {method.Name,-33}{time.Min,10:0.0}{time.Median,12:0.0}{ratio,8}");
                }
            }

            topology.Dispose();
        }

        return 0;
    }

    private static IEnumerable<MethodInfo> BenchmarkMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)
            .Where(m => !NativePeers.IsSkipped(m.Name))
            .OrderBy(m => m.DeclaringType == type ? 1 : 0) // the base class's methods first, as BenchmarkDotNet lists them
            .ThenBy(m => m.GetCustomAttribute<BenchmarkAttribute>()!.SourceCodeLineNumber);

    private static string Category(MethodInfo method) =>
        string.Join(",", method.GetCustomAttribute<BenchmarkCategoryAttribute>()?.Categories ?? []);

    private static (double Min, double Median) PerOperation((double Min, double Median) time, MethodInfo method)
    {
        int operations = method.GetCustomAttribute<BenchmarkAttribute>()!.OperationsPerInvoke;
        return (time.Min / operations, time.Median / operations);
    }

    private static bool IsBaseline(MethodInfo method) => method.GetCustomAttribute<BenchmarkAttribute>()!.Baseline;

    // A delegate that calls a benchmark method (a Func<float> for those that return a value); PairedRun uses it too.
    internal static Action Invoker(MethodInfo method, object target)
    {
        if (method.ReturnType == typeof(void))
        {
            return method.CreateDelegate<Action>(target);
        }

        Func<float> function = method.CreateDelegate<Func<float>>(target);
        return () => function();
    }

    // The methods of one group in turn, a batch of each per round, so that a neighbour's load falls on all of
    // them alike rather than on whichever method ran while it lasted.
    private static (double Min, double Median)[] Measure(Action[] calls)
    {
        long[] perBatch = calls.Select(WarmUp).ToArray();
        double[][] nsPerCall = calls.Select(_ => new double[Batches]).ToArray();
        for (int b = 0; b < Batches; b++)
        {
            for (int m = 0; m < calls.Length; m++)
            {
                Action call = calls[m];
                long batchStart = ThreadNanoseconds();
                for (long n = 0; n < perBatch[m]; n++)
                {
                    call();
                }

                nsPerCall[m][b] = (ThreadNanoseconds() - batchStart) / (double)perBatch[m];
            }
        }

        return nsPerCall.Select(times =>
        {
            Array.Sort(times);
            return (times[0], times[Batches / 2]);
        }).ToArray();
    }

    // Warms a method up long enough for tiered compilation to install optimized code, counting calls to size a batch.
    private static long WarmUp(Action call)
    {
        long start = ThreadNanoseconds();
        long calls = 0;
        while (ThreadNanoseconds() - start < WarmupNs)
        {
            for (int n = 0; n < 16; n++)
            {
                call();
            }

            calls += 16;
        }

        return Math.Max(16, calls * BatchNs / WarmupNs);
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static long ThreadNanoseconds()
    {
        if (ClockGetTime(ThreadCpuClock, out TimeSpec time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
        }

        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
