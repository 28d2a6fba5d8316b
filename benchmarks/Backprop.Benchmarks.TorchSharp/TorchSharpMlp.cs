using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Backprop.Benchmarks.TorchSharp;

/// <summary>
/// <see cref="MnistClassifier"/> written the way a PyTorch user writes it: two <c>Linear</c> layers with a ReLU between,
/// softmax on the output for inference, <c>CrossEntropyLoss</c> (log-softmax and the mean over the batch) and plain
/// SGD for training. It starts from a Backprop network's parameters, whose layout (Wˡ row-major, then Bˡ) is
/// <c>Linear</c>'s.
/// </summary>
internal sealed class TorchSharpMlp : IDisposable
{
    private readonly Linear _hidden;
    private readonly Linear _output;
    private readonly CrossEntropyLoss _loss = nn.CrossEntropyLoss();
    private readonly optim.Optimizer _optimizer;

    public TorchSharpMlp(MnistClassifier start, double learningRate)
    {
        _hidden = nn.Linear(MnistClassifier.InputSize, MnistClassifier.Layer2Size);
        _output = nn.Linear(MnistClassifier.Layer2Size, MnistClassifier.OutputSize);
        CopyFrom(start);
        _optimizer = optim.SGD(_hidden.parameters().Concat(_output.parameters()), learningRate);
    }

    /// <summary>The layers' weights and biases in a Backprop network's layout.</summary>
    public float[] Parameters() =>
    [
        .. Read(_hidden.weight), .. Read(_hidden.bias), .. Read(_output.weight), .. Read(_output.bias),
    ];

    /// <summary>The softmax outputs of a batch of rows ([rows, 784] in, [rows, 10] out).</summary>
    public Tensor ForwardBatch(Tensor inputs)
    {
        using IDisposable noGradients = no_grad();
        using Tensor logits = Logits(inputs);
        return nn.functional.softmax(logits, 1);
    }

    /// <summary>One SGD step on the mean cross-entropy of a batch; returns that mean before the step.</summary>
    public float TrainBatch(Tensor inputs, Tensor labels)
    {
        using DisposeScope scope = NewDisposeScope();
        _optimizer.zero_grad();
        Tensor cost = _loss.forward(Logits(inputs), labels);
        cost.backward();
        _optimizer.step();
        return cost.item<float>();
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _loss.Dispose();
        _output.Dispose();
        _hidden.Dispose();
    }

    private Tensor Logits(Tensor inputs)
    {
        using Tensor hidden = _hidden.forward(inputs);
        using Tensor active = nn.functional.relu(hidden);
        return _output.forward(active);
    }

    private void CopyFrom(INeuralNetwork<float> network)
    {
        const int hidden = MnistClassifier.Layer2Size;
        ReadOnlySpan<float> parameters = network.Parameters;
        using IDisposable noGradients = no_grad();
        Write(_hidden.weight, parameters.Slice(network.WeightIndex(2, 0, 0), hidden * MnistClassifier.InputSize), hidden, MnistClassifier.InputSize);
        Write(_hidden.bias, parameters.Slice(network.BiasIndex(2, 0), hidden), hidden);
        Write(_output.weight, parameters.Slice(network.WeightIndex(3, 0, 0), MnistClassifier.OutputSize * hidden), MnistClassifier.OutputSize, hidden);
        Write(_output.bias, parameters.Slice(network.BiasIndex(3, 0), MnistClassifier.OutputSize), MnistClassifier.OutputSize);
    }

    private static void Write(Parameter? parameter, ReadOnlySpan<float> values, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        using Tensor source = tensor(values.ToArray(), shape);
        parameter.copy_(source);
    }

    private static float[] Read(Parameter? parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.data<float>().ToArray();
    }
}
