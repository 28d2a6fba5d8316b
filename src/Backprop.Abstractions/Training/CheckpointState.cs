using System;
using Backprop.Serialization;
using static System.FormattableString;

namespace Backprop.Training;

/// <summary>
/// Everything a checkpoint holds, read and checked in full before any of it is applied: loading either changes
/// the network, optimizer, schedule and trainer together or changes nothing.
/// </summary>
/// <typeparam name="T">The network's number type.</typeparam>
internal sealed class CheckpointState<T>
    where T : unmanaged
{
    public CheckpointState(NetworkWeights weights, ulong? dropoutState, OptimizerState optimizer, ScheduleState schedule, int epoch, ulong shuffleState, int[] order, BestEpoch best, T[]? bestParameters)
    {
        Weights = weights;
        DropoutState = dropoutState;
        Optimizer = optimizer;
        Schedule = schedule;
        Epoch = epoch;
        ShuffleState = shuffleState;
        Order = order;
        Best = best;
        BestParameters = bestParameters;
    }

    public NetworkWeights Weights { get; }

    public ulong? DropoutState { get; }

    public OptimizerState Optimizer { get; }

    public ScheduleState Schedule { get; }

    /// <summary>The epoch the checkpoint was written after, from 1.</summary>
    public int Epoch { get; }

    public ulong ShuffleState { get; }

    /// <summary>The row order after the last epoch's shuffle (each epoch shuffles the previous order).</summary>
    public int[] Order { get; }

    public BestEpoch Best { get; }

    /// <summary>The best epoch's parameters, when early stopping kept them; otherwise null.</summary>
    public T[]? BestParameters { get; }

    /// <summary>Puts the network's, optimizer's and schedule's parts in place; all were checked against them on reading.</summary>
    public void ApplyTo(INeuralNetwork<T> network, Optimizer optimizer)
    {
        Weights.CopyTo(network);
        if (network is IDropoutNetwork dropout && DropoutState is ulong state)
        {
            dropout.DropoutRandom = new DeterministicRandom { State = state };
        }

        Optimizer.ApplyTo(optimizer);
        if (optimizer.Schedule is LearningRateSchedule schedule)
        {
            Schedule.ApplyTo(schedule);
        }
    }

    /// <summary>Throws unless the data set, epoch count and early stopping given to Train can continue this run.</summary>
    public void CheckFits(int rows, int epochs, bool earlyStopping)
    {
        if (earlyStopping && Best.Exists && BestParameters is null)
        {
            // The best epoch's parameters were not kept, so they could not be restored at the end.
            throw new ArgumentException(
                Invariant($"EarlyStopping is set, but the checkpoint resumed from was written without it: it records best epoch {Best.Report.Epoch} but not its parameters. Resume with EarlyStopping set to null, or start the run anew."),
                nameof(Trainer<T>.EarlyStopping));
        }

        if (rows != Order.Length)
        {
            throw new ArgumentException(
                Invariant($"The checkpoint resumed from was taken training on {Order.Length} rows, but 'inputs' has {rows}. Resume with the same training set."),
                "inputs");
        }

        if (epochs <= Epoch)
        {
            throw new ArgumentOutOfRangeException(
                nameof(epochs),
                epochs,
                Invariant($"'epochs' is the total number of epochs, and must be more than the {Epoch} the checkpoint resumed from has run, but was {epochs}."));
        }
    }
}

/// <summary>An optimizer's saved state.</summary>
internal sealed class OptimizerState
{
    public OptimizerState(OptimizerKind kind, long stepCount, double lastGradientNorm, double currentLearningRate, double[] scalars, double[][] vectors)
    {
        Kind = kind;
        StepCount = stepCount;
        LastGradientNorm = lastGradientNorm;
        CurrentLearningRate = currentLearningRate;
        Scalars = scalars;
        Vectors = vectors;
    }

    public OptimizerKind Kind { get; }

    public long StepCount { get; }

    public double LastGradientNorm { get; }

    public double CurrentLearningRate { get; }

    public double[] Scalars { get; }

    public double[][] Vectors { get; }

    public static OptimizerState Of(Optimizer optimizer) =>
        new(optimizer.Kind, optimizer.StepCount, optimizer.LastGradientNorm, optimizer.CurrentLearningRate, optimizer.GetStateScalars(), optimizer.StateVectors);

    public void ApplyTo(Optimizer optimizer)
    {
        optimizer.SetStepState(StepCount, LastGradientNorm, CurrentLearningRate);
        optimizer.SetStateScalars(Scalars);
        double[][] live = optimizer.StateVectors;
        for (int i = 0; i < live.Length; i++)
        {
            Vectors[i].CopyTo(live[i], 0);
        }
    }
}

/// <summary>A learning-rate schedule's saved position and state (<see cref="ScheduleKind.None"/> without a schedule).</summary>
internal sealed class ScheduleState
{
    public ScheduleState(ScheduleKind kind, long stepCount, double factor, double[] values)
    {
        Kind = kind;
        StepCount = stepCount;
        Factor = factor;
        Values = values;
    }

    public ScheduleKind Kind { get; }

    public long StepCount { get; }

    public double Factor { get; }

    public double[] Values { get; }

    public static ScheduleState Of(LearningRateSchedule? schedule) =>
        schedule is null ? new(ScheduleKind.None, 0, 1.0, []) : new(schedule.Kind, schedule.StepCount, schedule.Factor, schedule.GetState());

    public void ApplyTo(LearningRateSchedule schedule)
    {
        schedule.SetPosition(StepCount, Factor);
        schedule.SetState(Values);
    }
}
