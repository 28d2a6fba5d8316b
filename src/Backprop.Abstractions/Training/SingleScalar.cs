using System;
using Backprop.CompilerServices;

namespace Backprop.Training;

/// <summary><see cref="Scalar{T}"/> for <see cref="float"/>.</summary>
internal sealed class SingleScalar : Scalar<float>
{
    public override double ToDouble(float value) => value;

    public override float FromDouble(double value) => (float)value;

    public override int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        // The vector check first: after every step of the trainer, and almost always every value is finite.
        if (NetworkGuard.AllFinite(values))
        {
            return -1;
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!NetworkGuard.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public override int IndexOfMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    public override void Step(Optimizer optimizer, Span<float> parameters, ReadOnlySpan<float> gradient, double gradientScale) =>
        optimizer.Step(parameters, gradient, gradientScale);

    public override void ScaleRange(Optimizer optimizer, ReadOnlySpan<float> gradient, int start) => optimizer.ScaleRange(gradient, start);

    public override void StepRange(Optimizer optimizer, Span<float> parameters, int start) => optimizer.StepRange(parameters, start);
}
