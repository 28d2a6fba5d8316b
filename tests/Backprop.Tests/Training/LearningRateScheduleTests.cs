using System;
using System.Collections.Generic;
using Backprop.Tests.Support;
using Backprop.Training;
using Xunit;

namespace Backprop.Tests.Training;

/// <summary>
/// The schedules' factors at given steps, each computed here from its formula (powers by a loop of
/// multiplications, the cosine with <see cref="Math.Cos"/>), the plateau's behaviour epoch by epoch, and an
/// optimizer stepping with η times the factor.
/// </summary>
public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Step_decay_multiplies_by_gamma_every_step_size_steps()
    {
        var schedule = new StepDecay(stepSize: 3, gamma: 0.7);
        double[] factors = Factors(schedule, 20);
        for (int t = 1; t <= 20; t++)
        {
            Assert.Equal(Power(0.7, (t - 1) / 3), factors[t - 1]);
        }

        Assert.Equal(1.0, factors[2]);          // steps 1–3: γ⁰
        Assert.Equal(0.7, factors[3]);          // step 4: γ¹
        Assert.Equal(20, schedule.StepCount);
    }

    [Fact]
    public void Exponential_decay_multiplies_by_gamma_at_every_step_after_the_first()
    {
        var schedule = new ExponentialDecay(gamma: 0.99);
        double[] factors = Factors(schedule, 500);
        for (int t = 1; t <= 500; t++)
        {
            Assert.Equal(Power(0.99, t - 1), factors[t - 1]);
            Assert.Equal(Math.Pow(0.99, t - 1), factors[t - 1], 1e-14);
        }
    }

    [Fact]
    public void Cosine_decay_warms_up_linearly_then_follows_half_a_cosine_to_the_minimum()
    {
        const long warmup = 10;
        const long total = 110;
        const double min = 0.05;
        var schedule = new CosineDecay(total, warmup, min);
        double[] factors = Factors(schedule, 130);
        for (int t = 1; t <= 130; t++)
        {
            double expected = t <= warmup ? (double)t / warmup
                : t >= total ? min
                : min + ((1 - min) * 0.5 * (1 + Math.Cos(Math.PI * (t - warmup) / (total - warmup))));
            Assert.True(Math.Abs(expected - factors[t - 1]) <= 2e-15, $"Step {t}: {factors[t - 1]:R}, expected {expected:R}.");
        }

        Assert.Equal(0.1, factors[0]);
        Assert.Equal(1.0, factors[9]);
        Assert.Equal(min + ((1 - min) * 0.5), factors[59], 15);   // halfway: cos(π/2) = 0
        Assert.Equal(min, factors[109]);
        Assert.Equal(min, factors[129]);
    }

    [Fact]
    public void Cosine_decay_without_warm_up_starts_just_below_one()
    {
        double[] factors = Factors(new CosineDecay(totalSteps: 4), 5);
        double[] expected = [0.5 * (1 + Math.Cos(Math.PI / 4)), 0.5, 0.5 * (1 + Math.Cos(3 * Math.PI / 4)), 0.0, 0.0];
        SpanAssert.Close(expected, factors, [1e-15, 1e-15, 1e-15, 0, 0], "factors");
    }

    [Fact]
    public void The_schedules_own_cosine_is_within_its_documented_bound_everywhere_in_its_range()
    {
        // The documented bound is 2⁻⁵⁰ ≈ 8.9e-16; Math.Cos itself is within half an ulp (1.1e-16) here.
        double worst = 0;
        for (int i = 0; i <= 100_000; i++)
        {
            double x = i / 100_000.0;
            worst = Math.Max(worst, Math.Abs(ExactCosine.CosPi(x) - Math.Cos(Math.PI * x)));
        }

        Assert.True(worst <= Math.Pow(2, -50), $"Largest error {worst:R}.");
        Assert.Equal(1.0, ExactCosine.CosPi(0));
        Assert.Equal(-1.0, ExactCosine.CosPi(1));
    }

    [Fact]
    public void Reduce_on_plateau_lowers_the_factor_after_more_than_patience_bad_epochs()
    {
        var plateau = new ReduceOnPlateau(reductionFactor: 0.5, patience: 2);
        var factors = new List<double>();
        // Epoch losses: improve, improve, then flat. Bad epochs 3, 4 are tolerated; the 5th's third bad epoch reduces.
        foreach (double loss in new[] { 1.0, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.5 })
        {
            plateau.Observe(loss);
            factors.Add(plateau.PlateauFactor);
        }

        Assert.Equal([1, 1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25], factors);
        Assert.Equal(2, plateau.Reductions);
    }

    [Fact]
    public void Reduce_on_plateau_counts_only_relative_improvements_above_the_threshold()
    {
        // Threshold 0.1: from a best of 1.0 a loss must be below 0.9 to count.
        var plateau = new ReduceOnPlateau(reductionFactor: 0.1, patience: 0, threshold: 0.1);
        plateau.Observe(1.0);
        Assert.Equal(1.0, plateau.PlateauFactor);
        plateau.Observe(0.91);
        Assert.Equal(0.1, plateau.PlateauFactor);
        plateau.Observe(0.5);
        Assert.Equal(0.1, plateau.PlateauFactor);
    }

    [Fact]
    public void Reduce_on_plateau_waits_out_its_cooldown_and_stops_at_the_minimum_factor()
    {
        var plateau = new ReduceOnPlateau(reductionFactor: 0.1, patience: 0, cooldown: 2, minFactor: 0.005);
        var factors = new List<double>();
        for (int epoch = 0; epoch < 9; epoch++)
        {
            plateau.Observe(1.0);
            factors.Add(plateau.PlateauFactor);
        }

        // Epoch 1 sets the best; 2 reduces to 0.1; 3 and 4 are cooldown; 5 reduces to 0.01; 6, 7 cooldown;
        // 8 would reduce to 0.001 but stops at the minimum 0.005; 9 is cooldown.
        Assert.Equal([1, 0.1, 0.1, 0.1, 0.1 * 0.1, 0.1 * 0.1, 0.1 * 0.1, 0.005, 0.005], factors);
        Assert.Equal(3, plateau.Reductions);
    }

    [Fact]
    public void Reduce_on_plateau_refuses_a_loss_that_is_not_finite_and_changes_nothing()
    {
        var plateau = new ReduceOnPlateau(patience: 0);
        plateau.Observe(1.0);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => plateau.Observe(double.NaN));
        Assert.Equal("loss", e.ParamName);
        Assert.Contains("NaN", e.Message, StringComparison.Ordinal);
        plateau.Observe(0.5);
        Assert.Equal(1.0, plateau.PlateauFactor);
    }

    [Fact]
    public void An_optimizer_steps_with_its_learning_rate_times_the_schedules_factor()
    {
        // SGD, η = 0.5, γ = 0.5 per step: steps of 0.5·g, 0.25·g, 0.125·g from θ = 0 with g = (1, 2, 4).
        var network = new LinearUnit(1);
        network.Parameters.Clear();
        var sgd = new Sgd(network, learningRate: 0.5) { Schedule = new ExponentialDecay(0.5) };
        Assert.Equal(0.5, sgd.CurrentLearningRate);
        double[] gradient = [1, 2, 4];
        sgd.Step(network.Parameters, gradient);
        Assert.Equal([-0.5, -1, -2], network.Parameters.ToArray());
        sgd.Step(network.Parameters, gradient);
        Assert.Equal(0.25, sgd.CurrentLearningRate);
        sgd.Step(network.Parameters, gradient);
        Assert.Equal(0.125, sgd.CurrentLearningRate);
        Assert.Equal([-0.875, -1.75, -3.5], network.Parameters.ToArray());
        Assert.Equal(0.5, sgd.LearningRate);

        sgd.Reset();
        Assert.Equal(0, sgd.Schedule!.StepCount);
        Assert.Equal(1.0, sgd.Schedule.Factor);
        Assert.Equal(0.5, sgd.CurrentLearningRate);
    }

    [Fact]
    public void A_schedule_belongs_to_one_optimizer_at_a_time()
    {
        var network = new LinearUnit(1);
        var schedule = new StepDecay(10);
        var first = new Sgd(network, 0.1) { Schedule = schedule };
        var e = Assert.Throws<ArgumentException>(() => new Adam(network) { Schedule = schedule });
        Assert.Equal("Schedule", e.ParamName);

        first.Schedule = null;
        var second = new Adam(network) { Schedule = schedule };
        Assert.Same(schedule, second.Schedule);
    }

    [Fact]
    public void Settings_outside_their_range_are_refused_with_their_names()
    {
        AssertOutOfRange("stepSize", () => new StepDecay(0));
        AssertOutOfRange("gamma", () => new StepDecay(1, gamma: 0));
        AssertOutOfRange("gamma", () => new ExponentialDecay(1.5));
        AssertOutOfRange("gamma", () => new ExponentialDecay(double.NaN));
        AssertOutOfRange("warmupSteps", () => new CosineDecay(10, warmupSteps: -1));
        AssertOutOfRange("totalSteps", () => new CosineDecay(10, warmupSteps: 10));
        AssertOutOfRange("minFactor", () => new CosineDecay(10, minFactor: 1));
        AssertOutOfRange("reductionFactor", () => new ReduceOnPlateau(reductionFactor: 1));
        AssertOutOfRange("patience", () => new ReduceOnPlateau(patience: -1));
        AssertOutOfRange("threshold", () => new ReduceOnPlateau(threshold: -0.1));
        AssertOutOfRange("cooldown", () => new ReduceOnPlateau(cooldown: -1));
        AssertOutOfRange("minFactor", () => new ReduceOnPlateau(minFactor: double.NaN));
    }

    private static void AssertOutOfRange(string parameter, Func<object> create)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(create);
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains("'" + parameter + "' must be", e.Message, StringComparison.Ordinal);
    }

    // The factors of steps 1 … count, through an optimizer as in training (Sgd on a network with a zero gradient).
    private static double[] Factors(LearningRateSchedule schedule, int count)
    {
        var network = new LinearUnit(1);
        var sgd = new Sgd(network, 1.0) { Schedule = schedule };
        var zero = new double[LinearUnit.ParameterCount];
        var factors = new double[count];
        for (int t = 0; t < count; t++)
        {
            sgd.Step(network.Parameters, zero);
            factors[t] = sgd.CurrentLearningRate;
            Assert.Equal(factors[t], schedule.Factor);
        }

        return factors;
    }

    // γⁿ as n multiplications in a row.
    private static double Power(double gamma, int n)
    {
        double power = 1.0;
        for (int i = 0; i < n; i++)
        {
            power *= gamma;
        }

        return power;
    }
}
