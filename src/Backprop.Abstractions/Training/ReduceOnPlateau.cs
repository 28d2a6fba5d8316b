using System;
using Backprop.CompilerServices;
using static System.FormattableString;

namespace Backprop.Training;

/// <summary>
/// Lowers the learning rate when a monitored loss stops improving, as PyTorch's <c>ReduceLROnPlateau</c> (mode
/// "min", relative threshold): after more than <see cref="Patience"/> epochs without improvement the factor is
/// multiplied by <see cref="ReductionFactor"/>, down to <see cref="MinFactor"/>.
/// </summary>
/// <remarks>
/// <para>
/// A <see cref="Trainer{T}"/> calls <see cref="Observe"/> after each epoch with the validation loss, or the
/// training loss when it has no validation set. A loss improves on the best so far when it is below
/// best × (1 − <see cref="Threshold"/>). After a reduction, <see cref="Cooldown"/> epochs are not counted as bad.
/// A reduction smaller than 10⁻⁸ of the learning rate's factor is skipped, as in PyTorch.
/// </para>
/// <para>Between observations the factor is constant: every step of an epoch uses the factor set after the previous epoch.</para>
/// </remarks>
/// <example>
/// <code>
/// var plateau = new ReduceOnPlateau(reductionFactor: 0.5, patience: 5);
/// var optimizer = new Adam(network, learningRate: 0.01) { Schedule = plateau };
/// // … after training: plateau.Reductions says how often it lowered the rate.
/// </code>
/// </example>
public sealed class ReduceOnPlateau : LearningRateSchedule
{
    // PyTorch's eps: a reduction by less than this is not made.
    private const double SmallestChange = 1e-8;

    private double _plateauFactor = 1.0;
    private double _best = double.PositiveInfinity;
    private int _badEpochs;
    private int _cooldownLeft;

    /// <summary>Creates the schedule.</summary>
    /// <param name="reductionFactor">What the factor is multiplied by at a plateau: greater than 0 and less than 1. Default 0.1.</param>
    /// <param name="patience">The epochs without improvement tolerated before a reduction, at least 0. Default 10.</param>
    /// <param name="threshold">The relative improvement that counts, at least 0 and less than 1. Default 1e-4.</param>
    /// <param name="cooldown">The epochs after a reduction that are not counted, at least 0. Default 0.</param>
    /// <param name="minFactor">The smallest factor, at least 0 and less than 1. Default 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range; the message names it.</exception>
    public ReduceOnPlateau(double reductionFactor = 0.1, int patience = 10, double threshold = 1e-4, int cooldown = 0, double minFactor = 0.0)
    {
        ReductionFactor = HyperparameterGuard.UnitFactor(reductionFactor, nameof(reductionFactor));
        if (reductionFactor == 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(reductionFactor), reductionFactor, "'reductionFactor' must be greater than 0 and less than 1, but was 1.");
        }

        Patience = HyperparameterGuard.NotNegative(patience, nameof(patience));
        Threshold = HyperparameterGuard.DecayRate(threshold, nameof(threshold));
        Cooldown = HyperparameterGuard.NotNegative(cooldown, nameof(cooldown));
        MinFactor = HyperparameterGuard.DecayRate(minFactor, nameof(minFactor));
    }

    /// <summary>What the factor is multiplied by at a plateau.</summary>
    public double ReductionFactor { get; }

    /// <summary>The epochs without improvement tolerated before a reduction.</summary>
    public int Patience { get; }

    /// <summary>The relative improvement that counts.</summary>
    public double Threshold { get; }

    /// <summary>The epochs after a reduction that are not counted.</summary>
    public int Cooldown { get; }

    /// <summary>The smallest factor.</summary>
    public double MinFactor { get; }

    /// <summary>The factor the next steps get: 1 until the first reduction.</summary>
    public double PlateauFactor => _plateauFactor;

    /// <summary>How many times the factor was lowered.</summary>
    public int Reductions { get; private set; }

    /// <inheritdoc/>
    internal override ScheduleKind Kind => ScheduleKind.ReduceOnPlateau;

    /// <summary>Takes an epoch's monitored loss, and lowers the factor at a plateau.</summary>
    /// <param name="loss">The loss: finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="loss"/> is NaN or infinite; nothing changed.</exception>
    public void Observe(double loss)
    {
        if (!NetworkGuard.IsFinite(loss))
        {
            throw new ArgumentOutOfRangeException(nameof(loss), loss, Invariant($"'loss' must be finite, but was {loss}."));
        }

        if (loss < _best * (1.0 - Threshold))
        {
            _best = loss;
            _badEpochs = 0;
        }
        else
        {
            _badEpochs++;
        }

        if (_cooldownLeft > 0)
        {
            _cooldownLeft--;
            _badEpochs = 0;
        }

        if (_badEpochs > Patience)
        {
            double lowered = Math.Max(_plateauFactor * ReductionFactor, MinFactor);
            if (_plateauFactor - lowered > SmallestChange)
            {
                _plateauFactor = lowered;
                Reductions++;
            }

            _cooldownLeft = Cooldown;
            _badEpochs = 0;
        }
    }

    /// <inheritdoc/>
    public override void Reset()
    {
        base.Reset();
        _plateauFactor = 1.0;
        _best = double.PositiveInfinity;
        _badEpochs = 0;
        _cooldownLeft = 0;
        Reductions = 0;
    }

    /// <inheritdoc/>
    internal override void EndEpoch(double metric) => Observe(metric);

    /// <inheritdoc/>
    private protected override double NextFactor(long step) => _plateauFactor;

    /// <inheritdoc/>
    internal override double[] GetState() => [_plateauFactor, _best, _badEpochs, _cooldownLeft, Reductions];

    /// <inheritdoc/>
    internal override string? CheckState(ReadOnlySpan<double> state)
    {
        if (state.Length != 5)
        {
            return Invariant($"ReduceOnPlateau keeps 5 values, but the checkpoint holds {state.Length}");
        }

        bool valid = state[0] > 0.0 && state[0] <= 1.0
            && (NetworkGuard.IsFinite(state[1]) || double.IsPositiveInfinity(state[1]))
            && IsCount(state[2]) && IsCount(state[3]) && IsCount(state[4]);
        return valid ? null : Invariant($"the plateau state ({state[0]}, {state[1]}, {state[2]}, {state[3]}, {state[4]}) is out of range");
    }

    /// <inheritdoc/>
    internal override void SetState(ReadOnlySpan<double> state)
    {
        _plateauFactor = state[0];
        _best = state[1];
        _badEpochs = (int)state[2];
        _cooldownLeft = (int)state[3];
        Reductions = (int)state[4];
    }

    private static bool IsCount(double value) => value >= 0 && value <= int.MaxValue && value == Math.Floor(value);
}
