namespace Backprop.Generator.Models;

/// <summary>The generator's copy of <c>Backprop.CodeShape</c>: same names, same values (a test keeps them in step).</summary>
internal enum CodeShape
{
    Automatic = 0,
    Unrolled = 1,
    VectorLoops = 2,
}
