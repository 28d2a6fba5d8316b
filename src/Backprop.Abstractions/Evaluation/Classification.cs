using System;
using Backprop.Training;

namespace Backprop.Evaluation;

/// <summary>Which class an output or a target row stands for, by the network's <see cref="ClassificationRule"/>.</summary>
internal static class Classification
{
    /// <summary>The rule that applies to <paramref name="network"/>'s output layer.</summary>
    public static ClassificationRule RuleOf(INeuralNetwork network)
    {
        Activation output = network.GetActivation(network.LayerCount);
        if (output == Activation.Softmax)
        {
            return ClassificationRule.LargestOutput;
        }

        return output == Activation.Sigmoid && network.OutputSize == 1 ? ClassificationRule.Threshold : ClassificationRule.None;
    }

    /// <summary>The number of classes: the output size for softmax, 2 for a single sigmoid.</summary>
    public static int ClassCount(INeuralNetwork network, ClassificationRule rule) =>
        rule == ClassificationRule.Threshold ? 2 : network.OutputSize;

    /// <summary>The class that <paramref name="values"/> (an output or a target row) stands for.</summary>
    public static int ClassOf<T>(ReadOnlySpan<T> values, ClassificationRule rule, Scalar<T> scalar)
        where T : unmanaged =>
        rule == ClassificationRule.Threshold
            ? (scalar.ToDouble(values[0]) >= 0.5 ? 1 : 0)
            : scalar.IndexOfMax(values);

    /// <summary>Runs the network forward on every row and counts the rows whose class matches the target's.</summary>
    public static int CountCorrect<T>(
        INeuralNetwork<T> network,
        ReadOnlySpan<T> inputs,
        ReadOnlySpan<T> targets,
        int rows,
        ClassificationRule rule,
        Span<T> output)
        where T : unmanaged
    {
        Scalar<T> scalar = Scalar<T>.Instance;
        int inputSize = network.InputSize;
        int outputSize = network.OutputSize;
        int correct = 0;
        for (int row = 0; row < rows; row++)
        {
            network.Forward(inputs.Slice(row * inputSize, inputSize), output);
            int predicted = ClassOf<T>(output, rule, scalar);
            int actual = ClassOf(targets.Slice(row * outputSize, outputSize), rule, scalar);
            correct += predicted == actual ? 1 : 0;
        }

        return correct;
    }
}
