using System;

namespace Backprop.Training;

/// <summary>
/// A learning-rate schedule: a factor that the optimizer it is set on (<see cref="Optimizer.Schedule"/>) multiplies
/// its <see cref="Optimizer.LearningRate"/> by at each step. The schedules of this library are
/// <see cref="StepDecay"/>, <see cref="ExponentialDecay"/>, <see cref="CosineDecay"/> and <see cref="ReduceOnPlateau"/>.
/// </summary>
/// <remarks>
/// <para>
/// A schedule counts the steps it has been consulted for (<see cref="StepCount"/>) and keeps whatever else it
/// needs (a running product, a plateau's state); a trainer's checkpoint saves and restores all of it, so a
/// resumed run gets the very same factors. Each step costs a few multiplications and allocates nothing.
/// Factors are computed with + − × ÷ and square roots only, in a fixed order, so they are the same bits on
/// every machine.
/// </para>
/// <para>Steps are optimizer steps, i.e. mini-batches: a trainer takes ⌈rows / <see cref="Trainer{T}.BatchSize"/>⌉ per epoch.</para>
/// </remarks>
/// <example>
/// <code>
/// var optimizer = new Adam(network, learningRate: 0.01) { Schedule = new CosineDecay(totalSteps: 1000, warmupSteps: 50) };
/// </code>
/// </example>
public abstract class LearningRateSchedule
{
    // Only this library's schedules: a checkpoint knows how to save each of them.
    private protected LearningRateSchedule()
    {
    }

    /// <summary>The number of steps this schedule has given a factor for since it was made or reset.</summary>
    public long StepCount { get; private set; }

    /// <summary>The factor of the last step (1 before the first step).</summary>
    public double Factor { get; private set; } = 1.0;

    /// <summary>The optimizer this schedule is set on, if any.</summary>
    internal Optimizer? Owner { get; set; }

    /// <summary>What a checkpoint calls this schedule.</summary>
    internal abstract ScheduleKind Kind { get; }

    /// <summary>Starts the schedule over, as if it were new.</summary>
    public virtual void Reset()
    {
        StepCount = 0;
        Factor = 1.0;
    }

    /// <summary>Moves to the next step and returns its factor.</summary>
    internal double Advance()
    {
        StepCount++;
        Factor = NextFactor(StepCount);
        return Factor;
    }

    /// <summary>The factor of step <paramref name="step"/> (from 1), called once per step, in order.</summary>
    private protected abstract double NextFactor(long step);

    /// <summary>Tells the schedule the monitored metric of an epoch that has ended; only <see cref="ReduceOnPlateau"/> uses it.</summary>
    internal virtual void EndEpoch(double metric)
    {
    }

    /// <summary>The state beyond <see cref="StepCount"/> and <see cref="Factor"/>, as a checkpoint saves it.</summary>
    internal virtual double[] GetState() => [];

    /// <summary>Null when <paramref name="state"/> can be this schedule's; otherwise what is wrong with it.</summary>
    internal virtual string? CheckState(ReadOnlySpan<double> state) =>
        state.Length == 0 ? null : FormattableString.Invariant($"{GetType().Name} keeps no state beyond its step, but the checkpoint holds {state.Length} values");

    /// <summary>Restores a checked state.</summary>
    internal virtual void SetState(ReadOnlySpan<double> state)
    {
    }

    /// <summary>Restores the step count and the last factor.</summary>
    internal void SetPosition(long stepCount, double factor)
    {
        StepCount = stepCount;
        Factor = factor;
    }
}
