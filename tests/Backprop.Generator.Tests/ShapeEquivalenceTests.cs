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
/// Every code shape computes the same network. Each topology of the gradient suite's random draw, and a few
/// whose automatic shapes mix unrolled layers with loops, is declared once per shape; with equal parameters
/// the shapes must agree on Forward, ForwardBatch, Backward's cost and gradient, TrainStep and TrainBatch (of
/// six rows: networks all of loops take the first four in one pass over the weights, the batch path). The unrolled
/// shape is the one the gradient tests check against central differences, so agreeing with it checks the others.
/// </summary>
/// <remarks>
/// <para>
/// The loops round like the unrolled statements they replace, except for the dot products of eq. 1, which
/// add in another order (partial sums per vector lane): so the shapes agree to a few ulps, not to the bit.
/// The bound is 1e-12 relative in double precision and 1e-4 in single precision, floor 1e-4 (see
/// <see cref="CancellationFloor"/>): after a TrainStep and a TrainBatch, a parameter that started at zero (a
/// bias) is the sum of its steps, and δ = a − y cancels digits.
/// </para>
/// <para>
/// The automatic shape is declared on the mixed topologies, built to cover every boundary between the
/// shapes (on the drawn ones, sizes up to 12, it loops the layers of more than 48 weights); single precision
/// is declared on every third drawn topology and on the mixed ones. That keeps the compile time of the
/// class to a third of declaring everything, for the same coverage of what the emitter writes.
/// </para>
/// </remarks>
public class ShapeEquivalenceTests(ShapeEquivalenceTests.CompiledShapes compiled, ITestOutputHelper output) : IClassFixture<ShapeEquivalenceTests.CompiledShapes>
{
    private static readonly string[] Shapes = { "Unrolled", "VectorLoops", "Automatic" };

    /// <summary>
    /// Below this size a value is held to the absolute difference the bound allows at it. The values compared
    /// are of order 1e-3 to 1, and one far smaller is what is left when larger terms cancel, so it carries their
    /// rounding, not its own: with the seeds of version 0.2, bias 14 of layer 4 of T33 ends at −1.6e-6 after
    /// its steps of order 1e-5, and the shapes differ there by 4.7e-10 in single precision (2.9e-4 relative)
    /// and 1.7e-18 in double (1.1e-12).
    /// </summary>
    private const double CancellationFloor = 1e-4;

    /// <summary>Topologies whose automatic shapes mix unrolled layers and loops: loops first, between, last, and alternating.</summary>
    private static readonly int[][] MixedTopologies =
    {
        new[] { 20, 20, 2 },
        new[] { 3, 8, 40, 1 },
        new[] { 2, 10, 30 },
        new[] { 8, 8, 4, 20, 2 },
        new[] { 40, 8, 8, 3 },
    };

    /// <summary>(hidden, output, loss), taking turns over the topologies so that each meets several.</summary>
    private static readonly (string Hidden, string Output, string Loss)[] Configurations =
    {
        ("Sigmoid", "Sigmoid", "MeanSquaredError"),
        ("Tanh", "Softmax", "CrossEntropy"),
        ("ReLU", "Sigmoid", "BinaryCrossEntropy"),
        ("LeakyReLU", "Linear", "MeanSquaredError"),
        ("Tanh", "Softmax", "MeanSquaredError"),
        ("Linear", "Tanh", "MeanSquaredError"),
    };

    [Fact]
    public void Every_shape_computes_the_same_network_in_double_precision() =>
        Compare<double>("Double", 1e-12, CancellationFloor, (a, b) => Math.Abs(a - b), x => Math.Abs(x));

    [Fact]
    public void Every_shape_computes_the_same_network_in_single_precision() =>
        Compare<float>("Single", 1e-4, CancellationFloor, (a, b) => Math.Abs((double)a - b), x => Math.Abs((double)x));

    [Fact]
    public void The_declarations_cover_every_shape_and_each_mix()
    {
        Assert.Empty(compiled.Diagnostics);
        Assert.Equal(compiled.Topologies.Count, compiled.TypeNames.Select(n => n.Split('_')[0]).Distinct().Count());
        Assert.All(Shapes, shape => Assert.Contains(compiled.TypeNames, n => n.Contains("_" + shape + "_Single", StringComparison.Ordinal)));
        output.WriteLine(compiled.Topologies.Count + " topologies, " + compiled.TypeNames.Count + " networks, compiled in " + compiled.Milliseconds + " ms");

        // The automatic shape really mixes on the mixed topologies: some layers unrolled, some loops.
        string source = compiled.GeneratedSource;
        foreach (int t in Enumerable.Range(compiled.Topologies.Count - MixedTopologies.Length, MixedTopologies.Length))
        {
            string remarks = compiled.Remarks("T" + t + "_Automatic_Double");
            Assert.Contains("unrolled", remarks, StringComparison.Ordinal);
            Assert.Contains("vector loops", remarks, StringComparison.Ordinal);
        }

        Assert.Contains("VectorKernels.MultiplyAdd", source, StringComparison.Ordinal);
    }

    private void Compare<T>(string precision, double tolerance, double floor, Func<T, T, double> distance, Func<T, double> magnitude)
        where T : unmanaged
    {
        double worst = 0;
        string worstWhere = "none";
        void Observe(T expected, T actual, string where)
        {
            double error = distance(expected, actual) / Math.Max(floor, magnitude(expected));
            if (error > worst || double.IsNaN(error))
            {
                worst = double.IsNaN(error) ? double.PositiveInfinity : error;
                worstWhere = FormattableString.Invariant($"{where}: {expected} expected, {actual} computed");
            }
        }

        for (int t = 0; t < compiled.Topologies.Count; t++)
        {
            if (!compiled.Declares(t, "Unrolled", precision))
            {
                continue;
            }

            int[] sizes = compiled.Topologies[t];
            (string _, string outputActivation, string _) = compiled.ConfigurationOf(t);
            INeuralNetwork<T> reference = compiled.Create<T>("T" + t + "_Unrolled_" + precision);
            var random = new Random(7919 * (t + 1));
            // Six rows: one four-row pass of the batch path, then two rows one at a time.
            T[] inputs = Draw<T>(random, 6 * sizes[0]);
            T[] targets = Targets<T>(random, 6, sizes[^1], outputActivation);
            foreach (string shape in Shapes.Skip(1).Where(shape => compiled.Declares(t, shape, precision)))
            {
                INeuralNetwork<T> other = compiled.Create<T>("T" + t + "_" + shape + "_" + precision);
                reference.Parameters.CopyTo(other.Parameters);
                string name = "T" + t + " [" + string.Join(", ", sizes) + "] " + shape;

                var expected = new T[sizes[^1]];
                var actual = new T[sizes[^1]];
                reference.Forward(inputs.AsSpan(0, sizes[0]), expected);
                other.Forward(inputs.AsSpan(0, sizes[0]), actual);
                for (int j = 0; j < expected.Length; j++)
                {
                    Observe(expected[j], actual[j], name + ", Forward output " + j);
                }

                var batchOutputs = new T[6 * sizes[^1]];
                other.ForwardBatch(inputs, batchOutputs);
                for (int row = 0; row < 6; row++)
                {
                    reference.Forward(inputs.AsSpan(row * sizes[0], sizes[0]), expected);
                    for (int j = 0; j < expected.Length; j++)
                    {
                        Observe(expected[j], batchOutputs[(row * sizes[^1]) + j], name + ", ForwardBatch row " + row + " output " + j);
                    }
                }

                var expectedGradient = new T[reference.ParameterCount];
                var actualGradient = new T[other.ParameterCount];
                Observe(
                    reference.Backward(inputs.AsSpan(0, sizes[0]), targets.AsSpan(0, sizes[^1]), expectedGradient),
                    other.Backward(inputs.AsSpan(0, sizes[0]), targets.AsSpan(0, sizes[^1]), actualGradient),
                    name + ", Backward's cost");
                for (int i = 0; i < expectedGradient.Length; i++)
                {
                    Observe(expectedGradient[i], actualGradient[i], name + ", gradient " + i);
                }

                INeuralNetwork<T> steppedReference = compiled.Create<T>("T" + t + "_Unrolled_" + precision);
                reference.Parameters.CopyTo(steppedReference.Parameters);
                T rate = (T)Convert.ChangeType(0.05, typeof(T), CultureInfo.InvariantCulture);
                Observe(steppedReference.TrainStep(inputs.AsSpan(0, sizes[0]), targets.AsSpan(0, sizes[^1]), rate), other.TrainStep(inputs.AsSpan(0, sizes[0]), targets.AsSpan(0, sizes[^1]), rate), name + ", TrainStep's cost");
                Observe(steppedReference.TrainBatch(inputs, targets, rate), other.TrainBatch(inputs, targets, rate), name + ", TrainBatch's cost");
                for (int i = 0; i < steppedReference.ParameterCount; i++)
                {
                    Observe(steppedReference.Parameters[i], other.Parameters[i], name + ", parameter " + i + " after TrainStep and TrainBatch");
                }
            }
        }

        output.WriteLine(precision + ": worst relative difference " + worst.ToString("E2", CultureInfo.InvariantCulture) + " at " + worstWhere);
        Assert.True(worst <= tolerance, precision + ": " + worst.ToString("E2", CultureInfo.InvariantCulture) + " at " + worstWhere);
    }

    private static T[] Draw<T>(Random random, int count)
        where T : unmanaged =>
        Enumerable.Range(0, count).Select(_ => (T)Convert.ChangeType((random.NextDouble() * 2) - 1, typeof(T), CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Targets the loss accepts: one-hot rows for a softmax, values in [0, 1] otherwise.</summary>
    private static T[] Targets<T>(Random random, int rows, int outputs, string outputActivation)
        where T : unmanaged
    {
        var targets = new double[rows * outputs];
        for (int r = 0; r < rows; r++)
        {
            int hot = random.Next(outputs);
            for (int j = 0; j < outputs; j++)
            {
                targets[(r * outputs) + j] = outputActivation == "Softmax" ? (j == hot ? 1 : 0) : random.NextDouble();
            }
        }

        return targets.Select(v => (T)Convert.ChangeType(v, typeof(T), CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>Every topology declared in every shape and both precisions, generated and compiled once for the class.</summary>
    public sealed class CompiledShapes
    {
        private readonly Assembly? _assembly;
        private readonly Dictionary<string, string> _generated = new(StringComparer.Ordinal);

        public CompiledShapes()
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Topologies = NetworkSuite.DrawTopologies().Concat(MixedTopologies).ToList();
            var source = new StringBuilder("using Backprop;\n\nnamespace Shapes;\n");
            var names = new List<string>();
            for (int t = 0; t < Topologies.Count; t++)
            {
                (string hidden, string outputActivation, string loss) = ConfigurationOf(t);
                foreach (string shape in Shapes)
                {
                    foreach (string precision in new[] { "Double", "Single" }.Where(p => Declares(t, shape, p)))
                    {
                        string name = "T" + t + "_" + shape + "_" + precision;
                        names.Add(name);
                        string hiddenOption = Topologies[t].Length > 2 ? ", HiddenActivation = Activation." + hidden : "";
                        source.Append("\n[Network(").Append(string.Join(", ", Topologies[t])).Append(hiddenOption)
                            .Append(", OutputActivation = Activation.").Append(outputActivation)
                            .Append(", Loss = Loss.").Append(loss)
                            .Append(", CodeShape = CodeShape.").Append(shape)
                            .Append(", Precision = Precision.").Append(precision).Append(")]\n")
                            .Append("public partial class ").Append(name).Append(" { }\n");
                    }
                }
            }

            GeneratorRun run = GeneratorHarness.Run(source.ToString());
            Diagnostics = run.GeneratorDiagnostics.Select(d => d.ToString())
                .Concat(run.CompilerDiagnostics.Where(d => d.Id is not ("CS1701" or "CS1702")).Select(d => d.ToString()))
                .Where(d => !d.Contains("BP0020", StringComparison.Ordinal))
                .ToList();
            foreach (var generated in run.GeneratedSources)
            {
                _generated[generated.HintName] = generated.SourceText.ToString();
            }

            GeneratedSource = string.Join("\n", _generated.Values);
            _assembly = Diagnostics.Count == 0 ? GeneratorHarness.Load(run.Output) : null;
            TypeNames = names;
            Milliseconds = clock.ElapsedMilliseconds;
        }

        public IReadOnlyList<int[]> Topologies { get; }

        public IReadOnlyList<string> TypeNames { get; }

        /// <summary>Errors and warnings of the generator and the compiler, except BP0020 (softmax with MSE, declared on purpose).</summary>
        public IReadOnlyList<string> Diagnostics { get; }

        public string GeneratedSource { get; }

        public long Milliseconds { get; }

        /// <summary>The configuration of topology <paramref name="t"/>; softmax only where the output has two neurons or more.</summary>
        public (string Hidden, string Output, string Loss) ConfigurationOf(int t)
        {
            (string Hidden, string Output, string Loss) configuration = Configurations[t % Configurations.Length];
            return configuration.Output == "Softmax" && Topologies[t][^1] < 2 ? ("Tanh", "Sigmoid", "BinaryCrossEntropy") : configuration;
        }

        /// <summary>Which variants of topology <paramref name="t"/> are declared (see the remarks of the test class).</summary>
        public bool Declares(int t, string shape, string precision)
        {
            bool mixed = t >= Topologies.Count - MixedTopologies.Length;
            return (mixed || shape != "Automatic") && (mixed || precision == "Double" || t % 3 == 0);
        }

        /// <summary>The generated file's class remarks, for checking which shapes were chosen.</summary>
        public string Remarks(string typeName) => _generated["Shapes." + typeName + ".g.cs"];

        public INeuralNetwork<T> Create<T>(string typeName)
            where T : unmanaged =>
            _assembly is null
                ? throw new InvalidOperationException("The shapes do not compile:\n" + string.Join("\n", Diagnostics.Take(20)))
                : GeneratorHarness.Create<INeuralNetwork<T>>(_assembly, "Shapes." + typeName, seed: 11);
    }
}
