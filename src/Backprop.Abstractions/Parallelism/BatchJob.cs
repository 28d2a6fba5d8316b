using System;
using Backprop.CompilerServices;

namespace Backprop;

/// <summary>One phase of a batch as the worker threads see it, whatever the number type.</summary>
internal abstract class BatchJob
{
    public abstract void RunPart(int part);

    /// <summary>Forgets the work and the memory it points to, once every part is done.</summary>
    public abstract void Clear();
}

/// <summary>
/// The phase's work and its spans, as pointers: a span cannot reach another thread, but memory pinned by the
/// caller for as long as the phase runs can (<see cref="BatchWorkers.Run{T}"/> pins it and waits).
/// </summary>
internal sealed unsafe class BatchJob<T> : BatchJob
    where T : unmanaged
{
    private IBatchWork<T>? _work;
    private BatchPhase _phase;
    private int _parts;
    private T* _inputs;
    private int _inputsLength;
    private T* _targets;
    private int _targetsLength;
    private T* _destination;
    private int _destinationLength;
    private T _factor;

    public void Set(IBatchWork<T> work, BatchPhase phase, int parts, T* inputs, int inputsLength, T* targets, int targetsLength, T* destination, int destinationLength, T factor)
    {
        _work = work;
        _phase = phase;
        _parts = parts;
        _inputs = inputs;
        _inputsLength = inputsLength;
        _targets = targets;
        _targetsLength = targetsLength;
        _destination = destination;
        _destinationLength = destinationLength;
        _factor = factor;
    }

    public override void Clear() => Set(null!, default, 0, null, 0, null, 0, null, 0, default);

    public override void RunPart(int part) =>
        _work!.RunPart(
            _phase,
            part,
            _parts,
            new ReadOnlySpan<T>(_inputs, _inputsLength),
            new ReadOnlySpan<T>(_targets, _targetsLength),
            new Span<T>(_destination, _destinationLength),
            _factor);
}
