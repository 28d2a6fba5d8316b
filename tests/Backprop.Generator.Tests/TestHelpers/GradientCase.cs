using System;
using System.Collections.Concurrent;
using System.Linq;

namespace Backprop.Generator.Tests.TestHelpers;

/// <summary>
/// One network of the suite ready for checking: its parameters and one example (input and target) on
/// which central differences are valid, all drawn with a seed fixed by the network's index. When an
/// example is rejected, biases, input and target are drawn again from the same generator.
/// </summary>
internal sealed class GradientCase
{
    /// <summary>How many examples to try for one network before giving up.</summary>
    public const int MaxAttempts = 100;

    private const int ExampleSeed = 777_001;

    private static readonly ConcurrentDictionary<int, GradientCase> s_cache = new();

    private GradientCase(NetworkSpec spec, double[] parameters, double[] input, double[] target, int kinkRedraws, int deadOutputRedraws)
    {
        Spec = spec;
        Parameters = parameters;
        Input = input;
        Target = target;
        KinkRedraws = kinkRedraws;
        DeadOutputRedraws = deadOutputRedraws;
    }

    public NetworkSpec Spec { get; }

    /// <summary>The weights the constructor drew from the network's seed, with the biases replaced as described in <see cref="For"/>.</summary>
    public double[] Parameters { get; }

    public double[] Input { get; }

    public double[] Target { get; }

    /// <summary>Draws rejected because a pre-activation of a ReLU-family layer came within <see cref="KinkMargin"/> of 0.</summary>
    public int KinkRedraws { get; }

    /// <summary>Draws rejected because every output of a ReLU output layer was 0, which would make every gradient 0.</summary>
    public int DeadOutputRedraws { get; }

    /// <summary>
    /// The case of <paramref name="spec"/>, drawn once and cached (it is deterministic, so sharing it
    /// between tests changes nothing but the run time).
    /// </summary>
    /// <remarks>
    /// The weights are the constructor's (seeded Glorot or He). The constructor sets every bias to 0;
    /// the biases are then drawn from U(−½, ½), because zero biases would let a forward pass that reads
    /// the wrong bias, or none, pass unnoticed.
    /// </remarks>
    public static GradientCase For(NetworkSuite suite, NetworkSpec spec) =>
        s_cache.GetOrAdd(spec.Index, _ => Draw(suite, spec));

    /// <summary>A new double-precision instance holding <see cref="Parameters"/>.</summary>
    public INeuralNetwork<double> NewDoubleNetwork(NetworkSuite suite)
    {
        INeuralNetwork<double> network = suite.CreateDouble(Spec);
        Parameters.CopyTo(network.Parameters);
        return network;
    }

    /// <summary>Uniform values in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static double[] Uniform(Random random, int count, double min, double max) =>
        Enumerable.Range(0, count).Select(_ => min + (max - min) * random.NextDouble()).ToArray();

    /// <summary>
    /// A target that suits the network's loss: for the quadratic cost any values, U(−1, 1); for cross-entropy a
    /// probability distribution, one-hot or normalized U(0, 1) draws (half and half), because its δ = Aᴸ − Y
    /// assumes that the targets add up to 1; for binary cross-entropy values in [0, 1], a quarter of them exactly 0
    /// and a quarter exactly 1.
    /// </summary>
    public static double[] DrawTarget(NetworkSpec spec, Random random)
    {
        int count = spec.OutputSize;
        switch (spec.Loss)
        {
            case Loss.CrossEntropy:
                var distribution = new double[count];
                if (random.Next(2) == 0)
                {
                    distribution[random.Next(count)] = 1;
                    return distribution;
                }

                double[] weights = Uniform(random, count, 0, 1);
                double sum = weights.Sum();
                return weights.Select(w => w / sum).ToArray();
            case Loss.BinaryCrossEntropy:
                return Enumerable.Range(0, count).Select(_ => random.Next(4) switch
                {
                    0 => 0.0,
                    1 => 1.0,
                    _ => random.NextDouble(),
                }).ToArray();
            default:
                return Uniform(random, count, -1, 1);
        }
    }

    /// <summary>
    /// How close to a kink (z = 0 in a ReLU or leaky ReLU layer) a pre-activation may come at θ or at
    /// θ ± h: four steps h. A central difference over an interval that contains a kink mixes the two
    /// slopes and is wrong by construction, however correct Backward is.
    /// </summary>
    public static double KinkMargin(NetworkSpec spec) => 4 * FiniteDifference.StepFor(spec);

    private static GradientCase Draw(NetworkSuite suite, NetworkSpec spec)
    {
        var random = new Random(ExampleSeed + 7919 * spec.Index);
        double[] parameters = suite.CreateDouble(spec).Parameters.ToArray();
        int kinkRedraws = 0;
        int deadOutputRedraws = 0;
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            // Biases are part of the draw: a dead ReLU output (w < 0 after a layer of one ReLU unit,
            // say) may be dead for every input, and only another bias revives it.
            for (int l = 2; l <= spec.LayerCount; l++)
            {
                Uniform(random, spec.Size(l), -0.5, 0.5).CopyTo(parameters, spec.BiasOffset(l));
            }

            double[] input = Uniform(random, spec.InputSize, -1, 1);
            double[] target = DrawTarget(spec, random);
            if (HasDeadOutput(spec, parameters, input))
            {
                deadOutputRedraws++;
            }
            else if (HasKinkWithinReach(spec, parameters, input))
            {
                kinkRedraws++;
            }
            else
            {
                return new GradientCase(spec, parameters, input, target, kinkRedraws, deadOutputRedraws);
            }
        }

        throw new InvalidOperationException(
            $"No usable example for {spec.Describe()} in {MaxAttempts} attempts ({kinkRedraws} near a kink, {deadOutputRedraws} with a dead output layer).");
    }

    /// <summary>Whether a ReLU output layer outputs 0 everywhere, so that the cost does not depend on any parameter.</summary>
    private static bool HasDeadOutput(NetworkSpec spec, double[] parameters, double[] input) =>
        spec.Output == Activation.ReLU
        && ReferenceNetwork.Run(spec, parameters, input).Z[spec.LayerCount].All(z => z <= 0);

    /// <summary>
    /// Whether some pre-activation of a ReLU-family layer is within <see cref="KinkMargin"/> of 0 at θ, or
    /// at θ ± h for any one parameter, or changes sign between θ − h and θ + h: the cases in which the
    /// central difference of that parameter could straddle a kink. Computed with the reference pass.
    /// </summary>
    private static bool HasKinkWithinReach(NetworkSpec spec, double[] parameters, double[] input)
    {
        if (!spec.HasKinks)
        {
            return false;
        }

        double step = FiniteDifference.StepFor(spec);
        double margin = KinkMargin(spec);
        if (NearKink(spec, ReferenceNetwork.Run(spec, parameters, input), margin))
        {
            return true;
        }

        double[] perturbed = (double[])parameters.Clone();
        for (int i = 0; i < perturbed.Length; i++)
        {
            perturbed[i] = parameters[i] + step;
            ForwardPass plus = ReferenceNetwork.Run(spec, perturbed, input);
            perturbed[i] = parameters[i] - step;
            ForwardPass minus = ReferenceNetwork.Run(spec, perturbed, input);
            perturbed[i] = parameters[i];
            if (NearKink(spec, plus, margin) || NearKink(spec, minus, margin) || ChangesSide(spec, plus, minus))
            {
                return true;
            }
        }

        return false;
    }

    private static bool NearKink(NetworkSpec spec, ForwardPass pass, double margin)
    {
        for (int l = 2; l <= spec.LayerCount; l++)
        {
            if (NetworkSpec.IsKinked(spec.ActivationOf(l)) && pass.Z[l].Any(z => Math.Abs(z) < margin))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ChangesSide(NetworkSpec spec, ForwardPass plus, ForwardPass minus)
    {
        for (int l = 2; l <= spec.LayerCount; l++)
        {
            if (NetworkSpec.IsKinked(spec.ActivationOf(l)) && plus.Z[l].Where((z, j) => (z > 0) != (minus.Z[l][j] > 0)).Any())
            {
                return true;
            }
        }

        return false;
    }
}
