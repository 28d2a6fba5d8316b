using System;
using System.Collections.Generic;
using System.Linq;
using Backprop.Tests.Support;
using Backprop.Training;
using Xunit;

namespace Backprop.Tests.Training;

/// <summary>A network of 342 parameters whose optimizer steps are taken by ranges.</summary>
[Network(9, 21, 6)]
public partial class RangeStepNetwork { }

/// <inheritdoc cref="RangeStepNetwork"/>
[Network(9, 21, 6, Precision = Precision.Double)]
public partial class RangeStepNetworkDouble { }

/// <summary>
/// The optimizer step by ranges, which the trainer shares among threads: whatever the ranges and the order they
/// are taken in, the parameters, the optimizer's state and ‖g‖ are those of one <c>Step</c>, to the bit.
/// </summary>
public sealed class OptimizerRangeStepTests
{
    public static TheoryData<string, string> Settings()
    {
        var data = new TheoryData<string, string>();
        foreach (string optimizer in new[] { "sgd", "momentum", "nesterov", "adam", "rmsprop", "rmsprop-centered-momentum" })
        {
            foreach (string limits in new[] { "none", "clip", "decay", "clip-and-decay" })
            {
                data.Add(optimizer, limits);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void Steps_by_ranges_are_one_step_to_the_bit_in_single_precision(string optimizer, string limits) =>
        AssertRangeStepsAreOneStep(new RangeStepNetwork(1), optimizer, limits, g => g);

    [Theory]
    [MemberData(nameof(Settings))]
    public void Steps_by_ranges_are_one_step_to_the_bit_in_double_precision(string optimizer, string limits) =>
        AssertRangeStepsAreOneStep(new RangeStepNetworkDouble(1), optimizer, limits, g => g * 1.000000001);

    [Fact]
    public void An_optimizer_of_the_users_own_is_stepped_whole()
    {
        var network = new RangeStepNetwork(1);
        var optimizer = new HalfStep(network);

        Assert.False(optimizer.UpdatesByRange);
        var e = Assert.Throws<NotSupportedException>(() => optimizer.UpdateRange(0, new double[4], new double[4]));
        Assert.Contains("HalfStep computes its update from the whole gradient", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_step_checks_its_arguments_as_Step_does()
    {
        var network = new RangeStepNetwork(1);
        var sgd = new Sgd(network, 0.1);

        var e = Assert.Throws<ArgumentException>(() => sgd.BeginRangeStep(RangeStepNetwork.ParameterCount - 1, RangeStepNetwork.ParameterCount, 1.0));
        Assert.Equal("parameters", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.BeginRangeStep(RangeStepNetwork.ParameterCount, RangeStepNetwork.ParameterCount, double.NaN));
        Assert.Equal(0, sgd.StepCount);
    }

    // Four steps of one optimizer taken whole and of a twin taken by ranges, the third with a gradient large enough to clip.
    private static void AssertRangeStepsAreOneStep<T>(INeuralNetwork<T> network, string optimizer, string limits, Func<float, T> convert)
        where T : unmanaged
    {
        Optimizer whole = Create(optimizer, limits, network);
        Optimizer ranged = Create(optimizer, limits, network);
        Assert.True(ranged.UpdatesByRange);
        T[] expected = network.Parameters.ToArray();
        T[] actual = network.Parameters.ToArray();
        var random = new Random((optimizer.Length * 31) + limits.Length);
        for (int step = 0; step < 4; step++)
        {
            T[] gradient = Array.ConvertAll(RandomVector(random, expected.Length, step == 2 ? 40.0 : 1.0), g => convert(g));
            double scale = 1.0 / (step + 3);
            WholeStep(whole, expected, gradient, scale);
            StepByRanges(ranged, actual, gradient, scale, random);

            SpanAssert.BitIdentical<T>(expected, actual, "parameters after step " + step);
            AssertSameState(whole, ranged);
        }
    }

    private static void WholeStep<T>(Optimizer optimizer, T[] parameters, T[] gradient, double scale)
        where T : unmanaged => Scalar<T>.Instance.Step(optimizer, parameters, gradient, scale);

    private static Optimizer Create(string optimizer, string limits, INeuralNetwork network)
    {
        Optimizer created = optimizer switch
        {
            "sgd" => new Sgd(network, 0.05),
            "momentum" => new MomentumSgd(network, 0.05, momentum: 0.8),
            "nesterov" => new MomentumSgd(network, 0.05, momentum: 0.8, nesterov: true),
            "adam" => new Adam(network, 0.01),
            "rmsprop" => new RmsProp(network, 0.01),
            _ => new RmsProp(network, 0.01, momentum: 0.5, centered: true),
        };
        if (limits.Contains("clip"))
        {
            created.MaxGradientNorm = 2.5;
        }

        if (limits.Contains("decay"))
        {
            created.WeightDecay = 0.01;
        }

        created.Schedule = new StepDecay(stepSize: 2, gamma: 0.5);
        return created;
    }

    private static float[] RandomVector(Random random, int length, double size)
    {
        float[] values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() - 0.5) * size);
        }

        // A zero of each sign: the step must keep what a product with them gives.
        values[3] = 0f;
        values[4] = -0f;
        return values;
    }

    // The protocol the trainer follows, with ranges of random lengths (1 to 100 elements) taken in a random order,
    // as threads would take them.
    private static void StepByRanges<T>(Optimizer optimizer, T[] parameters, T[] gradient, double scale, Random random)
        where T : unmanaged
    {
        var ranges = new List<(int Start, int Length)>();
        for (int start = 0; start < parameters.Length;)
        {
            int length = Math.Min(random.Next(1, 101), parameters.Length - start);
            ranges.Add((start, length));
            start += length;
        }

        (int Start, int Length)[] order = ranges.OrderBy(_ => random.Next()).ToArray();
        Scalar<T> scalar = Scalar<T>.Instance;
        bool scaleFirst = optimizer.BeginRangeStep(parameters.Length, gradient.Length, scale);
        if (scaleFirst)
        {
            foreach ((int start, int length) in order)
            {
                scalar.ScaleRange(optimizer, gradient.AsSpan(start, length), start);
            }

            optimizer.EndScaling();
        }

        foreach ((int start, int length) in order.Reverse())
        {
            if (!scaleFirst)
            {
                scalar.ScaleRange(optimizer, gradient.AsSpan(start, length), start);
            }

            scalar.StepRange(optimizer, parameters.AsSpan(start, length), start);
        }
    }

    private static void AssertSameState(Optimizer expected, Optimizer actual)
    {
        Assert.Equal(expected.StepCount, actual.StepCount);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.CurrentLearningRate), BitConverter.DoubleToInt64Bits(actual.CurrentLearningRate));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.LastGradientNorm), BitConverter.DoubleToInt64Bits(actual.LastGradientNorm));
        Assert.Equal(expected.GetStateScalars(), actual.GetStateScalars());
        double[][] expectedState = expected.StateVectors;
        double[][] actualState = actual.StateVectors;
        Assert.Equal(expectedState.Length, actualState.Length);
        for (int v = 0; v < expectedState.Length; v++)
        {
            SpanAssert.BitIdentical<double>(expectedState[v], actualState[v], "state vector " + v);
        }
    }
}
