using System;
using Backprop.Tests.Support;
using Backprop.Training;
using Xunit;

namespace Backprop.Tests.Training;

/// <summary>
/// Each optimizer against steps worked out by hand, on <see cref="LinearUnit"/>'s three parameters
/// θ = (w₀, w₁, b). Every test starts from θ₀ = (0.5, −0.25, 0.1) and uses g₁ = (0.2, −0.4, 1.0), then
/// g₂ = (0.1, 0.1, −0.5). The arithmetic is in the comments; the numbers are exact decimals, so the
/// double-precision results must match to rounding.
/// </summary>
public sealed class OptimizerStepTests
{
    private const double Tolerance = 1e-15;

    private static readonly double[] Theta0 = [0.5, -0.25, 0.1];
    private static readonly double[] G1 = [0.2, -0.4, 1.0];
    private static readonly double[] G2 = [0.1, 0.1, -0.5];

    [Fact]
    public void Sgd_subtracts_the_learning_rate_times_the_gradient()
    {
        // η = 0.1: θ₁ = θ₀ − 0.1·g₁ = (0.5 − 0.02, −0.25 + 0.04, 0.1 − 0.1) = (0.48, −0.21, 0).
        var network = Start();
        new Sgd(network, learningRate: 0.1).Step(network.Parameters, G1);
        AssertParameters([0.48, -0.21, 0.0], network);
    }

    [Fact]
    public void Sgd_with_a_gradient_scale_follows_the_scaled_gradient()
    {
        // A sum of 4 rows' gradients 4·g₁ with scale ¼ is g₁ again: the same step as above.
        var network = Start();
        double[] sum = [0.8, -1.6, 4.0];
        new Sgd(network, learningRate: 0.1).Step(network.Parameters, sum, gradientScale: 0.25);
        AssertParameters([0.48, -0.21, 0.0], network);
    }

    [Fact]
    public void Weight_decay_adds_lambda_theta_to_the_weights_gradient_but_not_to_the_bias()
    {
        // λ = 0.5, η = 0.1. Weights: g + λθ = (0.2 + 0.5·0.5, −0.4 + 0.5·(−0.25)) = (0.45, −0.525),
        // so w = (0.5 − 0.045, −0.25 + 0.0525) = (0.455, −0.1975). The bias is not decayed: b = 0.1 − 0.1·1.0 = 0.
        var network = Start();
        new Sgd(network, learningRate: 0.1) { WeightDecay = 0.5 }.Step(network.Parameters, G1);
        AssertParameters([0.455, -0.1975, 0.0], network);
    }

    [Fact]
    public void Clipping_scales_a_gradient_whose_norm_is_too_large_down_to_the_limit()
    {
        // g = (0.3, 0.4, 1.2): ‖g‖ = √(0.09 + 0.16 + 1.44) = √1.69 = 1.3. With a limit of 0.65 the factor
        // is 0.65 / 1.3 = ½: g′ = (0.15, 0.2, 0.6). η = 1: θ₁ = (0.5 − 0.15, −0.25 − 0.2, 0.1 − 0.6) = (0.35, −0.45, −0.5).
        var network = Start();
        var sgd = new Sgd(network, learningRate: 1.0) { MaxGradientNorm = 0.65 };
        sgd.Step(network.Parameters, [0.3, 0.4, 1.2]);
        AssertParameters([0.35, -0.45, -0.5], network);
        Assert.Equal(1.3, sgd.LastGradientNorm, 15);
    }

    [Fact]
    public void The_norm_without_clipping_is_measured_when_read_and_is_the_last_steps()
    {
        // Without clipping or weight decay the step does not need ‖g‖; read afterwards it is still that step's.
        var network = Start();
        var sgd = new Sgd(network, learningRate: 1.0);
        sgd.Step(network.Parameters, [0.3, 0.4, 1.2]);
        sgd.Step(network.Parameters, [0.6, 0.8, 0.0]);
        Assert.Equal(1.0, sgd.LastGradientNorm, 15);
        sgd.Reset();
        Assert.Equal(0.0, sgd.LastGradientNorm);
    }

    [Theory]
    [InlineData(nameof(Tiny))]
    [InlineData(nameof(Backprop.Tests.CompilerServices.AlignedLoops))]
    [InlineData(nameof(Backprop.Tests.Determinism.OddLoops))]
    public void A_step_over_many_parameters_rounds_each_as_the_scalar_formula(string name)
    {
        // θ ← (float)(θ − η·(g·s)): one product, one product, one difference in double, one rounding to float,
        // element by element, whatever the vector width that runs it.
        INeuralNetwork<float> network = name switch
        {
            nameof(Tiny) => new Tiny(1),
            nameof(Backprop.Tests.CompilerServices.AlignedLoops) => new Backprop.Tests.CompilerServices.AlignedLoops(1),
            _ => new Backprop.Tests.Determinism.OddLoops(1),
        };
        int count = network.ParameterCount;
        var random = new Random(count);
        float[] parameters = new float[count];
        float[] gradient = new float[count];
        for (int i = 0; i < count; i++)
        {
            parameters[i] = (float)(random.NextDouble() - 0.5);
            gradient[i] = (float)((random.NextDouble() - 0.5) * 3);
        }

        const double scale = 1.0 / 3, rate = 0.07;
        float[] expected = new float[count];
        for (int i = 0; i < count; i++)
        {
            expected[i] = (float)(parameters[i] - (rate * (gradient[i] * scale)));
        }

        var sgd = new Sgd(network, learningRate: rate);
        sgd.Step(parameters, gradient, scale);
        Assert.Equal(Array.ConvertAll(expected, BitConverter.SingleToInt32Bits), Array.ConvertAll(parameters, BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Clipping_leaves_a_gradient_within_the_limit_alone()
    {
        // ‖g‖ = 1.3 ≤ 2: the same step as without clipping, θ₁ = θ₀ − g.
        var network = Start();
        new Sgd(network, learningRate: 1.0) { MaxGradientNorm = 2.0 }.Step(network.Parameters, [0.3, 0.4, 1.2]);
        AssertParameters([0.2, -0.65, -1.1], network);
    }

    [Fact]
    public void Clipping_comes_before_weight_decay()
    {
        // g = (0.3, 0.4, 1.2) clipped to norm 0.65: (0.15, 0.2, 0.6); then + λθ on the weights with λ = 0.2:
        // (0.15 + 0.1, 0.2 − 0.05, 0.6) = (0.25, 0.15, 0.6). η = 1: θ₁ = (0.25, −0.4, −0.5).
        var network = Start();
        new Sgd(network, learningRate: 1.0) { MaxGradientNorm = 0.65, WeightDecay = 0.2 }.Step(network.Parameters, [0.3, 0.4, 1.2]);
        AssertParameters([0.25, -0.4, -0.5], network);
    }

    [Fact]
    public void Classic_momentum_accumulates_a_velocity()
    {
        // μ = 0.9, η = 0.1, v₀ = 0.
        // Step 1: v₁ = g₁ = (0.2, −0.4, 1.0); θ₁ = θ₀ − 0.1·v₁ = (0.48, −0.21, 0).
        // Step 2: v₂ = 0.9·v₁ + g₂ = (0.18 + 0.1, −0.36 + 0.1, 0.9 − 0.5) = (0.28, −0.26, 0.4);
        //         θ₂ = θ₁ − 0.1·v₂ = (0.48 − 0.028, −0.21 + 0.026, 0 − 0.04) = (0.452, −0.184, −0.04).
        var network = Start();
        var optimizer = new MomentumSgd(network, learningRate: 0.1, momentum: 0.9);
        optimizer.Step(network.Parameters, G1);
        AssertParameters([0.48, -0.21, 0.0], network);
        optimizer.Step(network.Parameters, G2);
        AssertParameters([0.452, -0.184, -0.04], network);
    }

    [Fact]
    public void Nesterov_momentum_steps_along_the_gradient_plus_the_new_velocity()
    {
        // μ = 0.9, η = 0.1, v₀ = 0; the step is η·(g + μ·v) with v already updated.
        // Step 1: v₁ = g₁; Δ = 0.1·(g₁ + 0.9·g₁) = 0.19·g₁ = (0.038, −0.076, 0.19);
        //         θ₁ = (0.5 − 0.038, −0.25 + 0.076, 0.1 − 0.19) = (0.462, −0.174, −0.09).
        // Step 2: v₂ = (0.28, −0.26, 0.4) as for classic momentum;
        //         Δ = 0.1·(g₂ + 0.9·v₂) = 0.1·(0.1 + 0.252, 0.1 − 0.234, −0.5 + 0.36) = (0.0352, −0.0134, −0.014);
        //         θ₂ = (0.462 − 0.0352, −0.174 + 0.0134, −0.09 + 0.014) = (0.4268, −0.1606, −0.076).
        var network = Start();
        var optimizer = new MomentumSgd(network, learningRate: 0.1, momentum: 0.9, nesterov: true);
        optimizer.Step(network.Parameters, G1);
        AssertParameters([0.462, -0.174, -0.09], network);
        optimizer.Step(network.Parameters, G2);
        AssertParameters([0.4268, -0.1606, -0.076], network);
    }

    [Fact]
    public void Adam_corrects_the_bias_of_its_moments()
    {
        // η = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-8; m₀ = v₀ = 0.
        // Step 1: m₁ = 0.1·g₁ = (0.02, −0.04, 0.1); v₁ = 0.001·g₁² = (0.00004, 0.00016, 0.001).
        //         Bias correction: m̂ = m₁ / (1 − 0.9) = g₁, v̂ = v₁ / (1 − 0.999) = g₁², √v̂ = |g₁|,
        //         so Δ = 0.1·g / (|g| + 1e-8): 0.02 / 0.20000001 = 0.09999999500000025,
        //         −0.04 / 0.40000001 = −0.09999999750000006, 0.1 / 1.00000001 = 0.09999999900000001.
        //         θ₁ = (0.40000000499999975, −0.15000000249999994, 0.0000000009999999900).
        // Step 2: m₂ = 0.9·m₁ + 0.1·g₂ = (0.018 + 0.01, −0.036 + 0.01, 0.09 − 0.05) = (0.028, −0.026, 0.04);
        //         v₂ = 0.999·v₁ + 0.001·g₂² = (0.00003996 + 0.00001, 0.00015984 + 0.00001, 0.000999 + 0.00025)
        //            = (0.00004996, 0.00016984, 0.001249).
        //         1 − β₁² = 0.19 and 1 − β₂² = 0.001999, so m̂ = (0.14736842105263158, −0.13684210526315790, 0.21052631578947368)
        //         and v̂ = (0.024992496248124062, 0.084962481240620310, 0.62481240620310155),
        //         √v̂ = (0.15809015228066567, 0.29148324349886789, 0.79045076140332837).
        //         Δ = 0.1·m̂ / (√v̂ + 1e-8) = (0.093217957984634597, −0.046946815510171113, 0.026633703629097023).
        //         θ₂ = θ₁ − Δ = (0.30678204701536515, −0.10305318698982882, −0.026633702629097033).
        var network = Start();
        var optimizer = new Adam(network, learningRate: 0.1);
        optimizer.Step(network.Parameters, G1);
        AssertParameters([0.40000000499999975, -0.15000000249999994, 0.0000000009999999900], network);
        optimizer.Step(network.Parameters, G2);
        AssertParameters([0.30678204701536515, -0.10305318698982882, -0.026633702629097033], network);
        Assert.Equal(2, optimizer.StepCount);
    }

    [Fact]
    public void Adam_reset_starts_the_bias_correction_again()
    {
        // After Reset the next step is a first step again: Δ = η·g / (|g| + ε), as in step 1 above.
        var network = Start();
        var optimizer = new Adam(network, learningRate: 0.1);
        optimizer.Step(network.Parameters, G2);
        optimizer.Reset();
        Theta0.AsSpan().CopyTo(network.Parameters);
        optimizer.Step(network.Parameters, G1);
        AssertParameters([0.40000000499999975, -0.15000000249999994, 0.0000000009999999900], network);
        Assert.Equal(1, optimizer.StepCount);
    }

    [Fact]
    public void Momentum_reset_forgets_the_velocity()
    {
        var network = Start();
        var optimizer = new MomentumSgd(network, learningRate: 0.1, momentum: 0.9);
        optimizer.Step(network.Parameters, G2);
        optimizer.Reset();
        Theta0.AsSpan().CopyTo(network.Parameters);
        optimizer.Step(network.Parameters, G1);
        AssertParameters([0.48, -0.21, 0.0], network);
    }

    [Fact]
    public void A_float_network_gets_the_double_step_rounded_once()
    {
        // The rule runs in double; each float parameter is θ − Δ computed in double, then rounded.
        var single = new LinearUnitSingle(1);
        var reference = Start();
        for (int i = 0; i < 3; i++)
        {
            single.Parameters[i] = (float)Theta0[i];
        }

        var singleOptimizer = new Adam(single, learningRate: 0.1);
        var referenceOptimizer = new Adam(reference, learningRate: 0.1);
        foreach (double[] g in new[] { G1, G2 })
        {
            float[] gs = Array.ConvertAll(g, x => (float)x);
            double[] gd = Array.ConvertAll(gs, x => (double)x);
            double[] before = Array.ConvertAll(single.Parameters.ToArray(), x => (double)x);
            singleOptimizer.Step(single.Parameters, gs);
            before.AsSpan().CopyTo(reference.Parameters);
            referenceOptimizer.Step(reference.Parameters, gd);
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal((float)reference.Parameters[i], single.Parameters[i]);
            }
        }
    }

    [Fact]
    public void Every_weight_is_decayed_and_no_bias_in_a_deeper_network()
    {
        // With a zero gradient, SGD with weight decay moves exactly the weights: θ ← θ − η·λ·θ.
        INeuralNetwork<float> network = new Deep(1);
        var optimizer = new Sgd(network, learningRate: 0.5) { WeightDecay = 1.0 };
        for (int i = 0; i < network.ParameterCount; i++)
        {
            network.Parameters[i] = 1f;
        }

        optimizer.Step(network.Parameters, new float[network.ParameterCount]);
        for (int layer = 2; layer <= network.LayerCount; layer++)
        {
            for (int j = 0; j < network.LayerSizes[layer - 1]; j++)
            {
                Assert.Equal(1f, network.Bias(layer, j));
                for (int k = 0; k < network.LayerSizes[layer - 2]; k++)
                {
                    Assert.Equal(0.5f, network.Weight(layer, j, k));
                }
            }
        }
    }

    private static LinearUnit Start()
    {
        var network = new LinearUnit(1);
        Theta0.AsSpan().CopyTo(network.Parameters);
        return network;
    }

    private static void AssertParameters(double[] expected, LinearUnit network) =>
        SpanAssert.Close(expected, network.Parameters, [Tolerance, Tolerance, Tolerance], "θ");
}
