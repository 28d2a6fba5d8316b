using System;
using static TorchSharp.torch;

namespace Backprop.Benchmarks.TorchSharp;

/// <summary>The suite's rows as TorchSharp tensors: inputs as float rows, one-hot targets as class indices.</summary>
internal static class TorchSharpRows
{
    /// <summary>
    /// Cuts <paramref name="inputs"/> and <paramref name="targets"/> (rows of <see cref="MnistClassifier"/>) into
    /// batches of <paramref name="rows"/>: an input tensor [rows, 784] and a label tensor [rows] for each.
    /// </summary>
    public static (Tensor[] Inputs, Tensor[] Labels) Batches(float[] inputs, float[] targets, int rows)
    {
        int count = inputs.Length / MnistClassifier.InputSize / rows;
        var inputBatches = new Tensor[count];
        var labelBatches = new Tensor[count];
        for (int b = 0; b < count; b++)
        {
            inputBatches[b] = tensor(inputs.AsSpan(b * rows * MnistClassifier.InputSize, rows * MnistClassifier.InputSize).ToArray(), [rows, MnistClassifier.InputSize]);
            labelBatches[b] = tensor(Labels(targets.AsSpan(b * rows * MnistClassifier.OutputSize, rows * MnistClassifier.OutputSize)), [rows]);
        }

        return (inputBatches, labelBatches);
    }

    /// <summary>The index of the 1 in each one-hot row.</summary>
    private static long[] Labels(ReadOnlySpan<float> oneHot)
    {
        var labels = new long[oneHot.Length / MnistClassifier.OutputSize];
        for (int row = 0; row < labels.Length; row++)
        {
            labels[row] = oneHot.Slice(row * MnistClassifier.OutputSize, MnistClassifier.OutputSize).IndexOf(1f);
        }

        return labels;
    }
}
