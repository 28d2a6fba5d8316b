using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Backprop.CompilerServices;

/// <summary>
/// Called by code the Backprop generator writes. Not a contract for users: it may change in any version.
/// The vector loops that generated networks call for layers too wide to unroll: a dot product for eq. 1,
/// and scaled additions for eq. 4, 5 and 6. Each is inlined into the generated method, where its spans
/// have constant lengths, so the loop bounds become constants too.
/// </summary>
/// <remarks>
/// <para>
/// On .NET 8 and later each loop uses the widest hardware vector: <c>Vector512</c> where AVX-512 is
/// accelerated, then <c>Vector256</c>, then <c>Vector128</c>, and scalar code last. The choice is a chain of
/// <c>IsHardwareAccelerated</c> tests, which the JIT evaluates when it compiles the method and removes, so
/// only one branch is ever in the machine code. On .NET Standard (Unity, older runtimes) the loops use
/// <see cref="System.Numerics.Vector{T}"/>, whose width the runtime picks. The width changes the speed, never the bits.
/// </para>
/// <para>
/// No kernel fuses a multiplication with an addition: every product is rounded, then added. The scaled
/// additions round every element exactly as the scalar statement in their summary does, so a vectorized
/// layer and an unrolled one agree to the last bit. The dot products (<see cref="Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>,
/// <see cref="Dot4(ReadOnlySpan{float}, ReadOnlySpan{float}, out float, out float, out float, out float)"/>, <see cref="MultiplyAdd(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>)
/// add in one fixed order whatever the vector width, the build or the machine: element k goes to lane
/// k mod 16 (k mod 8 in double precision), and the lanes are folded in halves down to four (two), then added
/// in adjacent pairs (docs/math.md, "Summation order"). That order differs from a scalar loop's, so a dot
/// product may differ from an unrolled layer's sum in its last bits, within the usual bound of n·ε·Σ|x·y|,
/// but it is the same on every machine.
/// </para>
/// <para>
/// The lengths are not checked beyond what the summary says: these methods are for generated code, which
/// passes spans of equal constant lengths. They never read or write outside the spans.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class VectorKernels
{
    /// <summary>Σ x[i]·y[i] over the length of <paramref name="x"/>.</summary>
    /// <param name="x">The first vector, for example a row of a weight matrix.</param>
    /// <param name="y">The second vector, at least as long as <paramref name="x"/>.</param>
    /// <returns>The dot product.</returns>
    /// <exception cref="ArgumentException"><paramref name="y"/> is shorter than <paramref name="x"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (y.Length < x.Length)
        {
            ThrowShorter(nameof(y), x.Length, y.Length);
        }

        return DotCore(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y), x.Length);
    }

    /// <summary>Σ x[i]·y[i] over the length of <paramref name="x"/>.</summary>
    /// <param name="x">The first vector, for example a row of a weight matrix.</param>
    /// <param name="y">The second vector, at least as long as <paramref name="x"/>.</param>
    /// <returns>The dot product.</returns>
    /// <exception cref="ArgumentException"><paramref name="y"/> is shorter than <paramref name="x"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (y.Length < x.Length)
        {
            ThrowShorter(nameof(y), x.Length, y.Length);
        }

        return DotCore(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y), x.Length);
    }

    /// <summary><c>destination[i] += scale * x[i]</c> for every element of <paramref name="destination"/>.</summary>
    /// <param name="destination">The vector added to, for example a row of a gradient.</param>
    /// <param name="scale">The factor, for example δ<sub>j</sub>.</param>
    /// <param name="x">The vector scaled, at least as long as <paramref name="destination"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> is shorter than <paramref name="destination"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(Span<float> destination, float scale, ReadOnlySpan<float> x)
    {
        if (x.Length < destination.Length)
        {
            ThrowShorter(nameof(x), destination.Length, x.Length);
        }

        AddScaledCore(ref MemoryMarshal.GetReference(destination), scale, ref MemoryMarshal.GetReference(x), destination.Length);
    }

    /// <summary><c>destination[i] += scale * x[i]</c> for every element of <paramref name="destination"/>.</summary>
    /// <param name="destination">The vector added to, for example a row of a gradient.</param>
    /// <param name="scale">The factor, for example δ<sub>j</sub>.</param>
    /// <param name="x">The vector scaled, at least as long as <paramref name="destination"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> is shorter than <paramref name="destination"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(Span<double> destination, double scale, ReadOnlySpan<double> x)
    {
        if (x.Length < destination.Length)
        {
            ThrowShorter(nameof(x), destination.Length, x.Length);
        }

        AddScaledCore(ref MemoryMarshal.GetReference(destination), scale, ref MemoryMarshal.GetReference(x), destination.Length);
    }

    /// <summary>
    /// <c>destination[i] -= rate * (scale * x[i])</c> for every element of <paramref name="destination"/>: a
    /// gradient-descent step on a weight row whose gradient is <c>scale * x</c>, rounded as that gradient
    /// would be if it were stored first.
    /// </summary>
    /// <param name="destination">The vector stepped, for example a row of a weight matrix.</param>
    /// <param name="rate">The learning rate η.</param>
    /// <param name="scale">The factor, for example δ<sub>j</sub>.</param>
    /// <param name="x">The vector scaled, at least as long as <paramref name="destination"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> is shorter than <paramref name="destination"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SubtractScaledProduct(Span<float> destination, float rate, float scale, ReadOnlySpan<float> x)
    {
        if (x.Length < destination.Length)
        {
            ThrowShorter(nameof(x), destination.Length, x.Length);
        }

        SubtractScaledProductCore(ref MemoryMarshal.GetReference(destination), rate, scale, ref MemoryMarshal.GetReference(x), destination.Length);
    }

    /// <summary>
    /// <c>destination[i] -= rate * (scale * x[i])</c> for every element of <paramref name="destination"/>: a
    /// gradient-descent step on a weight row whose gradient is <c>scale * x</c>, rounded as that gradient
    /// would be if it were stored first.
    /// </summary>
    /// <param name="destination">The vector stepped, for example a row of a weight matrix.</param>
    /// <param name="rate">The learning rate η.</param>
    /// <param name="scale">The factor, for example δ<sub>j</sub>.</param>
    /// <param name="x">The vector scaled, at least as long as <paramref name="destination"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> is shorter than <paramref name="destination"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SubtractScaledProduct(Span<double> destination, double rate, double scale, ReadOnlySpan<double> x)
    {
        if (x.Length < destination.Length)
        {
            ThrowShorter(nameof(x), destination.Length, x.Length);
        }

        SubtractScaledProductCore(ref MemoryMarshal.GetReference(destination), rate, scale, ref MemoryMarshal.GetReference(x), destination.Length);
    }

    /// <summary><c>destination[i] -= scale * x[i]</c> for every element of <paramref name="destination"/>.</summary>
    /// <param name="destination">The vector stepped, for example the parameters.</param>
    /// <param name="scale">The factor, for example η / m.</param>
    /// <param name="x">The vector scaled, at least as long as <paramref name="destination"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> is shorter than <paramref name="destination"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SubtractScaled(Span<float> destination, float scale, ReadOnlySpan<float> x) =>
        SubtractScaledProduct(destination, scale, 1f, x);

    /// <summary><c>destination[i] -= scale * x[i]</c> for every element of <paramref name="destination"/>.</summary>
    /// <param name="destination">The vector stepped, for example the parameters.</param>
    /// <param name="scale">The factor, for example η / m.</param>
    /// <param name="x">The vector scaled, at least as long as <paramref name="destination"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> is shorter than <paramref name="destination"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SubtractScaled(Span<double> destination, double scale, ReadOnlySpan<double> x) =>
        SubtractScaledProduct(destination, scale, 1.0, x);

    private static void ThrowShorter(string parameter, int expected, int actual) =>
        throw new ArgumentException(
            "'" + parameter + "' has " + actual.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + " elements, but needs at least " + expected.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".",
            parameter);
}
