using System;

namespace Backprop.Benchmarks.Implementations;

/// <summary>
/// A FANN 2.2 network (<c>fann_create_standard_array</c>) set up to compute exactly what the generated
/// network computes: FANN_SIGMOID with steepness 0.5 in every layer, incremental training, no momentum,
/// the linear error function; its weights are copied from the <see cref="SeedLayout"/> parameters.
/// </summary>
/// <remarks>
/// FANN's conventions, checked against its sources and by <c>--check</c>:
/// <list type="bullet">
/// <item>FANN_SIGMOID is 1/(1 + e^(−2·s·z)); s = 0.5 gives the logistic σ(z) = 1/(1 + e^(−z)), and its
/// derivative 2·s·a(1 − a) becomes a(1 − a).</item>
/// <item>The output error is (y − a), not 2(y − a), and the update is w += η·(y − a)·σ′·a⁻, which is
/// w −= η·∂C/∂w for C = ½‖Y − A‖²: the same η works unchanged.</item>
/// <item>The default error function, FANN_ERRORFUNC_TANH, replaces (y − a) by ln((1 + e)/(1 − e)) and the
/// default algorithm is RPROP, with FANN_SIGMOID_STEPWISE activations: all three are changed here.</item>
/// <item>FANN clips a to [0.01, 0.99] inside σ′, so a saturated neuron (a below 0.01 or above 0.99) still learns;
/// the generated network and the other peers do not clip. Results agree while every activation is in
/// that range, as they are in <c>--check</c>.</item>
/// <item><c>fann_get_MSE</c> is Σ(y − a)² / (number of outputs), without the ½: C = ½·n_out·MSE.</item>
/// </list>
/// </remarks>
internal sealed unsafe class FannMlp : IMlp, IDisposable
{
    private readonly SeedLayout _layout;
    private readonly FannNative.Connection[] _connections;
    private readonly int[] _parameterIndex; // connection i holds parameter _parameterIndex[i] of the seed layout
    private IntPtr _ann;
    private float _learningRate;

    internal FannMlp(SeedLayout layout, ReadOnlySpan<float> parameters, float learningRate)
    {
        _layout = layout;
        int[] sizes = layout.Sizes;
        uint* layers = stackalloc uint[sizes.Length];
        for (int i = 0; i < sizes.Length; i++)
        {
            layers[i] = (uint)sizes[i];
        }

        _ann = FannNative.CreateStandardArray((uint)sizes.Length, layers);
        if (_ann == IntPtr.Zero)
        {
            throw new InvalidOperationException($"fann_create_standard_array failed for {layout}.");
        }

        FannNative.SetActivationFunctionHidden(_ann, FannNative.Sigmoid);
        FannNative.SetActivationFunctionOutput(_ann, FannNative.Sigmoid);
        FannNative.SetActivationSteepnessHidden(_ann, 0.5f);
        FannNative.SetActivationSteepnessOutput(_ann, 0.5f);
        FannNative.SetTrainingAlgorithm(_ann, FannNative.TrainIncremental);
        FannNative.SetTrainErrorFunction(_ann, FannNative.ErrorFunctionLinear);
        FannNative.SetLearningMomentum(_ann, 0f);
        FannNative.SetLearningRate(_ann, learningRate);
        _learningRate = learningRate;

        _connections = new FannNative.Connection[FannNative.GetTotalConnections(_ann)];
        fixed (FannNative.Connection* connections = _connections)
        {
            FannNative.GetConnectionArray(_ann, connections);
        }

        _parameterIndex = MapConnections(layout, _connections);
        SetParameters(parameters);
    }

    public string Name => "FANN";

    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        fixed (float* x = input)
        {
            new ReadOnlySpan<float>(FannNative.Run(_ann, x), _layout.OutputSize).CopyTo(output);
        }
    }

    /// <summary>One <c>fann_train</c> call: forward, backpropagation and the incremental update.</summary>
    public void Train(ReadOnlySpan<float> input, ReadOnlySpan<float> target)
    {
        fixed (float* x = input)
        fixed (float* y = target)
        {
            FannNative.Train(_ann, x, y);
        }
    }

    /// <summary>For <c>--check</c>: a <see cref="Train"/> that also reads the cost back from FANN's MSE.</summary>
    public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate)
    {
        if (learningRate != _learningRate)
        {
            FannNative.SetLearningRate(_ann, learningRate);
            _learningRate = learningRate;
        }

        FannNative.ResetMeanSquareError(_ann);
        Train(input, target);
        return 0.5f * _layout.OutputSize * FannNative.GetMeanSquareError(_ann);
    }

    public void SetParameters(ReadOnlySpan<float> parameters)
    {
        for (int i = 0; i < _connections.Length; i++)
        {
            _connections[i].Weight = parameters[_parameterIndex[i]];
        }

        fixed (FannNative.Connection* connections = _connections)
        {
            FannNative.SetWeightArray(_ann, connections, (uint)_connections.Length);
        }
    }

    public void CopyParametersTo(Span<float> destination)
    {
        fixed (FannNative.Connection* connections = _connections)
        {
            FannNative.GetConnectionArray(_ann, connections);
        }

        for (int i = 0; i < _connections.Length; i++)
        {
            destination[_parameterIndex[i]] = _connections[i].Weight;
        }
    }

    public void Dispose()
    {
        if (_ann != IntPtr.Zero)
        {
            FannNative.Destroy(_ann);
            _ann = IntPtr.Zero;
        }
    }

    /// <summary>
    /// FANN numbers neurons network-wide, layer after layer, and every layer but the output layer ends
    /// with a bias neuron whose value is always 1. A connection from neuron k of layer i − 1 to neuron j of
    /// layer i is w_jk; a connection from layer i − 1's bias neuron is b_j.
    /// </summary>
    private static int[] MapConnections(SeedLayout layout, FannNative.Connection[] connections)
    {
        int[] sizes = layout.Sizes;
        int[] firstNeuron = new int[sizes.Length];
        for (int i = 1; i < sizes.Length; i++)
        {
            firstNeuron[i] = firstNeuron[i - 1] + sizes[i - 1] + 1;
        }

        if (connections.Length != layout.ParameterCount)
        {
            throw new InvalidOperationException($"FANN made {connections.Length} connections for {layout}; expected {layout.ParameterCount}.");
        }

        int[] index = new int[connections.Length];
        bool[] seen = new bool[layout.ParameterCount];
        for (int c = 0; c < connections.Length; c++)
        {
            int to = (int)connections[c].ToNeuron;
            int from = (int)connections[c].FromNeuron;
            int i = sizes.Length - 1;
            while (i > 0 && to < firstNeuron[i])
            {
                i--;
            }

            int j = i == 0 ? -1 : to - firstNeuron[i];
            int k = i == 0 ? -1 : from - firstNeuron[i - 1];
            if (j < 0 || j >= sizes[i] || k < 0 || k > sizes[i - 1])
            {
                throw new InvalidOperationException($"Unexpected FANN connection {from} -> {to} in {layout}.");
            }

            index[c] = k == sizes[i - 1]
                ? layout.BiasOffset(i) + j
                : layout.WeightOffset(i) + j * sizes[i - 1] + k;
            if (seen[index[c]])
            {
                throw new InvalidOperationException($"Two FANN connections map to parameter {index[c]} in {layout}.");
            }

            seen[index[c]] = true;
        }

        return index;
    }
}
