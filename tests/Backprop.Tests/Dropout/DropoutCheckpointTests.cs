using System;
using System.IO;
using Backprop.Tests.Support;
using Backprop.Training;
using Xunit;

namespace Backprop.Tests.Dropout;

/// <summary>
/// Checkpoints of a generated dropout network: resumed, a run with a validation set (measured with dropout off)
/// ends with the bits of the run that never stopped. DropoutEnabled is a setting, not state: the checkpoint
/// leaves it as it finds it, and a run resumed with the setting of the run that wrote it ends with its bits.
/// </summary>
public sealed class DropoutCheckpointTests : IDisposable
{
    private const int Epochs = 8;
    private const int StopAfter = 4;
    private const int CheckpointEvery = 3;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "backprop-dropout-checkpoints-" + Guid.NewGuid().ToString("N"));
    private readonly float[] _inputs = TestData.Uniform<float>(30 * DropoutTiny.InputSize, seed: 111);
    private readonly float[] _targets = TestData.Targets<float>(new DropoutTiny(), 30, seed: 112);
    private readonly float[] _validationInputs = TestData.Uniform<float>(7 * DropoutTiny.InputSize, seed: 113);
    private readonly float[] _validationTargets = TestData.Targets<float>(new DropoutTiny(), 7, seed: 114);

    public DropoutCheckpointTests()
    {
        Directory.CreateDirectory(_folder);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_resumed_run_with_a_validation_set_ends_with_the_bits_of_the_run_that_never_stopped(bool enabled)
    {
        var whole = new DropoutTiny(21) { DropoutEnabled = enabled };
        TrainingResult wholeResult = Train(whole, checkpoint: null, Epochs);

        string path = Path.Combine(_folder, "dropout.checkpoint");
        var stopped = new DropoutTiny(21) { DropoutEnabled = enabled };
        Train(stopped, path, StopAfter);

        // The loader restores the generator, not the switch: it stays as the new network has it until set.
        var resumed = new DropoutTiny(21);
        Trainer<float> trainer = Trainer(resumed, checkpoint: null);
        Assert.Equal(CheckpointEvery, trainer.ResumeFrom(path));
        Assert.True(resumed.DropoutEnabled);
        resumed.DropoutEnabled = enabled;
        TrainingResult resumedResult = trainer.Train(_inputs, _targets, _validationInputs, _validationTargets, Epochs);

        SpanAssert.BitIdentical<float>(whole.Parameters, resumed.Parameters, "parameters");
        Assert.Equal(whole.DropoutRandom.State, resumed.DropoutRandom.State);
        Assert.Equal(BitConverter.DoubleToInt64Bits(wholeResult.ValidationLoss!.Value), BitConverter.DoubleToInt64Bits(resumedResult.ValidationLoss!.Value));
        Assert.Equal(enabled, resumed.DropoutEnabled);
    }

    [Fact]
    public void Resumed_with_the_other_setting_the_run_ends_elsewhere()
    {
        var whole = new DropoutTiny(22);
        Train(whole, checkpoint: null, Epochs);

        string path = Path.Combine(_folder, "switch.checkpoint");
        Train(new DropoutTiny(22), path, StopAfter);
        var resumed = new DropoutTiny(22);
        Trainer<float> trainer = Trainer(resumed, checkpoint: null);
        trainer.ResumeFrom(path);
        resumed.DropoutEnabled = false;
        trainer.Train(_inputs, _targets, _validationInputs, _validationTargets, Epochs);

        Assert.NotEqual(whole.Parameters.ToArray(), resumed.Parameters.ToArray());
    }

    private static Trainer<float> Trainer(DropoutTiny network, string? checkpoint) =>
        new(network, new Adam(network, 0.02) { Schedule = new ReduceOnPlateau(reductionFactor: 0.5, patience: 1) })
        {
            BatchSize = 4,
            Seed = 5,
            Checkpoint = checkpoint is null ? null : new CheckpointOptions(checkpoint) { EveryEpochs = CheckpointEvery, AtBestEpoch = false },
        };

    private TrainingResult Train(DropoutTiny network, string? checkpoint, int epochs) =>
        Trainer(network, checkpoint).Train(_inputs, _targets, _validationInputs, _validationTargets, epochs);
}
