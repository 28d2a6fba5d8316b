using System;
using Backprop.Tests.Support;
using Backprop.Training;
using Xunit;

namespace Backprop.Tests.Training;

/// <summary>
/// RMSprop against PyTorch's update written out here, step by step, on <see cref="LinearUnit"/>'s three
/// parameters, in each of its forms; and its first step worked out by hand.
/// </summary>
public sealed class RmsPropTests
{
    private static readonly double[] Theta0 = [0.5, -0.25, 0.1];
    private static readonly double[][] Gradients = [[0.2, -0.4, 1.0], [0.1, 0.1, -0.5], [-0.3, 0.05, 0.2], [0.0, -0.2, 0.4]];

    [Fact]
    public void Has_PyTorchs_defaults()
    {
        var optimizer = new RmsProp(new LinearUnit(1));
        Assert.Equal(0.01, optimizer.LearningRate);
        Assert.Equal(0.99, optimizer.Alpha);
        Assert.Equal(1e-8, optimizer.Epsilon);
        Assert.Equal(0.0, optimizer.Momentum);
        Assert.False(optimizer.Centered);
    }

    [Fact]
    public void The_first_step_divides_by_the_root_of_one_minus_alpha_times_g_squared()
    {
        // v₁ = (1 − α)·g², so Δ = η·g / (√(1 − α)·|g| + ε) = (0.01/√0.01)·sign(g) = 0.1·sign(g), up to ε.
        var network = Start();
        new RmsProp(network).Step(network.Parameters, Gradients[0]);
        SpanAssert.Close([0.4, -0.15, 0.0], network.Parameters, [1e-7, 1e-7, 1e-7], "θ");
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.9, false)]
    [InlineData(0.0, true)]
    [InlineData(0.9, true)]
    public void Follows_PyTorchs_update_step_by_step(double momentum, bool centered)
    {
        const double eta = 0.05;
        const double alpha = 0.9;
        const double eps = 1e-6;
        var network = Start();
        var optimizer = new RmsProp(network, eta, alpha, eps, momentum, centered);
        double[] theta = (double[])Theta0.Clone();
        double[] squareAvg = new double[3], gradAvg = new double[3], buffer = new double[3];
        foreach (double[] g in Gradients)
        {
            optimizer.Step(network.Parameters, g);
            for (int i = 0; i < 3; i++)
            {
                // torch.optim.RMSprop: square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha), …
                squareAvg[i] = (squareAvg[i] * alpha) + ((1 - alpha) * g[i] * g[i]);
                double avg;
                if (centered)
                {
                    gradAvg[i] = (gradAvg[i] * alpha) + ((1 - alpha) * g[i]);
                    avg = Math.Sqrt(squareAvg[i] - (gradAvg[i] * gradAvg[i])) + eps;
                }
                else
                {
                    avg = Math.Sqrt(squareAvg[i]) + eps;
                }

                if (momentum > 0)
                {
                    buffer[i] = (buffer[i] * momentum) + (g[i] / avg);
                    theta[i] -= eta * buffer[i];
                }
                else
                {
                    theta[i] -= eta * g[i] / avg;
                }
            }

            SpanAssert.Close(theta, network.Parameters, [1e-15, 1e-15, 1e-15], "θ");
        }
    }

    [Fact]
    public void Reset_forgets_every_average()
    {
        var network = Start();
        var optimizer = new RmsProp(network, momentum: 0.9, centered: true);
        optimizer.Step(network.Parameters, Gradients[1]);
        optimizer.Reset();
        Theta0.AsSpan().CopyTo(network.Parameters);
        optimizer.Step(network.Parameters, Gradients[0]);

        var fresh = Start();
        new RmsProp(fresh, momentum: 0.9, centered: true).Step(fresh.Parameters, Gradients[0]);
        SpanAssert.BitIdentical<double>(fresh.Parameters, network.Parameters, "θ");
        Assert.Equal(1, optimizer.StepCount);
    }

    [Fact]
    public void Settings_outside_their_range_are_refused_with_their_names()
    {
        var network = new LinearUnit(1);
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp(network, learningRate: 0)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp(network, alpha: 1)).ParamName);
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp(network, epsilon: 0)).ParamName);
        Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp(network, momentum: -0.1)).ParamName);
    }

    private static LinearUnit Start()
    {
        var network = new LinearUnit(1);
        Theta0.AsSpan().CopyTo(network.Parameters);
        return network;
    }
}
