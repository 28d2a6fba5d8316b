using System;

namespace Backprop.Benchmarks.Implementations;

/// <summary>
/// A careful scalar MLP: every parameter in one flat array in the <see cref="SeedLayout"/>, all
/// activations in a second array and all deltas in a third, loops over spans, <see cref="MathF.Exp"/>.
/// The train step walks each weight row once: it collects the row's share of the previous layer's deltas
/// (eq. 4, with the weights before the step) and updates the row (eq. 5) in the same loop.
/// </summary>
internal sealed class FlatSpanMlp : IMlp
{
    private readonly SeedLayout _layout;
    private readonly float[] _parameters;
    private readonly float[] _activations; // every layer's activations, the input first
    private readonly float[] _deltas;      // every layer's deltas, at the same offsets as the activations
    private readonly int[] _activationOffsets;

    internal FlatSpanMlp(SeedLayout layout, ReadOnlySpan<float> parameters)
    {
        _layout = layout;
        _parameters = parameters.ToArray();
        _activationOffsets = new int[layout.Sizes.Length];
        int offset = 0;
        for (int i = 0; i < layout.Sizes.Length; i++)
        {
            _activationOffsets[i] = offset;
            offset += layout.Sizes[i];
        }

        _activations = new float[offset];
        _deltas = new float[offset];
    }

    public string Name => "FlatSpan";

    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        Propagate(input);
        Activations(_layout.Sizes.Length - 1).CopyTo(output);
    }

    public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate)
    {
        Propagate(input);
        int last = _layout.Sizes.Length - 1;

        // Eq. 3: the output deltas, and the cost.
        ReadOnlySpan<float> output = Activations(last);
        Span<float> outputDeltas = Deltas(last);
        float cost = 0f;
        for (int j = 0; j < output.Length; j++)
        {
            float a = output[j];
            float error = a - target[j];
            cost += error * error;
            outputDeltas[j] = error * a * (1f - a);
        }

        for (int i = last; i >= 1; i--)
        {
            int inputs = _layout.Sizes[i - 1];
            Span<float> weights = _parameters.AsSpan(_layout.WeightOffset(i), _layout.Sizes[i] * inputs);
            Span<float> biases = _parameters.AsSpan(_layout.BiasOffset(i), _layout.Sizes[i]);
            ReadOnlySpan<float> deltas = Deltas(i);
            ReadOnlySpan<float> previous = Activations(i - 1);

            if (i > 1)
            {
                // Eq. 4 and 5 together: Δˡ⁻¹ += (row j of Wˡ)·δ_j before the row takes its step.
                Span<float> previousDeltas = Deltas(i - 1);
                previousDeltas.Clear();
                for (int j = 0; j < deltas.Length; j++)
                {
                    float delta = deltas[j];
                    float step = learningRate * delta;
                    Span<float> row = weights.Slice(j * inputs, inputs);
                    for (int k = 0; k < row.Length; k++)
                    {
                        previousDeltas[k] += row[k] * delta;
                        row[k] -= step * previous[k];
                    }

                    biases[j] -= step;
                }

                // Eq. 4, the σ′ factor: σ′(z) = a(1 − a).
                for (int k = 0; k < previousDeltas.Length; k++)
                {
                    float a = previous[k];
                    previousDeltas[k] *= a * (1f - a);
                }
            }
            else
            {
                // Eq. 5 and 6 for the first weight layer, whose inputs need no delta.
                for (int j = 0; j < deltas.Length; j++)
                {
                    float step = learningRate * deltas[j];
                    Span<float> row = weights.Slice(j * inputs, inputs);
                    for (int k = 0; k < row.Length; k++)
                    {
                        row[k] -= step * previous[k];
                    }

                    biases[j] -= step;
                }
            }
        }

        return 0.5f * cost;
    }

    public void CopyParametersTo(Span<float> destination) => _parameters.CopyTo(destination);

    private Span<float> Activations(int i) => _activations.AsSpan(_activationOffsets[i], _layout.Sizes[i]);

    private Span<float> Deltas(int i) => _deltas.AsSpan(_activationOffsets[i], _layout.Sizes[i]);

    private void Propagate(ReadOnlySpan<float> input)
    {
        input.CopyTo(Activations(0));
        for (int i = 1; i < _layout.Sizes.Length; i++)
        {
            int inputs = _layout.Sizes[i - 1];
            ReadOnlySpan<float> weights = _parameters.AsSpan(_layout.WeightOffset(i), _layout.Sizes[i] * inputs);
            ReadOnlySpan<float> biases = _parameters.AsSpan(_layout.BiasOffset(i), _layout.Sizes[i]);
            ReadOnlySpan<float> previous = Activations(i - 1);
            Span<float> next = Activations(i);
            for (int j = 0; j < next.Length; j++)
            {
                ReadOnlySpan<float> row = weights.Slice(j * inputs, inputs);
                float z = biases[j];
                for (int k = 0; k < row.Length; k++)
                {
                    z += row[k] * previous[k];
                }

                next[j] = 1f / (1f + MathF.Exp(-z));
            }
        }
    }
}
