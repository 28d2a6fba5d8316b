using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using static System.FormattableString;

namespace Backprop.CompilerServices;

/// <summary>
/// Called by code the Backprop generator writes. Not a contract for users: it may change in any version.
/// Argument checks for generated networks. The checks are small enough to inline into the generated
/// methods; the throws live here, out of the hot path, and build messages that name the parameter,
/// the expected and the actual value.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NetworkGuard
{
    /// <summary>Throws unless a span has exactly the length the network needs.</summary>
    /// <param name="parameterName">The span's parameter name.</param>
    /// <param name="actual">The span's length.</param>
    /// <param name="expected">The length the network needs.</param>
    /// <param name="sizeName">The name of the constant that gives <paramref name="expected"/>, such as InputSize.</param>
    /// <exception cref="ArgumentException"><paramref name="actual"/> differs from <paramref name="expected"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ThrowIfWrongLength(string parameterName, int actual, int expected, string sizeName)
    {
        if (actual != expected)
        {
            ThrowWrongLength(parameterName, actual, expected, sizeName);
        }
    }

    /// <summary>Throws unless a learning rate is finite and greater than zero.</summary>
    /// <param name="learningRate">The learning rate η.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is NaN, infinite, zero or negative.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ThrowIfInvalidLearningRate(float learningRate)
    {
        if (!(learningRate > 0f && learningRate <= float.MaxValue))
        {
            ThrowInvalidLearningRate(learningRate);
        }
    }

    /// <inheritdoc cref="ThrowIfInvalidLearningRate(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ThrowIfInvalidLearningRate(double learningRate)
    {
        if (!(learningRate > 0.0 && learningRate <= double.MaxValue))
        {
            ThrowInvalidLearningRate(learningRate);
        }
    }

    /// <summary>Tells whether a value is neither NaN nor infinite.</summary>
    /// <param name="value">The value to test.</param>
    /// <returns><see langword="true"/> for a finite value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsFinite(float value) => value - value == 0f;

    /// <inheritdoc cref="IsFinite(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsFinite(double value) => value - value == 0.0;

    /// <summary>Tells whether every value of a span is neither NaN nor infinite.</summary>
    /// <param name="values">The values to test.</param>
    /// <returns><see langword="true"/> when all are finite.</returns>
    public static bool AllFinite(ReadOnlySpan<float> values) => VectorKernels.AllFinite(values);

    /// <inheritdoc cref="AllFinite(ReadOnlySpan{float})"/>
    public static bool AllFinite(ReadOnlySpan<double> values) => VectorKernels.AllFinite(values);

    /// <summary>Throws unless every value of a span is finite, naming the first one that is not.</summary>
    /// <param name="values">The values to test.</param>
    /// <param name="parameterName">The span's parameter name.</param>
    /// <exception cref="ArgumentException">A value is NaN or infinite.</exception>
    public static void ThrowIfNotFinite(ReadOnlySpan<float> values, string parameterName) => ThrowIfNotFinite(values, parameterName, row: -1);

    /// <inheritdoc cref="ThrowIfNotFinite(ReadOnlySpan{float}, string)"/>
    public static void ThrowIfNotFinite(ReadOnlySpan<double> values, string parameterName) => ThrowIfNotFinite(values, parameterName, row: -1);

    /// <summary>
    /// Throws unless every value of a mini-batch is finite, naming the first one that is not by its index, row
    /// and column.
    /// </summary>
    /// <param name="rows">The rows, one after another.</param>
    /// <param name="parameterName">The span's parameter name.</param>
    /// <param name="rowLength">The length of a row.</param>
    /// <exception cref="ArgumentException">A value is NaN or infinite.</exception>
    public static void ThrowIfNotFiniteBatch(ReadOnlySpan<float> rows, string parameterName, int rowLength)
    {
        if (VectorKernels.AllFinite(rows))
        {
            return;
        }

        for (int i = 0; i < rows.Length; i++)
        {
            if (!IsFinite(rows[i]))
            {
                ThrowNonFiniteValue(parameterName, i / rowLength, rowLength, i % rowLength, rows[i]);
            }
        }
    }

    /// <inheritdoc cref="ThrowIfNotFiniteBatch(ReadOnlySpan{float}, string, int)"/>
    public static void ThrowIfNotFiniteBatch(ReadOnlySpan<double> rows, string parameterName, int rowLength)
    {
        if (VectorKernels.AllFinite(rows))
        {
            return;
        }

        for (int i = 0; i < rows.Length; i++)
        {
            if (!IsFinite(rows[i]))
            {
                ThrowNonFiniteValue(parameterName, i / rowLength, rowLength, i % rowLength, rows[i]);
            }
        }
    }

    /// <summary>
    /// Checks the lengths of a mini-batch and returns its number of rows.
    /// </summary>
    /// <param name="inputsLength">The length of the inputs span.</param>
    /// <param name="targetsLength">The length of the targets span.</param>
    /// <param name="inputSize">The network's input size.</param>
    /// <param name="outputSize">The network's output size.</param>
    /// <returns>The number of rows m ≥ 1.</returns>
    /// <exception cref="ArgumentException">The spans are empty, are not whole rows, or hold different numbers of rows.</exception>
    public static int CountBatchRows(int inputsLength, int targetsLength, int inputSize, int outputSize) =>
        CountBatchRows(inputsLength, targetsLength, inputSize, outputSize, "targets");

    /// <summary>
    /// Checks the lengths of a batch of inputs and of the span that goes with it, and returns its number of rows.
    /// </summary>
    /// <param name="inputsLength">The length of the inputs span.</param>
    /// <param name="otherLength">The length of the targets or outputs span.</param>
    /// <param name="inputSize">The network's input size.</param>
    /// <param name="outputSize">The network's output size.</param>
    /// <param name="otherName">The name of the targets or outputs parameter, for the exception.</param>
    /// <returns>The number of rows m ≥ 1.</returns>
    /// <exception cref="ArgumentException">The spans are empty, are not whole rows, or hold different numbers of rows.</exception>
    public static int CountBatchRows(int inputsLength, int otherLength, int inputSize, int outputSize, string otherName)
    {
        int targetsLength = otherLength;
        if (inputsLength == 0)
        {
            throw new ArgumentException(
                Invariant($"'inputs' is empty; a batch needs at least one row of InputSize = {inputSize} values."),
                "inputs");
        }

        if (inputsLength % inputSize != 0)
        {
            throw new ArgumentException(
                Invariant($"'inputs' has length {inputsLength}, which is not a whole number of rows of InputSize = {inputSize} values."),
                "inputs");
        }

        int rows = inputsLength / inputSize;
        if ((long)rows * outputSize != targetsLength)
        {
            throw new ArgumentException(
                Invariant($"'{otherName}' has length {targetsLength}, but 'inputs' holds {rows} rows, so '{otherName}' must have length {rows} × OutputSize ({outputSize}) = {(long)rows * outputSize}."),
                otherName);
        }

        return rows;
    }

    /// <summary>
    /// Explains why backpropagation stopped: names the input or target value that is not finite, or the
    /// parameter, or else reports that the cost overflowed.
    /// </summary>
    /// <param name="cost">The cost that is NaN or infinite.</param>
    /// <param name="input">The example's input.</param>
    /// <param name="target">The example's target.</param>
    /// <param name="parameters">The network's parameters.</param>
    /// <param name="row">The example's row in a mini-batch, or −1 for a single example.</param>
    /// <exception cref="ArgumentException">The input or target holds a value that is not finite.</exception>
    /// <exception cref="InvalidOperationException">A parameter is not finite, or the output overflowed.</exception>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowNonFiniteCost(float cost, ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> parameters, int row)
    {
        ThrowIfNotFinite(input, row < 0 ? "input" : "inputs", row);
        ThrowIfNotFinite(target, row < 0 ? "target" : "targets", row);
        for (int i = 0; i < parameters.Length; i++)
        {
            if (!IsFinite(parameters[i]))
            {
                ThrowNonFiniteParameter(i, parameters[i]);
            }
        }

        ThrowOverflow(cost, row);
    }

    /// <inheritdoc cref="ThrowNonFiniteCost(float, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowNonFiniteCost(double cost, ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> parameters, int row)
    {
        ThrowIfNotFinite(input, row < 0 ? "input" : "inputs", row);
        ThrowIfNotFinite(target, row < 0 ? "target" : "targets", row);
        for (int i = 0; i < parameters.Length; i++)
        {
            if (!IsFinite(parameters[i]))
            {
                ThrowNonFiniteParameter(i, parameters[i]);
            }
        }

        ThrowOverflow(cost, row);
    }

    /// <summary>
    /// The exception every member of a stand-in throws: the class whose <c>[Network]</c> attribute has errors,
    /// which the build reports, gets a stand-in with the network's members so that its uses still compile.
    /// </summary>
    /// <param name="className">The network class.</param>
    /// <param name="errors">The ids of the errors, such as "BP0004, BP0021".</param>
    /// <returns>An exception to throw.</returns>
    public static InvalidOperationException NotGenerated(string className, string errors) =>
        new(Invariant($"Backprop did not generate {className}: its [Network] attribute has errors ({errors}), which the build reports. Fix them and build again."));

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowWrongLength(string parameterName, int actual, int expected, string sizeName) =>
        throw new ArgumentException(
            Invariant($"'{parameterName}' must have length {sizeName} = {expected}, but has length {actual}. Nothing was changed."),
            parameterName);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowInvalidLearningRate(double learningRate) =>
        throw new ArgumentOutOfRangeException(
            "learningRate",
            learningRate,
            Invariant($"The learning rate must be finite and greater than zero, but was {learningRate}. Nothing was changed."));

    private static void ThrowIfNotFinite(ReadOnlySpan<float> values, string parameterName, int row)
    {
        if (VectorKernels.AllFinite(values))
        {
            return;
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!IsFinite(values[i]))
            {
                ThrowNonFiniteValue(parameterName, row, values.Length, i, values[i]);
            }
        }
    }

    private static void ThrowIfNotFinite(ReadOnlySpan<double> values, string parameterName, int row)
    {
        if (VectorKernels.AllFinite(values))
        {
            return;
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!IsFinite(values[i]))
            {
                ThrowNonFiniteValue(parameterName, row, values.Length, i, values[i]);
            }
        }
    }

    [DoesNotReturn]
    private static void ThrowNonFiniteValue(string parameterName, int row, int rowLength, int index, double value)
    {
        string where = row < 0
            ? Invariant($"{parameterName}[{index}]")
            : Invariant($"{parameterName}[{(long)row * rowLength + index}] (row {row}, column {index})");
        throw new ArgumentException(
            Invariant($"{where} is {value}; values must be finite. Nothing was changed."),
            parameterName);
    }

    [DoesNotReturn]
    private static void ThrowNonFiniteParameter(int index, double value) =>
        throw new InvalidOperationException(
            Invariant($"Parameter {index} of the network is {value}, so the cost cannot be computed. Re-initialize or reload the parameters. Nothing was changed."));

    [DoesNotReturn]
    private static void ThrowOverflow(double cost, int row)
    {
        string example = row < 0 ? "this example" : Invariant($"row {row}");
        throw new InvalidOperationException(
            Invariant($"The cost of {example} is {cost}: the network's output overflowed. Training has probably diverged; lower the learning rate. Nothing was changed."));
    }
}
