using System;
using System.Collections.Generic;
using System.Linq;
using Backprop.Data;
using Backprop.Training;
using Iris;
using Xunit;
using Xunit.Abstractions;

namespace Backprop.Samples.Tests;

/// <summary>The Iris sample's data, split and training, at full size (a fraction of a second) and reduced.</summary>
public sealed class IrisSampleTests(ITestOutputHelper output)
{
    [Fact]
    public void The_full_run_reaches_the_required_test_accuracy()
    {
        IrisReport report = IrisTraining.Run(new IrisSettings());
        output.WriteLine($"{report.Training}; test accuracy {report.TestAccuracy:P1}.");
        output.WriteLine(report.Confusion.ToString());
        Assert.True(report.TestAccuracy >= 0.93, $"Test accuracy {report.TestAccuracy:P1}, below 93%.");
    }

    [Fact]
    public void A_short_run_trains_reports_and_evaluates_on_the_held_out_fifth()
    {
        var reports = new List<TrainingProgress>();
        IrisReport report = IrisTraining.Run(new IrisSettings { Epochs = 3 }, new SynchronousProgress<TrainingProgress>(reports.Add));

        Assert.Equal([1, 2, 3], reports.Select(p => p.Epoch));
        Assert.All(reports, p => Assert.NotNull(p.Accuracy));
        Assert.All(reports, p => Assert.NotNull(p.ValidationLoss));
        Assert.Equal(3, report.Training.Epochs);
        Assert.Equal(96, report.TrainRows);
        Assert.Equal(24, report.ValidationRows);
        Assert.Equal(30, report.TestRows);
        Assert.Equal(30, report.Confusion.Total);
        Assert.Equal(["setosa", "versicolor", "virginica"], report.Confusion.ClassNames);
        Assert.Equal(report.TestAccuracy, report.Confusion.Accuracy);
        Assert.True(reports[^1].Loss < reports[0].Loss);
    }

    [Fact]
    public void Early_stopping_ends_with_the_best_epochs_parameters()
    {
        var settings = new IrisSettings();
        IrisReport report = IrisTraining.Run(settings);
        int best = report.Training.Best!.Value.Epoch;
        output.WriteLine(report.Training.ToString());

        Assert.Equal(TrainingStopReason.EarlyStopped, report.Training.StopReason);
        Assert.Equal(best + settings.Patience, report.Training.Epochs);
        Assert.True(report.Training.Epochs < settings.Epochs, $"Ran {report.Training.Epochs} of {settings.Epochs} epochs.");
        Assert.Equal(report.Training.Best!.Value.ValidationLoss, report.ValidationLossAtEnd);
        Assert.NotEqual(report.Training.ValidationLoss, report.ValidationLossAtEnd);

        IrisReport shorter = IrisTraining.Run(settings with { EarlyStopping = false, Epochs = best });
        Assert.Equal(report.TestLoss, shorter.TestLoss);
    }

    [Fact]
    public void The_same_settings_give_the_same_report()
    {
        var settings = new IrisSettings { Epochs = 5 };
        IrisReport first = IrisTraining.Run(settings);
        IrisReport second = IrisTraining.Run(settings);
        Assert.Equal(first.Training.Loss, second.Training.Loss);
        Assert.Equal(first.TestLoss, second.TestLoss);
    }

    [Fact]
    public void The_data_hold_fifty_flowers_of_each_species()
    {
        IrisData data = IrisData.Load();
        Assert.Equal(150, data.Rows);
        Assert.Equal(150 * IrisData.FeatureCount, data.Features.Length);
        Assert.Equal(["setosa", "versicolor", "virginica"], data.ClassNames);
        Assert.All(Enumerable.Range(0, 3), c => Assert.Equal(50, data.Labels.Count(l => l == c)));
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f], data.Features[..4]);
    }

    [Fact]
    public void The_split_holds_out_a_fifth_of_each_species_and_is_fixed_by_its_seed()
    {
        IrisData data = IrisData.Load();
        var split = TrainTestSplit.Stratified(data.Labels, 0.2, seed: 1);
        int[] train = split.TrainRows.ToArray();
        int[] test = split.TestRows.ToArray();

        Assert.Equal(Enumerable.Range(0, 150), train.Concat(test).Order());
        Assert.All(Enumerable.Range(0, 3), c => Assert.Equal(10, test.Count(r => data.Labels[r] == c)));
        Assert.Equal(test, TrainTestSplit.Stratified(data.Labels, 0.2, seed: 1).TestRows.ToArray());
        Assert.NotEqual(test, TrainTestSplit.Stratified(data.Labels, 0.2, seed: 2).TestRows.ToArray());
    }

    [Fact]
    public void Standardized_training_features_have_mean_zero_and_deviation_one()
    {
        IrisData data = IrisData.Load();
        float[] train = TrainTestSplit.Stratified(data.Labels, 0.2, seed: 1).SelectTrain<float>(data.Features, IrisData.FeatureCount);
        float[] scaled = Standardizer.Fit(train, IrisData.FeatureCount).Transform(train);

        for (int f = 0; f < IrisData.FeatureCount; f++)
        {
            double[] column = Enumerable.Range(0, train.Length / IrisData.FeatureCount).Select(r => (double)scaled[(r * IrisData.FeatureCount) + f]).ToArray();
            double mean = column.Average();
            double deviation = Math.Sqrt(column.Select(x => (x - mean) * (x - mean)).Average());
            Assert.Equal(0, mean, 1e-6);
            Assert.Equal(1, deviation, 1e-6);
        }
    }
}
