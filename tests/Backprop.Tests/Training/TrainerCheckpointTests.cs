using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Backprop.Serialization;
using Backprop.Tests.Support;
using Backprop.Training;
using Xunit;

namespace Backprop.Tests.Training;

/// <summary>
/// Checkpoints: a run stopped after a checkpoint and resumed in fresh objects ends with the very bits of a run that
/// never stopped, for every optimizer and schedule; files are written when asked and atomically; the loader refuses
/// a damaged or foreign file and then changes nothing.
/// </summary>
public sealed class TrainerCheckpointTests : IDisposable
{
    private const int Rows = 45;
    private const int Epochs = 9;
    private const int StopAfter = 5;

    private static readonly string[] OptimizerNames = ["Sgd", "Momentum", "Nesterov", "Adam", "RmsProp", "RmsPropCenteredMomentum"];
    private static readonly string[] ScheduleNames = ["None", "StepDecay", "ExponentialDecay", "CosineDecay", "ReduceOnPlateau"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "backprop-checkpoints-" + Guid.NewGuid().ToString("N"));

    public TrainerCheckpointTests()
    {
        Directory.CreateDirectory(_folder);
    }

    public static TheoryData<string, string> Combinations()
    {
        var data = new TheoryData<string, string>();
        foreach (string optimizer in OptimizerNames)
        {
            foreach (string schedule in ScheduleNames)
            {
                data.Add(optimizer, schedule);
            }
        }

        return data;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [MemberData(nameof(Combinations))]
    public void A_resumed_run_ends_with_the_bits_of_a_run_that_never_stopped(string optimizer, string schedule)
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        (float[] validationInputs, float[] validationTargets, _) = ClassificationData.Blobs(21, seed: 2);

        var whole = new SoftmaxClassifier(3);
        var wholeLosses = new List<double>();
        TrainingResult wholeResult = Trainer(whole, optimizer, schedule, Path.Combine(_folder, "whole.checkpoint"))
            .Train(inputs, targets, validationInputs, validationTargets, Epochs, Recorder(wholeLosses));

        // Stopped by cancellation after epoch 5's report, as a process that is killed would stop.
        var stopped = new SoftmaxClassifier(3);
        string path = Path.Combine(_folder, "stopped.checkpoint");
        using (var cancellation = new CancellationTokenSource())
        {
            var progress = new SynchronousProgress<TrainingProgress>(p =>
            {
                if (p.Epoch == StopAfter)
                {
                    cancellation.Cancel();
                }
            });
            Assert.ThrowsAny<OperationCanceledException>(() =>
                Trainer(stopped, optimizer, schedule, path).Train(inputs, targets, validationInputs, validationTargets, Epochs, progress, cancellation.Token));
        }

        // Resumed in new objects, from other initial parameters: everything comes from the file.
        var resumed = new SoftmaxClassifier(99);
        Trainer<float> trainer = Trainer(resumed, optimizer, schedule, path);
        int epoch = trainer.ResumeFrom(path);
        Assert.InRange(epoch, StopAfter - 1, StopAfter);
        var resumedLosses = new List<double>();
        TrainingResult resumedResult = trainer.Train(inputs, targets, validationInputs, validationTargets, Epochs, Recorder(resumedLosses));

        SpanAssert.BitIdentical<float>(whole.Parameters, resumed.Parameters, "parameters");
        SpanAssert.BitIdentical<double>(wholeLosses.Skip(epoch * 2).ToArray(), resumedLosses.ToArray(), "training and validation losses after the checkpoint");
        Assert.Equal(wholeResult.Epochs, resumedResult.Epochs);
        Assert.Equal(wholeResult.StopReason, resumedResult.StopReason);
        Assert.Equal(BitConverter.DoubleToInt64Bits(wholeResult.Loss), BitConverter.DoubleToInt64Bits(resumedResult.Loss));
        Assert.Equal(wholeResult.Best!.Value.Epoch, resumedResult.Best!.Value.Epoch);
        Assert.Equal(wholeResult.Best.Value.ValidationLoss, resumedResult.Best.Value.ValidationLoss);
        Assert.Equal((long)Epochs * 6, trainer.Optimizer.StepCount);
    }

    [Fact]
    public void The_dropout_generator_is_saved_and_restored_with_the_run()
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        var whole = new DropoutStandIn(3);
        new Trainer<float>(whole, new Adam(whole, 0.01)) { BatchSize = 8 }.Train(inputs, targets, Epochs);

        var stopped = new DropoutStandIn(3);
        string path = Path.Combine(_folder, "dropout.checkpoint");
        new Trainer<float>(stopped, new Adam(stopped, 0.01)) { BatchSize = 8, Checkpoint = new CheckpointOptions(path) { EveryEpochs = 4 } }
            .Train(inputs, targets, StopAfter);

        var resumed = new DropoutStandIn(3);
        var trainer = new Trainer<float>(resumed, new Adam(resumed, 0.01)) { BatchSize = 8 };
        Assert.Equal(4, trainer.ResumeFrom(path));
        trainer.Train(inputs, targets, Epochs);
        SpanAssert.BitIdentical<float>(whole.Parameters, resumed.Parameters, "parameters");
        Assert.Equal(whole.DropoutRandom.State, resumed.DropoutRandom.State);

        // The generator matters: resumed from the same file with its state changed, the run ends elsewhere.
        var other = new DropoutStandIn(3);
        var otherTrainer = new Trainer<float>(other, new Adam(other, 0.01)) { BatchSize = 8 };
        otherTrainer.ResumeFrom(path);
        other.DropoutRandom = new DeterministicRandom(12345);
        otherTrainer.Train(inputs, targets, Epochs);
        Assert.NotEqual(whole.Parameters.ToArray(), other.Parameters.ToArray());
    }

    [Fact]
    public void A_double_network_resumes_bit_for_bit_too()
    {
        (double[] inputs, double[] targets, _) = ClassificationData.Blobs(Rows, seed: 1, x => x);
        double[] Run(bool stop)
        {
            var network = new SoftmaxClassifierDouble(3);
            string path = Path.Combine(_folder, "double.checkpoint");
            var optimizer = new Adam(network, 0.01) { Schedule = new CosineDecay(40, warmupSteps: 5), WeightDecay = 1e-3, MaxGradientNorm = 1 };
            var trainer = new Trainer<double>(network, optimizer) { BatchSize = 8, Checkpoint = new CheckpointOptions(path) };
            if (stop)
            {
                trainer.Train(inputs, targets, 3);
                network = new SoftmaxClassifierDouble(8);
                trainer = new Trainer<double>(network, new Adam(network, 0.01) { Schedule = new CosineDecay(40, warmupSteps: 5), WeightDecay = 1e-3, MaxGradientNorm = 1 }) { BatchSize = 8 };
                Assert.Equal(3, trainer.ResumeFrom(path));
            }

            trainer.Train(inputs, targets, 7);
            return network.Parameters.ToArray();
        }

        SpanAssert.BitIdentical<double>(Run(stop: false), Run(stop: true), "parameters");
    }

    [Fact]
    public void Checkpoints_are_written_every_n_epochs_and_after_each_best_epoch()
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        (float[] validationInputs, float[] validationTargets, _) = ClassificationData.Blobs(21, seed: 2);
        string path = Path.Combine(_folder, "every.checkpoint");
        var network = new SoftmaxClassifier(3);
        var lastWritten = new List<int>();
        var bestSoFar = double.PositiveInfinity;
        var expected = new List<int>();
        int expectedLast = 0;
        var trainer = new Trainer<float>(network, new Sgd(network, 0.3)) { BatchSize = 8, Checkpoint = new CheckpointOptions(path) { EveryEpochs = 3 } };
        trainer.Train(inputs, targets, validationInputs, validationTargets, 12, new SynchronousProgress<TrainingProgress>(p =>
        {
            bool best = p.ValidationLoss!.Value < bestSoFar;
            bestSoFar = Math.Min(bestSoFar, p.ValidationLoss.Value);
            expectedLast = p.Epoch % 3 == 0 || best ? p.Epoch : expectedLast;
            expected.Add(expectedLast);
            var reader = new SoftmaxClassifier(1);
            lastWritten.Add(new Trainer<float>(reader, new Sgd(reader, 0.3)).ResumeFrom(path));
        }));
        Assert.Equal(expected, lastWritten);

        // Without AtBestEpoch, only every third epoch.
        File.Delete(path);
        lastWritten.Clear();
        trainer.Checkpoint = new CheckpointOptions(path) { EveryEpochs = 3, AtBestEpoch = false };
        trainer.Train(inputs, targets, validationInputs, validationTargets, 7, new SynchronousProgress<TrainingProgress>(p =>
        {
            var reader = new SoftmaxClassifier(1);
            lastWritten.Add(File.Exists(path) ? new Trainer<float>(reader, new Sgd(reader, 0.3)).ResumeFrom(path) : 0);
        }));
        Assert.Equal([0, 0, 3, 3, 3, 6, 6], lastWritten);
    }

    [Fact]
    public void A_write_that_fails_part_way_leaves_the_previous_checkpoint_intact()
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        string path = Path.Combine(_folder, "atomic.checkpoint");
        var network = new SoftmaxClassifier(3);
        byte[]? afterEpoch2 = null;
        var trainer = new Trainer<float>(network, new Adam(network, 0.01)) { BatchSize = 8, Checkpoint = new CheckpointOptions(path) };
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Epoch == 2)
            {
                afterEpoch2 = File.ReadAllBytes(path);
                CheckpointFile.WrapStreamForTests = stream => new FailingStream(stream, failAfter: 100);
            }
        });

        try
        {
            var e = Assert.Throws<IOException>(() => trainer.Train(inputs, targets, 5, progress));
            Assert.Equal(FailingStream.Message, e.Message);
        }
        finally
        {
            CheckpointFile.WrapStreamForTests = null;
        }

        Assert.Equal(afterEpoch2, File.ReadAllBytes(path));
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(_folder).Select(Path.GetFileName));
        var reader = new SoftmaxClassifier(1);
        Assert.Equal(2, new Trainer<float>(reader, new Adam(reader, 0.01)).ResumeFrom(path));
    }

    [Fact]
    public void A_damaged_or_foreign_file_is_refused_with_its_reason_and_changes_nothing()
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        string path = Path.Combine(_folder, "good.checkpoint");
        var writer = new SoftmaxClassifier(3);
        new Trainer<float>(writer, new Sgd(writer, 0.1)) { BatchSize = 8, Checkpoint = new CheckpointOptions(path) }.Train(inputs, targets, 2);
        byte[] good = File.ReadAllBytes(path);

        byte[] flipped = (byte[])good.Clone();
        flipped[good.Length / 2] ^= 0x10;
        AssertRefused(flipped, ModelFormatReason.ChecksumMismatch, "CRC-32");
        AssertRefused(good.AsSpan(0, good.Length - 9).ToArray(), ModelFormatReason.ChecksumMismatch, "corrupt or truncated");
        AssertRefused(good.AsSpan(0, 5).ToArray(), ModelFormatReason.Truncated, "truncated");
        AssertRefused([.. "not a checkpoint"u8], ModelFormatReason.WrongMagic, "not a Backprop training checkpoint");
        byte[] version = (byte[])good.Clone();
        version[8] = 2;
        AssertRefused(Resealed(version), ModelFormatReason.UnsupportedVersion, "checkpoint version 2");
        AssertRefused(Resealed([.. good.AsSpan(0, good.Length - 4), 0, 0, 0, 0, 0, 0, 0, 0]), ModelFormatReason.TrailingData, "goes on after the end");

        // A forged row count with a valid checksum: refused by the bytes present, before an array of that size exists.
        byte[] forged = (byte[])good.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(forged.AsSpan(RowCountOffset(good)), int.MaxValue);
        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertRefused(Resealed(forged), ModelFormatReason.Truncated, "the row order needs");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4L * good.Length + 1_000_000, "The loader allocated by the forged count.");

        byte[] notPermutation = (byte[])good.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(notPermutation.AsSpan(RowCountOffset(good) + 4), Rows + 7);
        AssertRefused(Resealed(notPermutation), ModelFormatReason.InvalidHeader, "not a permutation");

        // Written for another optimizer, schedule, network, or dropout setting.
        File.WriteAllBytes(path, good);
        AssertRefusedBy(path, new SoftmaxClassifier(1), n => new Adam(n), ModelFormatReason.CheckpointMismatch, "optimizer Sgd, but this trainer's is Adam");
        AssertRefusedBy(path, new SoftmaxClassifier(1), n => new Sgd(n, 0.1) { Schedule = new StepDecay(3) }, ModelFormatReason.CheckpointMismatch, "schedule None");
        AssertRefusedBy(path, new SoftmaxClassifierDouble(1), n => new Sgd(n, 0.1), ModelFormatReason.PrecisionMismatch, "");
        AssertRefusedBy(path, new Deep(1), n => new Sgd(n, 0.1), ModelFormatReason.TopologyMismatch, "");
        AssertRefusedBy(path, new DropoutStandIn(1), n => new Sgd(n, 0.1), ModelFormatReason.CheckpointMismatch, "without dropout, but this network has dropout");
    }

    [Fact]
    public void Training_after_a_resumption_needs_the_same_rows_and_more_epochs()
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        string path = Path.Combine(_folder, "fit.checkpoint");
        var network = new SoftmaxClassifier(3);
        new Trainer<float>(network, new Sgd(network, 0.1)) { Checkpoint = new CheckpointOptions(path) }.Train(inputs, targets, 4);

        var resumed = new SoftmaxClassifier(3);
        var trainer = new Trainer<float>(resumed, new Sgd(resumed, 0.1));
        trainer.ResumeFrom(path);
        float[] loaded = resumed.Parameters.ToArray();
        var e = Assert.Throws<ArgumentException>(() => trainer.Train(inputs.AsSpan(0, 40 * 4), targets.AsSpan(0, 40 * 3), 8));
        Assert.Equal("inputs", e.ParamName);
        Assert.Contains("taken training on 45 rows, but 'inputs' has 40", e.Message, StringComparison.Ordinal);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Train(inputs, targets, 4));
        Assert.Equal("epochs", range.ParamName);
        SpanAssert.BitIdentical<float>(loaded, resumed.Parameters, "parameters");
        Assert.Equal(8, trainer.Train(inputs, targets, 8).Epochs);
    }

    [Fact]
    public void Early_stopping_cannot_take_over_a_run_whose_checkpoint_kept_no_best_parameters()
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        (float[] validationInputs, float[] validationTargets, _) = ClassificationData.Blobs(21, seed: 2);
        string path = Path.Combine(_folder, "no-best.checkpoint");
        var network = new SoftmaxClassifier(3);
        new Trainer<float>(network, new Sgd(network, 0.1)) { Checkpoint = new CheckpointOptions(path) }
            .Train(inputs, targets, validationInputs, validationTargets, 3);

        var resumed = new SoftmaxClassifier(3);
        var trainer = new Trainer<float>(resumed, new Sgd(resumed, 0.1)) { EarlyStopping = new EarlyStopping() };
        trainer.ResumeFrom(path);
        float[] loaded = resumed.Parameters.ToArray();
        var e = Assert.Throws<ArgumentException>(() => trainer.Train(inputs, targets, validationInputs, validationTargets, 6));
        Assert.Equal("EarlyStopping", e.ParamName);
        Assert.Contains("written without it", e.Message, StringComparison.Ordinal);
        SpanAssert.BitIdentical<float>(loaded, resumed.Parameters, "parameters");
    }

    [Fact]
    public void An_optimizer_from_another_assembly_cannot_be_checkpointed()
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        var network = new SoftmaxClassifier(3);
        var trainer = new Trainer<float>(network, new HalfStep(network)) { Checkpoint = new CheckpointOptions(Path.Combine(_folder, "custom.checkpoint")) };
        var e = Assert.Throws<NotSupportedException>(() => trainer.Train(inputs, targets, 2));
        Assert.Contains(typeof(HalfStep).FullName!, e.Message, StringComparison.Ordinal);
        Assert.Equal(0, trainer.Optimizer.StepCount);
        Assert.Equal("EveryEpochs", Assert.Throws<ArgumentOutOfRangeException>(() => new CheckpointOptions("x") { EveryEpochs = 0 }).ParamName);
    }

    private static Trainer<float> Trainer(SoftmaxClassifier network, string optimizer, string schedule, string path) =>
        new(network, MakeOptimizer(network, optimizer, schedule))
        {
            BatchSize = 8,
            Seed = 5,
            EarlyStopping = new EarlyStopping(patience: 50),
            Checkpoint = new CheckpointOptions(path) { EveryEpochs = 2 },
        };

    private static Optimizer MakeOptimizer(INeuralNetwork network, string optimizer, string schedule)
    {
        Optimizer made = optimizer switch
        {
            "Sgd" => new Sgd(network, 0.2),
            "Momentum" => new MomentumSgd(network, 0.05),
            "Nesterov" => new MomentumSgd(network, 0.05, nesterov: true),
            "Adam" => new Adam(network, 0.01),
            "RmsProp" => new RmsProp(network, 0.005),
            _ => new RmsProp(network, 0.002, momentum: 0.5, centered: true),
        };
        made.WeightDecay = 1e-3;
        made.Schedule = schedule switch
        {
            "None" => null,
            "StepDecay" => new StepDecay(7, 0.5),
            "ExponentialDecay" => new ExponentialDecay(0.98),
            "CosineDecay" => new CosineDecay(totalSteps: 50, warmupSteps: 8, minFactor: 0.1),
            _ => new ReduceOnPlateau(0.5, patience: 0, threshold: 0.05),
        };
        return made;
    }

    private static SynchronousProgress<TrainingProgress> Recorder(List<double> losses) =>
        new(p =>
        {
            losses.Add(p.Loss);
            losses.Add(p.ValidationLoss!.Value);
        });

    private void AssertRefused(byte[] bytes, ModelFormatReason reason, string message)
    {
        string path = Path.Combine(_folder, "bad.checkpoint");
        File.WriteAllBytes(path, bytes);
        AssertRefusedBy(path, new SoftmaxClassifier(1), n => new Sgd(n, 0.1), reason, message);
    }

    private static void AssertRefusedBy<T>(string path, INeuralNetwork<T> network, Func<INeuralNetwork, Optimizer> optimizer, ModelFormatReason reason, string message)
        where T : unmanaged
    {
        Optimizer made = optimizer(network);
        T[] before = network.Parameters.ToArray();
        var trainer = new Trainer<T>(network, made);
        var e = Assert.Throws<ModelFormatException>(() => trainer.ResumeFrom(path));
        Assert.Equal(reason, e.Reason);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        SpanAssert.BitIdentical<T>(before, network.Parameters, "parameters");
        Assert.Equal(0, made.StepCount);
        Assert.Equal(0, made.Schedule?.StepCount ?? 0);
    }

    // Sgd without a schedule: magic, version, the model, dropout, the optimizer (no vectors), the schedule, epoch, shuffle state.
    private static int RowCountOffset(byte[] checkpoint)
    {
        int model = BinaryPrimitives.ReadInt32LittleEndian(checkpoint.AsSpan(10));
        return 10 + 4 + model + 9 + (1 + 8 + 8 + 8 + 4 + 4) + (1 + 8 + 8 + 4) + 4 + 8;
    }

    private static byte[] Resealed(byte[] bytes)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4)));
        return bytes;
    }


    /// <summary>Passes writes through until <c>failAfter</c> bytes, then fails as a full disk would.</summary>
    private sealed class FailingStream : Stream
    {
        public const string Message = "There is not enough space on the disk (test).";

        private readonly Stream _inner;
        private long _left;

        public FailingStream(Stream inner, long failAfter)
        {
            _inner = inner;
            _left = failAfter;
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            int part = (int)Math.Min(count, _left);
            _inner.Write(buffer, offset, part);
            _left -= part;
            if (part < count)
            {
                throw new IOException(Message);
            }
        }

        public override void Flush() => _inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
