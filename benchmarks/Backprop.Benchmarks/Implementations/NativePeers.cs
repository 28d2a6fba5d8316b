using System;
using System.IO;

namespace Backprop.Benchmarks.Implementations;

/// <summary>
/// The peers in C, which may be missing on a machine: FANN (a Debian package) and the plain C loops in their two
/// builds (built by the build with the machine's C compiler). Every mode of the suite asks here which of their benchmarks to skip and
/// what to tell the user about it.
/// </summary>
internal static class NativePeers
{
    /// <summary>Whether FANN's benchmarks run: libfloatfann loads.</summary>
    public static bool Fann => FannNative.IsAvailable;

    /// <summary>Whether the C loops' benchmarks run: libmlploops.so loads.</summary>
    public static bool CLoops => CLoopsNative.FastMath.IsAvailable;

    /// <summary>Whether the unfused C loops' benchmarks run: libmlploops_unfused.so loads.</summary>
    public static bool CLoopsUnfused => CLoopsNative.Unfused.IsAvailable;

    /// <summary>Whether a benchmark method belongs to a peer that is missing here (its name ends in the peer's suffix).</summary>
    public static bool IsSkipped(string methodName) =>
        (!Fann && methodName.EndsWith("_Fann", StringComparison.Ordinal)) ||
        (!CLoops && methodName.EndsWith("_CLoops", StringComparison.Ordinal)) ||
        (!CLoopsUnfused && methodName.EndsWith("_CLoopsUnfused", StringComparison.Ordinal));

    /// <summary>Writes a note for each missing peer; returns whether any is missing.</summary>
    public static bool ReportMissing(TextWriter log)
    {
        if (!Fann)
        {
            log.WriteLine(FannNative.InstallNote);
        }

        if (!CLoops)
        {
            log.WriteLine(CLoopsNative.FastMath.InstallNote);
        }

        if (!CLoopsUnfused)
        {
            log.WriteLine(CLoopsNative.Unfused.InstallNote);
        }

        return !Fann || !CLoops || !CLoopsUnfused;
    }
}
