using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Xunit;

namespace Backprop.Tests.Support;

/// <summary>Assertions on whole spans, reporting the first element that differs.</summary>
internal static class SpanAssert
{
    /// <summary>
    /// Asserts that two spans hold the same bits: "unchanged" and "deterministic" mean exactly that, so a
    /// NaN must stay the same NaN and −0 must not become +0.
    /// </summary>
    public static void BitIdentical<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, string what)
        where T : unmanaged
    {
        Assert.Equal(expected.Length, actual.Length);
        int size = Unsafe.SizeOf<T>();
        ReadOnlySpan<byte> e = MemoryMarshal.AsBytes(expected);
        ReadOnlySpan<byte> a = MemoryMarshal.AsBytes(actual);
        for (int i = 0; i < expected.Length; i++)
        {
            if (!e.Slice(i * size, size).SequenceEqual(a.Slice(i * size, size)))
            {
                Assert.Fail($"{what}[{i}] should be {expected[i]} but is {actual[i]}.");
            }
        }
    }

    /// <summary>Asserts that every element of <paramref name="actual"/> is within its tolerance of <paramref name="expected"/>.</summary>
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, ReadOnlySpan<double> tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            if (!(error <= tolerance[i]))
            {
                Assert.Fail($"{what}[{i}] should be {expected[i]:R} ± {tolerance[i]:R} but is {actual[i]:R} (off by {error:R}).");
            }
        }
    }
}
