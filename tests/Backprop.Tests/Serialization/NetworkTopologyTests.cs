using System;
using System.Linq;
using Backprop.Serialization;
using Xunit;

namespace Backprop.Tests.Serialization;

/// <summary>The checks of <see cref="NetworkTopology"/>'s constructor: each names its parameter and reads as a sentence.</summary>
public sealed class NetworkTopologyTests
{
    public static TheoryData<int[], Activation[], Loss, Precision, string, string> Invalid => new()
    {
        { [3], [], Loss.MeanSquaredError, Precision.Single, "layerSizes", "A network has at least two layers (input and output), but 1 layer size was given." },
        { [], [], Loss.MeanSquaredError, Precision.Single, "layerSizes", "A network has at least two layers (input and output), but 0 layer sizes were given." },
        { [3, 0, 2], [Activation.Sigmoid, Activation.Sigmoid], Loss.MeanSquaredError, Precision.Single, "layerSizes", "Layer 2 has size 0; every layer has at least one neuron." },
        { [65536, 65536, 1], [Activation.Sigmoid, Activation.Sigmoid], Loss.MeanSquaredError, Precision.Single, "layerSizes", "Layers [65536, 65536, 1] have more than 2147483647 parameters, the most a network can have." },
        { [3, 4, 2], [Activation.Sigmoid], Loss.MeanSquaredError, Precision.Single, "activations", "Layers 2 to 3 need 2 activations, but 1 was given." },
        { [3, 2], [Activation.Sigmoid, Activation.Tanh], Loss.MeanSquaredError, Precision.Single, "activations", "Layer 2 needs 1 activation, but 2 were given." },
        { [3, 2], [(Activation)42], Loss.MeanSquaredError, Precision.Single, "activations", "Layer 2 has activation 42, which is not a value of Activation; use one of Sigmoid, Tanh, ReLU, LeakyReLU, Linear, Softmax." },
        { [3, 2], [Activation.Sigmoid], (Loss)7, Precision.Single, "loss", "Loss 7 is not a value of Loss; use one of MeanSquaredError, CrossEntropy, BinaryCrossEntropy." },
        { [3, 2], [Activation.Sigmoid], Loss.MeanSquaredError, (Precision)5, "precision", "Precision 5 is not a value of Precision; use one of Single, Double." },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_topology_is_refused_naming_the_parameter_and_the_values(int[] sizes, Activation[] activations, Loss loss, Precision precision, string parameter, string message)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new NetworkTopology(sizes, activations, loss, precision));

        Assert.Equal(parameter, e.ParamName);
        Assert.Equal(message + " (Parameter '" + parameter + "')", e.Message);
    }

    [Fact]
    public void Describing_a_topology_of_many_layers_stays_short()
    {
        var topology = new NetworkTopology(Enumerable.Repeat(1, 65_535), Enumerable.Repeat(Activation.Linear, 65_534));

        string text = topology.ToString();

        Assert.Equal(
            "layers [1, 1, 1, 1, 1, 1, 1, 1, … (65,535 sizes in all)], activations [Linear, Linear, Linear, Linear, Linear, Linear, Linear, Linear, … (65,534 activations in all)], loss MeanSquaredError, precision Single",
            text);
    }
}
