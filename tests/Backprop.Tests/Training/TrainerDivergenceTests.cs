using System;
using Backprop.CompilerServices;
using Backprop.Tests.Support;
using Backprop.Training;
using Xunit;

namespace Backprop.Tests.Training;

/// <summary>
/// A learning rate so large that training overflows: the trainer says in which epoch and batch, and puts
/// back the last parameters whose loss was finite.
/// </summary>
public sealed class TrainerDivergenceTests
{
    // Four rows for one linear neuron y = w₀x₀ + w₁x₁ + b.
    private static readonly float[] Inputs = [1, 1, 1, -1, 0.5f, 2, -1, 0.5f];
    private static readonly float[] Targets = [1, 0, 2, -1];

    [Fact]
    public void A_step_that_makes_a_parameter_infinite_is_undone()
    {
        // η = 1e300 turns the first step's update into ±∞ once rounded to float: caught right after that step.
        var network = new LinearUnitSingle(1);
        float[] before = network.Parameters.ToArray();
        var trainer = new Trainer<float>(network, new Sgd(network, 1e300)) { BatchSize = 2 };

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Train(Inputs, Targets, 5));

        Assert.Equal(1, e.Epoch);
        Assert.Equal(1, e.Batch);
        Assert.Null(e.InnerException);
        Assert.Contains("epoch 1, batch 1 of 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("restored to their values before that step", e.Message, StringComparison.Ordinal);
        SpanAssert.BitIdentical<float>(before, network.Parameters, "parameters");
    }

    [Fact]
    public void A_loss_that_overflows_after_a_step_undoes_that_step()
    {
        // η = 1e20: the first step leaves the weights near 1e20, finite, but the next row's cost ½(a − y)²
        // with a near 1e20 overflows float. The parameters go back to those before the first step.
        var network = new LinearUnitSingle(1);
        float[] before = network.Parameters.ToArray();
        var trainer = new Trainer<float>(network, new Sgd(network, 1e20)) { BatchSize = 1, Shuffle = false };

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Train(Inputs, Targets, 5));

        Assert.Equal(1, e.Epoch);
        Assert.Equal(2, e.Batch);
        Assert.IsType<InvalidOperationException>(e.InnerException);
        Assert.Contains("epoch 1, batch 2 of 4", e.Message, StringComparison.Ordinal);
        Assert.Contains("before the step of epoch 1, batch 1", e.Message, StringComparison.Ordinal);
        SpanAssert.BitIdentical<float>(before, network.Parameters, "parameters");
    }

    [Fact]
    public void Slow_divergence_is_undone_to_the_parameters_of_two_epochs_before()
    {
        // Full-batch gradient descent with η = 3 on this data grows the error by a constant factor per
        // epoch until the cost overflows at some epoch e. The step of epoch e − 1 produced the parameters
        // whose loss overflowed, so the trainer restores those from before it: the parameters after e − 2
        // epochs, which a fresh run of e − 2 epochs reproduces bit for bit.
        var network = new LinearUnitSingle(1);
        Trainer<float> Make(LinearUnitSingle n) => new(n, new Sgd(n, 3)) { BatchSize = 4, Shuffle = false };

        var e = Assert.Throws<TrainingDivergedException>(() => Make(network).Train(Inputs, Targets, 1000));
        Assert.True(e.Epoch > 3, $"Diverged already in epoch {e.Epoch}; the test wants a slow divergence.");
        Assert.Equal(1, e.Batch);
        Assert.Contains($"before the step of epoch {e.Epoch - 1}, batch 1", e.Message, StringComparison.Ordinal);

        var reference = new LinearUnitSingle(1);
        Make(reference).Train(Inputs, Targets, e.Epoch - 2);
        SpanAssert.BitIdentical<float>(reference.Parameters, network.Parameters, "parameters");
        Assert.True(NetworkGuard.AllFinite(network.Parameters));
    }

    [Fact]
    public void Clipping_the_gradient_keeps_the_same_training_finite()
    {
        // The cure the message suggests: with ‖g‖ ≤ 0.1 the same learning rate no longer diverges.
        var network = new LinearUnitSingle(1);
        var trainer = new Trainer<float>(network, new Sgd(network, 3) { MaxGradientNorm = 0.1 }) { BatchSize = 4, Shuffle = false };
        TrainingResult result = trainer.Train(Inputs, Targets, 100);
        Assert.True(double.IsFinite(result.Loss));
    }
}
