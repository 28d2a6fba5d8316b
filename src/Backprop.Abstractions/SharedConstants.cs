namespace Backprop;

/// <summary>
/// Numbers that the library and the code the generator writes must agree on. Linked into the generator as
/// source (Backprop.Generator.csproj), so that each is written once; the public constants that show them to
/// users (<c>ActivationFunctions.LeakyReLUSlope</c>, <c>VectorKernels.RowsPerPass</c>,
/// <c>AlignedMemory.Alignment</c>) are defined from these.
/// </summary>
internal static class SharedConstants
{
    /// <summary>The slope of leaky ReLU for z ≤ 0: the forward function, the kernels and the generated derivative.</summary>
    public const double LeakyReLUSlope = 0.01;

    /// <summary>The rows of a mini-batch that the batch kernels (Dot4, AddScaled4) and the generated four-row pass take at once.</summary>
    public const int RowsPerPass = 4;

    /// <summary>
    /// The most rows of a mini-batch whose activations and δ the generated batch path keeps at once, so that eq. 5
    /// and 6 read and write each element of the gradient once per block of rows instead of once per row.
    /// </summary>
    public const int BatchBlockRows = 32;

    /// <summary>The alignment, in bytes, of parameters and stack buffers; the generator allocates room for it.</summary>
    public const int Alignment = 64;
}
