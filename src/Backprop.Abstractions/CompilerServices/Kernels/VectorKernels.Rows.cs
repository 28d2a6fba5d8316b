using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Backprop.CompilerServices;

// The kernels of the batch path, which handle four rows of a mini-batch per pass over a weight row: each
// weight is loaded once for the four instead of once per row.
public static partial class VectorKernels
{
    /// <summary>The number of rows that <see cref="Dot4(ReadOnlySpan{float}, ReadOnlySpan{float}, out float, out float, out float, out float)"/> and <see cref="AddScaled4(Span{float}, float, float, float, float, ReadOnlySpan{float})"/> take at once.</summary>
    public const int RowsPerPass = SharedConstants.RowsPerPass;

    /// <summary>
    /// The dot products of <paramref name="x"/> with four vectors stored one after another in
    /// <paramref name="rows"/>, reading <paramref name="x"/> once. Each sum is
    /// <see cref="Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>'s to the bit, on every machine.
    /// </summary>
    /// <param name="x">The shared vector, for example a row of a weight matrix.</param>
    /// <param name="rows">Four vectors of the length of <paramref name="x"/>, for example four rows' activations.</param>
    /// <param name="dot0">x·rows[0].</param>
    /// <param name="dot1">x·rows[1].</param>
    /// <param name="dot2">x·rows[2].</param>
    /// <param name="dot3">x·rows[3].</param>
    /// <exception cref="ArgumentException"><paramref name="rows"/> is shorter than four times <paramref name="x"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Dot4(ReadOnlySpan<float> x, ReadOnlySpan<float> rows, out float dot0, out float dot1, out float dot2, out float dot3)
    {
        if (rows.Length < RowsPerPass * x.Length)
        {
            ThrowShorter(nameof(rows), RowsPerPass * x.Length, rows.Length);
        }

        Dot4Core(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(rows), x.Length, x.Length, out dot0, out dot1, out dot2, out dot3);
    }

    /// <inheritdoc cref="Dot4(ReadOnlySpan{float}, ReadOnlySpan{float}, out float, out float, out float, out float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Dot4(ReadOnlySpan<double> x, ReadOnlySpan<double> rows, out double dot0, out double dot1, out double dot2, out double dot3)
    {
        if (rows.Length < RowsPerPass * x.Length)
        {
            ThrowShorter(nameof(rows), RowsPerPass * x.Length, rows.Length);
        }

        Dot4Core(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(rows), x.Length, x.Length, out dot0, out dot1, out dot2, out dot3);
    }

    /// <summary>
    /// <c>destination[i] += scales[0] * rows[0][i]</c>, then the same for rows 1, 2 and 3, in that order: four
    /// <see cref="AddScaled(Span{float}, float, ReadOnlySpan{float})"/> calls to the bit, reading and writing
    /// <paramref name="destination"/> once.
    /// </summary>
    /// <param name="destination">The vector added to, for example a row of a gradient.</param>
    /// <param name="scale0">The factor of rows[0], for example δ<sub>j</sub> of the first of four examples.</param>
    /// <param name="scale1">The factor of rows[1].</param>
    /// <param name="scale2">The factor of rows[2].</param>
    /// <param name="scale3">The factor of rows[3].</param>
    /// <param name="rows">Four vectors of the length of <paramref name="destination"/>, one after another.</param>
    /// <exception cref="ArgumentException">A span is shorter than described.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled4(Span<float> destination, float scale0, float scale1, float scale2, float scale3, ReadOnlySpan<float> rows)
    {
        if (rows.Length < RowsPerPass * destination.Length)
        {
            ThrowShorter(nameof(rows), RowsPerPass * destination.Length, rows.Length);
        }

        AddScaled4Core(ref MemoryMarshal.GetReference(destination), scale0, scale1, scale2, scale3, ref MemoryMarshal.GetReference(rows), destination.Length);
    }

    /// <inheritdoc cref="AddScaled4(Span{float}, float, float, float, float, ReadOnlySpan{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled4(Span<double> destination, double scale0, double scale1, double scale2, double scale3, ReadOnlySpan<double> rows)
    {
        if (rows.Length < RowsPerPass * destination.Length)
        {
            ThrowShorter(nameof(rows), RowsPerPass * destination.Length, rows.Length);
        }

        AddScaled4Core(ref MemoryMarshal.GetReference(destination), scale0, scale1, scale2, scale3, ref MemoryMarshal.GetReference(rows), destination.Length);
    }
}
