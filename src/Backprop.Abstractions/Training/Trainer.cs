using System;
using System.Diagnostics;
using System.Threading;
using Backprop.CompilerServices;
using Backprop.Evaluation;
using static System.FormattableString;

namespace Backprop.Training;

/// <summary>
/// Trains a network on a data set with an <see cref="Training.Optimizer"/>: epochs of shuffled mini-batches,
/// progress after each epoch, an optional validation set with early stopping, checkpoints to resume from, an
/// optional target loss, cancellation between batches.
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
/// Buffers (gradient, a copy of the parameters, the row order, the best epoch's parameters) are allocated when
/// the trainer is made or when <c>Train</c> starts; batches and epochs allocate nothing, with or without a
/// validation set and a schedule, except what an <see cref="IProgress{T}"/> does with its reports and the
/// writing of a checkpoint (<see cref="Checkpoint"/>).
/// </para>
/// <para>
/// After each epoch, in this order: the training accuracy (when reported), the validation loss and accuracy, the
/// schedule's end of epoch (<see cref="ReduceOnPlateau"/>), the best-epoch and early-stopping bookkeeping, the
/// checkpoint, the progress report, then the checks that stop training. A checkpoint written after epoch k thus
/// holds everything the run needs to continue from k + 1 (<see cref="ResumeFrom"/>).
/// </para>
/// <para>
/// A network with dropout (<see cref="IDropoutNetwork"/>) trains as its <see cref="IDropoutNetwork.DropoutEnabled"/>
/// is set: with dropout for a new network; switched off by the user, without it, bit for bit as the network declared
/// without dropout. The validation loss is measured with dropout off, as <see cref="NetworkEvaluation.MeanLoss"/>
/// measures, and the switch is then put back; the trainer never changes it otherwise, and a checkpoint does not save it.
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
    private readonly TrainerPasses<T> _passes;

    // Whether _gradient holds +0 everywhere: a step by ranges clears each range once it has read it.
    private bool _gradientClear;
    private T[] _batchInputs = [];
    private T[] _batchTargets = [];
    private T[] _costs = [];
    private int[] _order = [];
    private T[] _best = [];
    private CheckpointState<T>? _resume;
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
        _passes = new TrainerPasses<T>(_scalar, optimizer);
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

    /// <summary>
    /// The seed of the row shuffling; default 0. Each call to <c>Train</c> starts the sequence anew, except the
    /// first after <see cref="ResumeFrom"/>, which continues the checkpoint's.
    /// </summary>
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

    /// <summary>
    /// Stops training when the validation metric stops improving, and restores the best epoch's parameters; null
    /// (the default) for none. Needs the overload of <c>Train</c> with a validation set.
    /// </summary>
    public EarlyStopping? EarlyStopping { get; set; }

    /// <summary>Where and when to save checkpoints to resume from (<see cref="ResumeFrom"/>); null (the default) for none.</summary>
    public CheckpointOptions? Checkpoint { get; set; }

    /// <summary>
    /// Threads to share each batch's rows and gradient among (<see cref="INeuralNetwork{T}.BackwardBatch"/>);
    /// null (the default) trains on the calling thread alone. They also share the trainer's own passes: gathering
    /// a shuffled batch's rows, and the step of the library's optimizers, taken by ranges of the parameters (an
    /// optimizer of your own steps on the calling thread, since its update sees the whole gradient). Every step,
    /// loss and parameter is the same to the bit either way. The trainer does not dispose them.
    /// </summary>
    public BatchWorkers? Workers { get; set; }

    // RS0026 guards against a later optional parameter making calls ambiguous. These two overloads cannot be
    // confused: one takes two data spans before epochs, the other four; their optional parameters are the same.
#pragma warning disable RS0026
    /// <summary>Trains the network for up to <paramref name="epochs"/> epochs over the data set.</summary>
    /// <param name="inputs">The inputs, row after row: a multiple of <see cref="INeuralNetwork.InputSize"/> values.</param>
    /// <param name="targets">The expected outputs, row after row: <see cref="INeuralNetwork.OutputSize"/> values for each input row.</param>
    /// <param name="epochs">The most epochs to run, at least 1; after <see cref="ResumeFrom"/>, the total including the epochs already run.</param>
    /// <param name="progress">Receives a <see cref="TrainingProgress"/> after every epoch, on the training thread; may be null.</param>
    /// <param name="cancellationToken">Checked before each batch.</param>
    /// <returns>The number of epochs run, the last loss and accuracy, and why training stopped.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="inputs"/> or <paramref name="targets"/> does not fit the network or the other, or holds a NaN or
    /// infinity; or <see cref="EarlyStopping"/> is set (it needs a validation set); nothing was changed.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochs"/> is less than 1, or not more than the epochs of the checkpoint resumed from.</exception>
    /// <exception cref="NotSupportedException"><see cref="Checkpoint"/> is set and the optimizer is a type of another assembly, whose state a checkpoint cannot save.</exception>
    /// <exception cref="TrainingDivergedException">The loss or the parameters stopped being finite; the parameters were restored.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    /// <exception cref="System.IO.IOException">A checkpoint could not be written; the previous one is intact.</exception>
    public TrainingResult Train(
        ReadOnlySpan<T> inputs,
        ReadOnlySpan<T> targets,
        int epochs,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        TrainOn(new DataSet(inputs, targets, default, default, validate: false), epochs, progress, cancellationToken);

    /// <summary>
    /// Trains the network for up to <paramref name="epochs"/> epochs over the data set, and measures the validation
    /// set after each epoch: its loss and accuracy are reported, pick the best epoch, drive <see cref="EarlyStopping"/>
    /// and <see cref="ReduceOnPlateau"/>, and are never trained on.
    /// </summary>
    /// <param name="inputs">The training inputs, row after row.</param>
    /// <param name="targets">The training targets, row after row.</param>
    /// <param name="validationInputs">The validation inputs, row after row, at least one row.</param>
    /// <param name="validationTargets">The validation targets, one row per validation input row.</param>
    /// <param name="epochs">The most epochs to run, at least 1; after <see cref="ResumeFrom"/>, the total including the epochs already run.</param>
    /// <param name="progress">Receives a <see cref="TrainingProgress"/> after every epoch, on the training thread; may be null.</param>
    /// <param name="cancellationToken">Checked before each batch.</param>
    /// <returns>The number of epochs run, the last figures, the best epoch, and why training stopped.</returns>
    /// <exception cref="ArgumentException">
    /// A data set does not fit the network or its other half, or holds a NaN or infinity (the message names which);
    /// or <see cref="EarlyStopping"/> watches the accuracy of a network that is not a classifier; nothing was changed.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochs"/> is less than 1, or not more than the epochs of the checkpoint resumed from.</exception>
    /// <exception cref="NotSupportedException"><see cref="Checkpoint"/> is set and the optimizer is a type of another assembly, whose state a checkpoint cannot save.</exception>
    /// <exception cref="TrainingDivergedException">The loss or the parameters stopped being finite; the parameters were restored.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    /// <exception cref="System.IO.IOException">A checkpoint could not be written; the previous one is intact.</exception>
    public TrainingResult Train(
        ReadOnlySpan<T> inputs,
        ReadOnlySpan<T> targets,
        ReadOnlySpan<T> validationInputs,
        ReadOnlySpan<T> validationTargets,
        int epochs,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        TrainOn(new DataSet(inputs, targets, validationInputs, validationTargets, validate: true), epochs, progress, cancellationToken);

#pragma warning restore RS0026

    /// <summary>
    /// Loads a checkpoint written by a trainer with <see cref="Checkpoint"/> set: the network's parameters, the
    /// optimizer's and its schedule's state, the dropout generator of a network with dropout, and the run's own
    /// state. The next call to <c>Train</c> continues after the checkpoint's epoch, and ends with the very same
    /// bits as the run that wrote it would have, given the same data and settings.
    /// </summary>
    /// <param name="path">The checkpoint file.</param>
    /// <returns>The epoch the checkpoint was written after.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="Serialization.ModelFormatException">
    /// The file is not a checkpoint, is corrupt or truncated, or was written for another network, optimizer,
    /// schedule or dropout setting (the message says which); nothing was changed.
    /// </exception>
    /// <exception cref="System.IO.IOException">The file cannot be read.</exception>
    public int ResumeFrom(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        CheckpointState<T> state = CheckpointFile.Read(path, Network, Optimizer);
        state.ApplyTo(Network, Optimizer);
        _resume = state;
        return state.Epoch;
    }

    private TrainingResult TrainOn(in DataSet data, int epochs, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        HyperparameterGuard.AtLeastOne(epochs, nameof(epochs));
        int rows = DataSetGuard.CountRows(Network, data.Inputs, data.Targets);
        int validationRows = data.Validate
            ? DataSetGuard.CountRows(Network, data.ValidationInputs, data.ValidationTargets, "validationInputs", "validationTargets")
            : 0;
        CheckSettings(data.Validate);
        CheckpointState<T>? resume = _resume;
        if (resume is not null)
        {
            resume.CheckFits(rows, epochs, EarlyStopping is not null);
        }

        if (_order.Length != rows)
        {
            _order = new int[rows];
        }

        EarlyStopping? earlyStopping = EarlyStopping;
        if (earlyStopping is not null && _best.Length != Network.ParameterCount)
        {
            _best = new T[Network.ParameterCount];
        }

        var random = new DeterministicRandom(Seed);
        var best = default(BestEpoch);
        int epoch = 0;
        if (resume is null)
        {
            RowShuffle.Identity(_order);
        }
        else
        {
            // Everything else was restored when the checkpoint was loaded; these belong to the run.
            _resume = null;
            resume.Order.CopyTo(_order, 0);
            random.State = resume.ShuffleState;
            best = resume.Best;
            epoch = resume.Epoch;
            if (earlyStopping is not null && resume.BestParameters is T[] saved)
            {
                saved.CopyTo(_best, 0);
            }
        }

        int batchSize = Math.Min(_batchSize, rows);
        var run = new Run((rows + batchSize - 1) / batchSize);
        long start = Stopwatch.GetTimestamp();
        bool measureAccuracy = MeasureAccuracy && _rule != ClassificationRule.None;
        ValidationMetric monitor = earlyStopping?.Monitor ?? ValidationMetric.Loss;
        bool measureValidationAccuracy = data.Validate && _rule != ClassificationRule.None && (MeasureAccuracy || monitor == ValidationMetric.Accuracy);
        double loss = double.NaN;
        double? accuracy = null;
        TrainingProgress report = default;
        var reason = TrainingStopReason.EpochsCompleted;
        while (epoch < epochs)
        {
            long epochStart = Stopwatch.GetTimestamp();
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
                TrainBatch(data.Inputs, data.Targets, batchRows, epoch, batch, ref run, ref epochCost);
            }

            // Every row's cost is finite and so is their sum (TrainBatch checks both).
            loss = epochCost.Mean(rows);
            accuracy = progress is not null && measureAccuracy ? Accuracy(data.Inputs, data.Targets, rows) : null;
            double? validationLoss = data.Validate ? ValidationLoss(data.ValidationInputs, data.ValidationTargets, validationRows, epoch) : null;
            double? validationAccuracy = measureValidationAccuracy ? Accuracy(data.ValidationInputs, data.ValidationTargets, validationRows) : null;
            Optimizer.Schedule?.EndEpoch(validationLoss ?? loss);
            long now = Stopwatch.GetTimestamp();
            report = new TrainingProgress(epoch, epochs, loss, accuracy, Ticks(now - start))
            {
                ValidationLoss = validationLoss,
                ValidationAccuracy = validationAccuracy,
                EpochElapsed = Ticks(now - epochStart),
                LearningRate = Optimizer.CurrentLearningRate,
            };

            bool isBest = false;
            if (data.Validate)
            {
                double metric = monitor == ValidationMetric.Accuracy ? validationAccuracy!.Value : validationLoss!.Value;
                isBest = best.Update(report, metric, monitor, earlyStopping?.MinDelta ?? 0.0);
                if (isBest && earlyStopping is not null)
                {
                    Network.Parameters.CopyTo(_best);
                }
            }

            if (Checkpoint is CheckpointOptions checkpoint && (epoch % checkpoint.EveryEpochs == 0 || (isBest && checkpoint.AtBestEpoch)))
            {
                CheckpointFile.Write(checkpoint.Path, Network, Optimizer, new RunPosition(epoch, random.State, _order), best, earlyStopping is null ? null : _best);
            }

            progress?.Report(report);
            if (_targetLoss is double target && loss <= target)
            {
                reason = TrainingStopReason.TargetLossReached;
                break;
            }

            if (earlyStopping is not null && best.EpochsWithoutImprovement >= earlyStopping.Patience)
            {
                reason = TrainingStopReason.EarlyStopped;
                break;
            }
        }

        if (measureAccuracy && accuracy is null)
        {
            accuracy = Accuracy(data.Inputs, data.Targets, rows);
        }

        if (earlyStopping is not null && best.Exists)
        {
            _best.AsSpan().CopyTo(Network.Parameters);
        }

        return new TrainingResult(epoch, loss, accuracy, reason, Since(start))
        {
            ValidationLoss = report.ValidationLoss,
            ValidationAccuracy = report.ValidationAccuracy,
            Best = best.Exists ? best.Report : null,
        };
    }

    private void CheckSettings(bool validate)
    {
        if (EarlyStopping is EarlyStopping earlyStopping)
        {
            if (!validate)
            {
                throw new ArgumentException(
                    "EarlyStopping is set, but this Train has no validation set to watch. Call the overload with validationInputs and validationTargets, or set EarlyStopping to null.",
                    nameof(EarlyStopping));
            }

            if (earlyStopping.Monitor == ValidationMetric.Accuracy && _rule == ClassificationRule.None)
            {
                throw new ArgumentException(
                    Invariant($"EarlyStopping watches the validation accuracy, but this network is not a classifier (its output layer is {Network.GetActivation(Network.LayerCount)} with {Network.OutputSize} neurons). Watch ValidationMetric.Loss instead."),
                    nameof(EarlyStopping));
            }
        }

        if (Checkpoint is not null && Optimizer.Kind == OptimizerKind.Custom)
        {
            throw new NotSupportedException(
                Invariant($"A checkpoint saves the state of Backprop's optimizers (Sgd, MomentumSgd, Adam, RmsProp), not of {Optimizer.GetType().FullName}. Set Checkpoint to null, or use one of them."));
        }
    }

    /// <summary>
    /// The validation set's mean loss, through Backward as in <see cref="NetworkEvaluation.MeanLoss"/>, into the
    /// gradient buffer (free between batches). Like MeanLoss, with dropout off, so that it is the loss of the
    /// network early stopping keeps, and no mask is drawn from the training sequence.
    /// </summary>
    private double ValidationLoss(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int rows, int epoch)
    {
        using (DropoutOff.For(Network))
        {
            return ValidationLossOf(inputs, targets, rows, epoch);
        }
    }

    private double ValidationLossOf(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int rows, int epoch)
    {
        INeuralNetwork<T> network = Network;
        int inputSize = network.InputSize;
        int outputSize = network.OutputSize;
        var sum = default(LossSum);
        for (int row = 0; row < rows; row++)
        {
            double cost;
            try
            {
                cost = _scalar.ToDouble(network.Backward(inputs.Slice(row * inputSize, inputSize), targets.Slice(row * outputSize, outputSize), ScratchGradient()));
            }
            catch (InvalidOperationException e)
            {
                throw ValidationLossNotFinite(Invariant($"the loss of validation row {row} is not finite (the inner exception says why)"), epoch, e);
            }

            if (!NetworkGuard.IsFinite(cost))
            {
                throw ValidationLossNotFinite(Invariant($"the loss of validation row {row} is {cost}"), epoch, null);
            }

            sum.Add(cost);
            if (sum.Overflowed)
            {
                throw ValidationLossNotFinite(Invariant($"the validation rows' losses add up past {double.MaxValue} at validation row {row}"), epoch, null);
            }
        }

        return sum.Mean(rows);
    }

    private static TimeSpan Since(long start) => Ticks(Stopwatch.GetTimestamp() - start);

    private static TimeSpan Ticks(long timestamps) =>
        TimeSpan.FromTicks((long)(timestamps * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));

    /// <summary>Backpropagates the batch's rows, adds their costs to <paramref name="epochCost"/>, and takes one step.</summary>
    private void TrainBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, ReadOnlySpan<int> rows, int epoch, int batch, ref Run run, ref LossSum epochCost)
    {
        INeuralNetwork<T> network = Network;
        int inputSize = network.InputSize;
        int outputSize = network.OutputSize;
        Span<T> gradient = _gradient;
        if (!_gradientClear)
        {
            gradient.Clear();
        }

        _gradientClear = false;
        ReadOnlySpan<T> batchInputs = Gather(inputs, rows, inputSize, ref _batchInputs);
        ReadOnlySpan<T> batchTargets = Gather(targets, rows, outputSize, ref _batchTargets);
        Span<T> costs = Staging(ref _costs, rows.Length);
        try
        {
            // One Backward per row in the batch's order, to the bit, in blocks and on the workers where the network can.
            network.BackwardBatch(batchInputs, batchTargets, gradient, costs, Workers);
        }
        catch (InvalidOperationException e)
        {
            // The data are finite (checked up front), so the parameters produced an output that overflowed; one
            // Backward per row finds the data row to name. Anything else, such as workers busy elsewhere, goes on.
            int row = FailingRow(inputs, targets, rows, inputSize, outputSize, out InvalidOperationException? cause);
            if (row < 0)
            {
                throw;
            }

            throw LossNotFinite(Invariant($"the loss of data row {row} is not finite (the inner exception says why)"), epoch, batch, in run, cause ?? e);
        }

        for (int i = 0; i < rows.Length; i++)
        {
            int row = rows[i];
            double cost = _scalar.ToDouble(costs[i]);

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
        int bad;
        if (Optimizer.UpdatesByRange)
        {
            // By ranges, on the workers where the step is large enough; each range is backed up first and its
            // gradient cleared for the next batch.
            bad = _passes.Step(Workers, parameters, gradient, _backup, 1.0 / rows.Length);
            _gradientClear = true;
        }
        else
        {
            parameters.CopyTo(_backup);
            _scalar.Step(Optimizer, parameters, gradient, 1.0 / rows.Length);
            bad = _scalar.IndexOfNonFinite(parameters);
        }

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

    /// <summary>
    /// The batch's rows of <paramref name="data"/> one after another: the data's own memory when the batch is a
    /// run of consecutive rows (no shuffling), else copies in a staging buffer of the trainer's.
    /// </summary>
    private ReadOnlySpan<T> Gather(ReadOnlySpan<T> data, ReadOnlySpan<int> rows, int rowSize, ref T[] staging)
    {
        int first = rows[0];
        bool consecutive = true;
        for (int i = 1; i < rows.Length && consecutive; i++)
        {
            consecutive = rows[i] == first + i;
        }

        if (consecutive)
        {
            return data.Slice(first * rowSize, rows.Length * rowSize);
        }

        Span<T> gathered = Staging(ref staging, rows.Length * rowSize);
        _passes.Gather(Workers, data, rows, rowSize, gathered);
        return gathered;
    }

    /// <summary>The trainer's gradient buffer, to use as scratch: the next batch clears it first.</summary>
    private Span<T> ScratchGradient()
    {
        _gradientClear = false;
        return _gradient;
    }

    /// <summary>
    /// The first <paramref name="length"/> values of a staging buffer, which grows (once per size) to hold them.
    /// They start on a 64-byte boundary, as the network's own buffers do, so that gathered rows of a multiple of
    /// 16 floats start cache lines and no vector load of the batch path straddles two: at 784 inputs,
    /// <c>ForwardBatch</c> took 1.09× and <c>TrainBatch</c> 1.05–1.07× the time on rows that do not (AMD Zen 3,
    /// docs/benchmarks.md, run 14).
    /// </summary>
    private static Span<T> Staging(ref T[] buffer, int length) => AlignedMemory.Grown(ref buffer, length);

    /// <summary>
    /// After BackwardBatch threw: the first data row of the batch whose Backward throws, and its exception; −1 if
    /// none does (the exception had another cause). The gradient is scratch by then.
    /// </summary>
    private int FailingRow(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, ReadOnlySpan<int> rows, int inputSize, int outputSize, out InvalidOperationException? cause)
    {
        foreach (int row in rows)
        {
            try
            {
                Network.Backward(inputs.Slice(row * inputSize, inputSize), targets.Slice(row * outputSize, outputSize), ScratchGradient());
            }
            catch (InvalidOperationException e)
            {
                cause = e;
                return row;
            }
        }

        cause = null;
        return -1;
    }

    // The epoch's steps are done and their losses were finite: the parameters stay as the epoch left them.
    private static TrainingDivergedException ValidationLossNotFinite(string what, int epoch, Exception? inner) =>
        new(
            Invariant($"Training diverged after epoch {epoch}: {what}. The parameters are those at the end of the epoch. Lower the learning rate, or set the optimizer's MaxGradientNorm."),
            epoch,
            0,
            inner);

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

    /// <summary>The spans of one call to <c>Train</c>: the training set and, if <see cref="Validate"/>, the validation set.</summary>
    private readonly ref struct DataSet
    {
        public DataSet(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, ReadOnlySpan<T> validationInputs, ReadOnlySpan<T> validationTargets, bool validate)
        {
            Inputs = inputs;
            Targets = targets;
            ValidationInputs = validationInputs;
            ValidationTargets = validationTargets;
            Validate = validate;
        }

        public ReadOnlySpan<T> Inputs { get; }

        public ReadOnlySpan<T> Targets { get; }

        public ReadOnlySpan<T> ValidationInputs { get; }

        public ReadOnlySpan<T> ValidationTargets { get; }

        public bool Validate { get; }
    }

    /// <summary>The shape of one call to <c>Train</c>, and where its last step was.</summary>
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
