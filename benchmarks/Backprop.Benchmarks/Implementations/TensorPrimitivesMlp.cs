using System;
using System.Numerics.Tensors;

namespace Backprop.Benchmarks.Implementations;

/// <summary>
/// The MLP a .NET developer writes with <see cref="TensorPrimitives"/> (System.Numerics.Tensors): the
/// <see cref="SeedLayout"/>, one <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
/// per weight row, a vectorized <see cref="TensorPrimitives.Sigmoid(ReadOnlySpan{float}, Span{float})"/>
/// per layer, and for training one <c>MultiplyAdd</c> per row that collects the previous layer's deltas and
/// one that updates the row. Buffers are allocated once.
/// </summary>
internal sealed class TensorPrimitivesMlp : IMlp
{
    private readonly SeedLayout _layout;
    private readonly float[] _parameters;
    private readonly float[][] _activations; // [i] = output of layer index i (i ≥ 1); [0] is unused, the input span is read directly
    private readonly float[][] _deltas;      // [i], same shapes
    private readonly float[] _scratch;       // σ′ of one layer

    internal TensorPrimitivesMlp(SeedLayout layout, ReadOnlySpan<float> parameters)
    {
        _layout = layout;
        _parameters = parameters.ToArray();
        int[] sizes = layout.Sizes;
        _activations = new float[sizes.Length][];
        _deltas = new float[sizes.Length][];
        int widest = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            _activations[i] = new float[i == 0 ? 0 : sizes[i]];
            _deltas[i] = new float[i == 0 ? 0 : sizes[i]];
            widest = Math.Max(widest, sizes[i]);
        }

        _scratch = new float[widest];
    }

    public string Name => "TensorPrimitives";

    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        int last = _layout.Sizes.Length - 1;
        ReadOnlySpan<float> previous = input;
        for (int i = 1; i < last; i++)
        {
            Layer(i, previous, _activations[i]);
            previous = _activations[i];
        }

        Layer(last, previous, output);
    }

    public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate)
    {
        int last = _layout.Sizes.Length - 1;
        ReadOnlySpan<float> previous = input;
        for (int i = 1; i <= last; i++)
        {
            Layer(i, previous, _activations[i]);
            previous = _activations[i];
        }

        // Eq. 3: Δᴸ = (Aᴸ − Y) ⊙ Aᴸ ⊙ (1 − Aᴸ), and C = ½‖Aᴸ − Y‖².
        ReadOnlySpan<float> output = _activations[last];
        Span<float> outputDeltas = _deltas[last];
        TensorPrimitives.Subtract(output, target, outputDeltas);
        float cost = 0.5f * TensorPrimitives.Dot(outputDeltas, outputDeltas);
        MultiplyBySigmoidDerivative(outputDeltas, output);

        for (int i = last; i >= 1; i--)
        {
            int inputs = _layout.Sizes[i - 1];
            Span<float> weights = _parameters.AsSpan(_layout.WeightOffset(i), _layout.Sizes[i] * inputs);
            Span<float> biases = _parameters.AsSpan(_layout.BiasOffset(i), _layout.Sizes[i]);
            ReadOnlySpan<float> deltas = _deltas[i];
            ReadOnlySpan<float> layerInput = i == 1 ? input : _activations[i - 1];
            Span<float> previousDeltas = _deltas[i - 1]; // empty for i = 1
            previousDeltas.Clear();

            for (int j = 0; j < deltas.Length; j++)
            {
                Span<float> row = weights.Slice(j * inputs, inputs);
                if (i > 1)
                {
                    // Eq. 4: Δˡ⁻¹ += δ_j · (row j of Wˡ), with the weights before the step.
                    TensorPrimitives.MultiplyAdd(row, deltas[j], previousDeltas, previousDeltas);
                }

                // Eq. 5: row j of Wˡ −= η·δ_j·Aˡ⁻¹.
                TensorPrimitives.MultiplyAdd(layerInput, -learningRate * deltas[j], row, row);
            }

            // Eq. 6: Bˡ −= η·Δˡ.
            TensorPrimitives.MultiplyAdd(deltas, -learningRate, biases, biases);

            if (i > 1)
            {
                MultiplyBySigmoidDerivative(previousDeltas, layerInput);
            }
        }

        return cost;
    }

    public void CopyParametersTo(Span<float> destination) => _parameters.CopyTo(destination);

    /// <summary>Eq. 1 and 2 for layer index <paramref name="i"/>: A = σ(W·A⁻ + B).</summary>
    private void Layer(int i, ReadOnlySpan<float> previous, Span<float> activations)
    {
        int inputs = _layout.Sizes[i - 1];
        ReadOnlySpan<float> weights = _parameters.AsSpan(_layout.WeightOffset(i), _layout.Sizes[i] * inputs);
        for (int j = 0; j < activations.Length; j++)
        {
            activations[j] = TensorPrimitives.Dot(weights.Slice(j * inputs, inputs), previous);
        }

        TensorPrimitives.Add(activations, _parameters.AsSpan(_layout.BiasOffset(i), activations.Length), activations);
        TensorPrimitives.Sigmoid(activations, activations);
    }

    /// <summary>deltas ⊙= a ⊙ (1 − a), σ′ of the sigmoid written in terms of its output.</summary>
    private void MultiplyBySigmoidDerivative(Span<float> deltas, ReadOnlySpan<float> activations)
    {
        Span<float> derivative = _scratch.AsSpan(0, activations.Length);
        TensorPrimitives.Subtract(1f, activations, derivative);
        TensorPrimitives.Multiply(derivative, activations, derivative);
        TensorPrimitives.Multiply(deltas, derivative, deltas);
    }
}
