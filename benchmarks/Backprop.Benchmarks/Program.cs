using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Backprop.Benchmarks.Implementations;

namespace Backprop.Benchmarks;

/// <summary>
/// <c>--check</c> verifies that every implementation computes the same thing (with <c>--require-peers</c>, as CI
/// runs it, a missing FANN or C loops library fails the check instead of skipping its comparisons); <c>--cpu-time [topology…]</c>
/// cross-checks the timings in thread CPU time on a shared machine; <c>--paired &lt;other build's
/// Backprop.Benchmarks.dll&gt; [topology…|TrainerEpoch]</c> times this build against another side by side (<see cref="PairedRun"/>);
/// any other arguments go to
/// BenchmarkDotNet, e.g. <c>--filter '*'</c> or <c>--filter '*Mlp_3_4_2*' --job short</c> (docs/benchmarks.md).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Contains("--check"))
        {
            return Check.Run(Console.Out, requirePeers: args.Contains("--require-peers"));
        }

        if (args.Contains("--cpu-time"))
        {
            return CpuTime.Run(Console.Out, args.Where(arg => arg != "--cpu-time").ToArray());
        }

        int paired = Array.IndexOf(args, "--paired");
        if (paired >= 0)
        {
            if (paired + 1 >= args.Length)
            {
                Console.Error.WriteLine("--paired needs the path of the other build's Backprop.Benchmarks.dll.");
                return 2;
            }

            return PairedRun.Run(Console.Out, args[paired + 1], args.Where((_, i) => i != paired && i != paired + 1).ToArray());
        }

        ManualConfig config = ManualConfig.Create(DefaultConfig.Instance);
        if (NativePeers.ReportMissing(Console.Out))
        {
            config.AddFilter(new SimpleFilter(benchmark => !NativePeers.IsSkipped(benchmark.Descriptor.WorkloadMethod.Name)));
        }

        IEnumerable<Summary> summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        bool failed = summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success));
        return failed ? 1 : 0;
    }
}
