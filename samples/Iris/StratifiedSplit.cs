using System;
using System.Collections.Generic;
using System.Linq;
using Backprop;

namespace Iris;

/// <summary>
/// A fixed-seed train/test split that keeps each class's share: every class gives the same fraction of its
/// rows to the test set, so a small test set still holds every species in proportion.
/// </summary>
public static class StratifiedSplit
{
    /// <summary>Splits row indices by class.</summary>
    /// <param name="labels">The class of each row.</param>
    /// <param name="testFraction">The share of each class that goes to the test set, e.g. 0.2.</param>
    /// <param name="seed">Fixes which rows go where.</param>
    /// <returns>The training rows and the test rows, each in ascending order.</returns>
    public static (int[] Train, int[] Test) Split(IReadOnlyList<int> labels, double testFraction, int seed)
    {
        var random = new DeterministicRandom(seed);
        var train = new List<int>();
        var test = new List<int>();
        foreach (int label in labels.Distinct().Order())
        {
            int[] rows = Enumerable.Range(0, labels.Count).Where(r => labels[r] == label).ToArray();

            // Fisher–Yates, then the first share of the shuffled rows is the class's test set.
            for (int i = rows.Length - 1; i > 0; i--)
            {
                int j = random.NextInt32(i + 1);
                (rows[i], rows[j]) = (rows[j], rows[i]);
            }

            int testCount = (int)Math.Round(rows.Length * testFraction, MidpointRounding.AwayFromZero);
            test.AddRange(rows[..testCount]);
            train.AddRange(rows[testCount..]);
        }

        return ([.. train.Order()], [.. test.Order()]);
    }
}
