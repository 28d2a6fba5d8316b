using System;
using System.Collections.Generic;
using System.Linq;
using Backprop.Evaluation;
using Backprop.Tests.Support;
using Backprop.Training;
using Xunit;

namespace Backprop.Tests.Training;

/// <summary>
/// Training with a validation set: the figures reported each epoch are those of the network at that moment, the
/// validation set is never trained on, bad validation data is refused, and early stopping stops after its patience
/// and gives back the best epoch's parameters bit for bit.
/// </summary>
public sealed class TrainerValidationSetTests
{
    private const int Rows = 60;

    [Fact]
    public void Each_epoch_reports_the_validation_loss_and_accuracy_of_the_network_at_that_moment()
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        (float[] validationInputs, float[] validationTargets, _) = ClassificationData.Blobs(30, seed: 2);
        var network = new SoftmaxClassifier(1);
        var measured = new List<(double Loss, double Accuracy)>();
        var reports = new List<TrainingProgress>();
        TrainingResult result = new Trainer<float>(network, new Adam(network, 0.02)) { BatchSize = 8 }.Train(
            inputs,
            targets,
            validationInputs,
            validationTargets,
            epochs: 6,
            new SynchronousProgress<TrainingProgress>(p =>
            {
                reports.Add(p);
                measured.Add((network.MeanLoss(validationInputs, validationTargets), network.Accuracy(validationInputs, validationTargets)));
            }));

        Assert.Equal(6, reports.Count);
        for (int i = 0; i < reports.Count; i++)
        {
            Assert.Equal(measured[i].Loss, reports[i].ValidationLoss);
            Assert.Equal(measured[i].Accuracy, reports[i].ValidationAccuracy);
            Assert.True(reports[i].EpochElapsed <= reports[i].Elapsed);
            Assert.Equal(0.02, reports[i].LearningRate);
        }

        Assert.Equal(reports[^1].ValidationLoss, result.ValidationLoss);
        Assert.Equal(reports[^1].ValidationAccuracy, result.ValidationAccuracy);
        int bestEpoch = 1 + measured.Select(m => m.Loss).ToList().IndexOf(measured.Min(m => m.Loss));
        Assert.Equal(bestEpoch, result.Best!.Value.Epoch);
        Assert.Matches(@"  val loss \S+  val accuracy \d+\.\d%  ", reports[0].ToString());
        Assert.Contains("best epoch " + bestEpoch + ": val loss ", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_validation_set_changes_no_parameter_bit_and_is_absent_from_reports_without_one()
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        (float[] validationInputs, float[] validationTargets, _) = ClassificationData.Blobs(30, seed: 2);
        var plain = new SoftmaxClassifier(3);
        var reports = new List<TrainingProgress>();
        TrainingResult plainResult = new Trainer<float>(plain, new MomentumSgd(plain, 0.05)) { BatchSize = 7, Seed = 4 }
            .Train(inputs, targets, 5, new SynchronousProgress<TrainingProgress>(reports.Add));
        var validated = new SoftmaxClassifier(3);
        new Trainer<float>(validated, new MomentumSgd(validated, 0.05)) { BatchSize = 7, Seed = 4 }
            .Train(inputs, targets, validationInputs, validationTargets, 5);

        SpanAssert.BitIdentical<float>(plain.Parameters, validated.Parameters, "parameters");
        Assert.All(reports, p => Assert.Null(p.ValidationLoss));
        Assert.All(reports, p => Assert.Null(p.ValidationAccuracy));
        Assert.Null(plainResult.ValidationLoss);
        Assert.Null(plainResult.Best);
        Assert.DoesNotContain("val", reports[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_data_that_does_not_fit_is_refused_by_name_before_anything_changes()
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        var network = new SoftmaxClassifier(1);
        float[] before = network.Parameters.ToArray();
        var trainer = new Trainer<float>(network, new Adam(network, 0.05));

        var e = Assert.Throws<ArgumentException>(() => trainer.Train(inputs, targets, new float[7], new float[3], 2));
        Assert.Equal("validationInputs", e.ParamName);
        Assert.Contains("'validationInputs' must hold whole rows of InputSize = 4 values", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ArgumentException>(() => trainer.Train(inputs, targets, new float[8], new float[3], 2));
        Assert.Equal("validationTargets", e.ParamName);
        Assert.Contains("each of the 2 rows of 'validationInputs'", e.Message, StringComparison.Ordinal);

        float[] nan = new float[8];
        nan[5] = float.NaN;
        e = Assert.Throws<ArgumentException>(() => trainer.Train(inputs, targets, nan, new float[6], 2));
        Assert.Equal("validationInputs", e.ParamName);
        Assert.Contains("validationInputs[5] (row 1, column 1) is NaN", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ArgumentException>(() => trainer.Train(inputs, targets, [], [], 2));
        Assert.Equal("validationInputs", e.ParamName);
        SpanAssert.BitIdentical<float>(before, network.Parameters, "parameters");
        Assert.Equal(0, trainer.Optimizer.StepCount);
    }

    [Fact]
    public void Early_stopping_stops_after_its_patience_and_restores_the_best_epochs_parameters_bit_for_bit()
    {
        // Validation labels that the features do not predict: as the network fits the training blobs, its
        // confident answers make the validation loss rise, so there is a best epoch early on.
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        (float[] validationInputs, float[] validationTargets) = Relabelled(ClassificationData.Blobs(30, seed: 2));
        var network = new SoftmaxClassifier(5);
        var snapshots = new List<float[]>();
        var losses = new List<double>();
        var trainer = new Trainer<float>(network, new Adam(network, 0.05)) { BatchSize = 8, EarlyStopping = new EarlyStopping(patience: 4) };
        TrainingResult result = trainer.Train(inputs, targets, validationInputs, validationTargets, 200, new SynchronousProgress<TrainingProgress>(p =>
        {
            snapshots.Add(network.Parameters.ToArray());
            losses.Add(p.ValidationLoss!.Value);
        }));

        int best = 1 + losses.IndexOf(losses.Min());
        Assert.Equal(TrainingStopReason.EarlyStopped, result.StopReason);
        Assert.Equal(best + 4, result.Epochs);
        Assert.True(result.Epochs < 200);
        Assert.Equal(best, result.Best!.Value.Epoch);
        Assert.Equal(losses[best - 1], result.Best.Value.ValidationLoss);
        Assert.Equal(losses[^1], result.ValidationLoss);
        SpanAssert.BitIdentical<float>(snapshots[best - 1], network.Parameters, "parameters");
        Assert.Contains("(stopped early)", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Early_stopping_restores_the_best_parameters_also_when_every_epoch_ran()
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        (float[] validationInputs, float[] validationTargets) = Relabelled(ClassificationData.Blobs(30, seed: 2));
        var network = new SoftmaxClassifier(5);
        var snapshots = new List<float[]>();
        var losses = new List<double>();
        TrainingResult result = new Trainer<float>(network, new Adam(network, 0.05)) { BatchSize = 8, EarlyStopping = new EarlyStopping(patience: 1000) }
            .Train(inputs, targets, validationInputs, validationTargets, 30, new SynchronousProgress<TrainingProgress>(p =>
            {
                snapshots.Add(network.Parameters.ToArray());
                losses.Add(p.ValidationLoss!.Value);
            }));

        int best = 1 + losses.IndexOf(losses.Min());
        Assert.True(best < 30, "The validation loss should have risen by the last epoch.");
        Assert.Equal(TrainingStopReason.EpochsCompleted, result.StopReason);
        SpanAssert.BitIdentical<float>(snapshots[best - 1], network.Parameters, "parameters");
    }

    [Fact]
    public void Min_delta_counts_only_improvements_larger_than_it_and_accuracy_is_watched_upwards()
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        (float[] validationInputs, float[] validationTargets, _) = ClassificationData.Blobs(30, seed: 2);

        // The best epoch by the rule, worked out from the reported metric: the first epoch, then each one better by more than δ.
        static int BestEpoch(IReadOnlyList<double> metric, double delta, bool higherIsBetter)
        {
            int best = 0;
            for (int i = 1; i < metric.Count; i++)
            {
                if (higherIsBetter ? metric[i] > metric[best] + delta : metric[i] < metric[best] - delta)
                {
                    best = i;
                }
            }

            return best + 1;
        }

        foreach ((ValidationMetric monitor, double delta) in new[] { (ValidationMetric.Loss, 0.02), (ValidationMetric.Accuracy, 0.0) })
        {
            var network = new SoftmaxClassifier(2);
            var metric = new List<double>();
            TrainingResult result = new Trainer<float>(network, new Sgd(network, 0.05)) { BatchSize = 8, EarlyStopping = new EarlyStopping(monitor, patience: 1000, minDelta: delta) }
                .Train(inputs, targets, validationInputs, validationTargets, 25, new SynchronousProgress<TrainingProgress>(p =>
                    metric.Add(monitor == ValidationMetric.Loss ? p.ValidationLoss!.Value : p.ValidationAccuracy!.Value)));

            Assert.Equal(BestEpoch(metric, delta, monitor == ValidationMetric.Accuracy), result.Best!.Value.Epoch);
        }
    }

    [Fact]
    public void Early_stopping_needs_a_validation_set_and_a_classifier_to_watch_accuracy()
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        var classifier = new SoftmaxClassifier(1);
        var trainer = new Trainer<float>(classifier, new Sgd(classifier, 0.1)) { EarlyStopping = new EarlyStopping() };
        var e = Assert.Throws<ArgumentException>(() => trainer.Train(inputs, targets, 3));
        Assert.Equal("EarlyStopping", e.ParamName);
        Assert.Contains("no validation set", e.Message, StringComparison.Ordinal);

        double[] x = TestData.Uniform<double>(8 * 2, seed: 1);
        double[] y = TestData.Uniform<double>(8, seed: 2);
        var regressor = new Regressor(1);
        var regression = new Trainer<double>(regressor, new Sgd(regressor, 0.01)) { EarlyStopping = new EarlyStopping(ValidationMetric.Accuracy) };
        e = Assert.Throws<ArgumentException>(() => regression.Train(x, y, x, y, 3));
        Assert.Equal("EarlyStopping", e.ParamName);
        Assert.Contains("not a classifier", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, regression.Optimizer.StepCount);

        Assert.Equal("patience", Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(patience: 0)).ParamName);
        Assert.Equal("minDelta", Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(minDelta: -1)).ParamName);
        Assert.Equal("monitor", Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping((ValidationMetric)7)).ParamName);
    }

    [Fact]
    public void Reduce_on_plateau_is_told_the_validation_loss_of_each_epoch()
    {
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 1);
        (float[] validationInputs, float[] validationTargets) = Relabelled(ClassificationData.Blobs(30, seed: 2));
        var network = new SoftmaxClassifier(5);
        var plateau = new ReduceOnPlateau(reductionFactor: 0.5, patience: 1);
        var reports = new List<TrainingProgress>();
        new Trainer<float>(network, new Adam(network, 0.05) { Schedule = plateau }) { BatchSize = 8 }
            .Train(inputs, targets, validationInputs, validationTargets, 20, new SynchronousProgress<TrainingProgress>(reports.Add));

        // The same losses given to a fresh plateau by hand: the factor after each epoch is the next epoch's.
        var replay = new ReduceOnPlateau(reductionFactor: 0.5, patience: 1);
        double factor = 1.0;
        foreach (TrainingProgress report in reports)
        {
            Assert.Equal(0.05 * factor, report.LearningRate);
            replay.Observe(report.ValidationLoss!.Value);
            factor = replay.PlateauFactor;
        }

        Assert.True(plateau.Reductions > 0, "The validation loss should have stopped improving.");
        Assert.Equal(replay.Reductions, plateau.Reductions);
    }

    // The same rows with labels shifted by one class: the features no longer predict them.
    private static (float[] Inputs, float[] Targets) Relabelled((float[] Inputs, float[] Targets, int[] Labels) data)
    {
        var targets = new float[data.Targets.Length];
        for (int r = 0; r < data.Labels.Length; r++)
        {
            targets[(r * 3) + ((data.Labels[r] + 1) % 3)] = 1f;
        }

        return (data.Inputs, targets);
    }
}
