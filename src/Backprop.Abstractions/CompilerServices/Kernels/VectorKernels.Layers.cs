using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Backprop.CompilerServices;

// The whole-layer kernels: one call per equation per layer rather than one per row of Wˡ. Taking the whole
// matrix lets a kernel work on several rows at once, so that one load of a vector serves several rows and
// several independent sums hide the latency of the additions.
public static partial class VectorKernels
{
    /// <summary>
    /// <c>destination[j] = Σₖ matrix[j·n + k]·x[k] + bias[j]</c> for every element of
    /// <paramref name="destination"/>, with n the length of <paramref name="x"/>: eq. 1 for a whole layer, the
    /// matrix stored row by row.
    /// </summary>
    /// <remarks>
    /// Each destination[j] is <c>Dot(row j, x) + bias[j]</c> to the bit, on every machine. On .NET 8 and later
    /// rows are taken four at a time, as <see cref="Dot4(ReadOnlySpan{float}, ReadOnlySpan{float}, out float, out float, out float, out float)"/>
    /// takes them, so that one load of x serves four rows; the rows left over are one
    /// <see cref="Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> each.
    /// </remarks>
    /// <param name="matrix">The weights, row j being the weights into output j: at least (outputs × n) long.</param>
    /// <param name="x">The input vector, for example the previous layer's activations.</param>
    /// <param name="bias">The biases, at least as long as <paramref name="destination"/>.</param>
    /// <param name="destination">The weighted sums, one per row.</param>
    /// <exception cref="ArgumentException"><paramref name="matrix"/> or <paramref name="bias"/> is shorter than described.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyAdd(ReadOnlySpan<float> matrix, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> destination)
    {
        int n = x.Length;
        int rows = destination.Length;
        if (matrix.Length < (long)rows * n)
        {
            ThrowMatrixShorter(matrix.Length, rows, n);
        }

        if (bias.Length < rows)
        {
            ThrowShorter(nameof(bias), rows, bias.Length);
        }

        MultiplyAddOneRow(ref MemoryMarshal.GetReference(matrix), ref MemoryMarshal.GetReference(x), n, ref MemoryMarshal.GetReference(bias), ref MemoryMarshal.GetReference(destination), rows);
    }

    /// <inheritdoc cref="MultiplyAdd(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyAdd(ReadOnlySpan<double> matrix, ReadOnlySpan<double> x, ReadOnlySpan<double> bias, Span<double> destination)
    {
        int n = x.Length;
        int rows = destination.Length;
        if (matrix.Length < (long)rows * n)
        {
            ThrowMatrixShorter(matrix.Length, rows, n);
        }

        if (bias.Length < rows)
        {
            ThrowShorter(nameof(bias), rows, bias.Length);
        }

        MultiplyAddOneRow(ref MemoryMarshal.GetReference(matrix), ref MemoryMarshal.GetReference(x), n, ref MemoryMarshal.GetReference(bias), ref MemoryMarshal.GetReference(destination), rows);
    }

    /// <summary>
    /// <c>destination[k] = Σᵢ scales[i]·matrix[i·n + k]</c> for every element of <paramref name="destination"/>,
    /// with n its length and i running over <paramref name="scales"/> in order: (Wˡ⁺¹)ᵀ·Δˡ⁺¹ of eq. 4, read row
    /// by row as the matrix is stored.
    /// </summary>
    /// <remarks>
    /// Each element is rounded exactly as <c>destination.Clear()</c> followed by one
    /// <see cref="AddScaled(Span{float}, float, ReadOnlySpan{float})"/> per row, in row order, would round it;
    /// the sums stay in registers across the rows instead of going through memory.
    /// </remarks>
    /// <param name="matrix">The matrix, at least (scales × n) long.</param>
    /// <param name="scales">One factor per row, for example Δˡ⁺¹.</param>
    /// <param name="destination">The result, overwritten.</param>
    /// <exception cref="ArgumentException"><paramref name="matrix"/> is shorter than described.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyTransposed(ReadOnlySpan<float> matrix, ReadOnlySpan<float> scales, Span<float> destination)
    {
        if (matrix.Length < (long)scales.Length * destination.Length)
        {
            ThrowMatrixShorter(matrix.Length, scales.Length, destination.Length);
        }

        MultiplyTransposedCore(ref MemoryMarshal.GetReference(matrix), ref MemoryMarshal.GetReference(scales), scales.Length, ref MemoryMarshal.GetReference(destination), destination.Length);
    }

    /// <inheritdoc cref="MultiplyTransposed(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyTransposed(ReadOnlySpan<double> matrix, ReadOnlySpan<double> scales, Span<double> destination)
    {
        if (matrix.Length < (long)scales.Length * destination.Length)
        {
            ThrowMatrixShorter(matrix.Length, scales.Length, destination.Length);
        }

        MultiplyTransposedCore(ref MemoryMarshal.GetReference(matrix), ref MemoryMarshal.GetReference(scales), scales.Length, ref MemoryMarshal.GetReference(destination), destination.Length);
    }

    /// <summary>
    /// <c>matrix[j·n + k] += scales[j]·x[k]</c> for every j of <paramref name="scales"/> and k of
    /// <paramref name="x"/>: eq. 5's outer product Δˡ·(Aˡ⁻¹)ᵀ added to a weight gradient, rounded element by
    /// element exactly as one <see cref="AddScaled(Span{float}, float, ReadOnlySpan{float})"/> per row.
    /// </summary>
    /// <param name="matrix">The matrix added to, at least (scales × n) long.</param>
    /// <param name="scales">One factor per row, for example Δˡ.</param>
    /// <param name="x">The vector scaled into every row, for example Aˡ⁻¹.</param>
    /// <exception cref="ArgumentException"><paramref name="matrix"/> is shorter than described.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddOuterProduct(Span<float> matrix, ReadOnlySpan<float> scales, ReadOnlySpan<float> x)
    {
        if (matrix.Length < (long)scales.Length * x.Length)
        {
            ThrowMatrixShorter(matrix.Length, scales.Length, x.Length);
        }

        AddOuterProductCore(ref MemoryMarshal.GetReference(matrix), ref MemoryMarshal.GetReference(scales), scales.Length, ref MemoryMarshal.GetReference(x), x.Length);
    }

    /// <inheritdoc cref="AddOuterProduct(Span{float}, ReadOnlySpan{float}, ReadOnlySpan{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddOuterProduct(Span<double> matrix, ReadOnlySpan<double> scales, ReadOnlySpan<double> x)
    {
        if (matrix.Length < (long)scales.Length * x.Length)
        {
            ThrowMatrixShorter(matrix.Length, scales.Length, x.Length);
        }

        AddOuterProductCore(ref MemoryMarshal.GetReference(matrix), ref MemoryMarshal.GetReference(scales), scales.Length, ref MemoryMarshal.GetReference(x), x.Length);
    }

    /// <summary>
    /// <c>matrix[j·n + k] -= rate·(scales[j]·x[k])</c> for every j of <paramref name="scales"/> and k of
    /// <paramref name="x"/>: eq. 5 as a gradient-descent step on a whole weight matrix, rounded element by
    /// element exactly as one <see cref="SubtractScaledProduct(Span{float}, float, float, ReadOnlySpan{float})"/>
    /// per row, that is as the gradient would be if it were stored first.
    /// </summary>
    /// <param name="matrix">The matrix stepped, at least (scales × n) long.</param>
    /// <param name="rate">The learning rate η.</param>
    /// <param name="scales">One factor per row, for example Δˡ.</param>
    /// <param name="x">The vector scaled into every row, for example Aˡ⁻¹.</param>
    /// <exception cref="ArgumentException"><paramref name="matrix"/> is shorter than described.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SubtractScaledOuterProduct(Span<float> matrix, float rate, ReadOnlySpan<float> scales, ReadOnlySpan<float> x)
    {
        if (matrix.Length < (long)scales.Length * x.Length)
        {
            ThrowMatrixShorter(matrix.Length, scales.Length, x.Length);
        }

        SubtractScaledOuterProductCore(ref MemoryMarshal.GetReference(matrix), rate, ref MemoryMarshal.GetReference(scales), scales.Length, ref MemoryMarshal.GetReference(x), x.Length);
    }

    /// <inheritdoc cref="SubtractScaledOuterProduct(Span{float}, float, ReadOnlySpan{float}, ReadOnlySpan{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SubtractScaledOuterProduct(Span<double> matrix, double rate, ReadOnlySpan<double> scales, ReadOnlySpan<double> x)
    {
        if (matrix.Length < (long)scales.Length * x.Length)
        {
            ThrowMatrixShorter(matrix.Length, scales.Length, x.Length);
        }

        SubtractScaledOuterProductCore(ref MemoryMarshal.GetReference(matrix), rate, ref MemoryMarshal.GetReference(scales), scales.Length, ref MemoryMarshal.GetReference(x), x.Length);
    }

    private static void ThrowMatrixShorter(int length, int rows, int columns)
    {
        long needed = (long)rows * columns;
        throw new ArgumentException(
            "'matrix' has " + length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " elements, but needs at least "
            + needed.ToString(System.Globalization.CultureInfo.InvariantCulture) + " (" + rows.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + " rows of " + columns.ToString(System.Globalization.CultureInfo.InvariantCulture) + ").",
            "matrix");
    }
}
