using System;
using Backprop.Training;
using Xunit;

namespace Backprop.Tests.Training;

/// <summary>
/// Optimizer state is sized at construction: a step allocates nothing, with every option on, in either
/// precision. Measured with the thread's allocation counter after a warm-up.
/// </summary>
public sealed class OptimizerAllocationTests
{
    private const int Steps = 1_000;

    public static TheoryData<string> OptimizerNames => ["Sgd", "Momentum", "Nesterov", "Adam"];

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void A_single_precision_step_allocates_nothing(string name)
    {
        var network = new Deep(1);
        Optimizer optimizer = Make(name, network);
        var gradient = new float[Deep.ParameterCount];
        gradient.AsSpan().Fill(1e-6f);

        long allocated = Measure(() => optimizer.Step(network.Parameters, gradient, 0.5));
        Assert.True(allocated == 0, $"{name} allocated {allocated} bytes over {Steps} single-precision steps.");
    }

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void A_double_precision_step_allocates_nothing(string name)
    {
        var network = new Regressor(1);
        Optimizer optimizer = Make(name, network);
        var gradient = new double[Regressor.ParameterCount];
        gradient.AsSpan().Fill(1e-6);

        long allocated = Measure(() => optimizer.Step(network.Parameters, gradient, 0.5));
        Assert.True(allocated == 0, $"{name} allocated {allocated} bytes over {Steps} double-precision steps.");
    }

    private static Optimizer Make(string name, INeuralNetwork network)
    {
        Optimizer optimizer = name switch
        {
            "Sgd" => new Sgd(network, 1e-3),
            "Momentum" => new MomentumSgd(network, 1e-3),
            "Nesterov" => new MomentumSgd(network, 1e-3, nesterov: true),
            _ => new Adam(network, 1e-3),
        };

        // Every option on, and clipping actually clipping, so that every branch of a step runs.
        optimizer.WeightDecay = 1e-4;
        optimizer.MaxGradientNorm = 1e-6;
        return optimizer;
    }

    private static long Measure(Action step)
    {
        for (int i = 0; i < 100; i++)
        {
            step();
        }

        long start = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Steps; i++)
        {
            step();
        }

        return GC.GetAllocatedBytesForCurrentThread() - start;
    }
}
