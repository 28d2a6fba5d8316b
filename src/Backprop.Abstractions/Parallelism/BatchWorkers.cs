using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using Backprop.CompilerServices;

namespace Backprop;

/// <summary>
/// A fixed set of threads that <c>ForwardBatch</c>, <c>BackwardBatch</c>, <c>TrainBatch</c> and
/// <see cref="Training.Trainer{T}"/> share a batch's rows and gradient among. Without one, every batch method runs
/// on the thread that calls it: a game that runs its own threads gets no thread it did not ask for.
/// </summary>
/// <remarks>
/// <para>
/// The results do not depend on <see cref="Threads"/>: every output, cost and parameter is the same to the bit with
/// 1, 2 or 16 threads, and the same as without workers. The rows are shared for the forward pass and the δ of
/// each row, which do not depend on one another; the gradient is shared by neuron, and each element of it still
/// adds the rows one after another in their order (docs/math.md, "Summation order").
/// </para>
/// <para>
/// Each phase is cut into four parts per thread, and each thread runs its own four first; a thread that finishes
/// early takes over the parts another has not started, so a core that is slower, busy with other work or slow to
/// wake does not hold the batch up. Which thread runs a part changes nothing in its result. An exception in a part
/// reaches the caller once every part has run, as an <see cref="InvalidOperationException"/> around it.
/// </para>
/// <para>
/// The threads are created here, once, and wait for work between calls (spinning for about
/// 0.2 ms, then asleep), so a call creates no thread and allocates nothing. One <see cref="BatchWorkers"/> runs
/// one batch at a time: share it among networks called from one thread, not among threads. Dispose it to end
/// its threads; they are background threads and do not keep a process alive.
/// </para>
/// </remarks>
public sealed class BatchWorkers : IDisposable
{
    /// <summary>The most threads one <see cref="BatchWorkers"/> runs.</summary>
    public const int MaxThreads = 256;

    // How long an idle worker spins, in Stopwatch ticks, before it sleeps until the next batch.
    private static readonly long s_spinTicks = Stopwatch.Frequency / 5000;

    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _wake;
    private readonly int[] _sleeping;
    private BatchJob? _job;
    private BatchJob? _singleJob;
    private BatchJob? _doubleJob;
    private readonly PartJob _partJob = new();
    private readonly PartQueue _queue;
    private Exception? _failure;
    private int _generation;
    private int _pending;
    private int _busy;
    private long _minimumWork = 1 << 18;
    private volatile bool _disposed;

    /// <summary>Starts <paramref name="threads"/> − 1 threads; the thread that calls a batch method is the other one.</summary>
    /// <param name="threads">How many threads share a batch, counting the caller's: from 1 to <see cref="MaxThreads"/>. <see cref="Environment.ProcessorCount"/> uses every core.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is less than 1 or more than <see cref="MaxThreads"/>.</exception>
    public BatchWorkers(int threads)
    {
        if (threads < 1 || threads > MaxThreads)
        {
            throw new ArgumentOutOfRangeException(
                nameof(threads),
                threads,
                "'threads' must be from 1 to " + MaxThreads.ToString(CultureInfo.InvariantCulture) + ", counting the thread that calls; it was " + threads.ToString(CultureInfo.InvariantCulture) + ".");
        }

        Threads = threads;
        _queue = new PartQueue(threads);
        _threads = new Thread[threads - 1];
        _wake = new SemaphoreSlim[threads - 1];
        _sleeping = new int[threads - 1];
        for (int i = 0; i < _threads.Length; i++)
        {
            _wake[i] = new SemaphoreSlim(0);
            _threads[i] = new Thread(Work) { IsBackground = true, Name = "Backprop batch worker " + (i + 1).ToString(CultureInfo.InvariantCulture) };
            _threads[i].Start(i);
        }
    }

    /// <summary>How many threads share a batch, counting the one that calls.</summary>
    public int Threads { get; }

    /// <summary>How many parts a shared phase is cut into (<see cref="PartQueue"/>): the <c>parts</c> its work is given.</summary>
    internal int Parts => _queue.Parts;

    /// <summary>
    /// The least work a phase of a batch must hold to be shared, in multiply-adds (a row's fixed costs counted
    /// as 1,024 more; eq. 5 and 6 count a quarter, since their rows and gradient move between the threads'
    /// caches; the trainer counts an element of the rows it gathers as 2 and a parameter it steps as 8).
    /// Default 2¹⁸: handing parts to another thread and waiting costs microseconds, which smaller phases do not
    /// pay back (docs/benchmarks.md, run 7). 0 shares every phase. The bits are the same either way.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long MinimumWork
    {
        get => _minimumWork;
        set => _minimumWork = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(MinimumWork), value, "'MinimumWork' must be 0 or more.");
    }

    /// <summary>Ends the threads, after the batch that runs, if any. Calls after this throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Interlocked.Increment(ref _generation);
        for (int i = 0; i < _threads.Length; i++)
        {
            _wake[i].Release();
        }

        foreach (Thread thread in _threads)
        {
            thread.Join();
        }

        foreach (SemaphoreSlim wake in _wake)
        {
            wake.Dispose();
        }
    }

    internal void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(BatchWorkers), "These BatchWorkers were disposed; create new ones, or pass null to run on the calling thread.");
        }
    }

    /// <summary>Runs every part of one phase of <paramref name="work"/>, here and on the threads (<see cref="PartQueue"/>).</summary>
    internal unsafe void Run<T>(IBatchWork<T> work, BatchPhase phase, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> destination, T factor)
        where T : unmanaged
    {
        Enter();
        try
        {
            BatchJob<T> job = JobFor<T>();
            fixed (T* i = inputs, t = targets, d = destination)
            {
                // The spans stay pinned until every thread is done with them, whatever a part did.
                job.Set(work, phase, _queue.Parts, i, inputs.Length, t, targets.Length, d, destination.Length, factor);
                RunParts(job);
            }

            ThrowIfFailed();
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>
    /// Runs every part of <paramref name="work"/>, a pass of the library's own over memory its caller keeps
    /// pinned (the trainer's gathering of rows and its optimizer step), here and on the threads.
    /// </summary>
    internal void Run(IPartWork work)
    {
        Enter();
        try
        {
            _partJob.Set(work, _queue.Parts);
            RunParts(_partJob);
            ThrowIfFailed();
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private void Enter()
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            throw new InvalidOperationException("These BatchWorkers are running a batch for another call. One BatchWorkers runs one batch at a time: give each thread that calls batch methods its own.");
        }

        if (_disposed)
        {
            Volatile.Write(ref _busy, 0);
            ThrowIfDisposed();
        }
    }

    // Wakes the threads, runs parts here until none is left, and returns once every part is done: until then the
    // threads may still read the memory the job points to.
    private void RunParts(BatchJob job)
    {
        _job = job;
        _failure = null;
        _queue.Reset();
        Volatile.Write(ref _pending, _threads.Length);
        Interlocked.Increment(ref _generation);
        for (int w = 0; w < _threads.Length; w++)
        {
            if (Interlocked.Exchange(ref _sleeping[w], 0) == 1)
            {
                _wake[w].Release();
            }
        }

        RunShare(job, 0);
        WaitForWorkers();
        job.Clear();
        _job = null;
    }

    // Runs parts of the job on this thread until none is left: its own run first, then what others have not
    // started. A part that throws is recorded and the rest still run, so every part runs once in any case.
    private void RunShare(BatchJob job, int thread)
    {
        while (_queue.TryTake(thread, out int part))
        {
            try
            {
                job.RunPart(part);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is Exception failure)
        {
            _failure = null;
            throw new InvalidOperationException("A part of a batch failed: " + failure.Message, failure);
        }
    }

    private BatchJob<T> JobFor<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            return (BatchJob<T>)(_singleJob ??= new BatchJob<T>());
        }

        if (typeof(T) == typeof(double))
        {
            return (BatchJob<T>)(_doubleJob ??= new BatchJob<T>());
        }

        return new BatchJob<T>();
    }

    private void WaitForWorkers()
    {
        int spins = 0;
        while (Volatile.Read(ref _pending) != 0)
        {
            if (++spins % 64 == 0)
            {
                Thread.Yield();
            }
            else
            {
                Thread.SpinWait(8);
            }
        }
    }

    // A worker: waits for each new generation of work, runs parts of it, and counts itself done.
    private void Work(object? state)
    {
        int index = (int)state!;
        int seen = 0;
        while (true)
        {
            long idleSince = Stopwatch.GetTimestamp();
            while (Volatile.Read(ref _generation) == seen)
            {
                if (Stopwatch.GetTimestamp() - idleSince < s_spinTicks)
                {
                    Thread.SpinWait(8);
                    continue;
                }

                // Asleep until Run or Dispose releases the semaphore; a release that finds it awake already
                // only makes the next wait return at once, and the loop checks again.
                Interlocked.Exchange(ref _sleeping[index], 1);
                if (Volatile.Read(ref _generation) == seen)
                {
                    _wake[index].Wait();
                }

                Interlocked.Exchange(ref _sleeping[index], 0);
                idleSince = Stopwatch.GetTimestamp();
            }

            seen = Volatile.Read(ref _generation);
            if (_disposed)
            {
                return;
            }

            RunShare(_job!, index + 1);
            Interlocked.Decrement(ref _pending);
        }
    }
}
