namespace Backprop.Generator.Models;

/// <summary>The generator's copy of <c>Backprop.Precision</c>: same names, same values.</summary>
internal enum Precision
{
    Single = 0,
    Double = 1,
}
