using System;
using Xunit;

namespace Backprop.Tests.CompilerServices;

/// <summary>
/// <see cref="DeterministicRandom"/> is SplitMix64, and its sequences are part of the "same seed, same
/// parameters in every version" promise: the first values of two seeds are pinned as literals.
/// </summary>
public sealed class DeterministicRandomTests
{
    // Pinned: computed once by running DeterministicRandom, and never to change. Seed 0 starts from state 0,
    // so its values are also the usual SplitMix64 test vector (e220a8397b1dcdaf, 6e789e6aa1b965f4, ...).
    private static readonly ulong[] Seed0 = [0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL, 0x06C45D188009454FUL, 0xF88BB8A8724C81ECUL];
    private static readonly ulong[] Seed42 = [0x07DC930B302278A8UL, 0x12C015A97019E937UL, 0xCC06C31652EBF438UL, 0xECEE65630A691E37UL];

    [Fact]
    public void The_first_values_of_seeds_0_and_42_never_change()
    {
        var zero = new DeterministicRandom(0);
        var fortyTwo = new DeterministicRandom(42);
        for (int i = 0; i < Seed0.Length; i++)
        {
            Assert.Equal(Seed0[i], zero.NextUInt64());
            Assert.Equal(Seed42[i], fortyTwo.NextUInt64());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(42)]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void The_sequence_is_SplitMix64_from_the_seed_times_the_golden_gamma(int seed)
    {
        var random = new DeterministicRandom(seed);
        var reference = new SplitMix64(unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL));
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(reference.Next(), random.NextUInt64());
        }
    }

    [Fact]
    public void The_pinned_values_are_SplitMix64()
    {
        var zero = new SplitMix64(0);
        var fortyTwo = new SplitMix64(unchecked(42 * 0x9E3779B97F4A7C15UL));
        Assert.Equal(Seed0, new[] { zero.Next(), zero.Next(), zero.Next(), zero.Next() });
        Assert.Equal(Seed42, new[] { fortyTwo.Next(), fortyTwo.Next(), fortyTwo.Next(), fortyTwo.Next() });
    }

    [Fact]
    public void Draws_advance_the_callers_copy_only()
    {
        // A mutable struct: a copy replays the sequence from where it was taken.
        var random = new DeterministicRandom(7);
        random.NextUInt64();
        DeterministicRandom copy = random;
        Assert.Equal(random.NextUInt64(), copy.NextUInt64());
    }

    [Fact]
    public void NextDouble_is_the_top_53_bits_scaled_into_0_inclusive_1_exclusive()
    {
        var random = new DeterministicRandom(3);
        var bits = new DeterministicRandom(3);
        double min = 1, max = 0;
        for (int i = 0; i < 10_000; i++)
        {
            double value = random.NextDouble();
            Assert.Equal((bits.NextUInt64() >> 11) / 9007199254740992.0, value);
            Assert.InRange(value, 0.0, Math.BitDecrement(1.0));
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        // Spread over the interval, not stuck in part of it.
        Assert.True(min < 0.001 && max > 0.999, $"10,000 draws spanned only [{min}, {max}].");
    }

    [Fact]
    public void NextDouble_of_a_range_stays_in_the_range()
    {
        var random = new DeterministicRandom(4);
        for (int i = 0; i < 10_000; i++)
        {
            Assert.InRange(random.NextDouble(-0.5, 0.25), -0.5, Math.BitDecrement(0.25));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void NextInt32_draws_from_0_to_the_bound_exclusive_as_Lemire_rejection_sampling(int bound)
    {
        var random = new DeterministicRandom(5);
        var bits = new DeterministicRandom(5);
        for (int i = 0; i < 10_000; i++)
        {
            int value = random.NextInt32(bound);
            Assert.InRange(value, 0, bound - 1);
            Assert.Equal(LemireReference(ref bits, (uint)bound), value);
        }
    }

    [Fact]
    public void NextInt32_is_close_to_uniform()
    {
        // 30,000 draws into 3 bins: each count is 10,000 ± 82 (one standard deviation), so ±500 is over 6σ.
        var random = new DeterministicRandom(6);
        var counts = new int[3];
        for (int i = 0; i < 30_000; i++)
        {
            counts[random.NextInt32(3)]++;
        }

        Assert.All(counts, count => Assert.InRange(count, 9_500, 10_500));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void NextInt32_rejects_a_bound_that_is_not_positive(int bound)
    {
        var random = new DeterministicRandom(8);
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt32(bound));
        Assert.Equal("maxExclusive", exception.ParamName);
        Assert.Equal(bound, exception.ActualValue);
    }

    // Lemire's multiply-and-reject on the top 32 bits of each draw, written from the published method
    // ("Fast random integer generation in an interval", 2019), to check NextInt32 against.
    private static int LemireReference(ref DeterministicRandom bits, uint bound)
    {
        uint threshold = unchecked(0u - bound) % bound;
        while (true)
        {
            ulong product = (bits.NextUInt64() >> 32) * bound;
            if ((uint)product >= threshold)
            {
                return (int)(product >> 32);
            }
        }
    }

    // SplitMix64 from its published definition, independent of the code under test.
    private struct SplitMix64(ulong state)
    {
        private ulong _state = state;

        public ulong Next()
        {
            unchecked
            {
                _state += 0x9E3779B97F4A7C15UL;
                ulong z = _state;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                return z ^ (z >> 31);
            }
        }
    }
}
