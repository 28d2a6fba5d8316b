namespace Backprop.Generator.Emitting;

/// <summary>How the code of one layer is written out.</summary>
internal enum LayerShape
{
    /// <summary>
    /// Every weighted sum written term by term with constant indices, values in locals: the fastest shape
    /// for small layers, whose whole working set fits in registers.
    /// </summary>
    ScalarUnrolled,
}

/// <summary>
/// The one place that decides how each layer is emitted. Every layer is scalar-unrolled for now; wider
/// shapes (SIMD, loops) for large layers are chosen here once they exist.
/// </summary>
internal static class LayerShapeSelector
{
    public static LayerShape Choose(int neurons, int inputs) => LayerShape.ScalarUnrolled;
}
