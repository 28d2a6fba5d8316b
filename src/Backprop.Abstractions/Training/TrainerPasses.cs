using System;
using Backprop.CompilerServices;

namespace Backprop.Training;

/// <summary>
/// The trainer's own passes over a batch, which its <see cref="BatchWorkers"/> share as they share the network's:
/// gathering the batch's rows, and the optimizer's step by ranges of the parameters. A range's step also backs its
/// parameters up, clears its part of the gradient for the next batch and looks for a value the step made
/// non-finite, a few thousand elements at a time, so that each element is fetched from memory once rather than
/// once per pass. Every element gets the operations of the one-pass step, so the bits do not depend on the
/// number of threads.
/// </summary>
internal sealed unsafe class TrainerPasses<T> : IPartWork
    where T : unmanaged
{
    // The elements a range's passes take at a time: the parameters, their gradient, its double-precision copy,
    // the update and the backup of 4,096 parameters stay within a core's L2 cache between the passes.
    private const int Chunk = 4096;

    // Ranges start at a multiple of 64 elements, so no two threads write to one cache line.
    private const int Granularity = 64;

    // Work counted as BatchWorkers.MinimumWork counts it: a gathered element as 2 multiply-adds, a stepped
    // parameter (about eight reads and writes of float and double vectors) as 8.
    private const int GatherWork = 2;
    private const int StepWork = 8;

    private readonly Scalar<T> _scalar;
    private readonly Optimizer _optimizer;
    private int[] _firstNonFinite = new int[1];
    private Pass _pass;
    private T* _data;
    private T* _staging;
    private int* _rows;
    private int _rowCount;
    private int _rowSize;
    private T* _parameters;
    private T* _gradient;
    private T* _backup;
    private int _count;

    public TrainerPasses(Scalar<T> scalar, Optimizer optimizer)
    {
        _scalar = scalar;
        _optimizer = optimizer;
    }

    private enum Pass
    {
        Gather,
        Scale,
        Step,
        ScaleAndStep,
    }

    /// <summary>Copies row <c>rows[i]</c> of <paramref name="data"/> to row i of <paramref name="staging"/>, for every i.</summary>
    public void Gather(BatchWorkers? workers, ReadOnlySpan<T> data, ReadOnlySpan<int> rows, int rowSize, Span<T> staging)
    {
        fixed (T* d = data, s = staging)
        {
            fixed (int* r = rows)
            {
                _pass = Pass.Gather;
                _data = d;
                _staging = s;
                _rows = r;
                _rowCount = rows.Length;
                _rowSize = rowSize;
                try
                {
                    BatchDispatch.Run(workers, (long)rows.Length * rowSize * GatherWork, this);
                }
                finally
                {
                    _data = null;
                    _staging = null;
                    _rows = null;
                }
            }
        }
    }

    /// <summary>
    /// The optimizer's step from <paramref name="gradient"/> × <paramref name="gradientScale"/>, by ranges, with
    /// the parameters backed up first and the gradient cleared after. Returns the index of the first parameter the
    /// step made NaN or infinite, or −1.
    /// </summary>
    public int Step(BatchWorkers? workers, Span<T> parameters, Span<T> gradient, Span<T> backup, double gradientScale)
    {
        bool measureFirst = _optimizer.BeginRangeStep(parameters.Length, gradient.Length, gradientScale);
        int parts = workers?.Parts ?? 1;
        if (_firstNonFinite.Length < parts)
        {
            _firstNonFinite = new int[parts];
        }

        _firstNonFinite.AsSpan().Fill(-1);
        long work = (long)parameters.Length * StepWork;
        fixed (T* p = parameters, g = gradient, b = backup)
        {
            _parameters = p;
            _gradient = g;
            _backup = b;
            _count = parameters.Length;
            try
            {
                if (measureFirst)
                {
                    // ‖g‖ is one chain of additions over the whole scaled gradient, so it waits for every range.
                    _pass = Pass.Scale;
                    BatchDispatch.Run(workers, work, this);
                    _optimizer.EndScaling();
                    _pass = Pass.Step;
                }
                else
                {
                    _pass = Pass.ScaleAndStep;
                }

                BatchDispatch.Run(workers, work, this);
            }
            finally
            {
                _parameters = null;
                _gradient = null;
                _backup = null;
            }
        }

        foreach (int index in _firstNonFinite)
        {
            if (index >= 0)
            {
                return index;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public void RunPart(int part, int parts)
    {
        if (_pass == Pass.Gather)
        {
            GatherPart(part, parts);
        }
        else
        {
            StepPart(part, parts);
        }
    }

    private void GatherPart(int part, int parts)
    {
        BatchDispatch.Share(_rowCount, part, parts, 1, out int first, out int count);
        int size = _rowSize;
        for (int i = first; i < first + count; i++)
        {
            new ReadOnlySpan<T>(_data + ((long)_rows[i] * size), size).CopyTo(new Span<T>(_staging + ((long)i * size), size));
        }
    }

    private void StepPart(int part, int parts)
    {
        BatchDispatch.Share(_count, part, parts, Granularity, out int start, out int length);
        int end = start + length;
        int firstNonFinite = -1;
        for (int at = start; at < end; at += Chunk)
        {
            int n = Math.Min(Chunk, end - at);
            var gradient = new Span<T>(_gradient + at, n);
            if (_pass == Pass.Scale)
            {
                _scalar.ScaleRange(_optimizer, gradient, at);
                continue;
            }

            var parameters = new Span<T>(_parameters + at, n);
            parameters.CopyTo(new Span<T>(_backup + at, n));
            if (_pass == Pass.ScaleAndStep)
            {
                _scalar.ScaleRange(_optimizer, gradient, at);
            }

            _scalar.StepRange(_optimizer, parameters, at);
            gradient.Clear();
            if (firstNonFinite < 0)
            {
                int bad = _scalar.IndexOfNonFinite(parameters);
                firstNonFinite = bad < 0 ? -1 : at + bad;
            }
        }

        if (_pass != Pass.Scale)
        {
            _firstNonFinite[part] = firstNonFinite;
        }
    }
}
