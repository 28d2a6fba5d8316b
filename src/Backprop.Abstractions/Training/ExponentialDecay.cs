namespace Backprop.Training;

/// <summary>
/// Multiplies the learning rate by γ at every step after the first: the factor of step t (from 1) is γ^(t − 1),
/// as PyTorch's <c>ExponentialLR</c> with steps counted per mini-batch.
/// </summary>
/// <remarks>The power is a running product, multiplied by γ once per step, so it is the same bits everywhere.</remarks>
/// <example>
/// <code>
/// var optimizer = new Adam(network, learningRate: 0.01) { Schedule = new ExponentialDecay(gamma: 0.999) };
/// </code>
/// </example>
public sealed class ExponentialDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="gamma">The factor per step, greater than 0 and at most 1.</param>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="gamma"/> is outside (0, 1].</exception>
    public ExponentialDecay(double gamma)
    {
        Gamma = HyperparameterGuard.UnitFactor(gamma, nameof(gamma));
    }

    /// <summary>The factor per step, γ.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    internal override ScheduleKind Kind => ScheduleKind.ExponentialDecay;

    /// <inheritdoc/>
    private protected override double NextFactor(long step) => step > 1 ? Factor * Gamma : Factor;
}
