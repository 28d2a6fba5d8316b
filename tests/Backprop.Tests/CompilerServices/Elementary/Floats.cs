using System;
using System.Collections.Generic;

namespace Backprop.Tests.CompilerServices.Elementary;

/// <summary>The float inputs the elementary-function tests run over, in chunks of consecutive test values.</summary>
internal static class Floats
{
    private const int Chunk = 1 << 16;

    /// <summary>Every 2⁸-th bit pattern from 0 to 2³² − 1 (2²⁴ floats, both signs, NaNs, infinities and subnormals).</summary>
    public static IEnumerable<float[]> AcrossTheRange()
    {
        var chunk = new float[Chunk];
        for (long start = 0; start <= uint.MaxValue; start += (long)Chunk << 8)
        {
            for (int i = 0; i < Chunk; i++)
            {
                chunk[i] = BitConverter.UInt32BitsToSingle((uint)(start + ((long)i << 8)));
            }

            yield return chunk;
        }
    }

    /// <summary>Every float from <paramref name="from"/> to <paramref name="to"/>, in increasing order.</summary>
    public static IEnumerable<float[]> Between(float from, float to)
    {
        var values = new List<float>(Chunk);
        for (float x = from; x <= to; x = MathF.BitIncrement(x))
        {
            values.Add(x);
            if (values.Count == Chunk)
            {
                yield return values.ToArray();
                values.Clear();
            }
        }

        if (values.Count > 0)
        {
            yield return values.ToArray();
        }
    }
}
