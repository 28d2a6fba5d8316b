using System.IO;
using Backprop.Convert;
using Backprop.Serialization;
using Xunit;
using static Backprop.Tests.Serialization.SerializationKit;

namespace Backprop.Tests.Serialization;

/// <summary>tools/Backprop.Convert's command line, run in process.</summary>
public sealed class ConverterTests
{
    [Fact]
    public void A_safetensors_file_converts_to_weights_JSON_with_the_topology_on_the_command_line()
    {
        using var folder = new TempFolder();
        string json = folder.File("mlp.json");
        (int code, string output, string error) = Run(DataPath("mlp-2-3-2-f32.safetensors"), json, "--layers", "2,3,2", "--hidden", "Tanh", "--output", "Linear");

        Assert.True(code == 0, error);
        Assert.Contains("17 parameters", output, System.StringComparison.Ordinal);
        var expected = new TorchMlp();
        expected.Load(DataPath("mlp-2-3-2-f32.safetensors"));
        var actual = new TorchMlp(5);
        actual.Load(json);
        AssertSameParameters(expected, actual);
    }

    [Fact]
    public void A_safetensors_file_from_PyTorch_keeps_its_precision_unless_told_otherwise()
    {
        using var folder = new TempFolder();
        string[] topology = ["--layers", "2,3,2", "--hidden", "Tanh", "--output", "Linear", "--prefix", "model.", "--ignore-unknown"];

        // F64 tensors are Double: read exactly, not rounded to float.
        (int code, string output, string error) = Run([DataPath("prefixed-f64.safetensors"), folder.File("double.json"), .. topology]);
        Assert.True(code == 0, error);
        Assert.Contains("precision Double", output, System.StringComparison.Ordinal);
        var @double = new TorchMlpDouble();
        @double.Load(folder.File("double.json"));
        Assert.Equal(0.1, @double.Weight(2, 0, 0));

        // --precision converts either way.
        Assert.Equal(0, Run([DataPath("prefixed-f64.safetensors"), folder.File("single.json"), .. topology, "--precision", "Single"]).Code);
        Assert.Equal(Precision.Single, NetworkWeights.Read(folder.File("single.json")).Topology.Precision);
        (code, output, error) = Run(DataPath("mlp-2-3-2-f32.safetensors"), folder.File("widened.json"), "--layers", "2,3,2", "--hidden", "Tanh", "--output", "Linear", "--precision", "Double");
        Assert.True(code == 0, error);
        Assert.Contains("precision Double", output, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Formats_convert_into_each_other_and_back_without_a_change()
    {
        using var folder = new TempFolder();
        var net = new MixedClassifier(3);
        string bpnn = folder.File("a.bpnn");
        net.Save(bpnn);

        Assert.Equal(0, Run(bpnn, folder.File("b.json")).Code);
        Assert.Equal(0, Run(folder.File("b.json"), folder.File("c.safetensors")).Code);
        Assert.Equal(0, Run(folder.File("c.safetensors"), folder.File("d.bpnn"), "--layers", "4,5,4,3", "--activations", "ReLU,LeakyReLU,Softmax", "--loss", "CrossEntropy", "--precision", "Double").Code);

        var loaded = new MixedClassifier(4);
        loaded.Load(folder.File("d.bpnn"));
        AssertSameParameters(net, loaded);
    }

    [Fact]
    public void A_safetensors_file_written_by_Backprop_converts_with_the_topology_its_metadata_records()
    {
        using var folder = new TempFolder();
        var net = new MixedClassifier(3); // [4, 5, 4, 3], ReLU, LeakyReLU, Softmax, cross-entropy, double
        string input = folder.File("model.safetensors");
        net.Save(input);

        (int code, string output, string error) = Run(input, folder.File("model.json"));

        Assert.True(code == 0, error);
        Assert.Contains("layers [4, 5, 4, 3], activations [ReLU, LeakyReLU, Softmax], loss CrossEntropy, precision Double", output, System.StringComparison.Ordinal);
        var loaded = new MixedClassifier(4);
        loaded.Load(folder.File("model.json"));
        AssertSameParameters(net, loaded);

        // Options that agree with the metadata are accepted, and --precision still converts.
        Assert.Equal(0, Run(input, folder.File("agree.bpnn"), "--layers", "4,5,4,3", "--output", "Softmax", "--loss", "CrossEntropy").Code);
        loaded.Load(folder.File("agree.bpnn"));
        AssertSameParameters(net, loaded);
        Assert.Equal(0, Run(input, folder.File("single.json"), "--precision", "Single").Code);
        Assert.Equal(Precision.Single, NetworkWeights.Read(folder.File("single.json")).Topology.Precision);
    }

    [Theory]
    [InlineData(".safetensors", "--layers", "4,5,4,2", "layer sizes", "4,5,4,3")]
    [InlineData(".safetensors", "--activations", "ReLU,ReLU,Softmax", "activations", "ReLU,LeakyReLU,Softmax")]
    [InlineData(".safetensors", "--hidden", "ReLU", "activations", "ReLU,LeakyReLU,Softmax")]
    [InlineData(".safetensors", "--output", "Sigmoid", "activations", "ReLU,LeakyReLU,Softmax")]
    [InlineData(".safetensors", "--loss", "MeanSquaredError", "loss", "CrossEntropy")]
    [InlineData(".bpnn", "--layers", "4,5,4,2", "layer sizes", "4,5,4,3")]
    [InlineData(".json", "--loss", "MeanSquaredError", "loss", "CrossEntropy")]
    public void A_topology_option_that_disagrees_with_the_file_is_a_usage_error_naming_both(string extension, string option, string value, string what, string recorded)
    {
        using var folder = new TempFolder();
        string input = folder.File("model" + extension);
        new MixedClassifier(3).Save(input);

        (int code, _, string error) = Run(input, folder.File("out.json"), option, value);

        Assert.Equal(2, code);
        Assert.Contains($"{option} {value} disagrees with the input file, which records {what} {recorded}", error, System.StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("out.json")));
    }

    [Fact]
    public void Usage_errors_exit_with_2_and_refused_files_with_1()
    {
        using var folder = new TempFolder();
        Assert.Equal(2, Run("only-one.json").Code);
        Assert.Equal(2, Run("a.onnx", "b.json").Code);
        Assert.Equal(2, Run(DataPath("mlp-2-3-2-f32.safetensors"), folder.File("x.onnx"), "--layers", "2,3,2", "--hidden", "Tanh", "--output", "Linear").Code);
        Assert.Equal(2, Run("a.json", "b.json", "--hidden", "Swish").Code);
        Assert.Equal(2, Run(DataPath("mlp-2-3-2-f32.safetensors"), folder.File("x.json")).Code);

        (int code, _, string error) = Run(DataPath("mlp-2-3-2-f32.safetensors"), folder.File("x.json"), "--layers", "3,4,2", "--hidden", "Tanh", "--output", "Linear");
        Assert.Equal(1, code);
        Assert.Contains("'0.weight'", error, System.StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("x.json")));
    }

    [Fact]
    public void Usage_errors_read_as_sentences_about_the_command_line()
    {
        using var folder = new TempFolder();
        Assert.StartsWith("error: Give an input and an output file; 1 file name was given.", Run("only-one.json").Error, System.StringComparison.Ordinal);
        Assert.Equal(
            "error: The path 'a.onnx' ends in '.onnx', which names no model format; the extension must be one of .bpnn (Binary), .json (Json), .safetensors (SafeTensors). To use another name, open a stream and pass its ModelFormat." + System.Environment.NewLine,
            Run("a.onnx", "b.json").Error);
        Assert.Equal(
            "error: A network has at least two layers (input and output), but 1 layer size was given." + System.Environment.NewLine,
            Run(DataPath("mlp-2-3-2-f32.safetensors"), folder.File("x.json"), "--layers", "2", "--output", "Linear").Error);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Converter.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
