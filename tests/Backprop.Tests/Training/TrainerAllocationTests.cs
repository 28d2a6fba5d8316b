using System;
using Backprop.Tests.Support;
using Backprop.Training;
using Xunit;

namespace Backprop.Tests.Training;

/// <summary>
/// After setup, batches and epochs allocate nothing: a long training allocates exactly as many bytes as a
/// short one (the result object and nothing else), whether it reports progress and measures accuracy or not.
/// </summary>
public sealed class TrainerAllocationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_single_precision_epoch_allocates_nothing(bool report)
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(60, seed: 1);
        var network = new SoftmaxClassifier(1);
        var optimizer = new Adam(network, 1e-3) { WeightDecay = 1e-4, MaxGradientNorm = 1 };
        var trainer = new Trainer<float>(network, optimizer) { BatchSize = 7 };
        var progress = report ? new CountingProgress() : null;

        long Allocated(int epochs) => Allocations.Least(() => trainer.Train(inputs, targets, epochs, progress));

        Allocated(3);
        long shortRun = Allocated(2);
        long longRun = Allocated(40);
        Assert.True(shortRun == longRun, $"2 epochs allocated {shortRun} bytes, 40 epochs {longRun} bytes.");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void An_epoch_on_workers_allocates_nothing(int threads)
    {
        // Every pass shared, the trainer's own (gathering shuffled rows, the step by ranges) included.
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(60, seed: 1);
        var network = new SoftmaxClassifier(1);
        using var workers = new BatchWorkers(threads) { MinimumWork = 0 };
        var trainer = new Trainer<float>(network, new Adam(network, 1e-3) { MaxGradientNorm = 1 }) { BatchSize = 7, Workers = workers };

        long Allocated(int epochs) => Allocations.Least(() => trainer.Train(inputs, targets, epochs));

        Allocated(3);
        long shortRun = Allocated(2);
        long longRun = Allocated(40);
        Assert.True(shortRun == longRun, $"2 epochs allocated {shortRun} bytes, 40 epochs {longRun} bytes.");
    }

    [Fact]
    public void A_double_precision_epoch_allocates_nothing()
    {
        double[] inputs = TestData.Uniform<double>(50 * 2, seed: 1);
        double[] targets = TestData.Uniform<double>(50, seed: 2);
        var network = new Regressor(1);
        var trainer = new Trainer<double>(network, new MomentumSgd(network, 1e-3, nesterov: true)) { BatchSize = 8 };

        long Allocated(int epochs) => Allocations.Least(() => trainer.Train(inputs, targets, epochs, new CountingProgress()));

        Allocated(3);
        long shortRun = Allocated(2);
        long longRun = Allocated(40);

        // The progress object is made per call, so both runs count it once.
        Assert.True(shortRun == longRun, $"2 epochs allocated {shortRun} bytes, 40 epochs {longRun} bytes.");
    }

    [Theory]
    [InlineData("None")]
    [InlineData("StepDecay")]
    [InlineData("ExponentialDecay")]
    [InlineData("CosineDecay")]
    [InlineData("ReduceOnPlateau")]
    public void An_epoch_with_validation_early_stopping_and_a_schedule_allocates_nothing(string schedule)
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(60, seed: 1);
        (float[] validationInputs, float[] validationTargets, _) = ClassificationData.Blobs(21, seed: 2);
        var network = new SoftmaxClassifier(1);
        var optimizer = new RmsProp(network, 1e-3, momentum: 0.5, centered: true)
        {
            Schedule = schedule switch
            {
                "None" => null,
                "StepDecay" => new StepDecay(5),
                "ExponentialDecay" => new ExponentialDecay(0.999),
                "CosineDecay" => new CosineDecay(totalSteps: 100, warmupSteps: 10),
                _ => new ReduceOnPlateau(patience: 0),
            },
        };
        var trainer = new Trainer<float>(network, optimizer) { BatchSize = 7, EarlyStopping = new EarlyStopping(patience: 1000) };
        var progress = new CountingProgress();

        long Allocated(int epochs) => Allocations.Least(() => trainer.Train(inputs, targets, validationInputs, validationTargets, epochs, progress));

        Allocated(3);
        long shortRun = Allocated(2);
        long longRun = Allocated(40);
        Assert.True(shortRun == longRun, $"2 epochs allocated {shortRun} bytes, 40 epochs {longRun} bytes.");
        Assert.True(progress.Reports > 0);
    }

    /// <summary>A reporter that allocates nothing itself.</summary>
    private sealed class CountingProgress : IProgress<TrainingProgress>
    {
        public int Reports { get; private set; }

        public void Report(TrainingProgress value) => Reports++;
    }
}
