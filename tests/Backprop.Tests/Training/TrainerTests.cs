using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Backprop.Evaluation;
using Backprop.Tests.Support;
using Backprop.Training;
using Xunit;

namespace Backprop.Tests.Training;

/// <summary>The trainer: it learns, it is deterministic, it reports, it stops when asked, and its batches are means.</summary>
public sealed class TrainerTests
{
    private const int Rows = 60;

    [Fact]
    public void Trains_a_softmax_classifier_on_separable_blobs()
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        var network = new SoftmaxClassifier(1);
        double before = network.MeanLoss(inputs, targets);

        var trainer = new Trainer<float>(network, new Adam(network, 0.05)) { BatchSize = 8, Seed = 3 };
        TrainingResult result = trainer.Train(inputs, targets, epochs: 30);

        Assert.Equal(30, result.Epochs);
        Assert.Equal(TrainingStopReason.EpochsCompleted, result.StopReason);
        Assert.True(result.Loss < before / 10, $"Loss {result.Loss} after training, {before} before.");
        Assert.True(result.Accuracy >= 0.95, $"Training accuracy {result.Accuracy}.");
        Assert.Equal(result.Accuracy!.Value, network.Accuracy(inputs, targets));
    }

    [Fact]
    public void The_same_seed_gives_the_same_parameters_and_losses_bit_for_bit()
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        (float[] parameters, double[] losses, TrainingResult result) Run()
        {
            var network = new SoftmaxClassifier(7);
            var trainer = new Trainer<float>(network, new MomentumSgd(network, 0.05, nesterov: true) { WeightDecay = 1e-3, MaxGradientNorm = 1 })
            {
                BatchSize = 7,
                Seed = 11,
            };
            var losses = new List<double>();
            TrainingResult result = trainer.Train(inputs, targets, 12, new SynchronousProgress<TrainingProgress>(p => losses.Add(p.Loss)));
            return (network.Parameters.ToArray(), losses.ToArray(), result);
        }

        var first = Run();
        var second = Run();
        SpanAssert.BitIdentical<float>(first.parameters, second.parameters, "parameters");
        SpanAssert.BitIdentical<double>(first.losses, second.losses, "losses");
        Assert.Equal(BitConverter.DoubleToInt64Bits(first.result.Loss), BitConverter.DoubleToInt64Bits(second.result.Loss));
    }

    [Fact]
    public void Another_shuffling_seed_visits_the_rows_in_another_order()
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        float[] Run(int seed)
        {
            var network = new SoftmaxClassifier(7);
            new Trainer<float>(network, new Sgd(network, 0.05)) { BatchSize = 7, Seed = seed }.Train(inputs, targets, 2);
            return network.Parameters.ToArray();
        }

        Assert.NotEqual(Run(1), Run(2));
    }

    [Fact]
    public void A_batch_is_the_mean_of_its_rows_gradients_and_the_last_batch_may_be_smaller()
    {
        // Ten rows in batches of four, unshuffled: rows 0–3, 4–7, then 8–9. Each batch is one TrainBatch of
        // plain SGD, which averages the rows' gradients; in double the two agree to rounding.
        TinyDouble network = new(3);
        TinyDouble reference = new(3);
        double[] inputs = TestData.Uniform<double>(10 * TinyDouble.InputSize, seed: 5);
        double[] targets = TestData.Uniform<double>(10 * TinyDouble.OutputSize, seed: 6, min: 0, max: 1);

        new Trainer<double>(network, new Sgd(network, 0.5)) { BatchSize = 4, Shuffle = false }.Train(inputs, targets, epochs: 1);
        foreach ((int first, int count) in new[] { (0, 4), (4, 4), (8, 2) })
        {
            reference.TrainBatch(
                inputs.AsSpan(first * TinyDouble.InputSize, count * TinyDouble.InputSize),
                targets.AsSpan(first * TinyDouble.OutputSize, count * TinyDouble.OutputSize),
                0.5);
        }

        double[] tolerance = Enumerable.Repeat(1e-14, TinyDouble.ParameterCount).ToArray();
        SpanAssert.Close(reference.Parameters, network.Parameters, tolerance, "parameters");
    }

    [Fact]
    public void A_batch_larger_than_the_data_set_is_one_batch_per_epoch()
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        float[] Run(int batchSize)
        {
            var network = new SoftmaxClassifier(2);
            new Trainer<float>(network, new Adam(network, 0.01)) { BatchSize = batchSize, Seed = 1 }.Train(inputs, targets, 3);
            return network.Parameters.ToArray();
        }

        SpanAssert.BitIdentical<float>(Run(Rows), Run(1000), "parameters");
    }

    [Fact]
    public void Reports_every_epoch_in_order_with_loss_accuracy_and_time()
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        var network = new SoftmaxClassifier(1);
        var reports = new List<TrainingProgress>();
        TrainingResult result = new Trainer<float>(network, new Adam(network, 0.05)) { BatchSize = 16 }
            .Train(inputs, targets, 5, new SynchronousProgress<TrainingProgress>(reports.Add));

        Assert.Equal([1, 2, 3, 4, 5], reports.Select(p => p.Epoch));
        Assert.All(reports, p => Assert.Equal(5, p.EpochCount));
        Assert.All(reports, p => Assert.InRange(p.Accuracy!.Value, 0.0, 1.0));
        Assert.All(reports.Zip(reports.Skip(1)), pair => Assert.True(pair.First.Elapsed <= pair.Second.Elapsed));
        Assert.Equal(reports[^1].Loss, result.Loss);
        Assert.Equal(reports[^1].Accuracy, result.Accuracy);
        Assert.Matches(@"^epoch 5/5  loss " + Regex.Escape(LossFormat.Format(result.Loss)) + @"  accuracy \d+\.\d%  \d+\.\d\d s$", reports[^1].ToString());
    }

    [Fact]
    public void Accuracy_is_reported_only_for_classifiers_and_when_asked_for()
    {
        double[] inputs = TestData.Uniform<double>(8 * 2, seed: 1);
        double[] targets = TestData.Uniform<double>(8, seed: 2);
        var regressor = new Regressor(1);
        var reports = new List<TrainingProgress>();
        TrainingResult result = new Trainer<double>(regressor, new Sgd(regressor, 0.01))
            .Train(inputs, targets, 2, new SynchronousProgress<TrainingProgress>(reports.Add));
        Assert.All(reports, p => Assert.Null(p.Accuracy));
        Assert.Null(result.Accuracy);

        (float[] blobs, float[] labels, _) = ClassificationData.Blobs(Rows, seed: 1);
        var classifier = new SoftmaxClassifier(1);
        reports.Clear();
        result = new Trainer<float>(classifier, new Sgd(classifier, 0.01)) { MeasureAccuracy = false }
            .Train(blobs, labels, 2, new SynchronousProgress<TrainingProgress>(reports.Add));
        Assert.All(reports, p => Assert.Null(p.Accuracy));
        Assert.Null(result.Accuracy);
    }

    [Fact]
    public void Stops_at_the_first_epoch_whose_loss_reaches_the_target()
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        var network = new SoftmaxClassifier(1);
        var reports = new List<TrainingProgress>();
        TrainingResult result = new Trainer<float>(network, new Adam(network, 0.05)) { BatchSize = 8, TargetLoss = 0.05 }
            .Train(inputs, targets, 1000, new SynchronousProgress<TrainingProgress>(reports.Add));

        Assert.Equal(TrainingStopReason.TargetLossReached, result.StopReason);
        Assert.True(result.Epochs < 1000);
        Assert.Equal(result.Epochs, reports.Count);
        Assert.True(result.Loss <= 0.05);
        Assert.All(reports.Take(reports.Count - 1), p => Assert.True(p.Loss > 0.05));
    }

    [Fact]
    public void A_token_canceled_before_training_changes_nothing()
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        var network = new SoftmaxClassifier(1);
        float[] before = network.Parameters.ToArray();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var trainer = new Trainer<float>(network, new Adam(network, 0.05));
        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Train(inputs, targets, 5, null, cancellation.Token));
        SpanAssert.BitIdentical<float>(before, network.Parameters, "parameters");
    }

    [Fact]
    public void Cancellation_stops_before_the_next_batch_and_keeps_the_batches_done()
    {
        // Canceled while epoch 2 is reported: epoch 3's first batch does not run, so the parameters are
        // exactly those of a two-epoch training.
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        var canceled = new SoftmaxClassifier(1);
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Epoch == 2)
            {
                cancellation.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(
            () => new Trainer<float>(canceled, new Adam(canceled, 0.05)) { BatchSize = 8 }.Train(inputs, targets, 10, progress, cancellation.Token));

        var twoEpochs = new SoftmaxClassifier(1);
        new Trainer<float>(twoEpochs, new Adam(twoEpochs, 0.05)) { BatchSize = 8 }.Train(inputs, targets, 2);
        SpanAssert.BitIdentical<float>(twoEpochs.Parameters, canceled.Parameters, "parameters");
    }

    [Fact]
    public void Sigmoid_binary_cross_entropy_learns_xor()
    {
        double[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
        double[] targets = [0, 1, 1, 0];
        var network = new BinaryClassifier(2);
        TrainingResult result = new Trainer<double>(network, new Adam(network, 0.05)) { BatchSize = 4 }
            .Train(inputs, targets, 500);

        Assert.Equal(1.0, result.Accuracy);
        Assert.True(result.Loss < 0.05, $"Loss {result.Loss}.");
    }
}
