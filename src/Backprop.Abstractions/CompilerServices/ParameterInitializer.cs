using System;
using System.ComponentModel;

namespace Backprop.CompilerServices;

/// <summary>
/// Called by code the Backprop generator writes. Not a contract for users: it may change in any version.
/// Random starting weights that keep activations and gradients at a useful scale from the first step.
/// Generated networks call these from <c>InitializeParameters(seed)</c>.
/// </summary>
/// <remarks>
/// Values are computed in double precision and rounded once, so a single-precision network starts from
/// the double-precision network's parameters rounded to <see cref="float"/>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ParameterInitializer
{
    /// <summary>
    /// Glorot/Xavier uniform initialization (Glorot and Bengio, 2010), for sigmoid, tanh and linear layers:
    /// each weight drawn from U(−r, r) with r = √(6 / (fanIn + fanOut)).
    /// </summary>
    /// <param name="weights">The layer's weights, filled in order.</param>
    /// <param name="fanIn">The number of inputs of each neuron: the size of the previous layer.</param>
    /// <param name="fanOut">The number of neurons in the layer.</param>
    /// <param name="random">The generator to draw from; it advances by one draw per weight.</param>
    public static void GlorotUniform(Span<float> weights, int fanIn, int fanOut, ref DeterministicRandom random)
    {
        double limit = GlorotLimit(fanIn, fanOut);
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)random.NextDouble(-limit, limit);
        }
    }

    /// <inheritdoc cref="GlorotUniform(Span{float}, int, int, ref DeterministicRandom)"/>
    public static void GlorotUniform(Span<double> weights, int fanIn, int fanOut, ref DeterministicRandom random)
    {
        double limit = GlorotLimit(fanIn, fanOut);
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = random.NextDouble(-limit, limit);
        }
    }

    /// <summary>
    /// He/Kaiming uniform initialization (He et al., 2015), for ReLU and leaky ReLU layers: each weight
    /// drawn from U(−r, r) with r = √(6 / fanIn), which gives the variance 2 / fanIn.
    /// </summary>
    /// <param name="weights">The layer's weights, filled in order.</param>
    /// <param name="fanIn">The number of inputs of each neuron: the size of the previous layer.</param>
    /// <param name="random">The generator to draw from; it advances by one draw per weight.</param>
    public static void HeUniform(Span<float> weights, int fanIn, ref DeterministicRandom random)
    {
        double limit = HeLimit(fanIn);
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)random.NextDouble(-limit, limit);
        }
    }

    /// <inheritdoc cref="HeUniform(Span{float}, int, ref DeterministicRandom)"/>
    public static void HeUniform(Span<double> weights, int fanIn, ref DeterministicRandom random)
    {
        double limit = HeLimit(fanIn);
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = random.NextDouble(-limit, limit);
        }
    }

    /// <summary>The bound r of <see cref="GlorotUniform(Span{float}, int, int, ref DeterministicRandom)"/>: √(6 / (fanIn + fanOut)).</summary>
    /// <param name="fanIn">The size of the previous layer; positive.</param>
    /// <param name="fanOut">The size of the layer; positive.</param>
    /// <returns>The half-width of the uniform distribution.</returns>
    public static double GlorotLimit(int fanIn, int fanOut)
    {
        ThrowIfNotPositive(fanIn, nameof(fanIn));
        ThrowIfNotPositive(fanOut, nameof(fanOut));
        return Math.Sqrt(6.0 / ((double)fanIn + fanOut));
    }

    /// <summary>The bound r of <see cref="HeUniform(Span{float}, int, ref DeterministicRandom)"/>: √(6 / fanIn).</summary>
    /// <param name="fanIn">The size of the previous layer; positive.</param>
    /// <returns>The half-width of the uniform distribution.</returns>
    public static double HeLimit(int fanIn)
    {
        ThrowIfNotPositive(fanIn, nameof(fanIn));
        return Math.Sqrt(6.0 / fanIn);
    }

    private static void ThrowIfNotPositive(int value, string parameterName)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(parameterName, value, FormattableString.Invariant($"'{parameterName}' must be greater than zero, but was {value}."));
        }
    }
}
