using System.Threading;

namespace Backprop;

/// <summary>
/// The parts of one phase, dealt to the threads in equal runs: each thread takes its own run's parts from the
/// front, and once it has none left takes the others' from the back. While the threads keep pace, each runs
/// exactly its own run, the share a static split would give it, so the data a thread summed last time stays in
/// its cache; a thread that falls behind (a slower core, one the system lent to other work, one waking from
/// sleep) has its last parts taken over by the others instead of keeping them waiting. Every part runs once,
/// and no part's result depends on the thread that runs it, so the bits do not change.
/// </summary>
internal sealed class PartQueue
{
    /// <summary>How many parts each thread's run holds: the least a thread that falls behind can hand over.</summary>
    public const int PartsPerThread = 4;

    // Each run's state is one long, next part in the low half and end in the high half, so that its owner
    // (taking from the front) and the others (from the back) agree through one compare-exchange. Runs are 64
    // bytes apart, and the first is 64 bytes into the array, so no two threads' counters share a cache line.
    private const int Stride = 8;

    private readonly long[] _runs;
    private readonly int _threads;

    public PartQueue(int threads)
    {
        _threads = threads;
        _runs = new long[(threads + 1) * Stride];
    }

    /// <summary>How many parts a phase is cut into: <see cref="PartsPerThread"/> per thread.</summary>
    public int Parts => _threads * PartsPerThread;

    /// <summary>Deals a new phase's parts. Called before the threads are told of the phase (which is a full fence).</summary>
    public void Reset()
    {
        for (int t = 0; t < _threads; t++)
        {
            _runs[Slot(t)] = Pack(t * PartsPerThread, (t + 1) * PartsPerThread);
        }
    }

    /// <summary>The next part for <paramref name="thread"/> to run: its own, else another's; false once none is left.</summary>
    public bool TryTake(int thread, out int part)
    {
        if (TryTake(Slot(thread), fromFront: true, out part))
        {
            return true;
        }

        for (int i = 1; i < _threads; i++)
        {
            if (TryTake(Slot((thread + i) % _threads), fromFront: false, out part))
            {
                return true;
            }
        }

        return false;
    }

    private static int Slot(int thread) => (thread + 1) * Stride;

    private static long Pack(int next, int end) => ((long)end << 32) | (uint)next;

    private bool TryTake(int slot, bool fromFront, out int part)
    {
        while (true)
        {
            long state = Volatile.Read(ref _runs[slot]);
            int next = (int)state;
            int end = (int)(state >> 32);
            if (next >= end)
            {
                part = -1;
                return false;
            }

            long taken = fromFront ? Pack(next + 1, end) : Pack(next, end - 1);
            if (Interlocked.CompareExchange(ref _runs[slot], taken, state) == state)
            {
                part = fromFront ? next : end - 1;
                return true;
            }
        }
    }
}
