using System.Globalization;
using System.Threading;
using Backprop.Generator.Emitting;
using Backprop.Generator.Models;
using Backprop.Generator.Tests.TestHelpers;
using Xunit;

namespace Backprop.Generator.Tests;

using Activation = Backprop.Generator.Models.Activation;
using Precision = Backprop.Generator.Models.Precision;

/// <summary>The emitter's output for hand-built models, one snapshot per configuration.</summary>
public class EmitterSnapshotTests
{
    [Fact]
    public void Default_3_4_2()
    {
        NetworkModel model = TestModels.Network("Tiny", new[] { 3, 4, 2 });
        Snapshot.VerifyGeneratedFile(model.HintName, NetworkEmitter.Emit(model));
    }

    [Fact]
    public void Smallest_hidden_layer_2_2_1()
    {
        NetworkModel model = TestModels.Network("Small", new[] { 2, 2, 1 });
        Snapshot.VerifyGeneratedFile(model.HintName, NetworkEmitter.Emit(model));
    }

    [Fact]
    public void No_hidden_layer_3_2()
    {
        NetworkModel model = TestModels.Network("Perceptron", new[] { 3, 2 });
        Snapshot.VerifyGeneratedFile(model.HintName, NetworkEmitter.Emit(model));
    }

    [Fact]
    public void Four_layers_4_6_5_3()
    {
        NetworkModel model = TestModels.Network("Deep", new[] { 4, 6, 5, 3 }, hidden: Activation.Tanh);
        Snapshot.VerifyGeneratedFile(model.HintName, NetworkEmitter.Emit(model));
    }

    [Theory]
    [InlineData(Backprop.Activation.Sigmoid)]
    [InlineData(Backprop.Activation.Tanh)]
    [InlineData(Backprop.Activation.ReLU)]
    [InlineData(Backprop.Activation.LeakyReLU)]
    [InlineData(Backprop.Activation.Linear)]
    public void Every_activation(Backprop.Activation publicActivation)
    {
        var activation = (Activation)publicActivation;
        NetworkModel model = TestModels.Network(activation + "Network", new[] { 2, 3, 2 }, hidden: activation, output: activation);
        Snapshot.VerifyGeneratedFile(model.HintName, NetworkEmitter.Emit(model), parameters: activation.ToString());
    }

    [Fact]
    public void Softmax_classifier_with_cross_entropy()
    {
        NetworkModel model = TestModels.Network(
            "Classifier", new[] { 4, 5, 3 }, hidden: Activation.ReLU, output: Activation.Softmax, loss: Models.Loss.CrossEntropy);
        Snapshot.VerifyGeneratedFile(model.HintName, NetworkEmitter.Emit(model));
    }

    [Fact]
    public void Sigmoid_outputs_with_binary_cross_entropy()
    {
        NetworkModel model = TestModels.Network(
            "Tagger", new[] { 3, 4, 2 }, hidden: Activation.Tanh, output: Activation.Sigmoid, loss: Models.Loss.BinaryCrossEntropy);
        Snapshot.VerifyGeneratedFile(model.HintName, NetworkEmitter.Emit(model));
    }

    [Fact]
    public void Softmax_with_mean_squared_error_uses_the_full_jacobian()
    {
        NetworkModel model = TestModels.Network("SoftRegressor", new[] { 2, 3, 3 }, output: Activation.Softmax);
        Snapshot.VerifyGeneratedFile(model.HintName, NetworkEmitter.Emit(model));
    }

    [Fact]
    public void Activation_per_hidden_layer()
    {
        NetworkModel model = TestModels.Network(
            "Mixed", new[] { 3, 4, 4, 3, 2 }, output: Activation.Linear,
            hiddenLayers: new[] { Activation.ReLU, Activation.Tanh, Activation.LeakyReLU });
        Snapshot.VerifyGeneratedFile(model.HintName, NetworkEmitter.Emit(model));
    }

    [Fact]
    public void Vector_loops_for_a_large_network_with_the_batch_path()
    {
        NetworkModel model = TestModels.Network("Mnist", new[] { 784, 128, 10 });
        Snapshot.VerifyGeneratedFile(model.HintName, NetworkEmitter.Emit(model));
    }

    [Fact]
    public void Vector_loops_with_a_softmax_output()
    {
        NetworkModel model = TestModels.Network(
            "DigitsClassifier", new[] { 64, 32, 10 }, hidden: Activation.Tanh, output: Activation.Softmax, loss: Models.Loss.CrossEntropy);
        Snapshot.VerifyGeneratedFile(model.HintName, NetworkEmitter.Emit(model));
    }

    [Fact]
    public void Vector_loops_with_binary_cross_entropy()
    {
        NetworkModel model = TestModels.Network(
            "DigitsTagger", new[] { 64, 32, 8 }, hidden: Activation.Tanh, output: Activation.Sigmoid, loss: Models.Loss.BinaryCrossEntropy);
        Snapshot.VerifyGeneratedFile(model.HintName, NetworkEmitter.Emit(model));
    }

    [Fact]
    public void Vector_loops_with_a_softmax_output_and_mean_squared_error()
    {
        NetworkModel model = TestModels.Network("DigitsRegressor", new[] { 64, 32, 10 }, hidden: Activation.ReLU, output: Activation.Softmax);
        Snapshot.VerifyGeneratedFile(model.HintName, NetworkEmitter.Emit(model));
    }

    [Fact]
    public void Unrolled_and_looped_layers_side_by_side()
    {
        NetworkModel model = TestModels.Network("Mixed", new[] { 3, 8, 40, 2 }, output: Activation.Linear);
        Snapshot.VerifyGeneratedFile(model.HintName, NetworkEmitter.Emit(model));
    }

    [Fact]
    public void Double_precision_regressor()
    {
        NetworkModel model = TestModels.Network(
            "Regressor", new[] { 2, 8, 8, 1 }, hidden: Activation.Tanh, output: Activation.Linear, precision: Precision.Double);
        Snapshot.VerifyGeneratedFile(model.HintName, NetworkEmitter.Emit(model));
    }

    [Fact]
    public void Wide_layer_wraps_long_sums()
    {
        NetworkModel model = TestModels.Network("Wide", new[] { 20, 2, 10 }, ns: null);
        Snapshot.VerifyGeneratedFile(model.HintName, NetworkEmitter.Emit(model));
    }

    [Fact]
    public void Nested_in_containing_types_with_escaped_names()
    {
        NetworkModel model = TestModels.Network(
            "@class",
            new[] { 1, 1 },
            ns: "Game.@event",
            containingTypes: new[] { new ContainingType("class", "Outer"), new ContainingType("record struct", "Middle") });
        Snapshot.VerifyGeneratedFile(model.HintName, NetworkEmitter.Emit(model));
    }

    /// <summary>
    /// Swedish formats numbers with a decimal comma and writes minus as U+2212; Arabic (Saudi Arabia)
    /// has its own digits and separators. Neither may leak into the code.
    /// </summary>
    [Theory]
    [InlineData("sv-SE")]
    [InlineData("ar-SA")]
    [InlineData("de-DE")]
    public void Output_does_not_depend_on_the_culture(string cultureName)
    {
        var culture = CultureInfo.GetCultureInfo(cultureName);
        NetworkModel model = TestModels.Network(
            "Regressor", new[] { 2, 8, 8, 1 }, hidden: Activation.LeakyReLU, output: Activation.Linear, precision: Precision.Double);
        string invariant = RunIn(CultureInfo.InvariantCulture, () => NetworkEmitter.Emit(model));

        string local = RunIn(culture, () => NetworkEmitter.Emit(model));

        Assert.Equal(invariant, local);
        Assert.Contains("0.01", local, System.StringComparison.Ordinal);
        Assert.Equal("\u2212", CultureInfo.GetCultureInfo("sv-SE").NumberFormat.NegativeSign);
    }

    private static string RunIn(CultureInfo culture, System.Func<string> action)
    {
        CultureInfo previous = CultureInfo.CurrentCulture;
        CultureInfo previousUi = CultureInfo.CurrentUICulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = culture;
            Thread.CurrentThread.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
            Thread.CurrentThread.CurrentUICulture = previousUi;
        }
    }
}
