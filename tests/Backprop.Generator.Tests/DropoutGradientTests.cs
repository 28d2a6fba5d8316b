using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using Backprop.Generator.Tests.TestHelpers;
using Xunit;
using Xunit.Abstractions;

namespace Backprop.Generator.Tests;

/// <summary>
/// Backward's gradient with dropout against central differences of its own cost, the mask held fixed: before each
/// evaluation DropoutRandom is set back to one saved state, so every evaluation draws the same masks and the cost is
/// a smooth function of the parameters (eq. 2′ and 4′ of docs/math.md §3.6). Forty double-precision networks drawn
/// with a fixed seed: two to four hidden layers of 1 to 7 neurons (or 9 to 20, written as loops), each hidden layer
/// its own activation and rate (0, 0.1, 0.25, 0.5 or 0.7), every output and loss, every code shape.
/// </summary>
public class DropoutGradientTests
{
    /// <summary>
    /// |a − n| / max(|a|, |n|, 1e-4·max(1, C)): a central difference with h = 1e-4 errs by h²·C‴/6 plus the rounding
    /// of the two costs over 2h (a few hundred roundings of C, about 1e-10·C); measured, at most 1e-6 on these
    /// networks. A missing mask errs by order one, and a missing scale 1/(1 − p) by p/(1 − p), 0.11 at the
    /// smallest rate: 1e-4 tells them apart by three orders of magnitude either way.
    /// </summary>
    private const double Tolerance = 1e-4;

    private const double Step = 1e-4;

    private const double Floor = 1e-4;

    private const int Networks = 40;

    private static readonly string[] Hidden = { "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "Linear" };

    private static readonly double[] Rates = { 0, 0.1, 0.25, 0.5, 0.7 };

    private readonly ITestOutputHelper _output;

    public DropoutGradientTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Backward_matches_central_differences_with_the_mask_held_fixed()
    {
        var random = new Random(1717);
        var declarations = new List<(string Name, string Loss, int[] Sizes, string Attribute)>();
        var source = new StringBuilder("using Backprop;\n\nnamespace DropoutSuite;\n");
        for (int n = 0; n < Networks; n++)
        {
            bool loops = random.Next(3) == 0;
            int[] sizes = Enumerable.Range(0, 3 + random.Next(3)).Select(_ => loops ? 9 + random.Next(12) : 1 + random.Next(7)).ToArray();
            int hiddenLayers = sizes.Length - 2;
            double[] rates = Enumerable.Range(0, hiddenLayers).Select(_ => Rates[random.Next(Rates.Length)]).ToArray();
            rates[random.Next(hiddenLayers)] = Rates[1 + random.Next(Rates.Length - 1)];
            (string output, string loss) = random.Next(4) switch
            {
                0 when sizes[^1] >= 2 => ("Softmax", "CrossEntropy"),
                1 => ("Sigmoid", "BinaryCrossEntropy"),
                2 => ("Linear", "MeanSquaredError"),
                _ => ("Tanh", "MeanSquaredError"),
            };
            string shape = loops ? "VectorLoops" : new[] { "Automatic", "Unrolled", "VectorLoops" }[random.Next(3)];
            string attribute = string.Create(CultureInfo.InvariantCulture,
                $"[Network({string.Join(", ", sizes)}, HiddenActivations = new[] {{ {string.Join(", ", Enumerable.Range(0, hiddenLayers).Select(_ => "Activation." + Hidden[random.Next(Hidden.Length)]))} }}, OutputActivation = Activation.{output}, Loss = Loss.{loss}, CodeShape = CodeShape.{shape}, Precision = Precision.Double, Dropout = new[] {{ {string.Join(", ", rates.Select(r => r.ToString("R", CultureInfo.InvariantCulture)))} }})]");
            string name = $"Net{n:00}";
            declarations.Add((name, loss, sizes, attribute));
            source.Append(CultureInfo.InvariantCulture, $"\n{attribute}\npublic partial class {name} {{ }}\n");
        }

        GeneratorRun run = GeneratorHarness.Run(source.ToString());
        DiagnosticText.AssertNone(run.GeneratorDiagnostics);
        Assembly assembly = GeneratorHarness.Load(run.Output);

        double worst = 0;
        string worstWhere = "";
        int parameters = 0;
        int dropped = 0;
        foreach ((string name, string loss, int[] sizes, string attribute) in declarations)
        {
            INeuralNetwork<double> network = GeneratorHarness.Create<INeuralNetwork<double>>(assembly, "DropoutSuite." + name, seed: declarations.IndexOf((name, loss, sizes, attribute)));
            var dropout = (IDropoutNetwork)network;
            var data = new Random(sizes.Sum());

            // Random biases too: with the biases of a new network (0), a ReLU neuron whose inputs are all dropped
            // sits on its kink (z = 0), where no central difference is a derivative.
            for (int i = 0; i < network.ParameterCount; i++)
            {
                network.Parameters[i] = (2 * data.NextDouble()) - 1;
            }

            double[] input = Enumerable.Range(0, sizes[0]).Select(_ => (2 * data.NextDouble()) - 1).ToArray();
            double[] target = Enumerable.Range(0, sizes[^1]).Select(_ => data.NextDouble()).ToArray();
            if (loss == "CrossEntropy")
            {
                double sum = target.Sum();
                target = target.Select(t => t / sum).ToArray();
            }

            DeterministicRandom mask = dropout.DropoutRandom;
            var analytic = new double[network.ParameterCount];
            double cost = network.Backward(input, target, analytic);
            double floor = Floor * Math.Max(1, Math.Abs(cost));
            var scratch = new double[network.ParameterCount];
            double Cost()
            {
                dropout.DropoutRandom = mask;
                return network.Backward(input, target, scratch);
            }

            for (int i = 0; i < analytic.Length; i++)
            {
                double saved = network.Parameters[i];
                network.Parameters[i] = saved + Step;
                double plus = Cost();
                network.Parameters[i] = saved - Step;
                double minus = Cost();
                network.Parameters[i] = saved;
                double numeric = (plus - minus) / (2 * Step);
                double error = Math.Abs(analytic[i] - numeric) / Math.Max(floor, Math.Max(Math.Abs(analytic[i]), Math.Abs(numeric)));
                if (error > worst)
                {
                    worst = error;
                    worstWhere = string.Create(CultureInfo.InvariantCulture, $"{name} {attribute}, parameter {i}: Backward {analytic[i]:R}, central difference {numeric:R}");
                }

                parameters++;
                dropped += analytic[i] == 0 ? 1 : 0;
            }
        }

        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Networks} networks, {parameters} parameters, {dropped} with a gradient of exactly 0 (most behind a dropped neuron)"));
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Worst relative error {worst:E2}: {worstWhere}"));
        Assert.True(dropped > 0, "No neuron was dropped: the masks went untested.");
        Assert.True(worst < Tolerance, worstWhere);
    }
}
