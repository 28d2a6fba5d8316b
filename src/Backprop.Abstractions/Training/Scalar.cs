using System;

namespace Backprop.Training;

/// <summary>
/// The few operations on a network's number type that the trainer, the evaluation and the data helpers need,
/// for <see cref="float"/> and <see cref="double"/>.
/// </summary>
/// <remarks>
/// netstandard2.0 has no generic math, so generic library code reaches its numbers through this class:
/// one sealed implementation per type, picked once per <typeparamref name="T"/>. Calls are virtual but
/// never allocate, on .NET Framework as on .NET. The hot loops (optimizer updates) do not go through it.
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
internal abstract class Scalar<T>
    where T : unmanaged
{
    private static readonly Scalar<T>? s_instance =
        typeof(T) == typeof(float) ? (Scalar<T>)(object)new SingleScalar()
        : typeof(T) == typeof(double) ? (Scalar<T>)(object)new DoubleScalar()
        : null;

    /// <summary>The implementation for <typeparamref name="T"/>.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static Scalar<T> Instance => s_instance ?? throw new NotSupportedException(
        $"Backprop's training and evaluation work on networks of float or double, not of {typeof(T).Name}.");

    /// <summary>Widens a value to double.</summary>
    public abstract double ToDouble(T value);

    /// <summary>Rounds a double to the nearest <typeparamref name="T"/> (for float, beyond its range to an infinity).</summary>
    public abstract T FromDouble(double value);

    /// <summary>Returns the index of the first value that is NaN or infinite, or −1 when all are finite.</summary>
    public abstract int IndexOfNonFinite(ReadOnlySpan<T> values);

    /// <summary>Returns the index of the largest value; the first one on a tie.</summary>
    public abstract int IndexOfMax(ReadOnlySpan<T> values);

    /// <summary>Calls the optimizer's overload for <typeparamref name="T"/>.</summary>
    public abstract void Step(Optimizer optimizer, Span<T> parameters, ReadOnlySpan<T> gradient, double gradientScale);

    /// <summary>The optimizer's step (1) for the gradient's elements from <paramref name="start"/> (a step by ranges).</summary>
    public abstract void ScaleRange(Optimizer optimizer, ReadOnlySpan<T> gradient, int start);

    /// <summary>The optimizer's steps (2) to (5) for the parameters from <paramref name="start"/> (a step by ranges).</summary>
    public abstract void StepRange(Optimizer optimizer, Span<T> parameters, int start);
}
