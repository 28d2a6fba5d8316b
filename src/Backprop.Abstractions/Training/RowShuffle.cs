using System;

namespace Backprop.Training;

/// <summary>The order in which a trainer visits the rows of a data set.</summary>
internal static class RowShuffle
{
    /// <summary>Writes 0, 1, …, n − 1.</summary>
    public static void Identity(Span<int> order)
    {
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
    }

    /// <summary>
    /// Fisher–Yates: every permutation equally likely, in place, n − 1 draws from <paramref name="random"/>,
    /// so a seed fixes the whole sequence of epochs.
    /// </summary>
    public static void Shuffle(Span<int> order, ref DeterministicRandom random)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.NextInt32(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
