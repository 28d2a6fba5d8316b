using System;

namespace Backprop.Tests.Support;

/// <summary>
/// Bytes allocated on the test's thread by a piece of work, measured so that the runtime's own allocations do
/// not pass for the code's: while a method is recompiled (tiered compilation, on-stack replacement) the runtime
/// may allocate on the thread that runs it, at a moment that depends on timing. An allocation of the code under
/// test happens in every attempt; the fewest bytes of several attempts is what the code allocates.
/// </summary>
internal static class Allocations
{
    /// <summary>How many times a measurement is attempted.</summary>
    public const int Attempts = 3;

    /// <summary>The fewest bytes <paramref name="work"/> allocated on this thread in <see cref="Attempts"/> runs.</summary>
    public static long Least(Action work)
    {
        long least = long.MaxValue;
        for (int attempt = 0; attempt < Attempts && least > 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            work();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
