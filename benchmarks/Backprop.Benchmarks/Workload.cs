using System;
using Backprop.CompilerServices;

namespace Backprop.Benchmarks;

/// <summary>
/// What every implementation is given: the same starting parameters, the same examples, the same
/// learning rate. All of it is deterministic, so runs and implementations can be compared.
/// </summary>
internal static class Workload
{
    /// <summary>The seed of the generated networks' <c>new Net(seed)</c>, and so of every implementation's parameters.</summary>
    public const int NetworkSeed = 42;

    /// <summary>The plain SGD step size of every TrainStep.</summary>
    public const float LearningRate = 0.1f;

    private const int ExampleSeed = 1_000;

    /// <summary>
    /// Example <paramref name="index"/>: inputs drawn uniformly from [0, 1) and a one-hot target, as in a
    /// classification task (MNIST-like at 784-128-10).
    /// </summary>
    public static (float[] Input, float[] Target) Example(SeedLayout layout, int index)
    {
        var random = new DeterministicRandom(ExampleSeed + index);
        float[] input = new float[layout.InputSize];
        for (int k = 0; k < input.Length; k++)
        {
            input[k] = (float)random.NextDouble();
        }

        float[] target = new float[layout.OutputSize];
        target[random.NextInt32(target.Length)] = 1f;
        return (input, target);
    }

    /// <summary>
    /// The starting parameters, in the seed layout. When a generated network exists for the topology they
    /// are read from it (through <c>Weight</c> and <c>Bias</c>, so that a future internal layout does not
    /// matter); otherwise they are drawn the way the generator's <c>InitializeParameters(seed)</c> draws
    /// them, which <c>--check</c> verifies wherever both exist.
    /// </summary>
    public static float[] InitialParameters(SeedLayout layout, INeuralNetwork<float>? generated) =>
        generated is null ? DrawLikeTheGenerator(layout, NetworkSeed) : ReadFrom(generated, layout);

    /// <summary>
    /// Glorot uniform for every weight block in order from one <see cref="DeterministicRandom"/>, zero
    /// biases: what a generated all-sigmoid network does in <c>InitializeParameters(seed)</c>.
    /// </summary>
    public static float[] DrawLikeTheGenerator(SeedLayout layout, int seed)
    {
        float[] parameters = new float[layout.ParameterCount];
        var random = new DeterministicRandom(seed);
        for (int i = 1; i < layout.Sizes.Length; i++)
        {
            int fanIn = layout.Sizes[i - 1];
            int fanOut = layout.Sizes[i];
            ParameterInitializer.GlorotUniform(parameters.AsSpan(layout.WeightOffset(i), fanOut * fanIn), fanIn, fanOut, ref random);
        }

        return parameters;
    }

    /// <summary>Copies a generated network's parameters into the seed layout, by (l, j, k).</summary>
    public static float[] ReadFrom(INeuralNetwork<float> network, SeedLayout layout)
    {
        float[] parameters = new float[layout.ParameterCount];
        CopyFrom(network, layout, parameters);
        return parameters;
    }

    public static void CopyFrom(INeuralNetwork<float> network, SeedLayout layout, Span<float> destination)
    {
        for (int i = 1; i < layout.Sizes.Length; i++)
        {
            int layer = i + 1; // the derivation's numbering: layer 1 is the input
            int inputs = layout.Sizes[i - 1];
            for (int j = 0; j < layout.Sizes[i]; j++)
            {
                for (int k = 0; k < inputs; k++)
                {
                    destination[layout.WeightOffset(i) + j * inputs + k] = network.Weight(layer, j, k);
                }

                destination[layout.BiasOffset(i) + j] = network.Bias(layer, j);
            }
        }
    }
}
