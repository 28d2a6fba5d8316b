using System;
using System.Diagnostics;
using System.IO;

namespace Backprop.MonoChecks
{
    /// <summary>
    /// <c>run results.txt</c>: runs every check, writes the numbers it computed, exits 1 on a failed check.
    /// <c>compare a.txt b.txt</c>: compares two runs' numbers (Mono's and .NET 10's), exits 1 past the tolerance.
    /// <c>timing</c>: the time per call of Forward and TrainStep of three networks, on this runtime.
    /// </summary>
    internal static class Program
    {
        public static int Main(string[] args)
        {
            string mode = args.Length > 0 ? args[0] : "";
            if (mode == "run" && args.Length == 2)
            {
                return Run(args[1]);
            }

            if (mode == "compare" && args.Length == 3)
            {
                return ResultComparison.Compare(args[1], args[2], Console.Out);
            }

            if (mode == "timing" && args.Length == 1)
            {
                Timing.Print(Console.Out);
                return 0;
            }

            Console.Error.WriteLine("usage: Backprop.MonoChecks run <results.txt> | compare <a.txt> <b.txt> | timing");
            return 2;
        }

        private static int Run(string resultsPath)
        {
            Console.WriteLine("runtime: " + RuntimeName() + "; allocation counter: " + ThreadAllocations.Source
                + "; Vector<float>: " + System.Numerics.Vector<float>.Count + " lanes, "
                + (System.Numerics.Vector.IsHardwareAccelerated ? "accelerated" : "not accelerated"));
            var report = new Report();
            string folder = Path.Combine(Path.GetTempPath(), "backprop-mono-checks-" + Process.GetCurrentProcess().Id);
            Directory.CreateDirectory(folder);
            try
            {
                new NetworkChecks<float>(nameof(Xor), seed => new Xor(seed), report).Run(folder);
                new NetworkChecks<double>(nameof(Regressor), seed => new Regressor(seed), report).Run(folder);
                new NetworkChecks<float>(nameof(Classifier), seed => new Classifier(seed), report).Run(folder);
                new NetworkChecks<double>(nameof(Tagger), seed => new Tagger(seed), report).Run(folder);
                new NetworkChecks<double>(nameof(SoftRegressor), seed => new SoftRegressor(seed), report).Run(folder);
                new NetworkChecks<float>(nameof(Digits), seed => new Digits(seed), report).Run(folder);
                new NetworkChecks<double>(nameof(WideDouble), seed => new WideDouble(seed), report).Run(folder);
                new NetworkChecks<float>(nameof(Mixed), seed => new Mixed(seed), report).Run(folder);
                new NetworkChecks<float>(nameof(BakedXor), seed => new BakedXor(seed), report).Run(folder);
                LearningChecks.Run(report);
                DataChecks.Run(report);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }

            report.Write(resultsPath);
            Console.WriteLine(report.Passed + " checks passed, " + report.Failures.Count + " failed; numbers written to " + resultsPath + ".");
            return report.Failures.Count == 0 ? 0 : 1;
        }

        public static string RuntimeName() =>
            Type.GetType("Mono.Runtime") is { } mono
                ? "Mono " + (mono.GetMethod("GetDisplayName", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)?.Invoke(null, null) ?? "?")
                : System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;
    }
}
