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

    /// <summary>A reporter that allocates nothing itself.</summary>
    private sealed class CountingProgress : IProgress<TrainingProgress>
    {
        public int Reports { get; private set; }

        public void Report(TrainingProgress value) => Reports++;
    }
}
