using System;

namespace Backprop.Benchmarks.Implementations;

/// <summary>A generated network seen as an <see cref="IMlp"/>, for <c>--check</c> only.</summary>
internal sealed class GeneratedMlp(INeuralNetwork<float> network, SeedLayout layout) : IMlp
{
    public string Name => "Generated";

    public void Forward(ReadOnlySpan<float> input, Span<float> output) => network.Forward(input, output);

    public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate) =>
        network.TrainStep(input, target, learningRate);

    public void CopyParametersTo(Span<float> destination) => Workload.CopyFrom(network, layout, destination);
}
