using System;
using Backprop.Tests.Support;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>
/// A stand-in for a generated network with dropout, until the generator writes one: <see cref="SoftmaxClassifier"/>
/// whose Backward draws one number from its <see cref="DropoutRandom"/> per row and, like a dropout mask, lets it
/// change the gradient (half the rows count twice). A run that resumed with another generator state ends with other bits.
/// With <see cref="DropoutEnabled"/> false it draws nothing and counts every row once, as <see cref="SoftmaxClassifier"/>.
/// </summary>
internal sealed class DropoutStandIn : INeuralNetwork<float>, IDropoutNetwork
{
    private readonly SoftmaxClassifier _inner;

    public DropoutStandIn(int seed)
    {
        _inner = new SoftmaxClassifier(seed);
        DropoutRandom = new DeterministicRandom(seed + 1000);
    }

    public DeterministicRandom DropoutRandom { get; set; }

    public bool DropoutEnabled { get; set; } = true;

    private INeuralNetwork<float> Inner => _inner;

    public int LayerCount => Inner.LayerCount;

    public ReadOnlySpan<int> LayerSizes => Inner.LayerSizes;

    public int InputSize => Inner.InputSize;

    public int OutputSize => Inner.OutputSize;

    public int ParameterCount => Inner.ParameterCount;

    public Precision Precision => Inner.Precision;

    public Loss Loss => Inner.Loss;

    public Span<float> Parameters => Inner.Parameters;

    public Activation GetActivation(int layer) => Inner.GetActivation(layer);

    public int WeightIndex(int layer, int j, int k) => Inner.WeightIndex(layer, j, k);

    public int BiasIndex(int layer, int j) => Inner.BiasIndex(layer, j);

    public void InitializeParameters(int seed) => Inner.InitializeParameters(seed);

    public ref float Weight(int layer, int j, int k) => ref Inner.Weight(layer, j, k);

    public ref float Bias(int layer, int j) => ref Inner.Bias(layer, j);

    public void Forward(ReadOnlySpan<float> input, Span<float> output) => Inner.Forward(input, output);

    public void ForwardBatch(ReadOnlySpan<float> inputs, Span<float> outputs, BatchWorkers? workers = null) => Inner.ForwardBatch(inputs, outputs, workers);

    public float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient)
    {
        if (!DropoutEnabled)
        {
            return Inner.Backward(input, target, gradient);
        }

        DeterministicRandom random = DropoutRandom;
        bool twice = (random.NextUInt64() & 1) == 1;
        DropoutRandom = random;
        float cost = Inner.Backward(input, target, gradient);
        return twice ? Inner.Backward(input, target, gradient) : cost;
    }

    public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate) => throw new NotSupportedException();

    public float BackwardBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradient, Span<float> costs, BatchWorkers? workers = null) =>
        RowByRow.BackwardBatch(this, inputs, targets, gradient, costs);

    public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, float learningRate, BatchWorkers? workers = null) => throw new NotSupportedException();
}
