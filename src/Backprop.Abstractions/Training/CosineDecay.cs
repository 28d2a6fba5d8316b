using System;
using static System.FormattableString;

namespace Backprop.Training;

/// <summary>
/// Cosine annealing with a linear warm-up: the factor rises linearly to 1 over <see cref="WarmupSteps"/>
/// steps, then falls along half a cosine to <see cref="MinFactor"/> at <see cref="TotalSteps"/>, and stays there.
/// </summary>
/// <remarks>
/// <para>
/// With w = <see cref="WarmupSteps"/>, T = <see cref="TotalSteps"/> and m = <see cref="MinFactor"/>, the factor
/// of step t (from 1) is t/w for t ≤ w; m + (1 − m)·(1 + cos(π·(t − w)/(T − w)))/2 for w &lt; t ≤ T; and m after T.
/// Without warm-up this is PyTorch's <c>CosineAnnealingLR</c> with η_min = m·η, counted per mini-batch.
/// </para>
/// <para>
/// The cosine is the library's own (a polynomial in double, + − × ÷ only, after reduction to a quarter period),
/// within 2⁻⁵⁰ ≈ 9·10⁻¹⁶ of the true value, and the same bits on every machine, which <see cref="Math.Cos"/> does
/// not promise.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var optimizer = new Adam(network, learningRate: 0.01) { Schedule = new CosineDecay(totalSteps: 2000, warmupSteps: 100, minFactor: 0.01) };
/// </code>
/// </example>
public sealed class CosineDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="totalSteps">The step at which the factor reaches <paramref name="minFactor"/>; greater than <paramref name="warmupSteps"/>.</param>
    /// <param name="warmupSteps">The steps of linear warm-up, at least 0. Default 0 (none).</param>
    /// <param name="minFactor">The final factor, at least 0 and less than 1. Default 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range; the message names it.</exception>
    public CosineDecay(long totalSteps, long warmupSteps = 0, double minFactor = 0.0)
    {
        if (warmupSteps < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, Invariant($"'warmupSteps' must be at least 0, but was {warmupSteps}."));
        }

        if (totalSteps <= warmupSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, Invariant($"'totalSteps' must be greater than 'warmupSteps' = {warmupSteps}, but was {totalSteps}."));
        }

        TotalSteps = totalSteps;
        WarmupSteps = warmupSteps;
        MinFactor = HyperparameterGuard.DecayRate(minFactor, nameof(minFactor));
    }

    /// <summary>The step at which the factor reaches <see cref="MinFactor"/>.</summary>
    public long TotalSteps { get; }

    /// <summary>The steps of linear warm-up.</summary>
    public long WarmupSteps { get; }

    /// <summary>The factor at and after <see cref="TotalSteps"/>.</summary>
    public double MinFactor { get; }

    /// <inheritdoc/>
    internal override ScheduleKind Kind => ScheduleKind.CosineDecay;

    /// <inheritdoc/>
    private protected override double NextFactor(long step)
    {
        if (step <= WarmupSteps)
        {
            return (double)step / WarmupSteps;
        }

        if (step >= TotalSteps)
        {
            return MinFactor;
        }

        double x = (double)(step - WarmupSteps) / (TotalSteps - WarmupSteps);
        return MinFactor + ((1.0 - MinFactor) * (1.0 + ExactCosine.CosPi(x)) * 0.5);
    }
}
