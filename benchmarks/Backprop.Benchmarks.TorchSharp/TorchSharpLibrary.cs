using System;
using System.IO;
using System.Runtime.InteropServices;
using TorchSharp;

namespace Backprop.Benchmarks.TorchSharp;

/// <summary>
/// Whether TorchSharp's native libraries load in this process, and if not, why. TorchSharp's glue library
/// (libLibTorchSharp) is loaded here first, by path, so that a failure reports the loader's own reason (a missing
/// GLIBCXX version, say) rather than TorchSharp's generic advice, and so that TorchSharp is not asked to gather
/// its native files into the build output, which it does when its own load fails.
/// </summary>
internal static class TorchSharpLibrary
{
    private static readonly Lazy<string?> s_failure = new(Probe);

    /// <summary>Whether TorchSharp runs here.</summary>
    public static bool IsAvailable => s_failure.Value is null;

    /// <summary>What to tell the user when it does not: the loader's reason and what to do about it.</summary>
    public static string Note =>
        "note: TorchSharp does not load here, so its benchmarks and checks are skipped: " + s_failure.Value + Environment.NewLine +
        "      libLibTorchSharp needs the libstdc++ of GCC 13 or later (GLIBCXX_3.4.32). On a machine with an older one," +
        " run this suite in a Debian 13 root: benchmarks/Backprop.Benchmarks.TorchSharp/run-in-debian13.sh (docs/benchmarks.md, \"TorchSharp\").";

    private static string? Probe()
    {
        string glue = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", GlueFileName());
        if (File.Exists(glue) && !NativeLibrary.TryLoad(glue, out _))
        {
            try
            {
                NativeLibrary.Free(NativeLibrary.Load(glue));
            }
            catch (DllNotFoundException e)
            {
                // .NET's advice first, the loader's own words (dlerror) on the last line.
                return e.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
            }
        }

        try
        {
            _ = torch.get_num_threads();
            return null;
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException)
        {
            Exception innermost = e;
            while (innermost.InnerException is { } inner)
            {
                innermost = inner;
            }

            return FirstLine(innermost.Message);
        }
    }

    private static string GlueFileName() =>
        OperatingSystem.IsWindows() ? "LibTorchSharp.dll" : OperatingSystem.IsMacOS() ? "libLibTorchSharp.dylib" : "libLibTorchSharp.so";

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
