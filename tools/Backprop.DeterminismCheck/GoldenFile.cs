using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Backprop.DeterminismCheck
{
    /// <summary>
    /// The pinned hashes: one <c>name hash</c> line per network and a <c>total</c> line, as the check prints them;
    /// lines starting with '#' are comments. Rewriting the file is a reviewed decision (docs/determinism.md).
    /// </summary>
    public static class GoldenFile
    {
        /// <summary>The name of the line that holds the hash over every network's hash.</summary>
        public const string TotalName = "total";

        /// <summary>Reads the <c>name hash</c> lines of a golden file or of the check's output.</summary>
        /// <exception cref="FormatException">A line is neither a comment nor a name and a 16-digit hexadecimal hash.</exception>
        public static IReadOnlyList<KeyValuePair<string, ulong>> Parse(IEnumerable<string> lines)
        {
            var hashes = new List<KeyValuePair<string, ulong>>();
            int number = 0;
            foreach (string line in lines)
            {
                number++;
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                string[] parts = line.Split(' ');
                if (parts.Length != 2 || parts[1].Length != 16
                    || !ulong.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong hash))
                {
                    throw new FormatException("Line " + number + " should be a name and a 16-digit hexadecimal hash, but was '" + line + "'.");
                }

                hashes.Add(new KeyValuePair<string, ulong>(parts[0], hash));
            }

            return hashes;
        }

        /// <summary>The lines a golden file holds for these results: each network's hash, then the total.</summary>
        public static IReadOnlyList<string> Lines(IReadOnlyList<NetworkHashes> results)
        {
            var lines = new List<string>(results.Count + 1);
            foreach (NetworkHashes network in results)
            {
                lines.Add(network.Name + " " + Fnv1a.Format(network.Hash));
            }

            lines.Add(TotalName + " " + Fnv1a.Format(Total(results)));
            return lines;
        }

        /// <summary>FNV-1a over every network's hash in order.</summary>
        public static ulong Total(IReadOnlyList<NetworkHashes> results)
        {
            var total = new Fnv1a();
            foreach (NetworkHashes network in results)
            {
                total.Add(unchecked((long)network.Hash));
            }

            return total.Value;
        }

        /// <summary>
        /// One sentence per difference between the pinned hashes and this run's: a hash that changed, a network
        /// the file has and the run has not, or the other way round. Empty when they agree.
        /// </summary>
        public static IReadOnlyList<string> Compare(IReadOnlyList<KeyValuePair<string, ulong>> golden, IReadOnlyList<NetworkHashes> results)
        {
            IReadOnlyList<KeyValuePair<string, ulong>> actualLines = Parse(Lines(results));
            var actual = new Dictionary<string, ulong>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, ulong> line in actualLines)
            {
                actual[line.Key] = line.Value;
            }

            var differences = new List<string>();
            var pinned = new HashSet<string>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, ulong> line in golden)
            {
                pinned.Add(line.Key);
                if (!actual.TryGetValue(line.Key, out ulong hash))
                {
                    differences.Add(line.Key + ": in the golden file, not in the workload");
                }
                else if (hash != line.Value)
                {
                    differences.Add(line.Key + ": golden " + Fnv1a.Format(line.Value) + ", this run " + Fnv1a.Format(hash));
                }
            }

            foreach (KeyValuePair<string, ulong> line in actualLines)
            {
                if (!pinned.Contains(line.Key))
                {
                    differences.Add(line.Key + ": in the workload, not in the golden file");
                }
            }

            return differences;
        }

        /// <summary>Writes the golden file for these results, with a header that says how it was made.</summary>
        public static void Write(string path, IReadOnlyList<NetworkHashes> results, IEnumerable<string> configuration)
        {
            var lines = new List<string>
            {
                "# The determinism check's pinned hashes (docs/determinism.md). Every configuration must print these.",
                "# Rewritten only as a reviewed decision, with --write-golden, when the numerics change on purpose.",
                "# Written on:",
            };
            lines.AddRange(configuration);
            lines.AddRange(Lines(results));
            File.WriteAllLines(path, lines);
        }
    }
}
