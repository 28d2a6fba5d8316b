using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Backprop.Generator.Tests;

internal static partial class Hostile
{
    /// <summary>One thing that went wrong with one sample; the same <see cref="Category"/> groups a failure's repeats.</summary>
    internal sealed record Failure(string Category, string Detail, string Seed, string Source)
    {
        /// <summary>Every category once, with how often it happened and its shortest sample.</summary>
        public static string Summarize(IReadOnlyList<Failure> failures)
        {
            var text = new StringBuilder();
            text.Append(failures.Count).Append(" failures (rebuild a sample with Hostile.HostileSamples.FromSeed(seed)):\n");
            var groups = failures.GroupBy(f => f.Category).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
            foreach (IGrouping<string, Failure> group in groups)
            {
                text.Append(group.Count().ToString(CultureInfo.InvariantCulture).PadLeft(6)).Append("  ").Append(group.Key).Append('\n');
            }

            // One repro per category, the shortest, for the most frequent categories.
            foreach (IGrouping<string, Failure> group in groups.Take(12))
            {
                Failure shortest = group.OrderBy(f => f.Source.Length).ThenBy(f => f.Seed, StringComparer.Ordinal).First();
                text.Append("\n=== ").Append(group.Key).Append(" (").Append(group.Count()).Append(" times) ===\n")
                    .Append(shortest.Detail).Append("\nseed ").Append(shortest.Seed).Append(":\n")
                    .Append(shortest.Source).Append('\n');
            }

            return text.ToString();
        }
    }
}
