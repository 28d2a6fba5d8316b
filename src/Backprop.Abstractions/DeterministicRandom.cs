using System;

namespace Backprop;

/// <summary>
/// A small, fast pseudo-random generator (SplitMix64) whose sequence for a given seed is fixed: the same
/// on every platform and runtime, and in every version of this library from 0.2 on. Parameter initialization
/// (and anything else that promises "same seed, same result") draws from it; so can a program whose runs must
/// replay from a seed on every machine, as the game sample's serves do (<see cref="System.Random"/> promises
/// no fixed sequence across runtimes or versions).
/// </summary>
/// <remarks>
/// Not for cryptography. A mutable struct: pass it by <see langword="ref"/> so that draws advance the
/// caller's copy.
/// </remarks>
public struct DeterministicRandom
{
    /// <summary>SplitMix64's increment: the state advances by it before every draw.</summary>
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private ulong _state;

    /// <summary>Starts the sequence that belongs to <paramref name="seed"/>.</summary>
    /// <param name="seed">Any value; equal seeds give equal sequences, and different seeds unrelated ones.</param>
    /// <remarks>
    /// The state starts at SplitMix64's output function applied to the seed's 32 bits. A state that grew with the
    /// seed in steps of the increment (in the unreleased builds before 0.2) made seed s + 1 replay seed s one draw
    /// later. The output function is a bijection: distinct seeds still start from distinct states, but far apart.
    /// </remarks>
    public DeterministicRandom(int seed)
    {
        _state = Mix((uint)seed);
    }

    /// <summary>
    /// The generator's whole state. Saving it and assigning it back later (to this or another instance)
    /// continues the sequence exactly where it was: checkpoints use it to resume a run bit for bit.
    /// </summary>
    [CLSCompliant(false)]
    public ulong State
    {
        readonly get => _state;
        set => _state = value;
    }

    /// <summary>Returns the next 64 random bits.</summary>
    /// <returns>A value from the whole range of <see cref="ulong"/>.</returns>
    [CLSCompliant(false)]
    public ulong NextUInt64()
    {
        _state = unchecked(_state + Gamma);
        return Mix(_state);
    }

    /// <summary>Returns a value drawn uniformly from [0, 1), with 53 random bits.</summary>
    /// <returns>A value at least 0 and less than 1.</returns>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Returns a value drawn uniformly from [<paramref name="min"/>, <paramref name="max"/>).</summary>
    /// <param name="min">The smallest value that can be returned.</param>
    /// <param name="max">The bound, greater than <paramref name="min"/>.</param>
    /// <returns>A value at least <paramref name="min"/> and less than <paramref name="max"/>.</returns>
    public double NextDouble(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Returns an integer drawn uniformly from [0, <paramref name="maxExclusive"/>), without bias.</summary>
    /// <param name="maxExclusive">The bound; greater than zero.</param>
    /// <returns>A value at least 0 and less than <paramref name="maxExclusive"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is zero or negative.</exception>
    public int NextInt32(int maxExclusive)
    {
        if (maxExclusive <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, FormattableString.Invariant($"'maxExclusive' must be greater than zero, but was {maxExclusive}."));
        }

        // Rejection sampling on the top 32 bits keeps every value equally likely.
        uint bound = (uint)maxExclusive;
        uint threshold = (uint)(-(int)bound) % bound;
        while (true)
        {
            ulong product = (NextUInt64() >> 32) * bound;
            if ((uint)product >= threshold)
            {
                return (int)(product >> 32);
            }
        }
    }

    /// <summary>SplitMix64's output function (Stafford's "Mix13" variant of MurmurHash3's finalizer): a bijection that scatters every input bit.</summary>
    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
