using System;
using System.ComponentModel;

namespace Backprop.CompilerServices;

/// <summary>
/// Called by code the Backprop generator writes. Not a contract for users: it may change in any version.
/// A generated network's batch work, cut into parts that <see cref="BatchDispatch"/> runs on one thread or on
/// <see cref="BatchWorkers"/>.
/// </summary>
/// <typeparam name="T">The network's number type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IBatchWork<T>
    where T : unmanaged
{
    /// <summary>
    /// Runs part <paramref name="part"/> of <paramref name="parts"/> of a phase; the parts of a phase touch disjoint
    /// outputs. Parts run concurrently, in any order and on any of the threads, so a part's result must not depend
    /// on which thread runs it or when.
    /// </summary>
    /// <param name="phase">Which phase.</param>
    /// <param name="part">This part, from 0 to <paramref name="parts"/> − 1.</param>
    /// <param name="parts">How many parts the phase is cut into.</param>
    /// <param name="inputs">The phase's first span, as the network passed it.</param>
    /// <param name="targets">The phase's second span.</param>
    /// <param name="destination">The phase's span written to.</param>
    /// <param name="factor">The phase's scale factor (<see cref="BatchPhase.GradientStep"/>), or zero.</param>
    void RunPart(BatchPhase phase, int part, int parts, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> destination, T factor);
}
