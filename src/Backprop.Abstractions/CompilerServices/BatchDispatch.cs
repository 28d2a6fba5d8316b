using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Backprop.CompilerServices;

/// <summary>
/// Called by code the Backprop generator writes. Not a contract for users: it may change in any version.
/// Runs a phase of a generated network's batch work on the calling thread, or shared among
/// <see cref="BatchWorkers"/>, and cuts a range into the parts.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchDispatch
{
    /// <summary>
    /// Runs every part of a phase: one part on this thread without workers or when the work is too small to
    /// share, else the parts <see cref="BatchWorkers"/> cut it into, on its threads.
    /// </summary>
    /// <typeparam name="T">The network's number type.</typeparam>
    /// <param name="workers">The threads to share the phase among, or null for this thread alone.</param>
    /// <param name="work">
    /// The phase's work, in multiply-adds with what each row costs besides: shared only from
    /// <see cref="BatchWorkers.MinimumWork"/> on, since handing parts to other threads costs microseconds.
    /// </param>
    /// <param name="network">The network.</param>
    /// <param name="phase">Which phase.</param>
    /// <param name="inputs">The first span every part receives.</param>
    /// <param name="targets">The second span every part receives.</param>
    /// <param name="destination">The span every part writes its own disjoint share of.</param>
    /// <param name="factor">The scale factor every part receives (<see cref="BatchPhase.GradientStep"/>), or zero.</param>
    /// <exception cref="ObjectDisposedException"><paramref name="workers"/> were disposed.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="workers"/> are running a batch for another thread.</exception>
    public static void Run<T>(BatchWorkers? workers, long work, IBatchWork<T> network, BatchPhase phase, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> destination, T factor)
        where T : unmanaged
    {
        if (Shares(workers, work))
        {
            workers.Run(network, phase, inputs, targets, destination, factor);
        }
        else
        {
            network.RunPart(phase, 0, 1, inputs, targets, destination, factor);
        }
    }

    /// <summary>Runs every part of one of the library's own passes (the trainer's), by the same rule as a phase.</summary>
    internal static void Run(BatchWorkers? workers, long work, IPartWork pass)
    {
        if (Shares(workers, work))
        {
            workers.Run(pass);
        }
        else
        {
            pass.RunPart(0, 1);
        }
    }

    // Whether work goes to the workers: not without them, on one thread, or below MinimumWork. Work kept on this
    // thread still refuses workers that were disposed.
    private static bool Shares([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] BatchWorkers? workers, long work)
    {
        if (workers is null)
        {
            return false;
        }

        if (work < workers.MinimumWork || workers.Threads == 1)
        {
            workers.ThrowIfDisposed();
            return false;
        }

        return true;
    }

    /// <summary>Throws if <paramref name="workers"/> were disposed: for the batch methods that run on this thread whatever they are given.</summary>
    /// <param name="workers">The workers a batch method was given, or null.</param>
    /// <exception cref="ObjectDisposedException"><paramref name="workers"/> were disposed.</exception>
    public static void ThrowIfDisposed(BatchWorkers? workers) => workers?.ThrowIfDisposed();

    /// <summary>
    /// Part <paramref name="part"/> of <paramref name="count"/> items cut into <paramref name="parts"/> contiguous
    /// ranges whose boundaries are multiples of <paramref name="granularity"/>, as even as that allows; a part may
    /// be empty.
    /// </summary>
    /// <param name="count">How many items, at least 0.</param>
    /// <param name="part">The part, from 0 to <paramref name="parts"/> − 1.</param>
    /// <param name="parts">How many parts, at least 1.</param>
    /// <param name="granularity">The boundaries' multiple, at least 1 (4 keeps the four-row and four-neuron kernels whole).</param>
    /// <param name="start">The part's first item.</param>
    /// <param name="length">The part's number of items.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Share(int count, int part, int parts, int granularity, out int start, out int length)
    {
        int units = (count + granularity - 1) / granularity;
        int first = (int)((long)units * part / parts) * granularity;
        int end = (int)((long)units * (part + 1) / parts) * granularity;
        start = Math.Min(first, count);
        length = Math.Min(end, count) - start;
    }
}
