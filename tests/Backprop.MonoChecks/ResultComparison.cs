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
    /// largest magnitude of that kind. Every network must agree to the bit: the kernels add in one order whatever
    /// the width of <c>Vector&lt;T&gt;</c>, and the elementary functions are the library's own (docs/determinism.md).
    /// </summary>
    internal static class ResultComparison
    {
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
                bool within = equal == kind.Count();
                failures += within ? 0 : 1;
                log.WriteLine(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0,-32}{1,6}{2,13}{3,25}{4,11:0.0E+0}{5,10}{6}",
                    kind.Key,
                    kind.Count(),
                    equal,
                    worstUlps,
                    relative,
                    "same bits",
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
