using System;

namespace Backprop.Benchmarks.Implementations;

/// <summary>
/// The plain C loops of <c>Native/mlp_loops.c</c> in one of their builds (see <see cref="CLoopsNative"/>): the bar
/// that a careful C implementation with compile-time sizes sets. Its parameters live in a pinned array in the
/// <see cref="SeedLayout"/>, which the C functions read and update in place.
/// </summary>
internal sealed unsafe class CLoopsMlp : IMlp
{
    private readonly CLoopsNative.Topology _functions;
    private readonly float[] _parameters;
    private readonly float* _pinned;

    private CLoopsMlp(string name, CLoopsNative.Topology functions, ReadOnlySpan<float> parameters)
    {
        Name = name;
        _functions = functions;
        _parameters = GC.AllocateUninitializedArray<float>(parameters.Length, pinned: true);
        parameters.CopyTo(_parameters);
        fixed (float* pinned = _parameters)
        {
            _pinned = pinned; // the array is on the pinned object heap: the address stays valid
        }
    }

    public string Name { get; }

    /// <summary>The C loops of this topology in one build, or null when its library is absent or has no entry points for it.</summary>
    public static CLoopsMlp? TryCreate(CLoopsNative build, SeedLayout layout, ReadOnlySpan<float> parameters) =>
        build.Find(layout) is { } functions ? new CLoopsMlp(build.Name, functions, parameters) : null;

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
