namespace Backprop.Benchmarks;

/// <summary>
/// The rows every batch benchmark runs on. The TorchSharp suite (benchmarks/Backprop.Benchmarks.TorchSharp) compiles
/// this file too, so that both suites time the same rows.
/// </summary>
internal static class SyntheticRows
{
    /// <summary>Inputs in [−1, 1) and one-hot targets (valid for every loss), from a fixed seed.</summary>
    public static (float[] Inputs, float[] Targets) Create(INeuralNetwork network, int rows, int seed)
    {
        var random = new DeterministicRandom(seed);
        var inputs = new float[rows * network.InputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)random.NextDouble(-1, 1);
        }

        var targets = new float[rows * network.OutputSize];
        for (int row = 0; row < rows; row++)
        {
            targets[(row * network.OutputSize) + random.NextInt32(network.OutputSize)] = 1;
        }

        return (inputs, targets);
    }
}
