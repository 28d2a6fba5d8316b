using System;

namespace Backprop.Training;

/// <summary>Plain (stochastic) gradient descent: θ ← θ − η·g.</summary>
/// <example>
/// <code>
/// var optimizer = new Sgd(network, learningRate: 0.1) { WeightDecay = 1e-4 };
/// </code>
/// </example>
public sealed class Sgd : Optimizer
{
    /// <summary>Creates plain gradient descent for <paramref name="network"/>'s parameters.</summary>
    /// <param name="network">The network whose parameters the optimizer will update (or one of the same shape).</param>
    /// <param name="learningRate">The step size η: finite and greater than zero.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is NaN, infinite, zero or negative.</exception>
    public Sgd(INeuralNetwork network, double learningRate)
        : base(network, learningRate)
    {
    }

    /// <inheritdoc/>
    internal override OptimizerKind Kind => OptimizerKind.Sgd;

    /// <inheritdoc/>
    internal override bool UpdatesByRange => true;

    /// <inheritdoc/>
    protected override void ComputeUpdate(ReadOnlySpan<double> gradient, Span<double> update) => UpdateRange(0, gradient, update);

    /// <inheritdoc/>
    internal override void UpdateRange(int start, ReadOnlySpan<double> gradient, Span<double> update) =>
        StepVectors.Scale(gradient, CurrentLearningRate, update);
}
