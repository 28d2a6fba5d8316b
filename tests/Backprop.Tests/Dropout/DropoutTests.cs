using System;
using System.Linq;
using System.Numerics;
using Backprop.Tests.Support;
using Xunit;
using static Backprop.Tests.Support.Numerics;

namespace Backprop.Tests.Dropout;

/// <summary>
/// Dropout as IDropoutNetwork documents it: masks drawn from DropoutRandom in a fixed order, the same for the same
/// state, never at inference, kept with probability 1 − p and scaled by 1/(1 − p); TrainBatch draws what TrainStep
/// and Backward draw row by row; nothing is allocated; a call that throws leaves DropoutRandom as it was.
/// </summary>
public sealed class DropoutTests
{
    private const int Rows = 9;

    [Fact]
    public void A_new_network_seeds_DropoutRandom_from_its_seed_2_to_the_63_draws_after_its_parameters()
    {
        const ulong Half = 1UL << 63;
        Assert.Equal(new DeterministicRandom(7).State ^ Half, new DropoutTiny(7).DropoutRandom.State);
        Assert.Equal(new DeterministicRandom(0).State ^ Half, new DropoutTiny().DropoutRandom.State);
        Assert.Equal(new DeterministicRandom(-3).State ^ Half, new DropoutWideDouble(-3).DropoutRandom.State);

        // InitializeParameters starts it again, as a new network of that seed.
        var net = new DropoutTiny(7);
        var gradient = new float[DropoutTiny.ParameterCount];
        net.Backward(new float[] { 0.1f, 0.2f, 0.3f }, new float[] { 0, 1 }, gradient);
        Assert.NotEqual(new DropoutTiny(7).DropoutRandom.State, net.DropoutRandom.State);
        net.InitializeParameters(11);
        Assert.Equal(new DropoutTiny(11).DropoutRandom.State, net.DropoutRandom.State);
        Assert.IsAssignableFrom<IDropoutNetwork>(net);
        Assert.False(new DropoutTinyTwin(7) is IDropoutNetwork);
    }

    [Fact]
    public void Forward_never_drops_and_draws_nothing()
    {
        ForwardEqualsTwin<float>(new DropoutTiny(3), new DropoutTinyTwin(3));
        ForwardEqualsTwin<float>(new DropoutWide(3), new DropoutWideTwin(3));
    }

    [Fact]
    public void The_same_state_gives_the_same_masks_and_another_state_other_masks()
    {
        SameStateSameBits<float>(new DropoutTiny(5));
        SameStateSameBits<double>(new DropoutTinyDouble(5));
        SameStateSameBits<float>(new DropoutWide(5));
        SameStateSameBits<double>(new DropoutWideDouble(5));
    }

    /// <summary>
    /// The probe shows its mask whole (see <see cref="DropoutProbe"/>): 4,000 rows of 64 neurons at p = 0.3. Each
    /// mask is the documented one, neuron after neuron from the top 32 bits of each draw; kept neurons are scaled by
    /// exactly 1/(1 − p); and the kept fraction is 0.7 within 0.01, which is 8 standard deviations of the binomial
    /// (√(0.21 / 256,000) = 0.0009) and could not fail by chance even with another seed.
    /// </summary>
    [Fact]
    public void Kept_neurons_are_the_documented_draws_scaled_by_one_over_one_minus_p_about_one_minus_p_of_them()
    {
        const int Calls = 4_000;
        const double P = 0.3;
        var net = new DropoutProbe(1);
        net.Parameters.Fill(1);
        net.Parameters.Slice(net.BiasIndex(2, 0), DropoutProbe.Layer2Size).Clear();
        net.Bias(3, 0) = 0;
        var expected = net.DropoutRandom;
        ulong threshold = (ulong)Math.Round(P * 4294967296.0);
        double scale = 1 / (1 - P);
        var gradient = new double[DropoutProbe.ParameterCount];
        int kept = 0;
        for (int call = 0; call < Calls; call++)
        {
            gradient.AsSpan().Clear();
            net.Backward(new[] { 1.0 }, new[] { 0.0 }, gradient);
            double outputDelta = gradient[net.BiasIndex(3, 0)];
            Assert.NotEqual(0, outputDelta);
            for (int j = 0; j < DropoutProbe.Layer2Size; j++)
            {
                bool keeps = (expected.NextUInt64() >> 32) >= threshold;
                double mask = gradient[net.BiasIndex(2, j)] / outputDelta;
                Assert.Equal(keeps ? scale : 0, mask, 1e-15);
                kept += keeps ? 1 : 0;
            }
        }

        Assert.Equal(expected.State, net.DropoutRandom.State);
        double fraction = (double)kept / (Calls * DropoutProbe.Layer2Size);
        Assert.InRange(fraction, 1 - P - 0.01, 1 - P + 0.01);
    }

    [Fact]
    public void TrainBatch_draws_the_masks_TrainStep_and_Backward_draw_row_by_row()
    {
        // The four-row pass (the Wide networks) adds eq. 1 in the lane order of Forward, so it agrees to the bit too.
        BatchDrawsAsRows<float>(() => new DropoutTiny(9), 0.3f, tolerance: 0);
        BatchDrawsAsRows<double>(() => new DropoutTinyDouble(9), 0.3, tolerance: 0);
        BatchDrawsAsRows<float>(() => new DropoutWide(9), 0.3f, tolerance: 0);
        BatchDrawsAsRows<double>(() => new DropoutWideDouble(9), 0.3, tolerance: 0);
    }

    [Fact]
    public void Training_methods_allocate_nothing()
    {
        NoAllocation<float>(new DropoutTiny(1), 0.01f);
        NoAllocation<double>(new DropoutTinyDouble(1), 0.01);
        NoAllocation<float>(new DropoutWide(1), 0.01f);
        NoAllocation<double>(new DropoutWideDouble(1), 0.01);
    }

    [Fact]
    public void A_call_that_throws_on_a_cost_that_is_not_finite_leaves_DropoutRandom_as_it_was()
    {
        var net = new DropoutTiny(2);
        DeterministicRandom before = net.DropoutRandom;
        var input = new[] { 1f, 1f, 1f };
        var target = new[] { float.MaxValue, 0f };

        // The quadratic cost of a target near float's largest value overflows.
        Assert.Throws<InvalidOperationException>(() => net.TrainStep(input, target, 0.1f));
        Assert.Equal(before.State, net.DropoutRandom.State);
        Assert.Throws<InvalidOperationException>(() => net.Backward(input, target, new float[DropoutTiny.ParameterCount]));
        Assert.Equal(before.State, net.DropoutRandom.State);

        // The second row fails, after the first drew its masks.
        float[] inputs = input.Concat(input).ToArray();
        float[] targets = new[] { 0f, 1f }.Concat(target).ToArray();
        Assert.Throws<InvalidOperationException>(() => net.TrainBatch(inputs, targets, 0.1f));
        Assert.Equal(before.State, net.DropoutRandom.State);
    }

    private static void ForwardEqualsTwin<T>(INeuralNetwork<T> net, INeuralNetwork<T> twin)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dropout = (IDropoutNetwork)net;
        net.Parameters.CopyTo(twin.Parameters);
        T[] inputs = TestData.Uniform<T>(Rows * net.InputSize, seed: 21);
        var outputs = new T[Rows * net.OutputSize];
        var twinOutputs = new T[Rows * net.OutputSize];
        ulong state = dropout.DropoutRandom.State;

        net.ForwardBatch(inputs, outputs);
        twin.ForwardBatch(inputs, twinOutputs);
        SpanAssert.BitIdentical<T>(twinOutputs, outputs, "ForwardBatch against the network without dropout");
        for (int row = 0; row < Rows; row++)
        {
            net.Forward(inputs.AsSpan(row * net.InputSize, net.InputSize), outputs.AsSpan(row * net.OutputSize, net.OutputSize));
            twin.Forward(inputs.AsSpan(row * net.InputSize, net.InputSize), twinOutputs.AsSpan(row * net.OutputSize, net.OutputSize));
        }

        SpanAssert.BitIdentical<T>(twinOutputs, outputs, "Forward against the network without dropout");
        Assert.Equal(state, dropout.DropoutRandom.State);
    }

    private static void SameStateSameBits<T>(INeuralNetwork<T> net)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dropout = (IDropoutNetwork)net;
        T[] input = TestData.Uniform<T>(net.InputSize, seed: 31);
        T[] target = TestData.Targets<T>(net, 1, seed: 32);
        DeterministicRandom start = dropout.DropoutRandom;
        var first = new T[net.ParameterCount];
        var second = new T[net.ParameterCount];
        var third = new T[net.ParameterCount];

        T firstCost = net.Backward(input, target, first);
        DeterministicRandom after = dropout.DropoutRandom;
        dropout.DropoutRandom = start;
        T secondCost = net.Backward(input, target, second);
        Assert.Equal(firstCost, secondCost);
        SpanAssert.BitIdentical<T>(first, second, "the gradient from the same state");
        Assert.Equal(after.State, dropout.DropoutRandom.State);

        // The next masks differ (within a few calls: two draws of few neurons may agree): so the masks come from the
        // state, and a fixed mask is no mask at all.
        bool differs = false;
        for (int call = 0; call < 8 && !differs; call++)
        {
            third.AsSpan().Clear();
            net.Backward(input, target, third);
            differs = !first.AsSpan().SequenceEqual(third);
        }

        Assert.True(differs, $"{net.GetType().Name}: eight more calls drew the masks of the first");
    }

    /// <summary>
    /// From one state: the mean of Backward's costs over the rows, TrainStep's cost on the first row, and TrainBatch's
    /// cost, each with its masks; then DropoutRandom after the rows, the same for all three.
    /// </summary>
    private static void BatchDrawsAsRows<T>(Func<INeuralNetwork<T>> create, T learningRate, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        INeuralNetwork<T> byRows = create();
        INeuralNetwork<T> batch = create();
        INeuralNetwork<T> step = create();
        T[] inputs = TestData.Uniform<T>(Rows * byRows.InputSize, seed: 41);
        T[] targets = TestData.Targets<T>(byRows, Rows, seed: 42);

        var gradient = new T[byRows.ParameterCount];
        T total = T.Zero;
        T firstCost = T.Zero;
        for (int row = 0; row < Rows; row++)
        {
            T cost = byRows.Backward(inputs.AsSpan(row * byRows.InputSize, byRows.InputSize), targets.AsSpan(row * byRows.OutputSize, byRows.OutputSize), gradient);
            firstCost = row == 0 ? cost : firstCost;
            total += cost;
        }

        T stepCost = step.TrainStep(inputs.AsSpan(0, step.InputSize), targets.AsSpan(0, step.OutputSize), learningRate);
        Assert.Equal(firstCost, stepCost);
        T batchCost = batch.TrainBatch(inputs, targets, learningRate);
        double expected = D(total / T.CreateChecked(Rows));
        Assert.True(Math.Abs(D(batchCost) - expected) <= tolerance * Math.Abs(expected), $"TrainBatch's cost {D(batchCost)} against {expected} from Backward row by row");
        Assert.Equal(((IDropoutNetwork)byRows).DropoutRandom.State, ((IDropoutNetwork)batch).DropoutRandom.State);

        // The update is the mean of those gradients: masks drawn otherwise would move it by much more than rounding.
        T[] before = create().Parameters.ToArray();
        double eta = D(learningRate);
        for (int i = 0; i < before.Length; i++)
        {
            double step1 = eta * D(gradient[i]) / Rows;
            double expectedParameter = D(before[i]) - step1;
            double bound = (1e-5 * Math.Abs(step1)) + (4 * UnitRoundoff<T>() * Math.Abs(expectedParameter));
            Assert.True(Math.Abs(D(batch.Parameters[i]) - expectedParameter) <= bound, $"parameter {i}: {D(batch.Parameters[i])} against {expectedParameter}");
        }
    }

    private static void NoAllocation<T>(INeuralNetwork<T> net, T learningRate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] input = TestData.Uniform<T>(net.InputSize, seed: 1);
        T[] target = TestData.Targets<T>(net, 1, seed: 2);
        T[] inputs = TestData.Uniform<T>(Rows * net.InputSize, seed: 3);
        T[] targets = TestData.Targets<T>(net, Rows, seed: 4);
        var gradient = new T[net.ParameterCount];
        void Work()
        {
            for (int i = 0; i < 200; i++)
            {
                net.Backward(input, target, gradient);
                net.TrainStep(input, target, learningRate);
                net.TrainBatch(inputs, targets, learningRate);
            }
        }

        Work();
        Assert.Equal(0, Allocations.Least(Work));
    }
}
