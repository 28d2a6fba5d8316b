using System;
using System.Buffers.Binary;
using System.IO;
using Backprop.CompilerServices;
using Backprop.Serialization;
using static System.FormattableString;

namespace Backprop.Training;

/// <summary>
/// The training checkpoint file, version 1: what <see cref="Trainer{T}"/> writes with
/// <see cref="Trainer{T}.Checkpoint"/> and reads in <see cref="Trainer{T}.ResumeFrom"/>. Little-endian throughout.
/// </summary>
/// <remarks>
/// <code>
/// magic 89 42 50 43 0D 0A 1A 0A ("\x89BPC\r\n\x1A\n"), version u16 = 1
/// network    u32 length, then the parameters as a binary model file (docs/model-format.md)
/// dropout    u8 present (0 or 1), u64 generator state (not DropoutEnabled, a setting)
/// optimizer  u8 kind, i64 step count, f64 last gradient norm, f64 current learning rate,
///            u32 n, n × f64 scalars (Adam: β₁ᵗ, β₂ᵗ), u32 k, k vectors of ParameterCount f64 (velocity, moments)
/// schedule   u8 kind (0 none), i64 step count, f64 factor, u32 n, n × f64 state (plateau)
/// run        i32 epoch, u64 shuffle generator state, i32 rows, rows × i32 row order,
///            u8 best exists; if 1: f64 metric, i32 epochs without improvement, the best report
///            (i32 epoch, i32 epoch count, f64 loss, f64 accuracy, f64 validation loss, f64 validation accuracy,
///            NaN for none; i64 elapsed ticks, i64 epoch ticks, f64 learning rate);
///            u8 best parameters present; if 1: ParameterCount f64
/// CRC-32 of every byte before it
/// </code>
/// The reader treats the file as untrusted: it checks the signature, version and checksum first, compares every
/// count with the network and optimizer before it allocates by it (a row count is bounded by the bytes present),
/// and checks every value's range; it throws <see cref="ModelFormatException"/> naming what is wrong.
/// </remarks>
internal static class CheckpointFile
{
    public const ushort Version = 1;

    /// <summary>Lets a test make the write fail part-way through; null otherwise.</summary>
    [ThreadStatic]
    internal static Func<Stream, Stream>? WrapStreamForTests;

    private static ReadOnlySpan<byte> Magic => [0x89, 0x42, 0x50, 0x43, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Encodes the state and writes it atomically (<see cref="AtomicFile"/>).</summary>
    public static void Write<T>(string path, INeuralNetwork<T> network, Optimizer optimizer, RunPosition position, in BestEpoch best, T[]? bestParameters)
        where T : unmanaged
    {
        byte[] bytes = Encode(network, optimizer, position, best, bestParameters);
        Func<Stream, Stream>? wrap = WrapStreamForTests;
        AtomicFile.Write(path, stream =>
        {
            Stream target = wrap is null ? stream : wrap(stream);
            target.Write(bytes, 0, bytes.Length);
        });
    }

    public static byte[] Encode<T>(INeuralNetwork<T> network, Optimizer optimizer, RunPosition position, in BestEpoch best, T[]? bestParameters)
        where T : unmanaged
    {
        Scalar<T> scalar = Scalar<T>.Instance;
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory))
        {
            writer.Write(Magic.ToArray());
            writer.Write(Version);

            byte[] model = NetworkFileFormat.Encode(NetworkWeights.From(network));
            writer.Write((uint)model.Length);
            writer.Write(model);

            var dropout = network as IDropoutNetwork;
            writer.Write((byte)(dropout is null ? 0 : 1));
            writer.Write(dropout?.DropoutRandom.State ?? 0UL);

            OptimizerState state = OptimizerState.Of(optimizer);
            writer.Write((byte)state.Kind);
            writer.Write(state.StepCount);
            writer.Write(state.LastGradientNorm);
            writer.Write(state.CurrentLearningRate);
            WriteValues(writer, state.Scalars);
            writer.Write((uint)state.Vectors.Length);
            foreach (double[] vector in state.Vectors)
            {
                foreach (double value in vector)
                {
                    writer.Write(value);
                }
            }

            ScheduleState schedule = ScheduleState.Of(optimizer.Schedule);
            writer.Write((byte)schedule.Kind);
            writer.Write(schedule.StepCount);
            writer.Write(schedule.Factor);
            WriteValues(writer, schedule.Values);

            writer.Write(position.Epoch);
            writer.Write(position.ShuffleState);
            writer.Write(position.Order.Length);
            foreach (int row in position.Order)
            {
                writer.Write(row);
            }

            writer.Write((byte)(best.Exists ? 1 : 0));
            if (best.Exists)
            {
                writer.Write(best.Metric);
                writer.Write(best.EpochsWithoutImprovement);
                TrainingProgress report = best.Report;
                writer.Write(report.Epoch);
                writer.Write(report.EpochCount);
                writer.Write(report.Loss);
                writer.Write(report.Accuracy ?? double.NaN);
                writer.Write(report.ValidationLoss ?? double.NaN);
                writer.Write(report.ValidationAccuracy ?? double.NaN);
                writer.Write(report.Elapsed.Ticks);
                writer.Write(report.EpochElapsed.Ticks);
                writer.Write(report.LearningRate);
            }

            writer.Write((byte)(bestParameters is null || !best.Exists ? 0 : 1));
            if (bestParameters is not null && best.Exists)
            {
                foreach (T value in bestParameters)
                {
                    writer.Write(scalar.ToDouble(value));
                }
            }
        }

        byte[] body = memory.ToArray();
        var bytes = new byte[body.Length + 4];
        body.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(body.Length), Crc32.Compute(body));
        return bytes;
    }

    /// <summary>Reads and checks a checkpoint for <paramref name="network"/> and <paramref name="optimizer"/>, changing neither.</summary>
    public static CheckpointState<T> Read<T>(string path, INeuralNetwork<T> network, Optimizer optimizer)
        where T : unmanaged
    {
        string source = "The checkpoint file '" + path + "'";
        byte[] bytes;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            bytes = StreamBytes.ReadToEnd(stream);
        }

        return Decode(bytes, source, network, optimizer);
    }

    public static CheckpointState<T> Decode<T>(byte[] bytes, string source, INeuralNetwork<T> network, Optimizer optimizer)
        where T : unmanaged
    {
        CheckSignatureAndChecksum(bytes, source);
        var reader = new CheckpointReader(bytes.AsSpan(0, bytes.Length - 4), Magic.Length + 2, source);
        int parameters = network.ParameterCount;

        // Network: the model format's own reader checks it against the network before reading its parameters.
        int modelLength = reader.Length("the network's model", 1);
        NetworkWeights weights;
        using (var model = new MemoryStream(bytes, reader.Position, modelLength, writable: false))
        {
            weights = NetworkFileFormat.Decode(model, source + " (its network)", NetworkTopology.Of(network));
            if (model.Position != modelLength)
            {
                throw reader.Invalid(Invariant($"its network section announces {modelLength} bytes, but the model in it takes {model.Position}"));
            }
        }

        reader.Skip(modelLength);

        // Dropout generator.
        bool hasDropout = reader.Flag("the dropout flag");
        ulong dropoutState = reader.UInt64();
        if (hasDropout != network is IDropoutNetwork)
        {
            throw Mismatch(
                source,
                hasDropout ? "was written for a network with dropout, but this network has none" : "was written for a network without dropout, but this network has dropout",
                hasDropout ? "no dropout" : "dropout",
                hasDropout ? "dropout" : "no dropout");
        }

        OptimizerState optimizerState = ReadOptimizer(ref reader, optimizer, parameters, source);
        ScheduleState scheduleState = ReadSchedule(ref reader, optimizer.Schedule, source);

        // The run.
        int epoch = reader.Int32();
        if (epoch < 1)
        {
            throw reader.Invalid(Invariant($"it was written after epoch {epoch}, but epochs count from 1"));
        }

        ulong shuffleState = reader.UInt64();
        int rows = reader.Length("the row order", 4);
        int[] order = reader.Permutation(rows);
        BestEpoch best = ReadBest(ref reader, epoch);
        T[]? bestParameters = null;
        if (reader.Flag("the best-parameters flag"))
        {
            if (!best.Exists)
            {
                throw reader.Invalid("it holds best parameters but no best epoch");
            }

            bestParameters = reader.Parameters<T>(parameters, "best parameter");
        }

        if (reader.Position != reader.End)
        {
            throw new ModelFormatException(
                ModelFormatReason.TrailingData,
                Invariant($"{source} goes on after the end of the checkpoint: it ends at byte {reader.Position + 4}, but the file has {bytes.Length} bytes."),
                expected: Invariant($"{reader.Position + 4} bytes"),
                found: Invariant($"{bytes.Length} bytes"));
        }

        return new CheckpointState<T>(weights, hasDropout ? dropoutState : null, optimizerState, scheduleState, epoch, shuffleState, order, best, bestParameters);
    }

    private static void CheckSignatureAndChecksum(byte[] bytes, string source)
    {
        int magicBytes = Math.Min(bytes.Length, Magic.Length);
        if (!bytes.AsSpan(0, magicBytes).SequenceEqual(Magic.Slice(0, magicBytes)))
        {
            string found = BitConverter.ToString(bytes, 0, magicBytes).Replace('-', ' ');
            throw new ModelFormatException(
                ModelFormatReason.WrongMagic,
                Invariant($"{source} is not a Backprop training checkpoint: it starts with the bytes {found}, but a checkpoint starts with 89 42 50 43 0D 0A 1A 0A."),
                expected: "89 42 50 43 0D 0A 1A 0A",
                found: found);
        }

        int minimum = Magic.Length + 2 + 4;
        if (bytes.Length < minimum)
        {
            throw CheckpointReader.Truncated(source, "the signature, version and checksum need", minimum, bytes.Length);
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(Magic.Length));
        if (version != Version)
        {
            throw new ModelFormatException(
                ModelFormatReason.UnsupportedVersion,
                Invariant($"{source} is in checkpoint version {version}; this library reads version {Version}."),
                expected: Invariant($"version {Version}"),
                found: Invariant($"version {version}"));
        }

        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4));
        uint computed = Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4));
        if (stored != computed)
        {
            throw new ModelFormatException(
                ModelFormatReason.ChecksumMismatch,
                Invariant($"{source} is corrupt or truncated: the CRC-32 of its content is 0x{computed:X8}, but it records 0x{stored:X8}."),
                expected: Invariant($"0x{stored:X8}"),
                found: Invariant($"0x{computed:X8}"));
        }
    }

    private static OptimizerState ReadOptimizer(ref CheckpointReader reader, Optimizer optimizer, int parameters, string source)
    {
        var kind = (OptimizerKind)reader.Byte();
        if (kind != optimizer.Kind)
        {
            throw Mismatch(source, Invariant($"was written with the optimizer {kind}, but this trainer's is {optimizer.Kind}"), optimizer.Kind.ToString(), kind.ToString());
        }

        long stepCount = reader.Int64();
        double lastNorm = reader.Double();
        double currentRate = reader.Double();
        if (stepCount < 0 || !(lastNorm >= 0 && lastNorm <= double.MaxValue) || !(currentRate >= 0 && currentRate <= double.MaxValue))
        {
            throw reader.Invalid(Invariant($"its optimizer state (step {stepCount}, gradient norm {lastNorm}, learning rate {currentRate}) is out of range"));
        }

        double[] scalars = reader.Values("the optimizer scalars");
        if (optimizer.CheckStateScalars(scalars) is string problem)
        {
            throw reader.Invalid("its optimizer state is not valid: " + problem);
        }

        int expectedVectors = optimizer.StateVectors.Length;
        int vectorCount = reader.Length("the optimizer state vectors", 0, minimum: 0);
        if (vectorCount != expectedVectors)
        {
            throw reader.Invalid(Invariant($"it holds {vectorCount} optimizer state vectors, but {optimizer.Kind} keeps {expectedVectors}"));
        }

        var vectors = new double[expectedVectors][];
        for (int v = 0; v < expectedVectors; v++)
        {
            vectors[v] = reader.Finite(parameters, Invariant($"optimizer state vector {v}, value"));
        }

        return new OptimizerState(kind, stepCount, lastNorm, currentRate, scalars, vectors);
    }

    private static ScheduleState ReadSchedule(ref CheckpointReader reader, LearningRateSchedule? schedule, string source)
    {
        var kind = (ScheduleKind)reader.Byte();
        ScheduleKind expected = schedule?.Kind ?? ScheduleKind.None;
        if (kind != expected)
        {
            throw Mismatch(source, Invariant($"was written with the learning-rate schedule {kind}, but this trainer's optimizer has {expected}"), expected.ToString(), kind.ToString());
        }

        long stepCount = reader.Int64();
        double factor = reader.Double();
        if (stepCount < 0 || !(factor >= 0.0 && factor <= 1.0))
        {
            throw reader.Invalid(Invariant($"its schedule position (step {stepCount}, factor {factor}) is out of range"));
        }

        double[] values = reader.Values("the schedule state values");
        if (schedule is not null && schedule.CheckState(values) is string problem)
        {
            throw reader.Invalid("its schedule state is not valid: " + problem);
        }

        if (schedule is null && values.Length != 0)
        {
            throw reader.Invalid(Invariant($"it holds {values.Length} schedule values but no schedule"));
        }

        return new ScheduleState(kind, stepCount, factor, values);
    }

    private static BestEpoch ReadBest(ref CheckpointReader reader, int epoch)
    {
        var best = default(BestEpoch);
        if (!reader.Flag("the best-epoch flag"))
        {
            return best;
        }

        best.Exists = true;
        best.Metric = reader.Double();
        best.EpochsWithoutImprovement = reader.Int32();
        int bestEpoch = reader.Int32();
        int epochCount = reader.Int32();
        double loss = reader.Double();
        double accuracy = reader.Double();
        double validationLoss = reader.Double();
        double validationAccuracy = reader.Double();
        long elapsed = reader.Int64();
        long epochElapsed = reader.Int64();
        double learningRate = reader.Double();
        bool valid = NetworkGuard.IsFinite(best.Metric)
            && best.EpochsWithoutImprovement >= 0 && best.EpochsWithoutImprovement < epoch
            && bestEpoch >= 1 && bestEpoch <= epoch && epochCount >= bestEpoch
            && NetworkGuard.IsFinite(loss) && NetworkGuard.IsFinite(validationLoss) && NetworkGuard.IsFinite(learningRate)
            && elapsed >= 0 && epochElapsed >= 0;
        if (!valid)
        {
            throw reader.Invalid(Invariant($"its best epoch (epoch {bestEpoch} of {epochCount}, metric {best.Metric}, loss {loss}, validation loss {validationLoss}, {best.EpochsWithoutImprovement} epochs since) is out of range for a checkpoint after epoch {epoch}"));
        }

        best.Report = new TrainingProgress(bestEpoch, epochCount, loss, double.IsNaN(accuracy) ? null : accuracy, TimeSpan.FromTicks(elapsed))
        {
            ValidationLoss = validationLoss,
            ValidationAccuracy = double.IsNaN(validationAccuracy) ? null : validationAccuracy,
            EpochElapsed = TimeSpan.FromTicks(epochElapsed),
            LearningRate = learningRate,
        };
        return best;
    }

    private static void WriteValues(BinaryWriter writer, double[] values)
    {
        writer.Write((uint)values.Length);
        foreach (double value in values)
        {
            writer.Write(value);
        }
    }

    private static ModelFormatException Mismatch(string source, string what, string expected, string found) =>
        new(ModelFormatReason.CheckpointMismatch, Invariant($"{source} {what}. Resume with the settings the checkpoint was written with."), expected, found);
}
