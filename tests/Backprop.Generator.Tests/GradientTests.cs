using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using Backprop.Generator.Tests.TestHelpers;
using Xunit;
using Xunit.Abstractions;

namespace Backprop.Generator.Tests;

/// <summary>
/// Numeric tests of generated networks: 30 topologies drawn with a fixed seed, each with every
/// elementwise activation (plus every mixed hidden × output pair on one of them), a softmax output with
/// cross-entropy, a sigmoid output with binary cross-entropy, an activation per hidden layer where there
/// are two hidden layers or more, and on five of them a softmax with the quadratic cost (see
/// <see cref="NetworkSuite"/>), declared in source, generated and compiled in one compilation.
/// <c>Backward</c> is checked against central differences of each loss through <c>Forward</c>,
/// <c>Forward</c> against an independent implementation, single precision against double, and the
/// training steps against <c>Backward</c>.
/// </summary>
public class GradientTests
{
    /// <summary>
    /// The bound on the relative error |a − n| / max(|a|, |n|, floor) between Backward's gradient a and
    /// the central difference n, over every parameter of every network. The floor, which depends on the
    /// network, is explained on <see cref="FiniteDifference.SmoothFloor"/> and
    /// <see cref="FiniteDifference.PiecewiseLinearFloor"/>.
    /// </summary>
    private const double GradientTolerance = 1e-6;

    /// <summary>
    /// Forward against the reference: relative 1e-12, measured against 1 for outputs below 1 (the rounding
    /// of a sum of order-one terms is absolute, whatever the size of the sum). The reference happens to
    /// add in the generated code's order, so the two agree bit for bit today; the tolerance lets either
    /// change its order of summation.
    /// </summary>
    private const double ForwardTolerance = 1e-12;

    private const double ForwardFloor = 1.0;

    /// <summary>
    /// Single against double precision: relative 1e-4, absolute 1e-5 below 0.1. Float carries 24 bits
    /// (ε = 6e-8); the parameters' rounding and a few dozen roundings along a 5-layer pass, amplified by
    /// weights up to √6 and sums of 12 terms, come to a few 1e-6 (measured: 1.8e-6 on outputs, 5.1e-6
    /// on gradients), so 1e-4 leaves room for other inputs without hiding a wrong formula, which errs
    /// by order one. Values that are small because of cancellation (e = a − y, Σ w·δ) carry the
    /// absolute error of their order-one terms, hence the floor.
    /// </summary>
    private const double FloatTolerance = 1e-4;

    private const double FloatFloor = 0.1;

    /// <summary>TrainStep and TrainBatch against θ − η·g: 1e-12 relative to the step, plus the unavoidable rounding of storing θ′.</summary>
    private const double StepTolerance = 1e-12;

    /// <summary>Not a power of two, so that an update scaled wrongly cannot agree by accident.</summary>
    private const double LearningRate = 0.37;

    private const int BatchRows = 3;

    private readonly ITestOutputHelper _output;

    public GradientTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static NetworkSuite Suite => NetworkSuite.Instance;

    [Fact]
    public void Suite_is_generated_and_compiled_without_diagnostics()
    {
        NetworkSuite suite = Suite;
        int twins = suite.Networks.Count(n => n.HasFloatTwin);
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{suite.Topologies.Count} topologies, {suite.Networks.Count} double-precision networks, {twins} single-precision twins: {suite.GeneratedFileCount} generated files, {suite.GeneratedLineCount} lines"));
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generator + compile + load: {suite.CompileTime.TotalSeconds:F1} s wall clock, {suite.CompileProcessorTime.TotalSeconds:F1} s processor time"));
        foreach (var (topology, t) in suite.Topologies.Select((topology, t) => (topology, t)))
        {
            _output.WriteLine($"T{t:00}: [{string.Join(", ", topology)}]");
        }

        foreach (IGrouping<string, NetworkSpec> kind in suite.Networks.GroupBy(Kind))
        {
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kind.Key}: {kind.Count()} networks, {kind.Count(n => n.HasFloatTwin)} twins"));
        }

        // The only diagnostics: BP0020 on each softmax network with the quadratic cost, which still generates.
        Assert.Equal(NetworkSuite.ExpectedDiagnostics(suite.Networks), NetworkSuite.DescribeDiagnostics(suite.GeneratorDiagnostics, suite.Source));
        Assert.Empty(suite.EmitDiagnostics);

        // The suite is compiled without nullable analysis and documentation checks, for speed; one
        // topology's networks and one network per hidden layer go through both.
        IReadOnlyList<NetworkSpec> strict = suite.StrictlyCompiledNetworks;
        _output.WriteLine("Compiled with every check: " + string.Join(", ", strict.Select(n => n.Name)));
        Assert.All(NetworkSuite.ElementwiseActivations, a => Assert.Contains(strict, n => n.Hidden == a && n.Output == a));
        Assert.Contains(strict, n => n.Loss == Loss.CrossEntropy);
        Assert.Contains(strict, n => n.Loss == Loss.BinaryCrossEntropy);
        Assert.Contains(strict, n => n.HasPerLayerActivations);
        (string strictSource, var strictGenerator, var strictCompiler) = suite.CompileStrictly();
        Assert.Equal(NetworkSuite.ExpectedDiagnostics(strict), NetworkSuite.DescribeDiagnostics(strictGenerator, strictSource));
        Assert.Empty(strictCompiler);
        Assert.NotNull(suite.Assembly);
        Assert.Equal(suite.Networks.Count + twins, suite.GeneratedFileCount);

        // The draw must keep covering the range the issue asks for: a fixed seed that happened to
        // produce only mid-sized networks would make every test below weaker without failing.
        Assert.Equal(NetworkSuite.TopologyCount, suite.Topologies.Count);
        Assert.All(suite.Topologies, topology => Assert.InRange(topology.Length, NetworkSuite.MinLayers, NetworkSuite.MaxLayers));
        Assert.All(suite.Topologies.SelectMany(t => t), size => Assert.InRange(size, NetworkSuite.MinSize, NetworkSuite.MaxSize));
        Assert.Contains(suite.Topologies, t => t.Length == NetworkSuite.MinLayers);
        Assert.Contains(suite.Topologies, t => t.Length == NetworkSuite.MaxLayers);
        Assert.Contains(suite.Topologies, t => t.Contains(NetworkSuite.MinSize));
        Assert.Contains(suite.Topologies, t => t.Contains(NetworkSuite.MaxSize));

        // Every hidden activation meets every output layer and loss behind a hidden layer, in the uniform
        // hidden form and in the per-layer form.
        foreach (Activation hidden in NetworkSuite.ElementwiseActivations)
        {
            foreach ((Activation output, Loss loss) in NetworkSuite.OutputConfigurations)
            {
                Assert.Contains(suite.Networks, n => !n.HasPerLayerActivations && n.Hidden == hidden && n.Output == output && n.Loss == loss && n.LayerCount > 2);
            }

            Assert.Contains(suite.Networks, n => n.HasPerLayerActivations && n.HiddenLayers!.Contains(hidden));
        }

        Assert.All(
            NetworkSuite.OutputConfigurations.Where(c => !(c.Output == Activation.Softmax && c.Loss == Loss.MeanSquaredError)),
            c => Assert.Contains(suite.Networks, n => n.HasPerLayerActivations && n.Output == c.Output && n.Loss == c.Loss));

        for (int t = 0; t < suite.Topologies.Count; t++)
        {
            int[] topology = suite.Topologies[t];
            Assert.All(
                NetworkSuite.ElementwiseActivations,
                activation => Assert.Contains(suite.Networks, n => n.Topology == t && n.Hidden == activation && n.Output == activation && n.Loss == Loss.MeanSquaredError));
            Assert.Single(suite.Networks, n => n.Topology == t && n.HasFloatTwin && Kind(n) == "uniform");
            Assert.Single(suite.Networks, n => n.Topology == t && n.Output == Activation.Sigmoid && n.Loss == Loss.BinaryCrossEntropy && !n.HasPerLayerActivations);
            Assert.Equal(topology[^1] >= 2 ? 1 : 0, suite.Networks.Count(n => n.Topology == t && n.Loss == Loss.CrossEntropy && !n.HasPerLayerActivations));
            Assert.Equal(topology.Length > 3 ? 1 : 0, suite.Networks.Count(n => n.Topology == t && n.HasPerLayerActivations));
        }

        Assert.Equal(NetworkSuite.SoftmaxWithQuadraticCostCount, suite.Networks.Count(n => n.Output == Activation.Softmax && n.Loss == Loss.MeanSquaredError));
        Assert.All(NetworkSuite.ElementwiseActivations, activation => Assert.Contains(suite.Networks, n => n.HasFloatTwin && n.Hidden == activation && n.Output == activation));
        Assert.All(suite.Networks.GroupBy(Kind), kind => Assert.Contains(kind, n => n.HasFloatTwin || kind.Key == "mixed pair"));
    }

    [Fact]
    public void Layout_and_shape_match_the_declaration()
    {
        foreach (NetworkSpec spec in Suite.Networks)
        {
            CheckLayout(spec, Suite.CreateDouble(spec), Precision.Double);
            if (spec.HasFloatTwin)
            {
                CheckLayout(spec, Suite.CreateFloat(spec), Precision.Single);
            }
        }
    }

    [Fact]
    public void Forward_matches_the_reference_implementation()
    {
        var worst = new Worst("Forward vs reference, relative error (floor 1)");
        foreach (NetworkSpec spec in Suite.Networks)
        {
            GradientCase example = GradientCase.For(Suite, spec);
            INeuralNetwork<double> network = example.NewDoubleNetwork(Suite);

            // The gradient example and two more inputs, drawn with a fixed seed.
            var random = new Random(31 * spec.Index + 5);
            var inputs = new[] { example.Input, GradientCase.Uniform(random, spec.InputSize, -1, 1), GradientCase.Uniform(random, spec.InputSize, -2, 2) };
            foreach (double[] input in inputs)
            {
                double[] expected = ReferenceNetwork.Run(spec, example.Parameters, input).Output;
                var actual = new double[spec.OutputSize];
                network.Forward(input, actual);
                for (int j = 0; j < expected.Length; j++)
                {
                    double error = FiniteDifference.RelativeError(actual[j], expected[j], ForwardFloor);
                    worst.Observe(error, () => string.Create(CultureInfo.InvariantCulture, $"{spec.Describe()}, output {j}: Forward {actual[j]:R}, reference {expected[j]:R}"));
                }
            }
        }

        _output.WriteLine(worst.ToString());
        Assert.True(worst.Value <= ForwardTolerance, worst.ToString());
    }

    /// <summary>
    /// The central difference (C(θ + h) − C(θ − h)) / 2h of every parameter of every double-precision
    /// network, with C computed here from Forward's outputs, against Backward's gradient.
    /// </summary>
    /// <remarks>
    /// Steps and floors are chosen per network (see <see cref="FiniteDifference"/>): the error of the
    /// differences themselves stays below 6e-7 relative (or 6e-12 absolute on gradients below 1e-5), so
    /// any wrong factor, index, sign or derivative, which errs by order one, fails the bound of 1e-6.
    /// </remarks>
    [Fact]
    public void Backward_matches_central_differences_of_the_cost()
    {
        var smooth = new Worst("Networks with a sigmoid, tanh or softmax layer (h = 2^-14, floor 1e-5), relative error");
        var piecewiseLinear = new Worst("Networks of ReLU, leaky ReLU and linear layers (h = 2^-8, floor 1e-7), relative error");
        var smoothWithoutFloor = new Worst("  for information, networks with a sigmoid, tanh or softmax layer with floor 1e-7");
        var byLoss = Enum.GetValues<Loss>().ToDictionary(l => l, l => new Worst("  loss " + l));
        var softmaxCrossEntropy = new Worst("Softmax + cross-entropy, relative error");
        var byHidden = NetworkSuite.ElementwiseActivations.ToDictionary(a => a.ToString(), a => new Worst("  hidden " + a));
        byHidden["per layer"] = new Worst("  hidden activation per layer");
        var byOutput = NetworkSuite.OutputConfigurations.ToDictionary(c => NetworkSpec.OutputAndLossOf(c.Output, c.Loss), c => new Worst("  output " + NetworkSpec.OutputAndLossOf(c.Output, c.Loss)));
        int parameters = 0;
        int zeroGradients = 0;
        int kinkRedraws = 0;
        int deadOutputRedraws = 0;
        int networksWithRedraws = 0;
        foreach (NetworkSpec spec in Suite.Networks)
        {
            GradientCase example = GradientCase.For(Suite, spec);
            kinkRedraws += example.KinkRedraws;
            deadOutputRedraws += example.DeadOutputRedraws;
            networksWithRedraws += example.KinkRedraws + example.DeadOutputRedraws > 0 ? 1 : 0;
            INeuralNetwork<double> network = example.NewDoubleNetwork(Suite);
            bool isPiecewiseLinear = FiniteDifference.IsPiecewiseLinear(spec);
            double step = FiniteDifference.StepFor(spec);
            double floor = FiniteDifference.FloorFor(spec);

            var analytic = new double[spec.ParameterCount];
            network.Backward(example.Input, example.Target, analytic);
            for (int i = 0; i < analytic.Length; i++)
            {
                double numeric = FiniteDifference.Derivative(network, spec.Loss, i, example.Input, example.Target, step);
                double error = FiniteDifference.RelativeError(analytic[i], numeric, floor);
                string Where() => string.Create(CultureInfo.InvariantCulture, $"{spec.Describe()}, {spec.DescribeParameter(i)}: Backward {analytic[i]:R}, central difference {numeric:R}");
                (isPiecewiseLinear ? piecewiseLinear : smooth).Observe(error, Where);
                if (!isPiecewiseLinear)
                {
                    smoothWithoutFloor.Observe(FiniteDifference.RelativeError(analytic[i], numeric, FiniteDifference.PiecewiseLinearFloor), Where);
                }

                if (spec.Output == Activation.Softmax && spec.Loss == Loss.CrossEntropy)
                {
                    softmaxCrossEntropy.Observe(error, Where);
                }

                byLoss[spec.Loss].Observe(error, Where);
                byHidden[spec.HasPerLayerActivations ? "per layer" : spec.Hidden.ToString()].Observe(error, Where);
                byOutput[spec.OutputAndLoss].Observe(error, Where);
                parameters++;
                zeroGradients += analytic[i] == 0 ? 1 : 0;
            }
        }

        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Suite.Networks.Count} networks, {parameters} parameters ({zeroGradients} with a gradient of exactly 0)"));
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Draws rejected: {kinkRedraws} for a pre-activation within 4h of a kink, {deadOutputRedraws} for a dead ReLU output layer, in {networksWithRedraws} networks"));
        _output.WriteLine(softmaxCrossEntropy.ToString());
        _output.WriteLine(smooth.ToString());
        _output.WriteLine(piecewiseLinear.ToString());
        _output.WriteLine(smoothWithoutFloor.ToString());
        foreach (Worst worst in byLoss.Values.Concat(byHidden.Values).Concat(byOutput.Values))
        {
            _output.WriteLine(worst.ToString());
        }

        Assert.True(softmaxCrossEntropy.Count > 0, "No softmax + cross-entropy network was checked.");
        Assert.True(smooth.Value < GradientTolerance, smooth.ToString());
        Assert.True(piecewiseLinear.Value < GradientTolerance, piecewiseLinear.ToString());
    }

    [Fact]
    public void Backward_returns_the_cost_of_Forward_and_adds_to_the_gradient()
    {
        var worstCost = new Worst("Backward's cost vs the loss of Forward's output, relative error");
        var worstCostByLoss = Enum.GetValues<Loss>().ToDictionary(l => l, l => new Worst("  loss " + l));
        foreach (NetworkSpec spec in Suite.Networks)
        {
            GradientCase example = GradientCase.For(Suite, spec);
            INeuralNetwork<double> network = example.NewDoubleNetwork(Suite);
            double expectedCost = FiniteDifference.CostThroughForward(network, spec.Loss, example.Input, example.Target);

            var gradient = new double[spec.ParameterCount];
            double cost = network.Backward(example.Input, example.Target, gradient);
            double[] once = gradient.ToArray();
            double secondCost = network.Backward(example.Input, example.Target, gradient);

            double costError = FiniteDifference.RelativeError(cost, expectedCost, double.Epsilon);
            string CostWhere() => string.Create(CultureInfo.InvariantCulture, $"{spec.Describe()}: Backward {cost:R}, from Forward {expectedCost:R}");
            worstCost.Observe(costError, CostWhere);
            worstCostByLoss[spec.Loss].Observe(costError, CostWhere);
            Assert.Equal(cost, secondCost);
            Assert.True(once.Any(g => g != 0), $"{spec.Describe()}: every gradient is 0, so nothing below is tested.");

            // g + g is exact in floating point, so adding the same gradient twice doubles it bit for bit.
            Assert.Equal(once.Select(g => 2 * g), gradient);

            // Adding onto values already there: gradient[i] + g[i], rounded once, as the caller would.
            double[] start = Enumerable.Range(0, spec.ParameterCount).Select(i => 0.25 * (i % 7) - 0.5).ToArray();
            double[] accumulated = start.ToArray();
            network.Backward(example.Input, example.Target, accumulated);
            Assert.Equal(start.Zip(once, (s, g) => s + g), accumulated);

            Assert.Equal(example.Parameters, network.Parameters.ToArray());
        }

        _output.WriteLine(worstCost.ToString());
        foreach (Worst worst in worstCostByLoss.Values)
        {
            _output.WriteLine(worst.ToString());
        }

        Assert.True(worstCost.Value <= 1e-12, worstCost.ToString());
    }

    /// <summary>
    /// Each single-precision twin, given the double network's parameters rounded to float, computes
    /// the same outputs, cost and gradient within float tolerance.
    /// </summary>
    [Fact]
    public void Float_networks_agree_with_double_networks()
    {
        var worstOutput = new Worst("Forward, float vs double, relative error (floor 0.1)");
        var worstCost = new Worst("Backward's cost, float vs double, relative error (floor 0.1)");
        var worstGradient = new Worst("Backward's gradient, float vs double, relative error (floor 0.1)");
        foreach (NetworkSpec spec in Suite.Networks.Where(n => n.HasFloatTwin))
        {
            GradientCase example = GradientCase.For(Suite, spec);
            INeuralNetwork<double> doubleNetwork = example.NewDoubleNetwork(Suite);
            INeuralNetwork<float> floatNetwork = Suite.CreateFloat(spec);

            // The same seed starts both twins from the same weights, rounded once (ParameterInitializer).
            Assert.Equal(Suite.CreateDouble(spec).Parameters.ToArray().Select(p => (float)p), floatNetwork.Parameters.ToArray());

            float[] parameters = ToFloat(example.Parameters);
            parameters.CopyTo(floatNetwork.Parameters);
            float[] input = ToFloat(example.Input);
            float[] target = ToFloat(example.Target);

            var doubleOutput = new double[spec.OutputSize];
            var floatOutput = new float[spec.OutputSize];
            doubleNetwork.Forward(example.Input, doubleOutput);
            floatNetwork.Forward(input, floatOutput);
            for (int j = 0; j < doubleOutput.Length; j++)
            {
                worstOutput.Observe(FiniteDifference.RelativeError(floatOutput[j], doubleOutput[j], FloatFloor), () => $"{spec.Describe()}, output {j}");
            }

            var doubleGradient = new double[spec.ParameterCount];
            var floatGradient = new float[spec.ParameterCount];
            double doubleCost = doubleNetwork.Backward(example.Input, example.Target, doubleGradient);
            float floatCost = floatNetwork.Backward(input, target, floatGradient);
            worstCost.Observe(FiniteDifference.RelativeError(floatCost, doubleCost, FloatFloor), () => spec.Describe());
            for (int i = 0; i < doubleGradient.Length; i++)
            {
                worstGradient.Observe(
                    FiniteDifference.RelativeError(floatGradient[i], doubleGradient[i], FloatFloor),
                    () => string.Create(CultureInfo.InvariantCulture, $"{spec.Describe()}, {spec.DescribeParameter(i)}: float {floatGradient[i]:R}, double {doubleGradient[i]:R}"));
            }
        }

        _output.WriteLine(worstOutput.ToString());
        _output.WriteLine(worstCost.ToString());
        _output.WriteLine(worstGradient.ToString());
        Assert.True(worstOutput.Value < FloatTolerance, worstOutput.ToString());
        Assert.True(worstCost.Value < FloatTolerance, worstCost.ToString());
        Assert.True(worstGradient.Value < FloatTolerance, worstGradient.ToString());
    }

    [Fact]
    public void TrainStep_moves_the_parameters_by_minus_the_learning_rate_times_the_gradient()
    {
        var worst = new Worst("TrainStep vs θ − η·g, share of the allowed error");
        foreach (NetworkSpec spec in Suite.Networks)
        {
            GradientCase example = GradientCase.For(Suite, spec);
            INeuralNetwork<double> network = example.NewDoubleNetwork(Suite);
            double costBefore = FiniteDifference.CostThroughForward(network, spec.Loss, example.Input, example.Target);
            var gradient = new double[spec.ParameterCount];
            network.Backward(example.Input, example.Target, gradient);

            double returned = network.TrainStep(example.Input, example.Target, LearningRate);

            Assert.True(FiniteDifference.RelativeError(returned, costBefore, double.Epsilon) <= 1e-12, string.Create(CultureInfo.InvariantCulture, $"{spec.Describe()}: TrainStep returned {returned:R}, the cost before the step is {costBefore:R}"));
            double[] steps = gradient.Select(g => LearningRate * g).ToArray();
            CompareUpdate(spec, example.Parameters, steps, steps.Select(Math.Abs).ToArray(), network.Parameters.ToArray(), worst);
        }

        _output.WriteLine(worst.ToString());
        Assert.True(worst.Value <= 1, worst.ToString());
    }

    [Fact]
    public void TrainBatch_moves_the_parameters_by_minus_the_learning_rate_times_the_mean_gradient()
    {
        var worst = new Worst("TrainBatch vs θ − η·mean(g), share of the allowed error");
        foreach (NetworkSpec spec in Suite.Networks)
        {
            GradientCase example = GradientCase.For(Suite, spec);
            INeuralNetwork<double> network = example.NewDoubleNetwork(Suite);
            var random = new Random(97 * spec.Index + 13);
            double[] inputs = GradientCase.Uniform(random, BatchRows * spec.InputSize, -1, 1);
            double[] targets = Enumerable.Range(0, BatchRows).SelectMany(_ => GradientCase.DrawTarget(spec, random)).ToArray();

            // Each row's gradient on its own, from Backward into a zeroed span.
            var sum = new double[spec.ParameterCount];
            var sumOfMagnitudes = new double[spec.ParameterCount];
            double totalCost = 0;
            for (int row = 0; row < BatchRows; row++)
            {
                var gradient = new double[spec.ParameterCount];
                totalCost += network.Backward(
                    inputs.AsSpan(row * spec.InputSize, spec.InputSize), targets.AsSpan(row * spec.OutputSize, spec.OutputSize), gradient);
                for (int i = 0; i < gradient.Length; i++)
                {
                    sum[i] += gradient[i];
                    sumOfMagnitudes[i] += Math.Abs(gradient[i]);
                }
            }

            double returned = network.TrainBatch(inputs, targets, LearningRate);

            double meanCost = totalCost / BatchRows;
            Assert.True(FiniteDifference.RelativeError(returned, meanCost, double.Epsilon) <= 1e-12, string.Create(CultureInfo.InvariantCulture, $"{spec.Describe()}: TrainBatch returned {returned:R}, the mean cost is {meanCost:R}"));

            // The rows' gradients may cancel; the rounding of the mean is relative to their magnitudes.
            double[] steps = sum.Select(g => LearningRate * g / BatchRows).ToArray();
            double[] scales = sumOfMagnitudes.Select(g => LearningRate * g / BatchRows).ToArray();
            CompareUpdate(spec, example.Parameters, steps, scales, network.Parameters.ToArray(), worst);
        }

        _output.WriteLine(worst.ToString());
        Assert.True(worst.Value <= 1, worst.ToString());
    }

    /// <summary>
    /// Observes, for each parameter, |θ′ − (θ − step)| as a share of the allowed error: 1e-12 of the
    /// step's <paramref name="scales"/>, plus two units in the last place of θ′ for the one rounding
    /// that storing θ − step needs (in the network and in this test), which no implementation avoids.
    /// A share above 1 is a failure.
    /// </summary>
    private static void CompareUpdate(NetworkSpec spec, double[] before, double[] steps, double[] scales, double[] after, Worst worst)
    {
        for (int i = 0; i < before.Length; i++)
        {
            double expected = before[i] - steps[i];
            double allowed = StepTolerance * scales[i] + 2 * UnitInLastPlace(expected);
            double share = Math.Abs(after[i] - expected) / allowed;
            worst.Observe(share, () => string.Create(CultureInfo.InvariantCulture, $"{spec.Describe()}, {spec.DescribeParameter(i)}: θ′ {after[i]:R}, expected {expected:R}"));
        }
    }

    /// <summary>The kind of declaration, for the suite's summary and its checks.</summary>
    private static string Kind(NetworkSpec spec) =>
        spec.HasPerLayerActivations ? "activation per hidden layer"
        : spec.Loss != Loss.MeanSquaredError || spec.Output == Activation.Softmax ? spec.OutputAndLoss
        : spec.Hidden == spec.Output ? "uniform"
        : "mixed pair";

    private static double UnitInLastPlace(double value) =>
        Math.BitIncrement(Math.Abs(value)) - Math.Abs(value);

    private static float[] ToFloat(double[] values) => values.Select(v => (float)v).ToArray();

    private static void CheckLayout<T>(NetworkSpec spec, INeuralNetwork<T> network, Precision precision)
        where T : unmanaged
    {
        Assert.Equal(precision, network.Precision);
        Assert.Equal(spec.LayerCount, network.LayerCount);
        Assert.Equal(spec.Sizes, network.LayerSizes.ToArray());
        Assert.Equal(spec.InputSize, network.InputSize);
        Assert.Equal(spec.OutputSize, network.OutputSize);
        Assert.Equal(spec.ParameterCount, network.ParameterCount);
        Assert.Equal(spec.ParameterCount, network.Parameters.Length);

        var seen = new HashSet<int>();
        for (int l = 2; l <= spec.LayerCount; l++)
        {
            Assert.Equal(spec.ActivationOf(l), network.GetActivation(l));
            for (int j = 0; j < spec.Size(l); j++)
            {
                for (int k = 0; k < spec.Size(l - 1); k++)
                {
                    int index = spec.WeightOffset(l) + j * spec.Size(l - 1) + k;
                    Assert.Equal(index, network.WeightIndex(l, j, k));
                    Assert.True(IsSameElement(ref network.Weight(l, j, k), network.Parameters, index), $"{spec.Name}: Weight({l}, {j}, {k})");
                    seen.Add(index);
                }

                Assert.Equal(spec.BiasOffset(l) + j, network.BiasIndex(l, j));
                Assert.True(IsSameElement(ref network.Bias(l, j), network.Parameters, spec.BiasOffset(l) + j), $"{spec.Name}: Bias({l}, {j})");
                seen.Add(spec.BiasOffset(l) + j);
            }
        }

        // Every position is exactly one weight or bias.
        Assert.Equal(spec.ParameterCount, seen.Count);

        // The cost constants (docs/math.md, "What a call costs"), counted here product by product: eq. 1 for
        // every layer, eq. 4 for every layer above layer 2, eq. 5 for every layer, one multiply-add per weight.
        long forward = 0, backward = 0;
        for (int l = 2; l <= spec.LayerCount; l++)
        {
            long weights = (long)spec.Size(l) * spec.Size(l - 1);
            forward += weights;
            backward += l >= 3 ? weights : 0;
        }

        Assert.Equal(forward, Constant(network, "ForwardMultiplyAdds"));
        Assert.Equal(forward + backward + forward, Constant(network, "TrainStepMultiplyAdds"));
        Assert.Equal((long)spec.ParameterCount * System.Runtime.CompilerServices.Unsafe.SizeOf<T>(), Constant(network, "ParameterBytes"));
    }

    private static long Constant(object network, string name) =>
        (long)network.GetType().GetField(name, BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;

    private static bool IsSameElement<T>(ref T reference, Span<T> parameters, int index)
        where T : unmanaged =>
        System.Runtime.CompilerServices.Unsafe.AreSame(ref reference, ref parameters[index]);
}
