using System;

namespace Backprop.Training;

// A step taken by ranges of the parameters, which several threads can share: every element goes through the
// operations Step gives it, in the same order, so the parameters, the optimizer's state and LastGradientNorm are
// Step's to the bit whatever the ranges. Only ‖g‖ sees the whole gradient; it is measured between two passes.
//
// The caller runs: BeginRangeStep; if it returns true, ScaleRange over every range, then EndScaling; then
// StepRange over every range (with ScaleRange first in each range when BeginRangeStep returned false).
public abstract partial class Optimizer
{
    private double _rangeScale;
    private double _rangeClip;

    /// <summary>
    /// Whether <see cref="ComputeUpdate"/> is element by element and <see cref="UpdateRange"/> computes any range
    /// of it: true for the library's optimizers. A derived class outside it sees the whole gradient at once.
    /// </summary>
    internal virtual bool UpdatesByRange => false;

    /// <summary>The part of <see cref="ComputeUpdate"/> done once per step, before its elements (Adam's βᵗ).</summary>
    internal virtual void BeginUpdate()
    {
    }

    /// <summary>
    /// <see cref="ComputeUpdate"/> for the elements from <paramref name="start"/>, once <see cref="BeginUpdate"/>
    /// has run for the step: the state of those elements and nothing else changes.
    /// </summary>
    internal virtual void UpdateRange(int start, ReadOnlySpan<double> gradient, Span<double> update) =>
        throw new NotSupportedException(GetType().Name + " computes its update from the whole gradient at once.");

    /// <summary>
    /// Checks the step's arguments as <c>Step</c> does and starts the step. Returns whether ‖g‖ is needed first:
    /// then every range is scaled (<see cref="ScaleRange(ReadOnlySpan{float}, int)"/>) before <see cref="EndScaling"/>,
    /// and stepped after it; otherwise each range is scaled and stepped in one go.
    /// </summary>
    internal bool BeginRangeStep(int parametersLength, int gradientLength, double gradientScale)
    {
        CheckStep(parametersLength, gradientLength, gradientScale);
        _rangeScale = gradientScale;
        if (MeasuresNorm)
        {
            return true;
        }

        EndScaling();
        return false;
    }

    /// <summary>Measures ‖g‖ if the step needs it, then counts the step and begins its update.</summary>
    internal void EndScaling()
    {
        _rangeClip = ClipFactor();
        AdvanceStep();
        BeginUpdate();
    }

    /// <summary>Step (1) for the elements from <paramref name="start"/>: g = gradient × scale, widened to double.</summary>
    internal void ScaleRange(ReadOnlySpan<float> gradient, int start) =>
        StepVectors.Scale(gradient, _rangeScale, _gradient.AsSpan(start, gradient.Length));

    /// <inheritdoc cref="ScaleRange(ReadOnlySpan{float}, int)"/>
    internal void ScaleRange(ReadOnlySpan<double> gradient, int start) =>
        StepVectors.Scale(gradient, _rangeScale, _gradient.AsSpan(start, gradient.Length));

    /// <summary>Steps (2) to (5) for the parameters from <paramref name="start"/>, whose gradient is scaled.</summary>
    internal void StepRange(Span<float> parameters, int start)
    {
        Span<double> gradient = _gradient.AsSpan(start, parameters.Length);
        Span<double> update = _update.AsSpan(start, parameters.Length);
        ClipAndDecay(gradient, parameters, start, _rangeClip);
        UpdateRange(start, gradient, update);
        StepVectors.Subtract(parameters, update);
    }

    /// <inheritdoc cref="StepRange(Span{float}, int)"/>
    internal void StepRange(Span<double> parameters, int start)
    {
        Span<double> gradient = _gradient.AsSpan(start, parameters.Length);
        Span<double> update = _update.AsSpan(start, parameters.Length);
        ClipAndDecay(gradient, parameters, start, _rangeClip);
        UpdateRange(start, gradient, update);
        StepVectors.Subtract(parameters, update);
    }
}
