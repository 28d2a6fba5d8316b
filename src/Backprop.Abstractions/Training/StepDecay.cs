namespace Backprop.Training;

/// <summary>
/// Multiplies the learning rate by γ every <see cref="StepSize"/> steps: the factor of step t (from 1) is
/// γ^⌊(t − 1) / StepSize⌋, as PyTorch's <c>StepLR</c> with steps counted per mini-batch.
/// </summary>
/// <remarks>
/// The power is a running product: the factor is multiplied by γ once at each step that begins a new period
/// (steps StepSize + 1, 2·StepSize + 1, …), so step t's factor is γ·γ·…·γ in that order, the same bits everywhere.
/// </remarks>
/// <example>
/// <code>
/// var optimizer = new MomentumSgd(network, learningRate: 0.1) { Schedule = new StepDecay(stepSize: 500, gamma: 0.5) };
/// </code>
/// </example>
public sealed class StepDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="stepSize">The number of steps between two decays, at least 1.</param>
    /// <param name="gamma">The factor of each decay, greater than 0 and at most 1. Default 0.1, PyTorch's.</param>
    /// <exception cref="System.ArgumentOutOfRangeException">A setting is outside its range; the message names it.</exception>
    public StepDecay(int stepSize, double gamma = 0.1)
    {
        StepSize = HyperparameterGuard.AtLeastOne(stepSize, nameof(stepSize));
        Gamma = HyperparameterGuard.UnitFactor(gamma, nameof(gamma));
    }

    /// <summary>The number of steps between two decays.</summary>
    public int StepSize { get; }

    /// <summary>The factor of each decay, γ.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    internal override ScheduleKind Kind => ScheduleKind.StepDecay;

    /// <inheritdoc/>
    private protected override double NextFactor(long step) =>
        step > 1 && (step - 1) % StepSize == 0 ? Factor * Gamma : Factor;
}
