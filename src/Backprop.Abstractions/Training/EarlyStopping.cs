using System;
using static System.FormattableString;

namespace Backprop.Training;

/// <summary>
/// Stops training when a validation metric has not improved for <see cref="Patience"/> epochs in a row, and
/// gives the network back the parameters of its best epoch, bit for bit (Keras's <c>EarlyStopping</c> with
/// <c>restore_best_weights=True</c>).
/// </summary>
/// <remarks>
/// An epoch improves on the best so far when its metric is lower by more than <see cref="MinDelta"/> (loss) or
/// higher by more than <see cref="MinDelta"/> (accuracy); the first epoch is always the best so far. The trainer
/// copies the parameters at each new best epoch (no allocation) and puts them back when training ends, however
/// it ends (early stop, all epochs run, target loss). Needs the <see cref="Trainer{T}"/> overload of
/// <c>Train</c> with a validation set.
/// </remarks>
/// <example>
/// <code>
/// trainer.EarlyStopping = new EarlyStopping(ValidationMetric.Loss, patience: 20, minDelta: 1e-4);
/// </code>
/// </example>
public sealed class EarlyStopping
{
    /// <summary>Creates the rule.</summary>
    /// <param name="monitor">The metric to watch. Default <see cref="ValidationMetric.Loss"/>.</param>
    /// <param name="patience">How many epochs in a row without improvement stop training, at least 1. Default 10.</param>
    /// <param name="minDelta">The smallest change that counts as an improvement, finite and at least 0. Default 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range; the message names it.</exception>
    public EarlyStopping(ValidationMetric monitor = ValidationMetric.Loss, int patience = 10, double minDelta = 0.0)
    {
        if (monitor is not ValidationMetric.Loss and not ValidationMetric.Accuracy)
        {
            throw new ArgumentOutOfRangeException(nameof(monitor), monitor, Invariant($"'monitor' must be ValidationMetric.Loss or ValidationMetric.Accuracy, but was {(int)monitor}."));
        }

        Monitor = monitor;
        Patience = HyperparameterGuard.AtLeastOne(patience, nameof(patience));
        MinDelta = HyperparameterGuard.NotNegative(minDelta, nameof(minDelta));
    }

    /// <summary>The metric watched.</summary>
    public ValidationMetric Monitor { get; }

    /// <summary>How many epochs in a row without improvement stop training.</summary>
    public int Patience { get; }

    /// <summary>The smallest change that counts as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Whether <paramref name="value"/> improves on <paramref name="best"/>; also picks the best epoch without early stopping (loss, any decrease).</summary>
    internal static bool IsImprovement(ValidationMetric monitor, double minDelta, double value, double best) =>
        monitor == ValidationMetric.Accuracy ? value > best + minDelta : value < best - minDelta;
}
