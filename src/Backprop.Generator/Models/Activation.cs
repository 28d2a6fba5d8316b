namespace Backprop.Generator.Models;

/// <summary>
/// The generator's copy of <c>Backprop.Activation</c>: same names, same values (a test keeps them in step).
/// The generator cannot load the abstractions assembly, so it reads the attribute's enum values as numbers.
/// </summary>
internal enum Activation
{
    Sigmoid = 0,
    Tanh = 1,
    ReLU = 2,
    LeakyReLU = 3,
    Linear = 4,
    Softmax = 5,
}
