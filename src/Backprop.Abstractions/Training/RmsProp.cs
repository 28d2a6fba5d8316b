using System;

namespace Backprop.Training;

/// <summary>
/// RMSprop (Hinton, 2012) in PyTorch's form: each parameter's step is divided by the root of a running average
/// of its squared gradient. At each step: v ← α·v + (1 − α)·g²; without centering, d = √v + ε; centered,
/// ḡ ← α·ḡ + (1 − α)·g and d = √(v − ḡ²) + ε; then θ ← θ − η·g/d, or with momentum μ > 0,
/// b ← μ·b + g/d and θ ← θ − η·b.
/// </summary>
/// <remarks>
/// The defaults are PyTorch's <c>torch.optim.RMSprop</c>: η = 0.01, α = 0.99, ε = 1e-8, no momentum, not
/// centered; ε is added after the square root. <see cref="Optimizer.WeightDecay"/> is the L2 term added to
/// the gradient first, as PyTorch's <c>weight_decay</c>. Every state vector starts at zero.
/// </remarks>
/// <example>
/// <code>
/// var optimizer = new RmsProp(network, learningRate: 0.01, alpha: 0.99, momentum: 0.9, centered: true);
/// </code>
/// </example>
public sealed class RmsProp : Optimizer
{
    private readonly double[] _squareAverage;
    private readonly double[] _gradientAverage;
    private readonly double[] _momentumBuffer;

    /// <summary>Creates RMSprop for <paramref name="network"/>'s parameters.</summary>
    /// <param name="network">The network whose parameters the optimizer will update (or one of the same shape).</param>
    /// <param name="learningRate">The step size η: finite and greater than zero. Default 0.01.</param>
    /// <param name="alpha">The decay α of the running averages, in [0, 1). Default 0.99.</param>
    /// <param name="epsilon">The ε added to the root: finite and greater than zero. Default 1e-8.</param>
    /// <param name="momentum">The momentum μ, in [0, 1); 0 (the default) for none.</param>
    /// <param name="centered">Whether to divide by the root of the gradient's estimated variance, v − ḡ², instead of v. Default false.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range; the message names it.</exception>
    public RmsProp(INeuralNetwork network, double learningRate = 0.01, double alpha = 0.99, double epsilon = 1e-8, double momentum = 0.0, bool centered = false)
        : base(network, learningRate)
    {
        Alpha = HyperparameterGuard.DecayRate(alpha, nameof(alpha));
        Epsilon = HyperparameterGuard.Positive(epsilon, nameof(epsilon));
        Momentum = HyperparameterGuard.DecayRate(momentum, nameof(momentum));
        Centered = centered;
        _squareAverage = new double[ParameterCount];
        _gradientAverage = new double[ParameterCount];
        _momentumBuffer = new double[ParameterCount];
    }

    /// <summary>The decay α of the running averages.</summary>
    public double Alpha { get; }

    /// <summary>The ε added to the root.</summary>
    public double Epsilon { get; }

    /// <summary>The momentum μ; 0 for none.</summary>
    public double Momentum { get; }

    /// <summary>Whether steps divide by the root of the estimated variance (v − ḡ²) rather than of v.</summary>
    public bool Centered { get; }

    /// <inheritdoc/>
    public override void Reset()
    {
        base.Reset();
        Array.Clear(_squareAverage, 0, _squareAverage.Length);
        Array.Clear(_gradientAverage, 0, _gradientAverage.Length);
        Array.Clear(_momentumBuffer, 0, _momentumBuffer.Length);
    }

    /// <inheritdoc/>
    internal override OptimizerKind Kind => OptimizerKind.RmsProp;

    /// <inheritdoc/>
    internal override double[][] StateVectors => [_squareAverage, _gradientAverage, _momentumBuffer];

    /// <inheritdoc/>
    internal override bool UpdatesByRange => true;

    /// <inheritdoc/>
    protected override void ComputeUpdate(ReadOnlySpan<double> gradient, Span<double> update) => UpdateRange(0, gradient, update);

    /// <inheritdoc/>
    internal override void UpdateRange(int start, ReadOnlySpan<double> gradient, Span<double> update)
    {
        double learningRate = CurrentLearningRate;
        double alpha = Alpha;
        double epsilon = Epsilon;
        double momentum = Momentum;
        Span<double> v = _squareAverage.AsSpan(start, gradient.Length);
        Span<double> mean = _gradientAverage.AsSpan(start, gradient.Length);
        Span<double> buffer = _momentumBuffer.AsSpan(start, gradient.Length);
        for (int i = 0; i < gradient.Length; i++)
        {
            double g = gradient[i];
            v[i] = (alpha * v[i]) + ((1.0 - alpha) * g * g);
            double variance = v[i];
            if (Centered)
            {
                mean[i] = (alpha * mean[i]) + ((1.0 - alpha) * g);
                // Never below zero in exact arithmetic (an average of squares exceeds the square of the average);
                // rounding could make it −0.000…1, whose root is NaN.
                variance = Math.Max(variance - (mean[i] * mean[i]), 0.0);
            }

            double scaled = g / (Math.Sqrt(variance) + epsilon);
            if (momentum > 0.0)
            {
                buffer[i] = (momentum * buffer[i]) + scaled;
                update[i] = learningRate * buffer[i];
            }
            else
            {
                update[i] = learningRate * scaled;
            }
        }
    }
}
