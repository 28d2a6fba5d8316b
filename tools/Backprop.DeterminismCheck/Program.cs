using System;
using System.Collections.Generic;
using System.IO;

namespace Backprop.DeterminismCheck
{
    /// <summary>
    /// Runs the workload and prints the configuration, one <c>name hash</c> line per network and the total.
    /// <c>--stages</c> also prints each stage's hash (<c>name.stage hash</c>); <c>--golden FILE</c> compares with
    /// the pinned hashes and exits 1 listing each difference; <c>--write-golden FILE</c> rewrites them.
    /// </summary>
    public static class Program
    {
        private const string Usage = "usage: Backprop.DeterminismCheck [--stages] [--golden FILE | --write-golden FILE]";

        /// <summary>Exit codes: 0 the hashes were printed (and match the golden file), 1 they differ, 2 bad arguments.</summary>
        public static int Main(string[] args) => Run(args ?? Array.Empty<string>(), Console.Out);

        /// <summary>The program, writing to <paramref name="output"/>.</summary>
        public static int Run(IReadOnlyList<string> args, TextWriter output)
        {
            if (output is null)
            {
                throw new ArgumentNullException(nameof(output));
            }

            bool stages = false;
            string? golden = null;
            string? writeGolden = null;
            for (int i = 0; i < args.Count; i++)
            {
                if (args[i] == "--stages")
                {
                    stages = true;
                }
                else if ((args[i] == "--golden" || args[i] == "--write-golden") && i + 1 < args.Count && golden is null && writeGolden is null)
                {
                    if (args[i] == "--golden")
                    {
                        golden = args[++i];
                    }
                    else
                    {
                        writeGolden = args[++i];
                    }
                }
                else
                {
                    output.WriteLine(Usage);
                    return 2;
                }
            }

            IReadOnlyList<string> configuration = Configuration.Describe();
            foreach (string line in configuration)
            {
                output.WriteLine(line);
            }

            IReadOnlyList<NetworkHashes> results = Workload.Run();
            foreach (NetworkHashes network in results)
            {
                output.WriteLine(network.Name + " " + Fnv1a.Format(network.Hash));
                if (stages)
                {
                    foreach (StageHash stage in network.Stages)
                    {
                        output.WriteLine("# " + network.Name + "." + stage.Name + " " + Fnv1a.Format(stage.Hash));
                    }
                }
            }

            output.WriteLine(GoldenFile.TotalName + " " + Fnv1a.Format(GoldenFile.Total(results)));
            if (writeGolden is not null)
            {
                GoldenFile.Write(writeGolden, results, configuration);
                output.WriteLine("# wrote " + writeGolden);
                return 0;
            }

            if (golden is null)
            {
                return 0;
            }

            IReadOnlyList<string> differences = GoldenFile.Compare(GoldenFile.Parse(File.ReadAllLines(golden)), results);
            foreach (string difference in differences)
            {
                output.WriteLine("differs from " + golden + ": " + difference);
            }

            output.WriteLine(differences.Count == 0
                ? "# every hash matches " + golden
                : "# " + differences.Count + " hash(es) differ from " + golden);
            return differences.Count == 0 ? 0 : 1;
        }
    }
}
