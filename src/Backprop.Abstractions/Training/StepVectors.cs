using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Backprop.Training;

/// <summary>
/// The element-by-element passes of an optimizer step, on <see cref="Vector{T}"/>: each element gets the one
/// operation the scalar loop would give it (a conversion, a product, a difference), rounded alike, so the bits
/// are the scalar loop's on every machine; only the passes run several elements per instruction.
/// </summary>
internal static class StepVectors
{
    /// <summary><c>destination[i] = (double)source[i] * scale</c>.</summary>
    public static void Scale(ReadOnlySpan<float> source, double scale, Span<double> destination)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ReadOnlySpan<Vector<float>> blocks = MemoryMarshal.Cast<float, Vector<float>>(source);
            Span<Vector<double>> results = MemoryMarshal.Cast<double, Vector<double>>(destination);
            var factor = new Vector<double>(scale);
            for (int b = 0; b < blocks.Length; b++)
            {
                Vector.Widen(blocks[b], out Vector<double> low, out Vector<double> high);
                results[2 * b] = low * factor;
                results[(2 * b) + 1] = high * factor;
            }

            i = blocks.Length * Vector<float>.Count;
        }

        for (; i < source.Length; i++)
        {
            destination[i] = source[i] * scale;
        }
    }

    /// <summary><c>destination[i] = source[i] * scale</c>.</summary>
    public static void Scale(ReadOnlySpan<double> source, double scale, Span<double> destination)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ReadOnlySpan<Vector<double>> blocks = MemoryMarshal.Cast<double, Vector<double>>(source);
            Span<Vector<double>> results = MemoryMarshal.Cast<double, Vector<double>>(destination);
            var factor = new Vector<double>(scale);
            for (int b = 0; b < blocks.Length; b++)
            {
                results[b] = blocks[b] * factor;
            }

            i = blocks.Length * Vector<double>.Count;
        }

        for (; i < source.Length; i++)
        {
            destination[i] = source[i] * scale;
        }
    }

    /// <summary><c>parameters[i] = (float)(parameters[i] − update[i])</c>, the difference in double, rounded once.</summary>
    public static void Subtract(Span<float> parameters, ReadOnlySpan<double> update)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Span<Vector<float>> blocks = MemoryMarshal.Cast<float, Vector<float>>(parameters);
            ReadOnlySpan<Vector<double>> steps = MemoryMarshal.Cast<double, Vector<double>>(update);
            for (int b = 0; b < blocks.Length; b++)
            {
                Vector.Widen(blocks[b], out Vector<double> low, out Vector<double> high);
                blocks[b] = Vector.Narrow(low - steps[2 * b], high - steps[(2 * b) + 1]);
            }

            i = blocks.Length * Vector<float>.Count;
        }

        for (; i < parameters.Length; i++)
        {
            parameters[i] = (float)(parameters[i] - update[i]);
        }
    }

    /// <summary><c>parameters[i] −= update[i]</c>.</summary>
    public static void Subtract(Span<double> parameters, ReadOnlySpan<double> update)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Span<Vector<double>> blocks = MemoryMarshal.Cast<double, Vector<double>>(parameters);
            ReadOnlySpan<Vector<double>> steps = MemoryMarshal.Cast<double, Vector<double>>(update);
            for (int b = 0; b < blocks.Length; b++)
            {
                blocks[b] -= steps[b];
            }

            i = blocks.Length * Vector<double>.Count;
        }

        for (; i < parameters.Length; i++)
        {
            parameters[i] -= update[i];
        }
    }
}
