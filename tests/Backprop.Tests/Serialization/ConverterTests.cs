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
        SafeTensors.Load(expected, DataPath("mlp-2-3-2-f32.safetensors"));
        var actual = new TorchMlp(5);
        NetworkJson.Load(actual, json);
        AssertSameParameters(expected, actual);
    }

    [Fact]
    public void Formats_convert_into_each_other_and_back_without_a_change()
    {
        using var folder = new TempFolder();
        var net = new SoftmaxClassifier(3);
        string bpnn = folder.File("a.bpnn");
        NetworkFile.Save(net, bpnn);

        Assert.Equal(0, Run(bpnn, folder.File("b.json")).Code);
        Assert.Equal(0, Run(folder.File("b.json"), folder.File("c.safetensors")).Code);
        Assert.Equal(0, Run(folder.File("c.safetensors"), folder.File("d.bpnn"), "--layers", "4,5,4,3", "--activations", "ReLU,LeakyReLU,Softmax", "--loss", "CrossEntropy", "--precision", "Double").Code);

        var loaded = new SoftmaxClassifier(4);
        NetworkFile.Load(loaded, folder.File("d.bpnn"));
        AssertSameParameters(net, loaded);
    }

    [Fact]
    public void Usage_errors_exit_with_2_and_refused_files_with_1()
    {
        using var folder = new TempFolder();
        Assert.Equal(2, Run("only-one.json").Code);
        Assert.Equal(2, Run("a.onnx", "b.json").Code);
        Assert.Equal(2, Run("a.json", "b.json", "--hidden", "Swish").Code);
        Assert.Equal(2, Run(DataPath("mlp-2-3-2-f32.safetensors"), folder.File("x.json")).Code);

        (int code, _, string error) = Run(DataPath("mlp-2-3-2-f32.safetensors"), folder.File("x.json"), "--layers", "3,4,2", "--hidden", "Tanh", "--output", "Linear");
        Assert.Equal(1, code);
        Assert.Contains("'0.weight'", error, System.StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("x.json")));
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Converter.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
