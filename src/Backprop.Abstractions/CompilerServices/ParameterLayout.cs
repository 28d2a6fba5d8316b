using System;
using System.ComponentModel;
using static System.FormattableString;

namespace Backprop.CompilerServices;

/// <summary>
/// Called by code the Backprop generator writes. Not a contract for users: it may change in any version.
/// Index arithmetic behind the generated <c>WeightIndex</c>, <c>BiasIndex</c>, <c>Weight</c> and
/// <c>Bias</c> members, with range checks whose messages say which index is out of which range.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ParameterLayout
{
    /// <summary>Returns offset + j·inputs + k, the position of w<sup>l</sup><sub>jk</sub> in a row-major block.</summary>
    /// <param name="layer">The layer number, for messages.</param>
    /// <param name="j">The neuron in the layer.</param>
    /// <param name="k">The neuron in the previous layer.</param>
    /// <param name="neurons">The size of the layer.</param>
    /// <param name="inputs">The size of the previous layer.</param>
    /// <param name="offset">Where the layer's weight block starts.</param>
    /// <returns>The weight's position in the parameters.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="j"/> or <paramref name="k"/> is outside its layer.</exception>
    public static int WeightIndex(int layer, int j, int k, int neurons, int inputs, int offset)
    {
        ThrowIfOutside(j, neurons, nameof(j), layer);
        ThrowIfOutside(k, inputs, nameof(k), layer - 1);
        return offset + j * inputs + k;
    }

    /// <summary>Returns offset + j, the position of b<sup>l</sup><sub>j</sub>.</summary>
    /// <param name="layer">The layer number, for messages.</param>
    /// <param name="j">The neuron in the layer.</param>
    /// <param name="neurons">The size of the layer.</param>
    /// <param name="offset">Where the layer's bias block starts.</param>
    /// <returns>The bias's position in the parameters.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="j"/> is outside the layer.</exception>
    public static int BiasIndex(int layer, int j, int neurons, int offset)
    {
        ThrowIfOutside(j, neurons, nameof(j), layer);
        return offset + j;
    }

    /// <summary>Creates the exception for a layer number that has no weights or biases.</summary>
    /// <param name="layer">The layer number that was asked for.</param>
    /// <param name="layerCount">The number of layers L, input layer included.</param>
    /// <returns>An exception to throw.</returns>
    public static ArgumentOutOfRangeException LayerOutOfRange(int layer, int layerCount) =>
        new(
            nameof(layer),
            layer,
            Invariant($"'layer' must be from 2 to {layerCount} (layer 1 is the input layer, which has no weights or biases), but was {layer}."));

    private static void ThrowIfOutside(int index, int size, string parameterName, int layer)
    {
        if ((uint)index >= (uint)size)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                index,
                Invariant($"'{parameterName}' must be from 0 to {size - 1} because layer {layer} has {size} neurons, but was {index}."));
        }
    }
}
