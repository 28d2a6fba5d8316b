using System;
using System.Runtime.CompilerServices;
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

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float DirtyTheStack()
    {
        Span<float> garbage = stackalloc float[1024];
        garbage.Fill(1e6f);
        return garbage[garbage.Length / 2];
    }
}
