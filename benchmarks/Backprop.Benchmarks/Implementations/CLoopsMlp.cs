using System;

namespace Backprop.Benchmarks.Implementations;

/// <summary>
/// The plain C loops of <c>Native/mlp_loops.c</c> (see <see cref="CLoopsNative"/>): the bar that a careful C
/// implementation with compile-time sizes sets, compiled with <c>-O3 -march=native -ffast-math</c>. Its
/// parameters live in a pinned array in the <see cref="SeedLayout"/>, which the C functions read and update in place.
/// </summary>
internal sealed unsafe class CLoopsMlp : IMlp
{
    private readonly CLoopsNative.Topology _functions;
    private readonly float[] _parameters;
    private readonly float* _pinned;

    private CLoopsMlp(CLoopsNative.Topology functions, ReadOnlySpan<float> parameters)
    {
        _functions = functions;
        _parameters = GC.AllocateUninitializedArray<float>(parameters.Length, pinned: true);
        parameters.CopyTo(_parameters);
        fixed (float* pinned = _parameters)
        {
            _pinned = pinned; // the array is on the pinned object heap: the address stays valid
        }
    }

    public string Name => "C loops";

    /// <summary>The C loops of this topology, or null when the library is absent or has no entry points for it.</summary>
    public static CLoopsMlp? TryCreate(SeedLayout layout, ReadOnlySpan<float> parameters) =>
        CLoopsNative.Find(layout) is { } functions ? new CLoopsMlp(functions, parameters) : null;

    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        fixed (float* x = input)
        fixed (float* y = output)
        {
            _functions.Forward(_pinned, x, y);
        }
    }

    public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate)
    {
        fixed (float* x = input)
        fixed (float* t = target)
        {
            return _functions.TrainStep(_pinned, x, t, learningRate);
        }
    }

    public void CopyParametersTo(Span<float> destination) => _parameters.CopyTo(destination);
}
