namespace Backprop.Generator.Models;

/// <summary>The documented bounds of what the generator writes out (docs/diagnostics.md, BP0008).</summary>
internal static class NetworkLimits
{
    /// <summary>
    /// The most parameters a network may have. Every weight appears a few times in the unrolled
    /// <c>TrainStep</c>, and a method body much larger than this bound crosses RyuJIT's limits
    /// (about 60,000 bytes of IL), past which it compiles the method without optimization.
    /// </summary>
    public const int MaxParameters = 1024;

    /// <summary>The first C# version whose features the generated code uses (<c>#nullable</c>, switch expressions).</summary>
    public const int MinimumLanguageVersion = 800;
}
