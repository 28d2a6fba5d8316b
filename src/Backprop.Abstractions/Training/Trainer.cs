using System;
using System.Diagnostics;
using System.Threading;
using Backprop.CompilerServices;
using Backprop.Evaluation;
using static System.FormattableString;

namespace Backprop.Training;

/// <summary>
/// Trains a network on a data set with an <see cref="Training.Optimizer"/>: epochs of shuffled mini-batches,
/// progress after each epoch, an optional target loss, cancellation between batches.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>: the network's number type.</typeparam>
/// <remarks>
/// <para>
/// A batch's gradient is the mean of its rows' <see cref="INeuralNetwork{T}.Backward"/> gradients (summed in
/// <typeparamref name="T"/>, then scaled by 1/m inside the optimizer), followed by one optimizer step. The rows
/// are visited in an order shuffled by Fisher–Yates at the start of each epoch, from <see cref="Seed"/>; when
/// the batch size does not divide the number of rows, the last batch of an epoch is smaller. The same network
/// parameters, optimizer state, data and settings give the same result, bit for bit, on every run.
/// </para>
/// <para>
/// Buffers (gradient, a copy of the parameters, the row order) are allocated when the trainer is made or when
/// <see cref="Train"/> starts; batches and epochs allocate nothing, except what an <see cref="IProgress{T}"/>
/// does with its reports.
/// </para>
/// <para>
/// Before each step the trainer copies the parameters. If a step makes a parameter NaN or infinite, or the
/// loss of a later row is no longer finite, it puts back the last parameters whose loss was finite and
/// throws <see cref="TrainingDivergedException"/> naming the epoch and the batch. So does an epoch whose row
/// losses, each finite, add up past <see cref="double.MaxValue"/>: an epoch's loss is never infinite.
/// </para>
/// <para>
/// Cancellation is checked before each batch and throws <see cref="OperationCanceledException"/>, the usual
/// .NET contract; the network then holds the parameters after the last whole batch, and the progress
/// reports received so far say how far training got.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var trainer = new Trainer&lt;float&gt;(network, new Adam(network, learningRate: 0.01)) { BatchSize = 16, Seed = 1 };
/// TrainingResult result = trainer.Train(inputs, targets, epochs: 200,
///     new SynchronousProgress&lt;TrainingProgress&gt;(p =&gt; Console.WriteLine(p)));
/// </code>
/// </example>
public sealed class Trainer<T>
    where T : unmanaged
{
    private readonly Scalar<T> _scalar;
    private readonly ClassificationRule _rule;
    private readonly T[] _gradient;
    private readonly T[] _backup;
    private readonly T[] _output;
    private int[] _order = [];
    private int _batchSize = 32;
    private double? _targetLoss;

    /// <summary>Creates a trainer for <paramref name="network"/> that steps with <paramref name="optimizer"/>.</summary>
    /// <param name="network">The network to train; its parameters change in place.</param>
    /// <param name="optimizer">The optimizer, made for this network (or one of the same shape).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The optimizer was made for a different number of parameters.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public Trainer(INeuralNetwork<T> network, Optimizer optimizer)
    {
        Network = network ?? throw new ArgumentNullException(nameof(network));
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        if (optimizer.ParameterCount != network.ParameterCount)
        {
            throw new ArgumentException(
                Invariant($"The optimizer updates {optimizer.ParameterCount} parameters, but the network has ParameterCount = {network.ParameterCount}. Create the optimizer for this network."),
                nameof(optimizer));
        }

        _scalar = Scalar<T>.Instance;
        _rule = Classification.RuleOf(network);
        _gradient = new T[network.ParameterCount];
        _backup = new T[network.ParameterCount];
        _output = new T[network.OutputSize];
    }

    /// <summary>The network being trained.</summary>
    public INeuralNetwork<T> Network { get; }

    /// <summary>The optimizer that turns each batch's gradient into a step.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The number of rows per mini-batch, at least 1; default 32. A batch size of at least the number of rows makes one batch per epoch.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public int BatchSize
    {
        get => _batchSize;
        set => _batchSize = HyperparameterGuard.AtLeastOne(value, nameof(BatchSize));
    }

    /// <summary>The seed of the row shuffling; default 0. Each call to <see cref="Train"/> starts the sequence anew.</summary>
    public int Seed { get; set; }

    /// <summary>Whether rows are shuffled at the start of each epoch; default true. When false, batches follow the data's order.</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>
    /// Training stops after the first epoch whose mean loss is at or below this value; null (the default)
    /// runs every epoch.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite.</exception>
    public double? TargetLoss
    {
        get => _targetLoss;
        set => _targetLoss = value is double v && !NetworkGuard.IsFinite(v)
            ? throw new ArgumentOutOfRangeException(nameof(TargetLoss), v, Invariant($"'TargetLoss' must be finite (or null for none), but was {v}."))
            : value;
    }

    /// <summary>
    /// Whether to measure the training accuracy of a classifier (softmax output, or a single sigmoid output) after
    /// each reported epoch and at the end: one extra forward pass over the data. Default true.
    /// </summary>
    public bool MeasureAccuracy { get; set; } = true;

    /// <summary>Trains the network for up to <paramref name="epochs"/> epochs over the data set.</summary>
    /// <param name="inputs">The inputs, row after row: a multiple of <see cref="INeuralNetwork.InputSize"/> values.</param>
    /// <param name="targets">The expected outputs, row after row: <see cref="INeuralNetwork.OutputSize"/> values for each input row.</param>
    /// <param name="epochs">The most epochs to run, at least 1.</param>
    /// <param name="progress">Receives a <see cref="TrainingProgress"/> after every epoch, on the training thread; may be null.</param>
    /// <param name="cancellationToken">Checked before each batch.</param>
    /// <returns>The number of epochs run, the last loss and accuracy, and why training stopped.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="inputs"/> or <paramref name="targets"/> does not fit the network or the other, or holds a NaN or infinity; nothing was changed.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochs"/> is less than 1.</exception>
    /// <exception cref="TrainingDivergedException">The loss or the parameters stopped being finite; the parameters were restored.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public TrainingResult Train(
        ReadOnlySpan<T> inputs,
        ReadOnlySpan<T> targets,
        int epochs,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        HyperparameterGuard.AtLeastOne(epochs, nameof(epochs));
        int rows = DataSetGuard.CountRows(Network, inputs, targets);
        if (_order.Length != rows)
        {
            _order = new int[rows];
        }

        RowShuffle.Identity(_order);
        var random = new DeterministicRandom(Seed);
        int batchSize = Math.Min(_batchSize, rows);
        var run = new Run((rows + batchSize - 1) / batchSize);
        long start = Stopwatch.GetTimestamp();
        bool measureAccuracy = MeasureAccuracy && _rule != ClassificationRule.None;
        double loss = double.NaN;
        double? accuracy = null;
        var reason = TrainingStopReason.EpochsCompleted;
        int epoch = 0;
        while (epoch < epochs)
        {
            epoch++;
            if (Shuffle)
            {
                RowShuffle.Shuffle(_order, ref random);
            }

            var epochCost = default(LossSum);
            for (int batch = 1; batch <= run.Batches; batch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int first = (batch - 1) * batchSize;
                ReadOnlySpan<int> batchRows = _order.AsSpan(first, Math.Min(batchSize, rows - first));
                TrainBatch(inputs, targets, batchRows, epoch, batch, ref run, ref epochCost);
            }

            // Every row's cost is finite and so is their sum (TrainBatch checks both).
            loss = epochCost.Mean(rows);
            accuracy = null;
            if (progress is not null)
            {
                accuracy = measureAccuracy ? Accuracy(inputs, targets, rows) : null;
                progress.Report(new TrainingProgress(epoch, epochs, loss, accuracy, Since(start)));
            }

            if (_targetLoss is double target && loss <= target)
            {
                reason = TrainingStopReason.TargetLossReached;
                break;
            }
        }

        if (measureAccuracy && accuracy is null)
        {
            accuracy = Accuracy(inputs, targets, rows);
        }

        return new TrainingResult(epoch, loss, accuracy, reason, Since(start));
    }

    private static TimeSpan Since(long start) =>
        TimeSpan.FromTicks((long)((Stopwatch.GetTimestamp() - start) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));

    /// <summary>Backpropagates the batch's rows, adds their costs to <paramref name="epochCost"/>, and takes one step.</summary>
    private void TrainBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, ReadOnlySpan<int> rows, int epoch, int batch, ref Run run, ref LossSum epochCost)
    {
        INeuralNetwork<T> network = Network;
        int inputSize = network.InputSize;
        int outputSize = network.OutputSize;
        Span<T> gradient = _gradient;
        gradient.Clear();
        foreach (int row in rows)
        {
            double cost;
            try
            {
                cost = _scalar.ToDouble(network.Backward(inputs.Slice(row * inputSize, inputSize), targets.Slice(row * outputSize, outputSize), gradient));
            }
            catch (InvalidOperationException e)
            {
                // The data are finite (checked up front), so the parameters produced an output that overflowed.
                throw LossNotFinite(Invariant($"the loss of data row {row} is not finite (the inner exception says why)"), epoch, batch, in run, e);
            }

            // Generated networks throw instead; a network written by hand may return the cost as it is.
            if (!NetworkGuard.IsFinite(cost))
            {
                throw LossNotFinite(Invariant($"the loss of data row {row} is {cost}"), epoch, batch, in run, null);
            }

            epochCost.Add(cost);
            if (epochCost.Overflowed)
            {
                // Each row's loss is finite, but together they are not: the epoch's loss would be +∞.
                throw LossNotFinite(Invariant($"the losses of the epoch's rows add up past {double.MaxValue} at data row {row}, whose loss is {cost}"), epoch, batch, in run, null);
            }
        }

        Span<T> parameters = network.Parameters;
        parameters.CopyTo(_backup);
        _scalar.Step(Optimizer, parameters, gradient, 1.0 / rows.Length);
        int bad = _scalar.IndexOfNonFinite(parameters);
        if (bad >= 0)
        {
            double value = _scalar.ToDouble(parameters[bad]);
            _backup.CopyTo(parameters);
            throw new TrainingDivergedException(
                Invariant($"Training diverged in epoch {epoch}, batch {batch} of {run.Batches}: the step turned parameter {bad} into {value} (the gradient's norm was {Optimizer.LastGradientNorm}). The parameters were restored to their values before that step. Lower the learning rate, or set the optimizer's MaxGradientNorm."),
                epoch,
                batch,
                null);
        }

        run.LastStepEpoch = epoch;
        run.LastStepBatch = batch;
    }

    private TrainingDivergedException LossNotFinite(string what, int epoch, int batch, in Run run, Exception? inner)
    {
        string restored;
        if (run.LastStepEpoch == 0)
        {
            restored = "No step had been taken yet, so the parameters are as they were given.";
        }
        else
        {
            // The last step produced the parameters whose loss is not finite: go back to those before it.
            _backup.CopyTo(Network.Parameters);
            restored = Invariant($"The parameters were restored to their values before the step of epoch {run.LastStepEpoch}, batch {run.LastStepBatch}, the last ones whose loss was finite. Lower the learning rate, or set the optimizer's MaxGradientNorm.");
        }

        return new TrainingDivergedException(
            Invariant($"Training diverged in epoch {epoch}, batch {batch} of {run.Batches}: {what}. {restored}"),
            epoch,
            batch,
            inner);
    }

    private double Accuracy(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int rows) =>
        (double)Classification.CountCorrect(Network, inputs, targets, rows, _rule, _output) / rows;

    /// <summary>The shape of one call to <see cref="Train"/>, and where its last step was.</summary>
    private struct Run
    {
        public Run(int batches)
        {
            Batches = batches;
            LastStepEpoch = 0;
            LastStepBatch = 0;
        }

        public int Batches { get; }

        public int LastStepEpoch { get; set; }

        public int LastStepBatch { get; set; }
    }
}
