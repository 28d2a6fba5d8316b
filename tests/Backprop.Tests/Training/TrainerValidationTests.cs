using System;
using Backprop.Tests.Support;
using Backprop.Training;
using Xunit;

namespace Backprop.Tests.Training;

/// <summary>Bad input to the trainer is refused before anything changes, with a message that says what is wrong.</summary>
public sealed class TrainerValidationTests
{
    private readonly SoftmaxClassifier _network = new(1);
    private readonly Trainer<float> _trainer;
    private readonly float[] _before;

    public TrainerValidationTests()
    {
        _trainer = new Trainer<float>(_network, new Sgd(_network, 0.1));
        _before = _network.Parameters.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_batch_size_below_one_is_refused(int batchSize)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => _trainer.BatchSize = batchSize);
        Assert.Equal("BatchSize", e.ParamName);
        Assert.Equal(batchSize, e.ActualValue);
        Assert.Contains($"at least 1, but was {batchSize}", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Epochs_below_one_are_refused(int epochs)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => _trainer.Train(new float[4], new float[3], epochs));
        Assert.Equal("epochs", e.ParamName);
    }

    [Fact]
    public void Inputs_that_are_not_whole_rows_are_refused_with_the_row_size_and_the_length()
    {
        var e = Assert.Throws<ArgumentException>(() => _trainer.Train(new float[10], new float[6], 1));
        Assert.Equal("inputs", e.ParamName);
        Assert.Contains("multiple of 4", e.Message, StringComparison.Ordinal);
        Assert.Contains("has length 10", e.Message, StringComparison.Ordinal);
        AssertUnchanged();
    }

    [Fact]
    public void Targets_that_do_not_match_the_inputs_rows_are_refused_with_the_expected_length()
    {
        var e = Assert.Throws<ArgumentException>(() => _trainer.Train(new float[12], new float[7], 1));
        Assert.Equal("targets", e.ParamName);
        Assert.Contains("3 rows", e.Message, StringComparison.Ordinal);
        Assert.Contains("3 × 3 = 9", e.Message, StringComparison.Ordinal);
        Assert.Contains("has length 7", e.Message, StringComparison.Ordinal);
        AssertUnchanged();
    }

    [Fact]
    public void An_empty_data_set_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => _trainer.Train([], [], 1));
        Assert.Equal("inputs", e.ParamName);
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_is_not_finite_is_refused_with_its_row_and_column()
    {
        float[] inputs = new float[12];
        inputs[9] = float.NaN;
        var e = Assert.Throws<ArgumentException>(() => _trainer.Train(inputs, new float[9], 1));
        Assert.Equal("inputs", e.ParamName);
        Assert.Contains("inputs[9] (row 2, column 1) is NaN", e.Message, StringComparison.Ordinal);

        float[] targets = new float[9];
        targets[4] = float.PositiveInfinity;
        e = Assert.Throws<ArgumentException>(() => _trainer.Train(new float[12], targets, 1));
        Assert.Equal("targets", e.ParamName);
        Assert.Contains("targets[4] (row 1, column 1)", e.Message, StringComparison.Ordinal);
        AssertUnchanged();
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_target_loss_that_is_not_finite_is_refused(double target) =>
        Assert.Equal("TargetLoss", Assert.Throws<ArgumentOutOfRangeException>(() => _trainer.TargetLoss = target).ParamName);

    [Fact]
    public void An_optimizer_made_for_another_shape_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new Trainer<float>(_network, new Sgd(new Tiny(1), 0.1)));
        Assert.Equal("optimizer", e.ParamName);
        Assert.Contains("ParameterCount = 51", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => new Trainer<float>(null!, new Sgd(_network, 0.1))).ParamName);
        Assert.Equal("optimizer", Assert.Throws<ArgumentNullException>(() => new Trainer<float>(_network, null!)).ParamName);
    }

    private void AssertUnchanged() => SpanAssert.BitIdentical<float>(_before, _network.Parameters, "parameters");
}
