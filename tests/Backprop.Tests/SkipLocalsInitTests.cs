using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Backprop.CompilerServices;
using Backprop.Tests.Support;
using Xunit;

namespace Backprop.Tests;

/// <summary>
/// Tiny's declaration with <see cref="SkipLocalsInitAttribute"/>, which performance-minded users put on
/// types or whole modules. It applies to the generated members too, so their stack memory starts with
/// whatever was there before.
/// </summary>
[SkipLocalsInit]
[Network(3, 4, 2)]
public partial class TinySkipLocalsInit { }

/// <summary>
/// TrainBatch sums the rows' gradients into a stack-allocated span. It must not rely on that span
/// starting at zero, which C# only guarantees when locals are initialized.
/// </summary>
public sealed class SkipLocalsInitTests
{
    [Fact]
    public void TrainBatch_gives_the_same_step_when_the_network_is_declared_with_SkipLocalsInit()
    {
        var zeroed = new Tiny(1);
        var skipping = new TinySkipLocalsInit(1);
        float[] inputs = [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f];
        float[] targets = [0f, 1f, 1f, 0f];

        for (int step = 0; step < 5; step++)
        {
            // Leave non-zero values where the next call's frame will be, as any earlier call might.
            DirtyTheStack();
            zeroed.TrainBatch(inputs, targets, 0.5f);
            DirtyTheStack();
            skipping.TrainBatch(inputs, targets, 0.5f);

            SpanAssert.BitIdentical<float>(zeroed.Parameters, skipping.Parameters, $"parameters after step {step}");
        }
    }

    /// <summary>
    /// The library itself skips local initialization, and its kernels keep the blocks that take the last elements
    /// of a sum uninitialized: the block must come out padded with +0 whatever it held.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(15)]
    public void CopyToBlock_pads_a_block_that_held_garbage(int count)
    {
        float[] source = [1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f, 13f, 14f, 15f];
        var block = default(VectorKernels.LaneBlock);
        Span<float> lanes = MemoryMarshal.CreateSpan(ref Unsafe.As<VectorKernels.LaneBlock, float>(ref block), VectorKernels.FloatLanes);
        lanes.Fill(float.NaN);

        ref float start = ref VectorKernels.CopyToBlock(ref source[0], count, ref block);

        Assert.True(Unsafe.AreSame(ref start, ref lanes[0]));
        for (int i = 0; i < lanes.Length; i++)
        {
            float expected = i < count ? source[i] : 0f;
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(lanes[i]));
        }
    }

    /// <summary>
    /// A layer whose inputs end in a partial block (13 = 16 − 3), after calls that left garbage on the stack: each
    /// weighted sum is the documented order's, as the scalar definition computes it.
    /// </summary>
    [Fact]
    public void MultiplyAdd_with_a_partial_last_block_ignores_what_the_stack_held()
    {
        const int inputs = 13, rows = 6;
        var random = new Random(7);
        float[] matrix = new float[rows * inputs];
        float[] x = new float[inputs];
        float[] bias = new float[rows];
        foreach (float[] values in new[] { matrix, x, bias })
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (float)((random.NextDouble() * 2) - 1);
            }
        }

        float[] sums = new float[rows];
        DirtyTheStack();
        VectorKernels.MultiplyAdd(matrix, x, bias, sums);

        for (int j = 0; j < rows; j++)
        {
            float expected = VectorKernels.DotScalar(ref matrix[j * inputs], ref x[0], inputs) + bias[j];
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(sums[j]));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float DirtyTheStack()
    {
        Span<float> garbage = stackalloc float[1024];
        garbage.Fill(1e6f);
        return garbage[garbage.Length / 2];
    }
}
