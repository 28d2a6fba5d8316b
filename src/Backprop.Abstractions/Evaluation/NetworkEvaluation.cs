using System;
using System.Collections.Generic;
using Backprop.Training;

namespace Backprop.Evaluation;

/// <summary>
/// How well a network does on a data set given as two row-major spans (inputs, targets): accuracy, a
/// confusion matrix, mean loss.
/// </summary>
/// <remarks>
/// <para>
/// Accuracy applies to classifiers: a <see cref="Activation.Softmax"/> output, where the predicted class is
/// the largest output and the actual class the largest target value (one-hot targets), and a single
/// <see cref="Activation.Sigmoid"/> output, where an output or target of at least 0.5 is class 1 and
/// anything less class 0.
/// </para>
/// <para>
/// Each call allocates a buffer of one output (or, for <see cref="MeanLoss"/>, one gradient); the data sets
/// are checked like <see cref="Trainer{T}"/>'s.
/// </para>
/// </remarks>
public static class NetworkEvaluation
{
    /// <summary>Tells whether accuracy applies: a softmax output, or a single sigmoid output.</summary>
    /// <param name="network">The network.</param>
    /// <returns><see langword="true"/> for a classifier.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    public static bool IsClassifier(this INeuralNetwork network) =>
        Classification.RuleOf(network ?? throw new ArgumentNullException(nameof(network))) != ClassificationRule.None;

    /// <summary>The fraction of rows whose predicted class is the target's.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">A classifier (see <see cref="IsClassifier"/>).</param>
    /// <param name="inputs">The inputs, row after row.</param>
    /// <param name="targets">The targets, row after row: one-hot for softmax, 0 or 1 for a single sigmoid.</param>
    /// <returns>A value in [0, 1].</returns>
    /// <exception cref="ArgumentException">The spans do not fit the network or each other, or hold a NaN or infinity.</exception>
    /// <exception cref="InvalidOperationException">The network is not a classifier.</exception>
    public static double Accuracy<T>(this INeuralNetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets)
        where T : unmanaged
    {
        ClassificationRule rule = RequireClassifier(network, nameof(Accuracy));
        int rows = DataSetGuard.CountRows(network, inputs, targets);
        return (double)Classification.CountCorrect(network, inputs, targets, rows, rule, new T[network.OutputSize]) / rows;
    }

    /// <summary>Counts each (actual class, predicted class) pair over the data set.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">A classifier (see <see cref="IsClassifier"/>).</param>
    /// <param name="inputs">The inputs, row after row.</param>
    /// <param name="targets">The targets, row after row: one-hot for softmax, 0 or 1 for a single sigmoid.</param>
    /// <param name="classNames">A name per class for the table, or null.</param>
    /// <returns>The matrix, with <see cref="INeuralNetwork.OutputSize"/> classes for softmax and 2 for a single sigmoid.</returns>
    /// <exception cref="ArgumentException">The spans do not fit the network or each other, hold a NaN or infinity, or the names do not match the classes.</exception>
    /// <exception cref="InvalidOperationException">The network is not a classifier.</exception>
    public static ConfusionMatrix ConfusionMatrix<T>(
        this INeuralNetwork<T> network,
        ReadOnlySpan<T> inputs,
        ReadOnlySpan<T> targets,
        IReadOnlyList<string>? classNames = null)
        where T : unmanaged
    {
        ClassificationRule rule = RequireClassifier(network, nameof(ConfusionMatrix));
        int rows = DataSetGuard.CountRows(network, inputs, targets);
        var matrix = new ConfusionMatrix(Classification.ClassCount(network, rule), classNames);
        Scalar<T> scalar = Scalar<T>.Instance;
        var output = new T[network.OutputSize];
        for (int row = 0; row < rows; row++)
        {
            network.Forward(inputs.Slice(row * network.InputSize, network.InputSize), output);
            int actual = Classification.ClassOf(targets.Slice(row * network.OutputSize, network.OutputSize), rule, scalar);
            matrix.Add(actual, Classification.ClassOf<T>(output, rule, scalar));
        }

        return matrix;
    }

    /// <summary>
    /// The mean over the rows of the network's <see cref="INeuralNetwork.Loss"/>, exactly as
    /// <see cref="INeuralNetwork{T}.Backward"/> returns it for each row (½‖Y − A‖² for mean squared error,
    /// −Σ y ln a for cross-entropy, −Σ [y ln a + (1 − y) ln(1 − a)] for binary cross-entropy), summed in double. The mean of finite
    /// losses is finite even when their sum would overflow a double.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">Any network; its parameters are not changed, nor a dropout network's switch and generator.</param>
    /// <param name="inputs">The inputs, row after row.</param>
    /// <param name="targets">The targets, row after row.</param>
    /// <returns>The mean loss.</returns>
    /// <remarks>
    /// <para>
    /// Computed with Backward and a scratch gradient, so that it is the very number training reports and
    /// minimizes, with the generated code's guarded logarithms, for every loss.
    /// </para>
    /// <para>
    /// A network with dropout (<see cref="IDropoutNetwork"/>) is measured with dropout off, as PyTorch's
    /// <c>model.eval()</c> does: <see cref="IDropoutNetwork.DropoutEnabled"/> is false for the measurement, which
    /// is thus the loss of the same network without dropout, bit for bit, and is put back afterwards (also when the
    /// call throws), and <see cref="IDropoutNetwork.DropoutRandom"/> does not move. Not thread-safe: the switch
    /// belongs to the network.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentException">The spans do not fit the network or each other, or hold a NaN or infinity.</exception>
    /// <exception cref="InvalidOperationException">A row's loss is not finite (the parameters are not, or the output overflowed).</exception>
    public static double MeanLoss<T>(this INeuralNetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets)
        where T : unmanaged
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        int rows = DataSetGuard.CountRows(network, inputs, targets);
        Scalar<T> scalar = Scalar<T>.Instance;
        var scratch = new T[network.ParameterCount];
        var sum = default(LossSum);
        using (DropoutOff.For(network))
        {
            for (int row = 0; row < rows; row++)
            {
                T cost = network.Backward(
                    inputs.Slice(row * network.InputSize, network.InputSize),
                    targets.Slice(row * network.OutputSize, network.OutputSize),
                    scratch);
                sum.Add(scalar.ToDouble(cost));
            }
        }

        return sum.Mean(rows);
    }

    private static ClassificationRule RequireClassifier(INeuralNetwork network, string operation)
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        ClassificationRule rule = Classification.RuleOf(network);
        if (rule == ClassificationRule.None)
        {
            int outputs = network.OutputSize;
            throw new InvalidOperationException(FormattableString.Invariant(
                $"{operation} applies to classifiers: a softmax output, or a single sigmoid output. This network's output layer is {network.GetActivation(network.LayerCount)} with {outputs} neuron{(outputs == 1 ? "" : "s")}; measure it with MeanLoss instead."));
        }

        return rule;
    }
}
