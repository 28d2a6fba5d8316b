using System;
using System.Linq;
using System.Numerics;
using Backprop.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static Backprop.Tests.Support.Numerics;

namespace Backprop.Tests;

/// <summary>
/// The softmax with cross-entropy and the sigmoid with binary cross-entropy, run as a user runs them: the
/// outputs are probabilities, extreme weighted sums give no NaN or infinity, Backward returns the loss of
/// what Forward computes, the interface says which loss it is, and small problems train to a solution.
/// (Gradients, layout and the training steps are checked for these networks with all the others, through
/// <see cref="Networks.Cases"/>.)
/// </summary>
public sealed class LossTests(ITestOutputHelper output)
{
    /// <summary>The declared networks whose loss is not the quadratic cost.</summary>
    public static TheoryData<string> CrossEntropyNetworks => new(Networks.Cases.Where(c => c.Loss != Loss.MeanSquaredError).Select(c => c.Name));

    /// <summary>The declared networks with a softmax output.</summary>
    public static TheoryData<string> SoftmaxNetworks => new(Networks.Cases.Where(c => c.Output == Activation.Softmax).Select(c => c.Name));

    [Fact]
    public void The_interface_reports_the_declared_loss_and_activations()
    {
        INeuralNetwork classifier = new Classifier();
        Assert.Equal(Loss.CrossEntropy, classifier.Loss);
        Assert.Equal(Activation.Tanh, classifier.GetActivation(2));
        Assert.Equal(Activation.Softmax, classifier.GetActivation(3));

        INeuralNetwork tagger = new TaggerSingle();
        Assert.Equal(Loss.BinaryCrossEntropy, tagger.Loss);
        Assert.Equal(new[] { Activation.ReLU, Activation.Tanh, Activation.Sigmoid }, Enumerable.Range(2, 3).Select(tagger.GetActivation));
        Assert.Throws<ArgumentOutOfRangeException>(() => tagger.GetActivation(5));

        // Without Loss on the attribute: the quadratic cost of the derivation.
        Assert.Equal(Loss.MeanSquaredError, ((INeuralNetwork)new Tiny()).Loss);
        Assert.Equal(Loss.MeanSquaredError, ((INeuralNetwork)new Regressor()).Loss);
    }

    [Theory]
    [MemberData(nameof(SoftmaxNetworks))]
    public void Softmax_outputs_are_probabilities_that_add_up_to_one(string name) =>
        Networks.Visit(Networks.Create(name, seed: 3), OutputsAreProbabilities, OutputsAreProbabilities);

    [Fact]
    public void Softmax_with_weighted_sums_of_a_thousand_gives_no_NaN_and_a_finite_cost()
    {
        ExtremeSoftmax(new Classifier(1));
        ExtremeSoftmax(new ClassifierDouble(1));
    }

    [Fact]
    public void Binary_cross_entropy_stays_finite_where_the_sigmoid_rounds_to_0_or_1()
    {
        ExtremeSigmoid(new TaggerSingle(1));
        ExtremeSigmoid(new Tagger(1));
    }

    [Theory]
    [MemberData(nameof(CrossEntropyNetworks))]
    public void Backward_returns_the_loss_of_the_Forward_output(string name)
    {
        NetworkCase network = Networks.Get(name);
        Networks.Visit(network.Create(5), n => CostIsLossOfForward(network, n), n => CostIsLossOfForward(network, n));
    }

    /// <summary>
    /// Three clusters in four dimensions, well apart: the classifier separates them. Full-batch training, a
    /// fixed seed and a fixed data set, so the number of epochs is the same on every run.
    /// </summary>
    [Fact]
    public void A_three_class_problem_trains_to_full_accuracy()
    {
        float[][] centers = [[1, 1, 0, 0], [-1, 0, 1, 0], [0, -1, -1, 1]];
        (float[] inputs, int[] labels) = Clusters(centers, perClass: 20, seed: 7);
        (float[] testInputs, int[] testLabels) = Clusters(centers, perClass: 10, seed: 8);
        float[] targets = OneHot(labels, centers.Length);

        var net = new Classifier(seed: 1);
        int epochs = 0;
        float loss = float.NaN;
        while (epochs < 2_000 && (Accuracy(net, inputs, labels) < 1 || loss > 0.05f))
        {
            loss = net.TrainBatch(inputs, targets, learningRate: 0.5f);
            epochs++;
        }

        output.WriteLine($"{epochs} epochs, mean cross-entropy {loss:G4}, held-out accuracy {Accuracy(net, testInputs, testLabels):P0}");
        Assert.Equal(1.0, Accuracy(net, inputs, labels));
        Assert.Equal(1.0, Accuracy(net, testInputs, testLabels));
        Assert.True(loss <= 0.05f, $"The mean cross-entropy is still {loss} after {epochs} epochs.");
    }

    /// <summary>Two tags that hold independently, x₀ &gt; 0 and x₁ + x₂ &gt; 0, learned with binary cross-entropy.</summary>
    [Fact]
    public void Two_independent_tags_train_to_full_accuracy()
    {
        (double[] inputs, double[] targets) = Tagged(count: 60, seed: 11);
        var net = new Tagger(seed: 2);
        int epochs = 0;
        double loss = double.NaN;
        while (epochs < 5_000 && (TagAccuracy(net, inputs, targets) < 1 || loss > 0.1))
        {
            loss = net.TrainBatch(inputs, targets, learningRate: 0.5);
            epochs++;
        }

        (double[] testInputs, double[] testTargets) = Tagged(count: 30, seed: 12);
        output.WriteLine($"{epochs} epochs, mean binary cross-entropy {loss:G4}, held-out accuracy {TagAccuracy(net, testInputs, testTargets):P0}");
        Assert.Equal(1.0, TagAccuracy(net, inputs, targets));
        Assert.True(loss <= 0.1, $"The mean binary cross-entropy is still {loss} after {epochs} epochs.");
    }

    private static void OutputsAreProbabilities<T>(INeuralNetwork<T> net)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var outputs = new T[net.OutputSize];
        foreach (double scale in new[] { 1.0, 10.0, 1000.0 })
        {
            for (int example = 0; example < 10; example++)
            {
                net.Forward(TestData.Uniform<T>(net.InputSize, seed: 40 + example, min: -scale, max: scale), outputs);
                double sum = 0;
                foreach (T a in outputs)
                {
                    Assert.InRange(D(a), 0.0, 1.0);
                    sum += D(a);
                }

                // Each a_j = e_j / Σ e_i is rounded a few times (u each): their sum is 1 within n·4u.
                Assert.InRange(sum, 1 - (4 * outputs.Length * UnitRoundoff<T>()), 1 + (4 * outputs.Length * UnitRoundoff<T>()));
            }
        }
    }

    /// <summary>
    /// Sets the hidden layer to tanh(50) = 1 exactly and the output weights to ±125, so that the output
    /// layer's weighted sums are z = (1000, −1000, 0) exactly: e^1000 overflows in double and e^±88 in float,
    /// so only a softmax that subtracts the largest z survives this.
    /// </summary>
    private static void ExtremeSoftmax<T>(INeuralNetwork<T> net)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(new[] { 4, 8, 3 }, net.LayerSizes.ToArray());
        for (int j = 0; j < 8; j++)
        {
            for (int k = 0; k < 4; k++)
            {
                net.Weight(2, j, k) = T.Zero;
            }

            net.Bias(2, j) = Of<T>(50);
            net.Weight(3, 0, j) = Of<T>(125);
            net.Weight(3, 1, j) = Of<T>(-125);
            net.Weight(3, 2, j) = T.Zero;
        }

        for (int j = 0; j < 3; j++)
        {
            net.Bias(3, j) = T.Zero;
        }

        T[] input = TestData.Uniform<T>(4, seed: 1);
        var outputs = new T[3];
        net.Forward(input, outputs);
        Assert.Equal(new[] { 1.0, 0.0, 0.0 }, outputs.Select(D));

        // The right class is 1, which the network is sure is wrong: C = −ln a₁ = −(z₁ − max z − ln Σ e^(z − max)) = 2000.
        var gradient = new T[net.ParameterCount];
        double cost = D(net.Backward(input, [T.Zero, T.One, T.Zero], gradient));
        Assert.Equal(2000.0, cost);
        Assert.All(gradient, g => Assert.True(T.IsFinite(g), "A gradient is not finite."));

        // Eq. 3 for cross-entropy, Δ³ = A³ − Y = (1, −1, 0), is eq. 6's bias gradient.
        Assert.Equal(new[] { 1.0, -1.0, 0.0 }, Enumerable.Range(0, 3).Select(j => D(gradient[net.BiasIndex(3, j)])));

        // The class it is sure of costs nothing.
        Assert.Equal(0.0, D(net.Backward(input, [T.One, T.Zero, T.Zero], new T[net.ParameterCount])));

        // Three equal sums of a thousand: a third each.
        for (int j = 0; j < 8; j++)
        {
            net.Weight(3, 1, j) = Of<T>(125);
            net.Weight(3, 2, j) = Of<T>(125);
        }

        net.Forward(input, outputs);
        Assert.All(outputs, a => Assert.Equal(1.0 / 3, D(a), UnitRoundoff<T>() * 4));

        double stepCost = D(net.TrainStep(input, [T.Zero, T.Zero, T.One], Of<T>(0.1)));
        Assert.Equal(Math.Log(3), stepCost, UnitRoundoff<T>() * 4);
        Assert.All(net.Parameters.ToArray(), p => Assert.True(T.IsFinite(p), "A parameter is not finite after TrainStep."));
    }

    /// <summary>
    /// Output weighted sums z = (1000, −1000), where σ(z) rounds to exactly 1 and 0: ln(1 − a) and ln a would be
    /// −∞, but the cost computed from z is finite: with targets (0, 1) each output costs |z| = 1000.
    /// </summary>
    private static void ExtremeSigmoid<T>(INeuralNetwork<T> net)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(new[] { 3, 6, 5, 2 }, net.LayerSizes.ToArray());
        for (int j = 0; j < 2; j++)
        {
            for (int k = 0; k < 5; k++)
            {
                net.Weight(4, j, k) = T.Zero;
            }
        }

        net.Bias(4, 0) = Of<T>(1000);
        net.Bias(4, 1) = Of<T>(-1000);
        T[] input = TestData.Uniform<T>(3, seed: 1);
        var outputs = new T[2];
        net.Forward(input, outputs);
        Assert.Equal(new[] { 1.0, 0.0 }, outputs.Select(D));

        var gradient = new T[net.ParameterCount];
        Assert.Equal(2000.0, D(net.Backward(input, [T.Zero, T.One], gradient)));
        Assert.All(gradient, g => Assert.True(T.IsFinite(g), "A gradient is not finite."));

        // Eq. 3 for binary cross-entropy: Δ⁴ = A⁴ − Y = (1, −1).
        Assert.Equal(new[] { 1.0, -1.0 }, Enumerable.Range(0, 2).Select(j => D(gradient[net.BiasIndex(4, j)])));

        // Right and sure: the cost is ln(1 + e^−1000), which is 0 in either precision.
        Assert.Equal(0.0, D(net.Backward(input, [T.One, T.Zero], new T[net.ParameterCount])));

        Assert.True(T.IsFinite(net.TrainStep(input, [T.Zero, T.One], Of<T>(0.01))));
        Assert.All(net.Parameters.ToArray(), p => Assert.True(T.IsFinite(p), "A parameter is not finite after TrainStep."));
    }

    private static void CostIsLossOfForward<T>(NetworkCase network, INeuralNetwork<T> net)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int Examples = 10;
        T[] inputs = TestData.Uniform<T>(Examples * net.InputSize, seed: 61, min: -2, max: 2);
        T[] targets = TestData.Targets<T>(net, Examples, seed: 62);
        var outputs = new T[net.OutputSize];
        for (int example = 0; example < Examples; example++)
        {
            ReadOnlySpan<T> input = inputs.AsSpan(example * net.InputSize, net.InputSize);
            ReadOnlySpan<T> target = targets.AsSpan(example * net.OutputSize, net.OutputSize);
            net.Forward(input, outputs);
            double expected = Reference.CostOf(network.Loss, Reference.ToDouble(target), Reference.ToDouble<T>(outputs));

            double cost = D(net.Backward(input, target, new T[net.ParameterCount]));

            // Backward computes the loss from the weighted sums (z − max − ln Σ, or max(z, 0) − y·z + ln(1 + e^−|z|)),
            // the reference from the rounded outputs: both are sums of a few terms rounded in T.
            double tolerance = 64 * UnitRoundoff<T>() * (1 + expected);
            Assert.True(Math.Abs(cost - expected) <= tolerance, $"Example {example}: Backward returned {cost:R}, the loss of Forward's output is {expected:R}.");
        }
    }

    /// <summary><paramref name="perClass"/> points around each center, each coordinate within ±0.4 of it.</summary>
    private static (float[] Inputs, int[] Labels) Clusters(float[][] centers, int perClass, int seed)
    {
        var random = new Random(seed);
        int dimensions = centers[0].Length;
        var inputs = new float[centers.Length * perClass * dimensions];
        var labels = new int[centers.Length * perClass];
        for (int row = 0; row < labels.Length; row++)
        {
            int label = row % centers.Length;
            labels[row] = label;
            for (int d = 0; d < dimensions; d++)
            {
                inputs[(row * dimensions) + d] = centers[label][d] + (float)((random.NextDouble() - 0.5) * 0.8);
            }
        }

        return (inputs, labels);
    }

    private static float[] OneHot(int[] labels, int classes)
    {
        var targets = new float[labels.Length * classes];
        for (int row = 0; row < labels.Length; row++)
        {
            targets[(row * classes) + labels[row]] = 1;
        }

        return targets;
    }

    /// <summary>The share of rows whose largest output is the labelled class.</summary>
    private static double Accuracy(Classifier net, float[] inputs, int[] labels)
    {
        var outputs = new float[Classifier.OutputSize];
        int right = 0;
        for (int row = 0; row < labels.Length; row++)
        {
            net.Forward(inputs.AsSpan(row * Classifier.InputSize, Classifier.InputSize), outputs);
            int predicted = Array.IndexOf(outputs, outputs.Max());
            right += predicted == labels[row] ? 1 : 0;
        }

        return (double)right / labels.Length;
    }

    /// <summary>Points of U(−1, 1)³ at least 0.1 away from both decision boundaries, tagged x₀ &gt; 0 and x₁ + x₂ &gt; 0.</summary>
    private static (double[] Inputs, double[] Targets) Tagged(int count, int seed)
    {
        var random = new Random(seed);
        var inputs = new double[count * 3];
        var targets = new double[count * 2];
        for (int row = 0; row < count;)
        {
            double x0 = (2 * random.NextDouble()) - 1, x1 = (2 * random.NextDouble()) - 1, x2 = (2 * random.NextDouble()) - 1;
            if (Math.Abs(x0) < 0.1 || Math.Abs(x1 + x2) < 0.1)
            {
                continue;
            }

            (inputs[row * 3], inputs[(row * 3) + 1], inputs[(row * 3) + 2]) = (x0, x1, x2);
            (targets[row * 2], targets[(row * 2) + 1]) = (x0 > 0 ? 1 : 0, x1 + x2 > 0 ? 1 : 0);
            row++;
        }

        return (inputs, targets);
    }

    /// <summary>The share of rows whose every output is on the right side of ½.</summary>
    private static double TagAccuracy(Tagger net, double[] inputs, double[] targets)
    {
        var outputs = new double[Tagger.OutputSize];
        int rows = targets.Length / Tagger.OutputSize;
        int right = 0;
        for (int row = 0; row < rows; row++)
        {
            net.Forward(inputs.AsSpan(row * Tagger.InputSize, Tagger.InputSize), outputs);
            right += outputs.Select((a, j) => (a > 0.5) == (targets[(row * Tagger.OutputSize) + j] > 0.5)).All(ok => ok) ? 1 : 0;
        }

        return (double)right / rows;
    }
}
