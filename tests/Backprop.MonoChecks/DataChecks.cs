using System;
using Backprop.Data;

namespace Backprop.MonoChecks
{
    /// <summary>
    /// Data preparation on this runtime: the rows a seed picks must be the very rows tests/Backprop.Tests expects
    /// (TrainTestSplitTests), so that a split is the same under Mono, .NET Framework and .NET.
    /// </summary>
    internal static class DataChecks
    {
        public static void Run(Report report)
        {
            int[] randomTest = TrainTestSplit.Random(10, 0.3, seed: 42).TestRows.ToArray();
            report.Check("TrainTestSplit.Random picks the seed's rows", Same(randomTest, new[] { 2, 3, 6 }), Text(randomTest));

            int[] labels = { 2, 0, 1, 0, 2, 1, 0, 0, 2, 1, 0, 1, 2, 0, 5, 5, 5, 5, -3, -3 };
            int[] stratifiedTest = TrainTestSplit.Stratified(labels, 0.25, seed: 7).TestRows.ToArray();
            report.Check("TrainTestSplit.Stratified picks the seed's rows", Same(stratifiedTest, new[] { 1, 2, 4, 6, 16, 18 }), Text(stratifiedTest));

            // Mean 5 and deviation 2 by hand (StandardizerTests): 9 → 2, 2 → −1.5.
            float[] scaled = Standardizer.Fit(new float[] { 2, 4, 4, 4, 5, 5, 7, 9 }, columnCount: 1).Transform(new float[] { 9, 2 });
            report.Check("Standardizer scales by the hand-computed mean and deviation", scaled[0] == 2f && scaled[1] == -1.5f, scaled[0] + ", " + scaled[1]);

            float[] targets = OneHot.Encode<float>(new[] { 1, 0 }, 2);
            report.Check("OneHot encodes labels", Same(targets, new[] { 0f, 1f, 1f, 0f }), Text(targets));
        }

        private static bool Same<T>(T[] actual, T[] expected) => ((System.Collections.IStructuralEquatable)actual).Equals(expected, System.Collections.StructuralComparisons.StructuralEqualityComparer);

        private static string Text<T>(T[] values) => string.Join(", ", values);
    }
}
