using System;
using Backprop.CompilerServices;

namespace Backprop.Training;

/// <summary><see cref="Scalar{T}"/> for <see cref="double"/>.</summary>
internal sealed class DoubleScalar : Scalar<double>
{
    public override double ToDouble(double value) => value;

    public override double FromDouble(double value) => value;

    public override int IndexOfNonFinite(ReadOnlySpan<double> values)
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

    public override int IndexOfMax(ReadOnlySpan<double> values)
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

    public override void Step(Optimizer optimizer, Span<double> parameters, ReadOnlySpan<double> gradient, double gradientScale) =>
        optimizer.Step(parameters, gradient, gradientScale);

    public override void ScaleRange(Optimizer optimizer, ReadOnlySpan<double> gradient, int start) => optimizer.ScaleRange(gradient, start);

    public override void StepRange(Optimizer optimizer, Span<double> parameters, int start) => optimizer.StepRange(parameters, start);
}
