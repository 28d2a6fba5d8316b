using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Backprop.Benchmarks.Implementations;

/// <summary>
/// The plain C peer, <c>Native/mlp_loops.c</c>, which the build compiles into <c>libmlploops.so</c> next to the
/// benchmarks with the machine's C compiler (<c>cc -O3 -march=native -ffast-math</c>). When there is no C
/// compiler, or on a system other than Linux, the library is absent, <see cref="IsAvailable"/> is false and
/// nothing else here may be called.
/// </summary>
/// <remarks>
/// Its functions are called through unmanaged function pointers with <c>SuppressGCTransition</c>: they are short,
/// never block and never call back, so the call costs a few nanoseconds, as a call between two C functions
/// would, and the comparison measures the loops rather than the interop.
/// </remarks>
internal static unsafe class CLoopsNative
{
    public const string InstallNote =
        "note: libmlploops.so (the plain C loops, built from Native/mlp_loops.c by the build when a C compiler " +
        "is on the PATH) was not found, so the C loops benchmarks and checks are skipped. " +
        "On Debian or Ubuntu install one with: sudo apt-get install gcc";

    public const string LibraryFile = "libmlploops.so";

    private static readonly Lazy<IntPtr> Handle = new(Load);

    /// <summary>Whether libmlploops.so was found and loaded; the first call loads it.</summary>
    public static bool IsAvailable => Handle.Value != IntPtr.Zero;

    /// <summary>The forward pass and training step of one topology, or null when the library has no entry points for it.</summary>
    public static Topology? Find(SeedLayout layout)
    {
        if (!IsAvailable || layout.Sizes.Length != 3)
        {
            return null;
        }

        string name = "mlp_" + string.Join("_", layout.Sizes);
        if (!NativeLibrary.TryGetExport(Handle.Value, name + "_forward", out IntPtr forward) ||
            !NativeLibrary.TryGetExport(Handle.Value, name + "_train_step", out IntPtr trainStep))
        {
            return null;
        }

        return new Topology(
            (delegate* unmanaged[SuppressGCTransition]<float*, float*, float*, void>)forward,
            (delegate* unmanaged[SuppressGCTransition]<float*, float*, float*, float, float>)trainStep);
    }

    private static IntPtr Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, LibraryFile);
        return OperatingSystem.IsLinux() && NativeLibrary.TryLoad(path, out IntPtr handle) ? handle : IntPtr.Zero;
    }

    /// <summary>
    /// <c>forward(parameters, x, y)</c> writes the outputs; <c>trainStep(parameters, x, target, η)</c> takes one
    /// SGD step in place and returns C = ½‖Y − A‖² before it. Parameters are in the <see cref="SeedLayout"/>.
    /// </summary>
    internal sealed class Topology(
        delegate* unmanaged[SuppressGCTransition]<float*, float*, float*, void> forward,
        delegate* unmanaged[SuppressGCTransition]<float*, float*, float*, float, float> trainStep)
    {
        public delegate* unmanaged[SuppressGCTransition]<float*, float*, float*, void> Forward { get; } = forward;

        public delegate* unmanaged[SuppressGCTransition]<float*, float*, float*, float, float> TrainStep { get; } = trainStep;
    }
}
