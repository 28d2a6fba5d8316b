using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Backprop.MonoChecks
{
    /// <summary>
    /// Compares the numbers of two runs, value by value, and prints for each kind of number how many have equal
    /// bits, the largest difference in units in the last place (ulp), and the largest difference relative to the
    /// largest magnitude of that kind. Networks without vector kernels run the same operations in the same order
    /// on every runtime, so they must agree to the bit. Vector kernels add in an order that depends on the width of
    /// <c>Vector&lt;T&gt;</c>, which differs between runtimes (and machines): their numbers may differ by the rounding
    /// of their sums, <see cref="UntrainedTolerance"/> relative before training and <see cref="TrainedTolerance"/>
    /// after, where each step feeds its rounding into the next.
    /// </summary>
    internal static class ResultComparison
    {
        /// <summary>The networks with layers of vector kernels (see Networks.cs and the generated remarks).</summary>
        private static readonly string[] VectorNetworks = { nameof(Digits), nameof(WideDouble), nameof(Mixed) };

        /// <summary>Outputs, costs and gradients of the untrained networks, for float and for double.</summary>
        private static readonly (double Single, double Double) UntrainedTolerance = (1e-6, 1e-14);

        /// <summary>After ten steps of TrainStep and TrainBatch.</summary>
        private static readonly (double Single, double Double) TrainedTolerance = (1e-4, 1e-12);

        public static int Compare(string firstPath, string secondPath, TextWriter log)
        {
            Dictionary<string, (string Kind, string Bits)> first = Read(firstPath);
            Dictionary<string, (string Kind, string Bits)> second = Read(secondPath);
            var missing = first.Keys.Except(second.Keys).Concat(second.Keys.Except(first.Keys)).ToList();
            if (missing.Count > 0)
            {
                log.WriteLine("The runs recorded different numbers: " + string.Join(", ", missing.Take(5)) + (missing.Count > 5 ? ", …" : ""));
                return 1;
            }

            int failures = 0;
            log.WriteLine("kind of number                  values   equal bits   largest difference: ulp   relative   allowed");
            foreach (IGrouping<string, string> kind in first.Keys.GroupBy(KindOf).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                long worstUlps = 0;
                int equal = 0;
                double scale = 0;
                double worstDifference = 0;
                bool single = first[kind.First()].Kind == "f";
                foreach (string name in kind)
                {
                    long ulps = Ulps(first[name], second[name]);
                    worstUlps = Math.Max(worstUlps, ulps);
                    equal += ulps == 0 ? 1 : 0;
                    double a = ValueOf(first[name]);
                    double b = ValueOf(second[name]);
                    scale = Math.Max(scale, Math.Max(Math.Abs(a), Math.Abs(b)));
                    worstDifference = Math.Max(worstDifference, Math.Abs(a - b));
                }

                double relative = scale == 0 ? worstDifference : worstDifference / scale;
                string network = kind.Key.Substring(0, kind.Key.IndexOf('.'));
                bool trained = kind.Key.Contains(".trained") || kind.Key.Contains(".trainingCosts");
                (double Single, double Double) tolerance = trained ? TrainedTolerance : UntrainedTolerance;
                double allowed = VectorNetworks.Contains(network) ? (single ? tolerance.Single : tolerance.Double) : 0;
                bool within = allowed == 0 ? equal == kind.Count() : relative <= allowed;
                failures += within ? 0 : 1;
                log.WriteLine(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0,-32}{1,6}{2,13}{3,25}{4,11:0.0E+0}{5,10}{6}",
                    kind.Key,
                    kind.Count(),
                    equal,
                    worstUlps,
                    relative,
                    allowed == 0 ? "same bits" : allowed.ToString("0E+0", CultureInfo.InvariantCulture),
                    within ? "" : "   FAIL"));
            }

            return failures == 0 ? 0 : 1;
        }

        private static double ValueOf((string Kind, string Bits) value)
        {
            long bits = long.Parse(value.Bits, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            return value.Kind == "f" ? BitConverter.ToSingle(BitConverter.GetBytes((int)bits), 0) : BitConverter.Int64BitsToDouble(bits);
        }

    /// <summary>"Digits.gradient[17]" is of kind "Digits.gradient".</summary>
        private static string KindOf(string name) => name.Substring(0, name.IndexOf('['));

        private static long Ulps((string Kind, string Bits) a, (string Kind, string Bits) b)
        {
            if (a.Kind != b.Kind)
            {
                return long.MaxValue;
            }

            long x = long.Parse(a.Bits, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            long y = long.Parse(b.Bits, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (a.Kind == "f")
            {
                // The float's bits as an int; negative values count down from zero, so that order is kept.
                x = Ordered((int)x);
                y = Ordered((int)y);
                return Math.Abs(x - y);
            }

            return Ordered(x) == Ordered(y) ? 0 : (long)Math.Min((decimal)long.MaxValue, Math.Abs((decimal)Ordered(x) - Ordered(y)));
        }

        private static long Ordered(int bits) => bits < 0 ? int.MinValue - (long)bits : bits;

        private static long Ordered(long bits) => bits < 0 ? long.MinValue - bits : bits;

        private static Dictionary<string, (string Kind, string Bits)> Read(string path) =>
            File.ReadAllLines(path)
                .Select(line => line.Split('\t'))
                .ToDictionary(parts => parts[0], parts => (parts[1], parts[2]), StringComparer.Ordinal);
    }
}
