using System;

namespace Backprop.Benchmarks.Implementations;

/// <summary>
/// The MLP most people write by hand: jagged arrays <c>weights[layer][j][k]</c>, one array of
/// activations and one of deltas per layer, three nested loops, <see cref="MathF.Exp"/>. It computes
/// every delta first and then updates every weight, as the derivation reads. The baseline of every
/// benchmark group.
/// </summary>
internal sealed class NaiveJaggedMlp : IMlp
{
    private readonly float[][][] _weights; // [i][j][k]: weight layer i (0 = into the first hidden layer), neuron j, input k
    private readonly float[][] _biases;    // [i][j]
    private readonly float[][] _activations; // [0] = the input, [i + 1] = output of weight layer i
    private readonly float[][] _deltas;    // [i][j], for the neurons of weight layer i

    internal NaiveJaggedMlp(SeedLayout layout, ReadOnlySpan<float> parameters)
    {
        int[] sizes = layout.Sizes;
        int layers = sizes.Length - 1;
        _weights = new float[layers][][];
        _biases = new float[layers][];
        _deltas = new float[layers][];
        _activations = new float[sizes.Length][];
        _activations[0] = new float[sizes[0]];
        for (int i = 0; i < layers; i++)
        {
            int inputs = sizes[i];
            int neurons = sizes[i + 1];
            _weights[i] = new float[neurons][];
            for (int j = 0; j < neurons; j++)
            {
                _weights[i][j] = parameters.Slice(layout.WeightOffset(i + 1) + j * inputs, inputs).ToArray();
            }

            _biases[i] = parameters.Slice(layout.BiasOffset(i + 1), neurons).ToArray();
            _activations[i + 1] = new float[neurons];
            _deltas[i] = new float[neurons];
        }
    }

    public string Name => "NaiveJagged";

    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        Propagate(input);
        _activations[^1].CopyTo(output);
    }

    public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate)
    {
        Propagate(input);
        int last = _weights.Length - 1;

        // Eq. 3: the output deltas, and the cost.
        float[] output = _activations[last + 1];
        float cost = 0f;
        for (int j = 0; j < output.Length; j++)
        {
            float error = output[j] - target[j];
            cost += error * error;
            _deltas[last][j] = error * output[j] * (1f - output[j]);
        }

        // Eq. 4: the deltas of the hidden layers, walking the columns of the next layer's weights.
        for (int i = last - 1; i >= 0; i--)
        {
            float[] activations = _activations[i + 1];
            for (int j = 0; j < activations.Length; j++)
            {
                float sum = 0f;
                for (int n = 0; n < _weights[i + 1].Length; n++)
                {
                    sum += _weights[i + 1][n][j] * _deltas[i + 1][n];
                }

                _deltas[i][j] = sum * activations[j] * (1f - activations[j]);
            }
        }

        // Eq. 5 and 6: the SGD step.
        for (int i = 0; i <= last; i++)
        {
            for (int j = 0; j < _weights[i].Length; j++)
            {
                for (int k = 0; k < _weights[i][j].Length; k++)
                {
                    _weights[i][j][k] -= learningRate * _deltas[i][j] * _activations[i][k];
                }

                _biases[i][j] -= learningRate * _deltas[i][j];
            }
        }

        return 0.5f * cost;
    }

    public void CopyParametersTo(Span<float> destination)
    {
        int offset = 0;
        for (int i = 0; i < _weights.Length; i++)
        {
            foreach (float[] row in _weights[i])
            {
                row.CopyTo(destination.Slice(offset));
                offset += row.Length;
            }

            _biases[i].CopyTo(destination.Slice(offset));
            offset += _biases[i].Length;
        }
    }

    private void Propagate(ReadOnlySpan<float> input)
    {
        input.CopyTo(_activations[0]);
        for (int i = 0; i < _weights.Length; i++)
        {
            float[] previous = _activations[i];
            float[] next = _activations[i + 1];
            for (int j = 0; j < next.Length; j++)
            {
                float z = _biases[i][j];
                for (int k = 0; k < previous.Length; k++)
                {
                    z += _weights[i][j][k] * previous[k];
                }

                next[j] = 1f / (1f + MathF.Exp(-z));
            }
        }
    }
}
