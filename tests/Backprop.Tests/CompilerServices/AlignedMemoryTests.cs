using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Backprop.CompilerServices;
using Xunit;

namespace Backprop.Tests.CompilerServices;

/// <summary>
/// <see cref="AlignedMemory"/>: the parameters and stack buffers of networks with vector kernels start on a
/// 64-byte boundary, always the same memory, and generated networks use them.
/// </summary>
public sealed class AlignedMemoryTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(26)]
    [InlineData(101_770)]
    public void Storage_is_zeroed_and_its_aligned_part_starts_on_a_64_byte_boundary_every_time(int count)
    {
        for (int attempt = 0; attempt < 20; attempt++)
        {
            float[] floats = AlignedMemory.Allocate<float>(count);
            double[] doubles = AlignedMemory.Allocate<double>(count);
            Span<float> f = AlignedMemory.Aligned(floats, count);
            Span<double> d = AlignedMemory.Aligned(doubles, count);

            Assert.Equal(count, f.Length);
            Assert.Equal(count, d.Length);
            Assert.True(f.IndexOfAnyExcept(0f) < 0);
            Assert.True(d.IndexOfAnyExcept(0.0) < 0);
            if (count > 0)
            {
                Assert.Equal(0, Address(ref f[0]) % 64);
                Assert.Equal(0, Address(ref d[0]) % 64);

                // A collection between two calls does not move the storage: it is pinned.
                f[0] = 42f;
                GC.Collect();
                GC.Collect();
                Assert.True(Unsafe.AreSame(ref f[0], ref AlignedMemory.Aligned(floats, count)[0]));
                Assert.Equal(42f, AlignedMemory.Aligned(floats, count)[0]);
            }
        }
    }

    [Fact]
    public void StartsOnBoundary_is_true_exactly_for_values_that_start_on_a_64_byte_boundary()
    {
        float[] floats = AlignedMemory.Allocate<float>(64);
        double[] doubles = AlignedMemory.Allocate<double>(32);
        Span<float> f = AlignedMemory.Aligned(floats, 48);
        Span<double> d = AlignedMemory.Aligned(doubles, 24);
        for (int skew = 0; skew < 16; skew++)
        {
            Assert.Equal(skew == 0, AlignedMemory.StartsOnBoundary<float>(f.Slice(skew, 32)));
            Assert.Equal(skew % 8 == 0, AlignedMemory.StartsOnBoundary<double>(d.Slice(skew, 8)));
        }

        Assert.True(AlignedMemory.StartsOnBoundary(ReadOnlySpan<float>.Empty));
    }

    [Fact]
    public void A_stack_buffer_with_room_for_the_alignment_is_used_from_its_first_boundary()
    {
        Span<float> raw = stackalloc float[32 + 15 + 16];
        Span<double> rawD = stackalloc double[8 + 7 + 8];
        for (int skew = 0; skew < 16; skew++)
        {
            Span<float> floats = AlignedMemory.Aligned(raw.Slice(skew, 32 + 15), 32);
            Assert.Equal(32, floats.Length);
            Assert.Equal(0, Address(ref floats[0]) % 64);

            Span<double> doubles = AlignedMemory.Aligned(rawD.Slice(skew % 8, 8 + 7), 8);
            Assert.Equal(0, Address(ref doubles[0]) % 64);
        }
    }

    [Fact]
    public void Kept_storage_is_allocated_zeroed_by_the_first_call_and_the_same_memory_after()
    {
        double[]? storage = null;
        Span<double> first = AlignedMemory.Kept(ref storage, 13);
        Assert.NotNull(storage);
        Assert.Equal(13, first.Length);
        Assert.All(first.ToArray(), value => Assert.Equal(0d, value));
        Assert.Equal(0, Address(ref first[0]) % 64);
        first[12] = 7;

        double[] kept = storage;
        Span<double> second = AlignedMemory.Kept(ref storage, 13);
        Assert.Same(kept, storage);
        Assert.True(Unsafe.AreSame(ref first[0], ref second[0]));
        Assert.Equal(7d, second[12]);

        float[]? refused = null;
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => AlignedMemory.Kept(ref refused, -1)).ParamName);
        Assert.Null(refused);
    }

    [Fact]
    public void A_staging_buffer_grows_only_when_too_short_and_always_starts_on_a_64_byte_boundary()
    {
        float[] storage = [];
        Span<float> first = AlignedMemory.Grown(ref storage, 100);
        Assert.Equal(100, first.Length);
        Assert.Equal(0, Address(ref first[0]) % 64);
        first[99] = 5f;

        // Shorter or as long: the same array, from the same boundary, with what was left in it.
        float[] grown = storage;
        Span<float> shorter = AlignedMemory.Grown(ref storage, 60);
        Span<float> same = AlignedMemory.Grown(ref storage, 100);
        Assert.Same(grown, storage);
        Assert.True(Unsafe.AreSame(ref first[0], ref shorter[0]));
        Assert.Equal(5f, same[99]);

        // Longer: a new array, zeroed, still aligned after collections.
        Span<float> longer = AlignedMemory.Grown(ref storage, 101);
        Assert.NotSame(grown, storage);
        Assert.Equal(101, longer.Length);
        Assert.True(longer.IndexOfAnyExcept(0f) < 0);
        GC.Collect();
        Assert.Equal(0, Address(ref AlignedMemory.Grown(ref storage, 101)[0]) % 64);

        double[] doubles = new double[3];
        Span<double> d = AlignedMemory.Grown(ref doubles, 3);
        Assert.Equal(0, Address(ref d[0]) % 64);
    }

    [Fact]
    public void A_negative_count_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => AlignedMemory.Allocate<float>(-1));
        Assert.Equal("count", error.ParamName);
    }

    [Fact]
    public void A_network_of_vector_kernels_keeps_its_parameters_on_a_64_byte_boundary()
    {
        var network = new AlignedLoops();
        Span<float> parameters = network.Parameters;
        Assert.Equal(AlignedLoops.ParameterCount, parameters.Length);
        Assert.Equal(0, Address(ref parameters[0]) % 64);
        Assert.True(Unsafe.AreSame(ref parameters[0], ref network.Weight(2, 0, 0)));
    }

    private static unsafe long Address<T>(ref T value) => (long)(nint)Unsafe.AsPointer(ref value);
}

/// <summary>A network of vector kernels, whose parameters come from <see cref="AlignedMemory"/>.</summary>
[Network(16, 32, 8, CodeShape = CodeShape.VectorLoops)]
public partial class AlignedLoops { }
