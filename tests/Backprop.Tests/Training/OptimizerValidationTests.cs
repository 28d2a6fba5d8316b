using System;
using System.Collections.Generic;
using Backprop.Training;
using Xunit;

namespace Backprop.Tests.Training;

/// <summary>Settings out of range and spans of the wrong length are refused with messages that say what and how.</summary>
public sealed class OptimizerValidationTests
{
    public static TheoryData<double> InvalidLearningRates =>
        [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, -0.1];

    private static IEnumerable<Func<double, Optimizer>> Makers(INeuralNetwork network) =>
    [
        rate => new Sgd(network, rate),
        rate => new MomentumSgd(network, rate),
        rate => new MomentumSgd(network, rate, nesterov: true),
        rate => new Adam(network, rate),
    ];

    [Theory]
    [MemberData(nameof(InvalidLearningRates))]
    public void Every_optimizer_refuses_a_learning_rate_that_is_not_finite_and_positive(double rate)
    {
        var network = new LinearUnit(1);
        foreach (Func<double, Optimizer> make in Makers(network))
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => make(rate));
            Assert.Equal("learningRate", e.ParamName);
            Assert.Equal(rate, e.ActualValue);
            Assert.Contains(rate.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(InvalidLearningRates))]
    public void Setting_a_learning_rate_that_is_not_finite_and_positive_is_refused_and_keeps_the_old_one(double rate)
    {
        var optimizer = new Adam(new LinearUnit(1), 0.01);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = rate);
        Assert.Equal("LearningRate", e.ParamName);
        Assert.Equal(0.01, optimizer.LearningRate);
    }

    [Fact]
    public void The_smallest_positive_learning_rate_is_accepted() =>
        Assert.Equal(double.Epsilon, new Sgd(new LinearUnit(1), double.Epsilon).LearningRate);

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Momentum_and_betas_must_be_in_zero_to_one(double value)
    {
        var network = new LinearUnit(1);
        Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new MomentumSgd(network, 0.1, momentum: value)).ParamName);
        Assert.Equal("beta1", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(network, 0.1, beta1: value)).ParamName);
        Assert.Equal("beta2", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(network, 0.1, beta2: value)).ParamName);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-8)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Epsilon_must_be_finite_and_positive(double epsilon) =>
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(new LinearUnit(1), 0.1, epsilon: epsilon)).ParamName);

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Weight_decay_must_be_finite_and_not_negative(double decay)
    {
        var optimizer = new Sgd(new LinearUnit(1), 0.1);
        Assert.Equal("WeightDecay", Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.WeightDecay = decay).ParamName);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void The_gradient_norm_limit_must_be_positive(double limit)
    {
        var optimizer = new Sgd(new LinearUnit(1), 0.1);
        Assert.Equal("MaxGradientNorm", Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.MaxGradientNorm = limit).ParamName);
    }

    [Fact]
    public void No_clipping_is_positive_infinity() =>
        Assert.Equal(double.PositiveInfinity, new Sgd(new LinearUnit(1), 0.1).MaxGradientNorm);

    [Fact]
    public void Spans_of_the_wrong_length_are_refused_and_nothing_changes()
    {
        var network = new LinearUnit(1);
        double[] before = network.Parameters.ToArray();
        var optimizer = new Adam(network, 0.1);

        var e = Assert.Throws<ArgumentException>(() => optimizer.Step(network.Parameters, new double[4]));
        Assert.Equal("gradient", e.ParamName);
        Assert.Contains("ParameterCount = 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("length 4", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ArgumentException>(() => optimizer.Step(new double[2], new double[3]));
        Assert.Equal("parameters", e.ParamName);

        Assert.Equal(before, network.Parameters.ToArray());
        Assert.Equal(0, optimizer.StepCount);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    public void A_gradient_scale_that_is_not_positive_is_refused(double scale)
    {
        var network = new LinearUnit(1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(network, 0.1).Step(network.Parameters, new double[3], scale));
        Assert.Equal("gradientScale", e.ParamName);
    }

    [Fact]
    public void A_null_network_is_refused() =>
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => new Sgd(null!, 0.1)).ParamName);
}
