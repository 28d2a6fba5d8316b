using System;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>
/// An optimizer a user could write, Δ = η·g with η = 0.5: the library knows nothing of its state (checkpoints
/// cannot hold it) or of how its update reads the gradient (it is stepped whole).
/// </summary>
internal sealed class HalfStep : Optimizer
{
    public HalfStep(INeuralNetwork network)
        : base(network, 0.5)
    {
    }

    protected override void ComputeUpdate(ReadOnlySpan<double> gradient, Span<double> update)
    {
        for (int i = 0; i < gradient.Length; i++)
        {
            update[i] = CurrentLearningRate * gradient[i];
        }
    }
}
