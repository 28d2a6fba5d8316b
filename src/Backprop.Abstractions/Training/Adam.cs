using System;

namespace Backprop.Training;

/// <summary>
/// Adam (Kingma and Ba, 2015): per-parameter steps from running averages of the gradient and of its square,
/// with bias correction. At step t: m ← β₁·m + (1 − β₁)·g, v ← β₂·v + (1 − β₂)·g², m̂ = m / (1 − β₁ᵗ),
/// v̂ = v / (1 − β₂ᵗ), θ ← θ − η·m̂ / (√v̂ + ε).
/// </summary>
/// <remarks>
/// <para>
/// β₁ᵗ and β₂ᵗ are kept as running products, multiplied by β once per step (not computed with a power
/// function, whose last bit may differ between runtimes), so the bias correction is the same on every machine.
/// </para>
/// <para>
/// <see cref="Optimizer.WeightDecay"/> is the classic L2 form: λ·θ is added to the gradient before the
/// moments, as in PyTorch's <c>Adam(weight_decay=…)</c> (not AdamW's decoupled decay).
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var optimizer = new Adam(network, learningRate: 0.01);
/// </code>
/// </example>
public sealed class Adam : Optimizer
{
    private readonly double[] _firstMoment;
    private readonly double[] _secondMoment;
    private double _beta1Power = 1.0;
    private double _beta2Power = 1.0;

    /// <summary>Creates Adam for <paramref name="network"/>'s parameters.</summary>
    /// <param name="network">The network whose parameters the optimizer will update (or one of the same shape).</param>
    /// <param name="learningRate">The step size η: finite and greater than zero. Default 0.001, the paper's.</param>
    /// <param name="beta1">The decay β₁ of the gradient's running average, in [0, 1). Default 0.9.</param>
    /// <param name="beta2">The decay β₂ of the squared gradient's running average, in [0, 1). Default 0.999.</param>
    /// <param name="epsilon">The ε that keeps the division finite: finite and greater than zero. Default 1e-8.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range; the message names it.</exception>
    public Adam(INeuralNetwork network, double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : base(network, learningRate)
    {
        Beta1 = HyperparameterGuard.DecayRate(beta1, nameof(beta1));
        Beta2 = HyperparameterGuard.DecayRate(beta2, nameof(beta2));
        Epsilon = HyperparameterGuard.Positive(epsilon, nameof(epsilon));
        _firstMoment = new double[ParameterCount];
        _secondMoment = new double[ParameterCount];
    }

    /// <summary>The decay β₁ of the running average of the gradient.</summary>
    public double Beta1 { get; }

    /// <summary>The decay β₂ of the running average of the squared gradient.</summary>
    public double Beta2 { get; }

    /// <summary>The ε added to √v̂.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    public override void Reset()
    {
        base.Reset();
        Array.Clear(_firstMoment, 0, _firstMoment.Length);
        Array.Clear(_secondMoment, 0, _secondMoment.Length);
        _beta1Power = 1.0;
        _beta2Power = 1.0;
    }

    /// <inheritdoc/>
    internal override OptimizerKind Kind => OptimizerKind.Adam;

    /// <inheritdoc/>
    internal override double[][] StateVectors => [_firstMoment, _secondMoment];

    /// <inheritdoc/>
    internal override double[] GetStateScalars() => [_beta1Power, _beta2Power];

    /// <inheritdoc/>
    internal override string? CheckStateScalars(ReadOnlySpan<double> values) =>
        values.Length != 2 ? FormattableString.Invariant($"Adam keeps β₁ᵗ and β₂ᵗ, but the checkpoint holds {values.Length} values")
        : !(values[0] >= 0.0 && values[0] <= 1.0) || !(values[1] >= 0.0 && values[1] <= 1.0) ? FormattableString.Invariant($"β₁ᵗ = {values[0]} and β₂ᵗ = {values[1]} must be in [0, 1]")
        : null;

    /// <inheritdoc/>
    internal override void SetStateScalars(ReadOnlySpan<double> values)
    {
        _beta1Power = values[0];
        _beta2Power = values[1];
    }

    /// <inheritdoc/>
    internal override bool UpdatesByRange => true;

    /// <inheritdoc/>
    protected override void ComputeUpdate(ReadOnlySpan<double> gradient, Span<double> update)
    {
        BeginUpdate();
        UpdateRange(0, gradient, update);
    }

    /// <inheritdoc/>
    internal override void BeginUpdate()
    {
        // The averages start at zero, so early ones are biased towards it by the factor 1 − βᵗ.
        _beta1Power *= Beta1;
        _beta2Power *= Beta2;
    }

    /// <inheritdoc/>
    internal override void UpdateRange(int start, ReadOnlySpan<double> gradient, Span<double> update)
    {
        double learningRate = CurrentLearningRate;
        double beta1 = Beta1;
        double beta2 = Beta2;
        double epsilon = Epsilon;
        double firstCorrection = 1.0 - _beta1Power;
        double secondCorrection = 1.0 - _beta2Power;
        Span<double> m = _firstMoment.AsSpan(start, gradient.Length);
        Span<double> v = _secondMoment.AsSpan(start, gradient.Length);
        for (int i = 0; i < gradient.Length; i++)
        {
            double g = gradient[i];
            m[i] = (beta1 * m[i]) + ((1.0 - beta1) * g);
            v[i] = (beta2 * v[i]) + ((1.0 - beta2) * g * g);
            double mHat = m[i] / firstCorrection;
            double vHat = v[i] / secondCorrection;
            update[i] = learningRate * mHat / (Math.Sqrt(vHat) + epsilon);
        }
    }
}
