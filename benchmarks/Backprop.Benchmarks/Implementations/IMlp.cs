using System;

namespace Backprop.Benchmarks.Implementations;

/// <summary>
/// What <c>--check</c> needs from every implementation. The benchmarks call the concrete sealed classes
/// instead, so that no interface dispatch is measured.
/// </summary>
internal interface IMlp
{
    string Name { get; }

    /// <summary>Eq. 1 and 2 for one input.</summary>
    void Forward(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>One plain SGD step on one example, C = ½‖Y − Aᴸ‖²; returns C before the step.</summary>
    float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate);

    /// <summary>Writes every parameter in the <see cref="SeedLayout"/>.</summary>
    void CopyParametersTo(Span<float> destination);
}
