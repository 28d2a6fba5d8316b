using System;

namespace Backprop.Benchmarks;

/// <summary>
/// The parameter layout of the derivation (and of a generated network's <c>Parameters</c> today): for each
/// layer l = 2…L, Wˡ row-major (w_jk at the weights' offset + j·n₍ₗ₋₁₎ + k), then Bˡ. Every implementation
/// imports and exports its parameters in this layout, whatever it stores internally.
/// </summary>
internal sealed class SeedLayout
{
    private readonly int[] _weightOffsets;
    private readonly int[] _biasOffsets;

    public SeedLayout(int[] sizes)
    {
        if (sizes.Length < 2)
        {
            throw new ArgumentException("A network has at least two layers.", nameof(sizes));
        }

        Sizes = sizes;
        _weightOffsets = new int[sizes.Length];
        _biasOffsets = new int[sizes.Length];
        int offset = 0;
        for (int i = 1; i < sizes.Length; i++)
        {
            _weightOffsets[i] = offset;
            offset += sizes[i] * sizes[i - 1];
            _biasOffsets[i] = offset;
            offset += sizes[i];
        }

        ParameterCount = offset;
    }

    /// <summary>Layer sizes, input first. Index i is layer i + 1 of the derivation.</summary>
    public int[] Sizes { get; }

    public int ParameterCount { get; }

    public int InputSize => Sizes[0];

    public int OutputSize => Sizes[^1];

    /// <summary>The offset of the weights into layer index <paramref name="i"/> (1 … Sizes.Length − 1).</summary>
    public int WeightOffset(int i) => _weightOffsets[i];

    /// <summary>The offset of the biases of layer index <paramref name="i"/> (1 … Sizes.Length − 1).</summary>
    public int BiasOffset(int i) => _biasOffsets[i];

    /// <summary>"3-4-2", as the docs name a topology.</summary>
    public override string ToString() => string.Join("-", Sizes);
}
