using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Backprop.CompilerServices;

// Eq. 1 over a block of rows of a mini-batch: a matrix product. Where the processor has the registers for it
// (AVX-512: 32 of them), four neurons × four rows are summed at once, 16 sums held in registers, so that one
// load of a weight vector serves four rows and one load of an input vector serves four neurons.
public static partial class VectorKernels
{
    /// <summary>
    /// <c>destination[r·m + j] = Σₖ matrix[j·n + k]·inputs[r·n + k] + bias[j]</c> for each of
    /// <paramref name="rows"/> rows r and each neuron j: eq. 1 for a block of rows, stored one row after another,
    /// with n = inputs.Length / rows and m = destination.Length / rows.
    /// </summary>
    /// <remarks>
    /// Every element is <c>Dot(row j, input row r) + bias[j]</c> to the bit, on every machine, exactly as
    /// <see cref="MultiplyAdd(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/> gives
    /// it for one row: the kernel changes which sums are computed together, never the order of any sum.
    /// </remarks>
    /// <param name="matrix">The weights, row j being the weights into neuron j: at least m × n long.</param>
    /// <param name="inputs">The rows' inputs, <paramref name="rows"/> vectors of n one after another.</param>
    /// <param name="bias">The biases, at least m long.</param>
    /// <param name="destination">The rows' weighted sums, <paramref name="rows"/> vectors of m one after another.</param>
    /// <param name="rows">The number of rows, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="inputs"/> or <paramref name="destination"/> is not a whole number of rows, or
    /// <paramref name="matrix"/> or <paramref name="bias"/> is shorter than described.
    /// </exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyAddRows(ReadOnlySpan<float> matrix, ReadOnlySpan<float> inputs, ReadOnlySpan<float> bias, Span<float> destination, int rows)
    {
        (int n, int m) = CheckRows(matrix.Length, inputs.Length, bias.Length, destination.Length, rows);
        MultiplyAddRowsCore(ref MemoryMarshal.GetReference(matrix), ref MemoryMarshal.GetReference(inputs), n, ref MemoryMarshal.GetReference(bias), ref MemoryMarshal.GetReference(destination), m, rows);
    }

    /// <inheritdoc cref="MultiplyAddRows(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyAddRows(ReadOnlySpan<double> matrix, ReadOnlySpan<double> inputs, ReadOnlySpan<double> bias, Span<double> destination, int rows)
    {
        (int n, int m) = CheckRows(matrix.Length, inputs.Length, bias.Length, destination.Length, rows);
        MultiplyAddRowsCore(ref MemoryMarshal.GetReference(matrix), ref MemoryMarshal.GetReference(inputs), n, ref MemoryMarshal.GetReference(bias), ref MemoryMarshal.GetReference(destination), m, rows);
    }

    // The inputs per row n and the neurons m, after checking every length against them.
    private static (int Inputs, int Neurons) CheckRows(int matrixLength, int inputsLength, int biasLength, int destinationLength, int rows)
    {
        (int n, int m) = PerRow(inputsLength, "inputs", destinationLength, "destination", rows);

        if (matrixLength < (long)m * n)
        {
            ThrowMatrixShorter(matrixLength, m, n);
        }

        if (biasLength < m)
        {
            ThrowShorter("bias", m, biasLength);
        }

        return (n, m);
    }

    // The elements per row of two spans of rows, after checking that rows is at least 1 and each is whole rows.
    private static (int First, int Second) PerRow(int firstLength, string firstName, int secondLength, string secondName, int rows)
    {
        if (rows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, "'rows' must be at least 1.");
        }

        int first = firstLength / rows;
        int second = secondLength / rows;
        if (first * rows != firstLength)
        {
            ThrowNotWholeRows(firstName, firstLength, rows);
        }

        if (second * rows != secondLength)
        {
            ThrowNotWholeRows(secondName, secondLength, rows);
        }

        return (first, second);
    }

    private static void ThrowNotWholeRows(string name, int length, int rows) =>
        throw new ArgumentException(
            "'" + name + "' has " + length.ToString(CultureInfo.InvariantCulture) + " elements, which is not a whole number of "
            + rows.ToString(CultureInfo.InvariantCulture) + " rows.",
            name);
}
