using System;
using System.Linq;
using System.Reflection;
using Backprop.CompilerServices;
using Xunit;

namespace Backprop.Tests.CompilerServices;

/// <summary>
/// The kernels that run out of line are compiled fully optimized at their first call, without a profile, so that
/// their code does not depend on which layer sizes and row counts a process ran first; and a generated network's
/// batch phases, which hold its inlined kernels, are compiled the same way (the generator adds the flag where the
/// compilation names it, as this project's does).
/// </summary>
public sealed class KernelCompilationTests
{
    private const MethodImplAttributes OutOfLineAndOptimized = MethodImplAttributes.NoInlining | MethodImplAttributes.AggressiveOptimization;

    [Theory]
    [InlineData("PrefetchingTwoByFour256")]
    [InlineData("PlainTwoByFour256")]
    public void The_out_of_line_kernels_are_compiled_without_a_profile(string name)
    {
        MethodInfo kernel = typeof(VectorKernels).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException($"VectorKernels has no method {name}.");

        Assert.Equal(OutOfLineAndOptimized, kernel.MethodImplementationFlags & OutOfLineAndOptimized);
    }

    [Fact]
    public void Every_out_of_line_kernel_is_among_them()
    {
        string[] outOfLine = typeof(VectorKernels).GetMethods(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static)
            .Where(method => method.MethodImplementationFlags.HasFlag(MethodImplAttributes.NoInlining))
            .Select(method => method.Name)
            .Distinct()
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(new[] { "PlainTwoByFour256", "PrefetchingTwoByFour256" }, outOfLine);
    }

    [Fact]
    public void A_generated_networks_batch_phases_are_compiled_without_a_profile()
    {
        string[] optimized = typeof(PhasedNetwork).GetMethods(BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(method => method.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization))
            .Select(method => method.Name)
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(new[] { "DeltasOfRows", "GradientOfRows" }, optimized);
    }
}

/// <summary>A network of vector loops, whose batch path runs in phases.</summary>
[Network(784, 32, 10, HiddenActivation = Activation.ReLU, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy)]
internal sealed partial class PhasedNetwork
{
}
