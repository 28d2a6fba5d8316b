using System;
using System.Numerics;
using Backprop.Tests.CompilerServices;
using Backprop.Tests.Support;
using Xunit;

namespace Backprop.Tests.Determinism;

/// <summary>Vector loops with odd sizes, so that every dot product has a remainder past its last whole block of lanes.</summary>
[Network(23, 37, 6, HiddenActivation = Activation.ReLU, OutputActivation = Activation.Linear, CodeShape = CodeShape.VectorLoops)]
public partial class OddLoops { }

/// <summary><see cref="OddLoops"/>'s double-precision counterpart, one layer deeper.</summary>
[Network(19, 33, 17, 5, HiddenActivation = Activation.LeakyReLU, OutputActivation = Activation.Linear, CodeShape = CodeShape.VectorLoops, Precision = Precision.Double)]
public partial class OddLoopsDouble { }

/// <summary>
/// Networks made of vector loops take four rows at a time through ForwardBatch and TrainBatch (Dot4, AddScaled4);
/// one row at a time through Forward and Backward (MultiplyAdd, AddOuterProduct). Both must give the same bits:
/// the same declaration computes the same numbers however the caller batches its rows. Seven rows are one
/// four-row pass and three rows alone.
/// </summary>
public sealed class FourRowPassTests
{
    private const int Rows = 7;

    public static TheoryData<string> FloatNetworks() => [nameof(OddLoops), nameof(AlignedLoops)];

    [Theory]
    [MemberData(nameof(FloatNetworks))]
    public void ForwardBatch_gives_each_row_the_bits_of_Forward(string name) => ForwardBatchMatchesForward(Create<float>(name));

    [Fact]
    public void ForwardBatch_gives_each_row_the_bits_of_Forward_in_double_precision() => ForwardBatchMatchesForward(new OddLoopsDouble(3));

    [Theory]
    [MemberData(nameof(FloatNetworks))]
    public void TrainBatch_steps_as_Backward_row_by_row_then_one_mean_step(string name) =>
        TrainBatchMatchesBackward(Create<float>(name), Create<float>(name), 0.05f);

    [Fact]
    public void TrainBatch_steps_as_Backward_row_by_row_then_one_mean_step_in_double_precision() =>
        TrainBatchMatchesBackward(new OddLoopsDouble(3), new OddLoopsDouble(3), 0.05);

    private static INeuralNetwork<T> Create<T>(string name)
        where T : unmanaged =>
        name switch
        {
            nameof(OddLoops) => (INeuralNetwork<T>)(object)new OddLoops(3),
            _ => (INeuralNetwork<T>)(object)new AlignedLoops(3),
        };

    private static void ForwardBatchMatchesForward<T>(INeuralNetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] inputs = Draw<T>(new Random(11), Rows * network.InputSize);
        var batch = new T[Rows * network.OutputSize];
        network.ForwardBatch(inputs, batch);

        var single = new T[Rows * network.OutputSize];
        for (int row = 0; row < Rows; row++)
        {
            network.Forward(inputs.AsSpan(row * network.InputSize, network.InputSize), single.AsSpan(row * network.OutputSize, network.OutputSize));
        }

        SpanAssert.BitIdentical<T>(single, batch, "ForwardBatch's outputs");
    }

    // TrainBatch documents its step: the rows' gradients summed in order, then θ −= (η / m)·Σ ∂C/∂θ, and the mean
    // of the rows' costs returned.
    internal static void TrainBatchMatchesBackward<T>(INeuralNetwork<T> batched, INeuralNetwork<T> single, T rate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(12);
        T[] inputs = Draw<T>(random, Rows * batched.InputSize);
        T[] targets = Draw<T>(random, Rows * batched.OutputSize);
        T batchCost = batched.TrainBatch(inputs, targets, rate);

        var gradient = new T[single.ParameterCount];
        T totalCost = T.Zero;
        for (int row = 0; row < Rows; row++)
        {
            totalCost += single.Backward(inputs.AsSpan(row * single.InputSize, single.InputSize), targets.AsSpan(row * single.OutputSize, single.OutputSize), gradient);
        }

        T scale = rate / T.CreateChecked(Rows);
        Span<T> parameters = single.Parameters;
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] -= scale * gradient[i];
        }

        SpanAssert.BitIdentical<T>([totalCost / T.CreateChecked(Rows)], [batchCost], "TrainBatch's cost");
        SpanAssert.BitIdentical<T>(single.Parameters, batched.Parameters, "the parameters after TrainBatch");
    }

    private static T[] Draw<T>(Random random, int count)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Array.ConvertAll(LaneOrder.Values(random, count), v => T.CreateChecked(v / 4096));
}
