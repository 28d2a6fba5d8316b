using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Backprop.Benchmarks.TorchSharp;

/// <summary>
/// <c>--check</c> verifies that TorchSharp computes what Backprop computes (<see cref="PeerCheck"/>; with
/// <c>--require-peer</c>, as CI runs it, a TorchSharp that does not load fails the check instead of skipping it);
/// any other arguments go to BenchmarkDotNet, e.g. <c>--filter '*'</c> (docs/benchmarks.md, "TorchSharp"). Where
/// TorchSharp does not load, its benchmarks are skipped with a note and Backprop's and the floors still run.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Contains("--check"))
        {
            return PeerCheck.Run(Console.Out, requirePeer: args.Contains("--require-peer"));
        }

        ManualConfig config = ManualConfig.Create(DefaultConfig.Instance);
        if (!TorchSharpLibrary.IsAvailable)
        {
            Console.WriteLine(TorchSharpLibrary.Note);
            config.AddFilter(new SimpleFilter(benchmark => !benchmark.Descriptor.WorkloadMethod.Name.EndsWith("_TorchSharp", StringComparison.Ordinal)));
        }

        IEnumerable<Summary> summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        bool failed = summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success));
        return failed ? 1 : 0;
    }
}
