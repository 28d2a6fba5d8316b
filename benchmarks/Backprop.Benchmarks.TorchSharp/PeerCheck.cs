using System;
using System.IO;
using static TorchSharp.torch;

namespace Backprop.Benchmarks.TorchSharp;

/// <summary>
/// <c>--check</c>: that the two networks the suite times compute the same thing. From the same parameters and
/// rows, at each batch size of the suite, TorchSharp's softmax outputs must match Backprop's, its mean cost before
/// the step too, and one SGD step must change every parameter by what Backprop's step changes it, to float
/// rounding (the two add in different orders, so the bits differ).
/// </summary>
internal static class PeerCheck
{
    // The step is large, so that every parameter moves by much more than its rounding.
    private const float LearningRate = 0.1f;

    // Outputs are probabilities; costs and steps are compared relative to their size.
    private const double OutputTolerance = 1e-5;
    private const double CostTolerance = 1e-5;
    private const double StepTolerance = 1e-4;

    public static int Run(TextWriter log, bool requirePeer)
    {
        if (!TorchSharpLibrary.IsAvailable)
        {
            log.WriteLine(TorchSharpLibrary.Note);
            return requirePeer ? 1 : 0;
        }

        log.WriteLine($"TorchSharp {__version__} against Backprop, {MnistClassifier.InputSize}-{MnistClassifier.Layer2Size}-{MnistClassifier.OutputSize} ReLU, softmax, cross-entropy, SGD at {LearningRate}:");
        bool agree = true;
        foreach (int rows in new[] { 1, 32, 256 })
        {
            agree &= CheckBatch(log, rows);
        }

        log.WriteLine(agree ? "TorchSharp computes what Backprop computes." : "TorchSharp and Backprop disagree.");
        return agree ? 0 : 1;
    }

    private static bool CheckBatch(TextWriter log, int rows)
    {
        var net = new MnistClassifier(1);
        using var peer = new TorchSharpMlp(net, LearningRate);
        (float[] inputs, float[] targets) = SyntheticRows.Create(net, rows, seed: 2);
        (Tensor[] torchInputs, Tensor[] torchLabels) = TorchSharpRows.Batches(inputs, targets, rows);
        using Tensor torchInput = torchInputs[0], torchLabel = torchLabels[0];

        var outputs = new float[rows * MnistClassifier.OutputSize];
        net.ForwardBatch(inputs, outputs);
        float[] peerOutputs;
        using (Tensor probabilities = peer.ForwardBatch(torchInput))
        {
            peerOutputs = probabilities.data<float>().ToArray();
        }

        double outputError = MaxDifference(outputs, peerOutputs, out _);

        float[] before = net.Parameters.ToArray();
        float cost = net.TrainBatch(inputs, targets, LearningRate);
        float peerCost = peer.TrainBatch(torchInput, torchLabel);
        float[] peerAfter = peer.Parameters();
        var step = new float[before.Length];
        var peerStep = new float[before.Length];
        for (int i = 0; i < before.Length; i++)
        {
            step[i] = net.Parameters[i] - before[i];
            peerStep[i] = peerAfter[i] - before[i];
        }

        double stepError = MaxDifference(step, peerStep, out double largestStep) / largestStep;
        double costError = Math.Abs(cost - peerCost) / Math.Max(1, Math.Abs(cost));
        bool agree = outputError <= OutputTolerance && costError <= CostTolerance && stepError <= StepTolerance && largestStep > 0;
        log.WriteLine(
            $"  batch {rows,3}: outputs within {outputError:0.0e+00} (≤ {OutputTolerance:0e+00}), cost {cost:0.000000} against {peerCost:0.000000} " +
            $"({costError:0.0e+00} ≤ {CostTolerance:0e+00}), the step within {stepError:0.0e+00} of its largest change {largestStep:0.0e+00} (≤ {StepTolerance:0e+00}): {(agree ? "agree" : "DISAGREE")}");
        return agree;
    }

    private static double MaxDifference(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, out double largest)
    {
        if (expected.Length != actual.Length)
        {
            throw new InvalidOperationException($"The peer gave {actual.Length} values where Backprop gives {expected.Length}.");
        }

        double difference = 0;
        largest = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            difference = Math.Max(difference, Math.Abs((double)expected[i] - actual[i]));
            largest = Math.Max(largest, Math.Abs((double)expected[i]));
        }

        return difference;
    }
}
