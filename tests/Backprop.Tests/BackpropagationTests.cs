using System;
using System.Numerics;
using Backprop.Tests.Support;
using Xunit;
using static Backprop.Tests.Support.Numerics;

namespace Backprop.Tests;

/// <summary>
/// Forward and Backward against the equations, through <see cref="Reference"/>: eq. 1 and 2 computed
/// plainly in double precision, and eq. 3 to 6 checked by central finite differences of that reference's
/// cost, which knows nothing of deltas.
/// </summary>
public sealed class BackpropagationTests
{
    [Theory]
    [MemberData(nameof(Networks.Names), MemberType = typeof(Networks))]
    public void Forward_computes_eq_1_and_2(string name)
    {
        NetworkCase network = Networks.Get(name);
        Networks.Visit(network.Create(7), n => ForwardMatchesReference(network, n), n => ForwardMatchesReference(network, n));
    }

    [Theory]
    [MemberData(nameof(Networks.Names), MemberType = typeof(Networks))]
    public void Backward_adds_the_gradient_of_the_cost_and_returns_the_cost(string name)
    {
        NetworkCase network = Networks.Get(name);
        Networks.Visit(network.Create(7), n => BackwardMatchesFiniteDifferences(network, n), n => BackwardMatchesFiniteDifferences(network, n));
    }

    private static void ForwardMatchesReference<T>(NetworkCase network, INeuralNetwork<T> net)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[] parameters = Reference.ToDouble<T>(net.Parameters);
        var output = new T[net.OutputSize];
        for (int example = 0; example < 5; example++)
        {
            T[] input = TestData.Uniform<T>(net.InputSize, seed: 100 + example, min: -2, max: 2);
            net.Forward(input, output);
            double[] expected = Reference.Forward(network, parameters, Reference.ToDouble<T>(input));

            // The generated code rounds in T at every operation of a few short sums; 64u (about 4e-6 for
            // float, 7e-15 for double) relative to a scale of 1 covers it with room to spare.
            SpanAssert.Close(expected, Reference.ToDouble<T>(output), Tolerances(expected, 64 * UnitRoundoff<T>()), $"output of example {example}");
        }
    }

    private static void BackwardMatchesFiniteDifferences<T>(NetworkCase network, INeuralNetwork<T> net)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[] parameters = Reference.ToDouble<T>(net.Parameters);
        T[] input = TestData.Uniform<T>(net.InputSize, seed: 31, min: -2, max: 2);
        T[] target = TestData.Targets<T>(net, rows: 1, seed: 32);
        double[] x = Reference.ToDouble<T>(input);
        double[] y = Reference.ToDouble<T>(target);

        // Backward adds to what is there: start from a known non-zero gradient and subtract it again.
        T[] gradient = TestData.Uniform<T>(net.ParameterCount, seed: 33);
        double[] start = Reference.ToDouble<T>(gradient);
        double cost = D(net.Backward(input, target, gradient));

        double expectedCost = Reference.Cost(network, parameters, x, y);
        double costTolerance = 64 * UnitRoundoff<T>() * (1 + expectedCost);
        Assert.InRange(cost, expectedCost - costTolerance, expectedCost + costTolerance);

        // Central differences of the double-precision reference: with h = 1e-5 the truncation error
        // (h²/6 times a third derivative of order 1) and the cancellation error (about 1e-16·C / h) are
        // both near 1e-11. The tolerance, 1e-7 relative for double and 1e-4 for float (the network rounds
        // deltas through several products and sums in T), is well above that and far below the error of
        // any wrong derivative, which is of the order of the gradient itself.
        const double h = 1e-5;
        double relative = typeof(T) == typeof(float) ? 1e-4 : 1e-7;
        var added = new double[parameters.Length];
        var expected = new double[parameters.Length];
        var tolerance = new double[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            added[i] = D(gradient[i]) - start[i];
            double saved = parameters[i];
            parameters[i] = saved + h;
            double plus = Reference.Cost(network, parameters, x, y);
            parameters[i] = saved - h;
            double minus = Reference.Cost(network, parameters, x, y);
            parameters[i] = saved;
            expected[i] = (plus - minus) / (2 * h);
            tolerance[i] = (relative * Math.Abs(expected[i])) + (relative * 0.1) + (4 * UnitRoundoff<T>() * Math.Abs(start[i]));
        }

        SpanAssert.Close(expected, added, tolerance, "∂C/∂θ");
        Assert.Contains(expected, g => Math.Abs(g) > 1e-3);
    }

    private static double[] Tolerances(double[] expected, double relative)
    {
        var tolerance = new double[expected.Length];
        for (int i = 0; i < expected.Length; i++)
        {
            tolerance[i] = relative * (1 + Math.Abs(expected[i]));
        }

        return tolerance;
    }
}
