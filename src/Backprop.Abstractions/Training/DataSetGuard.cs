using System;
using static System.FormattableString;

namespace Backprop.Training;

/// <summary>
/// Checks a data set given as two row-major spans (inputs, targets) against a network, with messages that
/// name the span, the row size it must be a multiple of, and the length it has.
/// </summary>
internal static class DataSetGuard
{
    /// <summary>Returns the number of rows, after checking the lengths and that every value is finite.</summary>
    public static int CountRows<T>(INeuralNetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets)
        where T : unmanaged =>
        CountRows(network, inputs, targets, "inputs", "targets");

    /// <summary>As above, naming the spans <paramref name="inputsName"/> and <paramref name="targetsName"/> in messages (e.g. a validation set).</summary>
    public static int CountRows<T>(INeuralNetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, string inputsName, string targetsName)
        where T : unmanaged
    {
        int rows = CountRows(inputs.Length, targets.Length, network.InputSize, network.OutputSize, inputsName, targetsName);
        ThrowIfNotFinite(inputs, network.InputSize, inputsName);
        ThrowIfNotFinite(targets, network.OutputSize, targetsName);
        return rows;
    }

    private static int CountRows(int inputsLength, int targetsLength, int inputSize, int outputSize, string inputsName, string targetsName)
    {
        if (inputsLength == 0)
        {
            throw new ArgumentException(
                Invariant($"'{inputsName}' is empty; the data set needs at least one row of InputSize = {inputSize} values."),
                inputsName);
        }

        if (inputsLength % inputSize != 0)
        {
            throw new ArgumentException(
                Invariant($"'{inputsName}' must hold whole rows of InputSize = {inputSize} values (a length that is a multiple of {inputSize}), but has length {inputsLength}."),
                inputsName);
        }

        int rows = inputsLength / inputSize;
        long expected = (long)rows * outputSize;
        if (targetsLength != expected)
        {
            throw new ArgumentException(
                Invariant($"'{targetsName}' must hold one row of OutputSize = {outputSize} values for each of the {rows} rows of '{inputsName}', so length {rows} × {outputSize} = {expected}, but has length {targetsLength}."),
                targetsName);
        }

        return rows;
    }

    /// <summary>Throws unless every value is finite, naming the first other one by index, row and column.</summary>
    public static void ThrowIfNotFinite<T>(ReadOnlySpan<T> values, int rowLength, string parameterName)
        where T : unmanaged
    {
        Scalar<T> scalar = Scalar<T>.Instance;
        int index = scalar.IndexOfNonFinite(values);
        if (index >= 0)
        {
            throw new ArgumentException(
                Invariant($"{parameterName}[{index}] (row {index / rowLength}, column {index % rowLength}) is {scalar.ToDouble(values[index])}; every value must be finite."),
                parameterName);
        }
    }
}
