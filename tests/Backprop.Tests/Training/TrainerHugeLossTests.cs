using System;
using Backprop.Tests.Support;
using Backprop.Training;
using Xunit;

namespace Backprop.Tests.Training;

/// <summary>
/// A loss can be finite but huge. An epoch whose row losses are each finite but add up past
/// <see cref="double.MaxValue"/> would have an infinite loss: training stops there as divergence, with the
/// parameters restored, rather than return +∞. A row whose loss is not finite stops it too, whatever network
/// computed it.
/// </summary>
public sealed class TrainerHugeLossTests
{
    [Fact]
    public void An_epoch_whose_summed_loss_overflows_is_divergence_and_restores_the_parameters()
    {
        var network = new LinearUnit(1);
        Assert.Equal(double.PositiveInfinity, HugeLosses.NaiveSum(network));

        // One row per batch, so every batch's loss is finite and a step follows each; the rows' losses add up
        // past double.MaxValue at the third row of the first epoch.
        var trainer = new Trainer<double>(network, new Sgd(network, 1e-170)) { BatchSize = 1, Shuffle = false };
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Train(HugeLosses.Inputs, HugeLosses.Targets, 2));

        Assert.Equal(1, e.Epoch);
        Assert.Equal(3, e.Batch);
        Assert.Contains("add up past 1.7976931348623157E+308 at data row 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("restored to their values before the step of epoch 1, batch 2", e.Message, StringComparison.Ordinal);
        Assert.All(network.Parameters.ToArray(), p => Assert.True(double.IsFinite(p)));
    }

    [Fact]
    public void A_huge_epoch_loss_that_does_not_overflow_is_reported_as_it_is()
    {
        // The first two rows alone: each cost is near 10³⁰⁷ and their sum still fits in a double.
        var network = new LinearUnit(1);
        var trainer = new Trainer<double>(network, new Sgd(network, 1e-170)) { BatchSize = 1, Shuffle = false };

        TrainingResult result = trainer.Train(HugeLosses.Inputs.AsSpan(0, 4), HugeLosses.Targets.AsSpan(0, 2), 1);

        Assert.True(result.Loss > 1e307 && double.IsFinite(result.Loss), result.Loss.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_network_that_returns_an_infinite_loss_without_throwing_diverges()
    {
        // Generated networks throw on a cost that is not finite; one written by hand may return it.
        var network = new InfiniteCostAt(new LinearUnit(1), call: 3);
        var trainer = new Trainer<double>(network, new Sgd(network, 0.01)) { BatchSize = 2, Shuffle = false };

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Train(new double[8], new double[4], 5));

        Assert.Equal(1, e.Epoch);
        Assert.Equal(2, e.Batch);
        Assert.Contains("the loss of data row 2 is Infinity", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A network whose Backward returns +∞ on its n-th call instead of the cost.</summary>
    private sealed class InfiniteCostAt(LinearUnit inner, int call) : INeuralNetwork<double>
    {
        private int _calls;

        public int LayerCount => ((INeuralNetwork)inner).LayerCount;

        public ReadOnlySpan<int> LayerSizes => ((INeuralNetwork)inner).LayerSizes;

        public int InputSize => LinearUnit.InputSize;

        public int OutputSize => LinearUnit.OutputSize;

        public int ParameterCount => LinearUnit.ParameterCount;

        public Precision Precision => ((INeuralNetwork)inner).Precision;

        public Loss Loss => ((INeuralNetwork)inner).Loss;

        public Span<double> Parameters => inner.Parameters;

        public Activation GetActivation(int layer) => ((INeuralNetwork)inner).GetActivation(layer);

        public int WeightIndex(int layer, int j, int k) => ((INeuralNetwork)inner).WeightIndex(layer, j, k);

        public int BiasIndex(int layer, int j) => ((INeuralNetwork)inner).BiasIndex(layer, j);

        public void InitializeParameters(int seed) => inner.InitializeParameters(seed);

        public ref double Weight(int layer, int j, int k) => ref inner.Weight(layer, j, k);

        public ref double Bias(int layer, int j) => ref inner.Bias(layer, j);

        public void Forward(ReadOnlySpan<double> input, Span<double> output) => inner.Forward(input, output);

        public void ForwardBatch(ReadOnlySpan<double> inputs, Span<double> outputs, BatchWorkers? workers = null) => inner.ForwardBatch(inputs, outputs, workers);

        public double Backward(ReadOnlySpan<double> input, ReadOnlySpan<double> target, Span<double> gradient)
        {
            double cost = inner.Backward(input, target, gradient);
            return ++_calls == call ? double.PositiveInfinity : cost;
        }

        public double TrainStep(ReadOnlySpan<double> input, ReadOnlySpan<double> target, double learningRate) => throw new NotSupportedException();

        public double BackwardBatch(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, Span<double> gradient, Span<double> costs, BatchWorkers? workers = null) =>
            RowByRow.BackwardBatch(this, inputs, targets, gradient, costs);

        public double TrainBatch(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, double learningRate, BatchWorkers? workers = null) => throw new NotSupportedException();
    }
}
