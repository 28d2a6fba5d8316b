using System.Collections.Generic;

namespace Backprop.Generator.Models;

/// <summary>
/// What a call of the generated network costs, as the constants <c>ForwardMultiplyAdds</c>,
/// <c>TrainStepMultiplyAdds</c> and <c>ParameterBytes</c> state it (docs/math.md, "What a call costs"): the
/// multiply-adds of the matrix products, one per weight and product, which is what grows with the layer sizes.
/// Computed in double precision, as <see cref="NetworkLimits.CountParameters"/>, so that no size overflows them.
/// </summary>
internal static class NetworkCost
{
    /// <summary>Forward per sample: eq. 1's Wˡ·Aˡ⁻¹ for l = 2 … L, Σ nₗ·nₗ₋₁.</summary>
    public static double ForwardMultiplyAdds(IReadOnlyList<int> sizes)
    {
        double weights = 0;
        for (int l = 1; l < sizes.Count; l++)
        {
            weights += (double)sizes[l] * sizes[l - 1];
        }

        return weights;
    }

    /// <summary>
    /// A training step per sample: eq. 1 forward, eq. 4's (Wˡ)ᵀ·Δˡ for l = L … 3 (layer 2's δ goes nowhere) and
    /// eq. 5's outer product Δˡ·(Aˡ⁻¹)ᵀ for every layer.
    /// </summary>
    public static double TrainStepMultiplyAdds(IReadOnlyList<int> sizes)
    {
        double backward = sizes.Count > 2 ? ForwardMultiplyAdds(sizes) - ((double)sizes[1] * sizes[0]) : 0;
        return (2 * ForwardMultiplyAdds(sizes)) + backward;
    }

    /// <summary>The bytes of the weights and biases: <see cref="NetworkLimits.CountParameters"/> times the size of a value.</summary>
    public static double ParameterBytes(IReadOnlyList<int> sizes, int numberSize) => NetworkLimits.CountParameters(sizes) * numberSize;
}
