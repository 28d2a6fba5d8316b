using System;

namespace Backprop.Training;

/// <summary>
/// Gradient descent with momentum μ, classic or Nesterov, in the form PyTorch uses: a velocity v that
/// sums past gradients, v ← μ·v + g, then θ ← θ − η·v (classic) or θ ← θ − η·(g + μ·v) (Nesterov, which
/// looks ahead along the velocity it has just updated).
/// </summary>
/// <remarks>The velocity starts at zero, so the first step of either form is η·g (classic) or η·(1 + μ)·g (Nesterov).</remarks>
/// <example>
/// <code>
/// var optimizer = new MomentumSgd(network, learningRate: 0.05, momentum: 0.9, nesterov: true);
/// </code>
/// </example>
public sealed class MomentumSgd : Optimizer
{
    private readonly double[] _velocity;

    /// <summary>Creates gradient descent with momentum for <paramref name="network"/>'s parameters.</summary>
    /// <param name="network">The network whose parameters the optimizer will update (or one of the same shape).</param>
    /// <param name="learningRate">The step size η: finite and greater than zero.</param>
    /// <param name="momentum">The momentum μ: at least 0 and less than 1. Default 0.9.</param>
    /// <param name="nesterov">Whether to use Nesterov's look-ahead form. Default: classic momentum.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="learningRate"/> is NaN, infinite, zero or negative, or <paramref name="momentum"/> is outside [0, 1).
    /// </exception>
    public MomentumSgd(INeuralNetwork network, double learningRate, double momentum = 0.9, bool nesterov = false)
        : base(network, learningRate)
    {
        Momentum = HyperparameterGuard.DecayRate(momentum, nameof(momentum));
        Nesterov = nesterov;
        _velocity = new double[ParameterCount];
    }

    /// <summary>The momentum μ, in [0, 1).</summary>
    public double Momentum { get; }

    /// <summary>Whether steps use Nesterov's look-ahead form, η·(g + μ·v), instead of η·v.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    public override void Reset()
    {
        base.Reset();
        Array.Clear(_velocity, 0, _velocity.Length);
    }

    /// <inheritdoc/>
    internal override OptimizerKind Kind => OptimizerKind.MomentumSgd;

    /// <inheritdoc/>
    internal override double[][] StateVectors => [_velocity];

    /// <inheritdoc/>
    internal override bool UpdatesByRange => true;

    /// <inheritdoc/>
    protected override void ComputeUpdate(ReadOnlySpan<double> gradient, Span<double> update) => UpdateRange(0, gradient, update);

    /// <inheritdoc/>
    internal override void UpdateRange(int start, ReadOnlySpan<double> gradient, Span<double> update)
    {
        double learningRate = CurrentLearningRate;
        double momentum = Momentum;
        Span<double> velocity = _velocity.AsSpan(start, gradient.Length);
        for (int i = 0; i < gradient.Length; i++)
        {
            double v = (momentum * velocity[i]) + gradient[i];
            velocity[i] = v;
            update[i] = learningRate * (Nesterov ? gradient[i] + (momentum * v) : v);
        }
    }
}
