namespace Backprop.Generator.Models;

/// <summary>The generator's copy of <c>Backprop.Loss</c>: same names, same values (a test keeps them in step).</summary>
internal enum Loss
{
    MeanSquaredError = 0,
    CrossEntropy = 1,
    BinaryCrossEntropy = 2,
}
