using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Backprop.Benchmarks.Implementations;

/// <summary>
/// One build of the plain C peer, <c>Native/mlp_loops.c</c>, which the build compiles with the machine's C
/// compiler into a library next to the benchmarks, twice (see Backprop.Benchmarks.csproj):
/// <list type="bullet">
/// <item><see cref="FastMath"/>, <c>libmlploops.so</c>: <c>cc -O3 -march=native -ffast-math</c>, the bar the
/// suite set first. The compiler fuses each multiply and add, and vectorizes the sigmoid with glibc's vector
/// <c>expf</c> (libmvec), an approximation.</item>
/// <item><see cref="Unfused"/>, <c>libmlploops_unfused.so</c>: the same loops under the two rules Backprop's
/// bit-for-bit guarantee imposes on itself, and no others: no fused multiply-add (<c>-ffp-contract=off</c>),
/// and e<sup>x</sup> computed in double precision and rounded once, which is what glibc's scalar <c>expf</c>
/// does (without <c>-ffast-math</c> the compiler calls it). The sums may still be reordered and vectorized
/// (<c>-fassociative-math</c>), which Backprop's fixed order does not allow, so the comparison favours C.</item>
/// </list>
/// When there is no C compiler, or on a system other than Linux, a library is absent, <see cref="IsAvailable"/>
/// is false and nothing else here may be called.
/// </summary>
/// <remarks>
/// Its functions are called through unmanaged function pointers with <c>SuppressGCTransition</c>: they are short,
/// never block and never call back, so the call costs a few nanoseconds, as a call between two C functions
/// would, and the comparison measures the loops rather than the interop.
/// </remarks>
internal sealed unsafe class CLoopsNative
{
    private readonly Lazy<IntPtr> _handle;

    private CLoopsNative(string libraryFile, string name)
    {
        LibraryFile = libraryFile;
        Name = name;
        _handle = new Lazy<IntPtr>(Load);
    }

    /// <summary>The loops built with <c>-ffast-math</c>.</summary>
    public static CLoopsNative FastMath { get; } = new("libmlploops.so", "C loops");

    /// <summary>The loops built without fused multiply-adds, calling the scalar <c>expf</c>.</summary>
    public static CLoopsNative Unfused { get; } = new("libmlploops_unfused.so", "C loops, unfused");

    public string LibraryFile { get; }

    /// <summary>The peer's name in the check's report.</summary>
    public string Name { get; }

    public string InstallNote =>
        $"note: {LibraryFile} (the plain C loops, built from Native/mlp_loops.c by the build when a C compiler " +
        "is on the PATH) was not found, so its benchmarks and checks are skipped. " +
        "On Debian or Ubuntu install one with: sudo apt-get install gcc";

    /// <summary>Whether the library was found and loaded; the first call loads it.</summary>
    public bool IsAvailable => _handle.Value != IntPtr.Zero;

    /// <summary>The forward pass and training step of one topology, or null when the library has no entry points for it.</summary>
    public Topology? Find(SeedLayout layout)
    {
        if (!IsAvailable || layout.Sizes.Length != 3)
        {
            return null;
        }

        string name = "mlp_" + string.Join("_", layout.Sizes);
        if (!NativeLibrary.TryGetExport(_handle.Value, name + "_forward", out IntPtr forward) ||
            !NativeLibrary.TryGetExport(_handle.Value, name + "_train_step", out IntPtr trainStep))
        {
            return null;
        }

        return new Topology(
            (delegate* unmanaged[SuppressGCTransition]<float*, float*, float*, void>)forward,
            (delegate* unmanaged[SuppressGCTransition]<float*, float*, float*, float, float>)trainStep);
    }

    private IntPtr Load()
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
