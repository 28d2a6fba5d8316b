using System;
using Backprop.Evaluation;
using Backprop.Tests.Support;
using Backprop.Tests.Training;
using Xunit;

namespace Backprop.Tests.Evaluation;

// The single-precision classifier of the training tests: Backprop.Tests has a SoftmaxClassifier of its own (double,
// for the save/load tests), which the enclosing namespace would otherwise find first.
using SoftmaxClassifier = Backprop.Tests.Training.SoftmaxClassifier;

/// <summary>
/// Mean loss is exactly the mean of what Backward returns, and is the loss's formula applied to Forward's
/// output; accuracy and the confusion matrix follow the classification rules.
/// </summary>
public sealed class NetworkEvaluationTests
{
    private const int Rows = 12;

    [Fact]
    public void Mean_loss_equals_the_mean_of_Backward_for_every_loss()
    {
        AssertMeanOfBackward(new TinyDouble(2), targetsMin: 0);                // mean squared error
        AssertMeanOfBackward(new Tiny(2), targetsMin: 0);                      // mean squared error, float
        AssertMeanOfBackward(new SoftmaxClassifierDouble(2), oneHot: true);    // cross-entropy
        AssertMeanOfBackward(new SoftmaxClassifier(2), oneHot: true);          // cross-entropy, float
        AssertMeanOfBackward(new BinaryClassifier(2), targetsMin: 0);          // binary cross-entropy
        AssertMeanOfBackward(new MultiLabel(2), targetsMin: 0);                // binary cross-entropy, two outputs
    }

    [Fact]
    public void Mean_squared_error_is_half_the_squared_distance_of_the_forward_output()
    {
        var network = new TinyDouble(3);
        (double[] inputs, double[] targets) = Data(network, oneHot: false, targetsMin: 0);
        double expected = MeanOverRows(network, inputs, targets, (a, y) => 0.5 * (y - a) * (y - a));
        Assert.Equal(expected, network.MeanLoss(inputs, targets), 1e-14);
    }

    [Fact]
    public void Cross_entropy_is_minus_the_log_of_the_softmax_output_weighted_by_the_targets()
    {
        var network = new SoftmaxClassifierDouble(3);
        (double[] inputs, double[] targets) = Data(network, oneHot: true);
        double expected = MeanOverRows(network, inputs, targets, (a, y) => -y * Math.Log(a));
        Assert.Equal(expected, network.MeanLoss(inputs, targets), 1e-14);
    }

    [Fact]
    public void Binary_cross_entropy_is_the_log_loss_of_each_sigmoid_output()
    {
        var network = new MultiLabel(3);
        (double[] inputs, double[] targets) = Data(network, oneHot: false, targetsMin: 0);
        double expected = MeanOverRows(network, inputs, targets, (a, y) => -((y * Math.Log(a)) + ((1 - y) * Math.Log(1 - a))));
        Assert.Equal(expected, network.MeanLoss(inputs, targets), 1e-13);
    }

    [Fact]
    public void Mean_loss_of_rows_whose_summed_loss_overflows_is_their_finite_mean()
    {
        var network = new LinearUnit(1);
        Assert.Equal(double.PositiveInfinity, HugeLosses.NaiveSum(network));
        double expected = HugeLosses.Mean(network);
        Assert.Equal(expected, network.MeanLoss(HugeLosses.Inputs, HugeLosses.Targets), tolerance: expected * 1e-12);
    }

    [Fact]
    public void Mean_loss_changes_no_parameter()
    {
        var network = new SoftmaxClassifier(3);
        float[] before = network.Parameters.ToArray();
        (float[] inputs, float[] targets, _) = ClassificationData.Blobs(Rows, seed: 4);
        network.MeanLoss(inputs, targets);
        SpanAssert.BitIdentical<float>(before, network.Parameters, "parameters");
    }

    [Fact]
    public void Accuracy_of_a_softmax_output_compares_the_largest_output_with_the_hot_target()
    {
        var network = new SoftmaxClassifier(5);
        (float[] inputs, float[] targets, int[] labels) = ClassificationData.Blobs(30, seed: 4);
        int correct = 0;
        var output = new float[3];
        for (int r = 0; r < labels.Length; r++)
        {
            network.Forward(inputs.AsSpan(r * 4, 4), output);
            int predicted = Array.IndexOf(output, Max(output));
            correct += predicted == labels[r] ? 1 : 0;
        }

        Assert.Equal((double)correct / labels.Length, network.Accuracy(inputs, targets));

        ConfusionMatrix matrix = network.ConfusionMatrix(inputs, targets, ["x", "y", "z"]);
        Assert.Equal(3, matrix.ClassCount);
        Assert.Equal(30, matrix.Total);
        Assert.Equal(correct, matrix.Correct);
        Assert.Equal(10, matrix.ActualCount(0));
    }

    [Fact]
    public void A_single_sigmoid_output_is_class_one_from_one_half()
    {
        // Zero weights and a bias b give every row the output σ(b): class 1 when b ≥ 0, since σ(0) = ½.
        var network = new BinaryClassifier(1);
        network.Parameters.Clear();
        double[] inputs = [0, 0, 1, 1, 2, 2, 3, 3];
        double[] targets = [1, 0, 0.7, 0.2];                       // classes 1, 0, 1, 0
        network.Bias(3, 0) = 0;
        Assert.Equal(0.5, network.Accuracy(inputs, targets));
        network.Bias(3, 0) = -1e-3;
        Assert.Equal(0.5, network.Accuracy(inputs, targets));

        ConfusionMatrix matrix = network.ConfusionMatrix(inputs, targets);
        Assert.Equal(2, matrix.ClassCount);
        Assert.Equal(2, matrix[0, 0]);
        Assert.Equal(2, matrix[1, 0]);
    }

    [Fact]
    public void Accuracy_applies_to_classifiers_only()
    {
        Assert.True(new SoftmaxClassifier(1).IsClassifier());
        Assert.True(new BinaryClassifier(1).IsClassifier());
        Assert.True(new XorNet(1).IsClassifier());
        Assert.False(new MultiLabel(1).IsClassifier());
        Assert.False(new Regressor(1).IsClassifier());

        var e = Assert.Throws<InvalidOperationException>(() => new MultiLabel(1).Accuracy(new double[3], new double[2]));
        Assert.Contains("Sigmoid with 2 neurons", e.Message, StringComparison.Ordinal);
        var matrix = Assert.Throws<InvalidOperationException>(() => new Regressor(1).ConfusionMatrix(new double[2], new double[1]));
        Assert.Equal("ConfusionMatrix applies to classifiers: a softmax output, or a single sigmoid output. This network's output layer is Linear with 1 neuron; measure it with MeanLoss instead.", matrix.Message);
    }

    [Fact]
    public void Data_that_do_not_fit_the_network_are_refused()
    {
        var network = new SoftmaxClassifier(1);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => network.Accuracy(new float[5], new float[3])).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => network.MeanLoss(new float[8], new float[3])).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => network.ConfusionMatrix([], [])).ParamName);
    }

    private static void AssertMeanOfBackward<T>(INeuralNetwork<T> network, bool oneHot = false, double targetsMin = -1)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        T[] inputs = TestData.Uniform<T>(Rows * network.InputSize, seed: 7);
        T[] targets = oneHot ? OneHot<T>(network.OutputSize) : TestData.Uniform<T>(Rows * network.OutputSize, seed: 8, min: targetsMin, max: 1);
        var gradient = new T[network.ParameterCount];
        double sum = 0;
        for (int r = 0; r < Rows; r++)
        {
            sum += double.CreateChecked(network.Backward(
                inputs.AsSpan(r * network.InputSize, network.InputSize),
                targets.AsSpan(r * network.OutputSize, network.OutputSize),
                gradient));
        }

        Assert.Equal(BitConverter.DoubleToInt64Bits(sum / Rows), BitConverter.DoubleToInt64Bits(network.MeanLoss(inputs, targets)));
    }

    private static (double[] Inputs, double[] Targets) Data(INeuralNetwork<double> network, bool oneHot, double targetsMin = -1) =>
        (TestData.Uniform<double>(Rows * network.InputSize, seed: 9),
         oneHot ? OneHot<double>(network.OutputSize) : TestData.Uniform<double>(Rows * network.OutputSize, seed: 10, min: targetsMin, max: 1));

    /// <summary>Row r is hot at r mod the number of outputs.</summary>
    private static T[] OneHot<T>(int outputs)
        where T : System.Numerics.INumberBase<T>
    {
        var targets = new T[Rows * outputs];
        Array.Fill(targets, T.Zero);
        for (int r = 0; r < Rows; r++)
        {
            targets[(r * outputs) + (r % outputs)] = T.One;
        }

        return targets;
    }

    /// <summary>The mean over rows of Σⱼ loss(aⱼ, yⱼ), with a from Forward.</summary>
    private static double MeanOverRows(INeuralNetwork<double> network, double[] inputs, double[] targets, Func<double, double, double> loss)
    {
        var output = new double[network.OutputSize];
        double sum = 0;
        for (int r = 0; r < Rows; r++)
        {
            network.Forward(inputs.AsSpan(r * network.InputSize, network.InputSize), output);
            for (int j = 0; j < output.Length; j++)
            {
                double y = targets[(r * network.OutputSize) + j];
                sum += loss(output[j], y);
            }
        }

        return sum / Rows;
    }

    private static float Max(float[] values)
    {
        float max = values[0];
        foreach (float v in values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }
}
