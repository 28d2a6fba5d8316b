using System;
using System.Numerics;

namespace Backprop.Tests.Support;

/// <summary>BackwardBatch as a hand-written network may implement it: one Backward per row, in row order.</summary>
internal static class RowByRow
{
    public static T BackwardBatch<T>(INeuralNetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> gradient, Span<T> costs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T total = T.Zero;
        for (int row = 0; row < costs.Length; row++)
        {
            costs[row] = network.Backward(inputs.Slice(row * network.InputSize, network.InputSize), targets.Slice(row * network.OutputSize, network.OutputSize), gradient);
            total += costs[row];
        }

        return total;
    }
}
