using System;
using System.Reflection;

namespace Backprop.MonoChecks
{
    /// <summary>
    /// The bytes the current thread has allocated. Mono 6.8 has <c>GC.GetAllocatedBytesForCurrentThread()</c>, exact
    /// to the byte, as .NET Core does, but the .NET Framework reference assemblies that net472 compiles against
    /// lack it: it is found by reflection, on both runtimes alike.
    /// </summary>
    internal static class ThreadAllocations
    {
        private static readonly Func<long>? Counter = Find();

        /// <summary>Which counter the runtime offers, for the report.</summary>
        public static string Source => Counter is null ? "none" : "GC.GetAllocatedBytesForCurrentThread()";

        public static bool Available => Counter is not null;

        /// <summary>
        /// The fewest bytes <paramref name="work"/> allocates in three runs: the runtime may allocate on the thread
        /// while it compiles or recompiles a method, and an allocation of the work itself shows in every run.
        /// </summary>
        public static long Least(Action work)
        {
            if (Counter is null)
            {
                throw new InvalidOperationException("This runtime has no per-thread allocation counter.");
            }

            long least = long.MaxValue;
            for (int attempt = 0; attempt < 3 && least > 0; attempt++)
            {
                long before = Counter();
                work();
                least = Math.Min(least, Counter() - before);
            }

            return least;
        }

        private static Func<long>? Find()
        {
            MethodInfo? method = typeof(GC).GetMethod("GetAllocatedBytesForCurrentThread", BindingFlags.Public | BindingFlags.Static, null, Type.EmptyTypes, null);
            return method is null ? null : (Func<long>)Delegate.CreateDelegate(typeof(Func<long>), method);
        }
    }
}
