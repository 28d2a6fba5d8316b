using System;
using System.Buffers.Binary;
using System.IO;
using Backprop.Serialization;
using Xunit;
using static Backprop.Tests.Serialization.SerializationKit;

namespace Backprop.Tests.Serialization;

/// <summary>
/// One precision rule for every format and every path: a safetensors file is Double if a tensor is F64, else
/// Single (F32, F16 and BF16 all fit a float), and a file of the other precision than the network's is refused
/// with <see cref="ModelFormatReason.PrecisionMismatch"/> unless <see cref="ModelFileOptions.ConvertPrecision"/>
/// is set, by <c>Load</c> as by <c>NetworkWeights.Read(…).CopyTo</c>, as for .bpnn and .json.
/// </summary>
public sealed class SafeTensorsPrecisionTests
{
    // 0.1 is not a float: rounding it to float is the silent change that must be asked for.
    private static readonly double[] Values = [0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, 0.8, 0.9, 1.1, -1.2, 1.3, 1.4, 1.5, -1.6, 1.7, 1.8];

    public static TheoryData<string, Precision> FormatsAndPrecisions
    {
        get
        {
            var data = new TheoryData<string, Precision>();
            foreach (string extension in new[] { ".bpnn", ".json", ".safetensors" })
            {
                data.Add(extension, Precision.Single);
                data.Add(extension, Precision.Double);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(FormatsAndPrecisions))]
    public void A_file_of_the_other_precision_is_refused_in_every_format_unless_converting(string extension, Precision file)
    {
        using var folder = new TempFolder();
        string path = folder.File("model" + extension);
        INeuralNetwork saved = file == Precision.Double ? new TorchMlpDouble(1) : new TorchMlp(1);
        INeuralNetwork loaded = file == Precision.Double ? new TorchMlp(2) : new TorchMlpDouble(2);
        saved.Save(path);

        string[] mentions = [$"{file} ({(file == Precision.Double ? "double" : "float")})", $"{loaded.Precision} (", "ModelFileOptions.ConvertPrecision"];
        AssertRefused(loaded, ModelFormatReason.PrecisionMismatch, () => loaded.Load(path), mentions);
        AssertRefused(loaded, ModelFormatReason.PrecisionMismatch, () => NetworkWeights.Read(path).CopyTo(loaded), mentions);

        loaded.Load(path, new ModelFileOptions { ConvertPrecision = true });
        double expected = Weight(saved, 3, 1, 2);
        AssertBits(file == Precision.Double ? (float)expected : expected, Weight(loaded, 3, 1, 2), "w(3, 1, 2)");
    }

    [Fact]
    public void An_F64_file_from_PyTorch_into_a_float_network_is_refused_by_every_path_unless_converting()
    {
        byte[] file = TorchFile("F64", 8);
        var topology = new NetworkTopology([2, 3, 2], [Activation.Tanh, Activation.Linear]);
        var single = new TorchMlp(2);

        AssertRefused(single, ModelFormatReason.PrecisionMismatch, () => single.Load(new MemoryStream(file), ModelFormat.SafeTensors), "The safetensors stream holds Double (double) parameters");
        AssertRefused(single, ModelFormatReason.PrecisionMismatch, () => NetworkWeights.Read(new MemoryStream(file), ModelFormat.SafeTensors, new ModelFileOptions { Topology = topology }), "ModelFileOptions.Topology asks for Single (float)");
        NetworkWeights exact = NetworkWeights.Read(new MemoryStream(file), ModelFormat.SafeTensors, new ModelFileOptions { Topology = topology.WithPrecision(Precision.Double) });
        Assert.Equal(0.1, exact.GetWeight(2, 0, 0));
        AssertRefused(single, ModelFormatReason.PrecisionMismatch, () => exact.CopyTo(single), "ModelFileOptions.ConvertPrecision");

        var convert = new ModelFileOptions { ConvertPrecision = true };
        single.Load(new MemoryStream(file), ModelFormat.SafeTensors, convert);
        Assert.Equal(0.1f, single.Weight(2, 0, 0));
        Assert.Equal(1.8f, single.Bias(3, 1));
        var copied = new TorchMlp(3);
        exact.CopyTo(copied, convert);
        AssertSameParameters(single, copied);
    }

    [Theory]
    [InlineData("F32", 4)]
    [InlineData("F16", 2)]
    [InlineData("BF16", 2)]
    public void F32_F16_and_BF16_files_from_PyTorch_are_single_precision(string dtype, int size)
    {
        byte[] file = TorchFile(dtype, size);
        var single = new TorchMlp(2);
        single.Load(new MemoryStream(file), ModelFormat.SafeTensors);

        var @double = new TorchMlpDouble(2);
        AssertRefused(@double, ModelFormatReason.PrecisionMismatch, () => @double.Load(new MemoryStream(file), ModelFormat.SafeTensors), "Single (float)", "ModelFileOptions.ConvertPrecision");
        @double.Load(new MemoryStream(file), ModelFormat.SafeTensors, new ModelFileOptions { ConvertPrecision = true });
        AssertSameParameters(single, @double);
    }

    [Fact]
    public void One_F64_tensor_makes_the_file_double()
    {
        // The first bias is F64, the other tensors F32.
        string header = """{"0.weight":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"0.bias":{"dtype":"F64","shape":[2],"data_offsets":[24,40]}}""";
        var data = new byte[40];
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4), 0.5f);
        BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(32), 0.1);
        byte[] file = SafeTensorsTests.File(header, data);

        var single = new Perceptron();
        AssertRefused(single, ModelFormatReason.PrecisionMismatch, () => single.Load(new MemoryStream(file), ModelFormat.SafeTensors), "Double (double)");
        single.Load(new MemoryStream(file), ModelFormat.SafeTensors, new ModelFileOptions { ConvertPrecision = true });
        Assert.Equal(0.5f, single.Weight(2, 0, 1));
        Assert.Equal(0.1f, single.Bias(2, 1));
    }

    private static byte[] TorchFile(string dtype, int size)
    {
        // nn.Sequential(Linear(2, 3), Tanh(), Linear(3, 2)) as PyTorch writes it: one dtype, no backprop.* metadata.
        string header = $$$"""{"0.weight":{"dtype":"{{{dtype}}}","shape":[3,2],"data_offsets":[0,{{{6 * size}}}]},"0.bias":{"dtype":"{{{dtype}}}","shape":[3],"data_offsets":[{{{6 * size}}},{{{9 * size}}}]},"2.weight":{"dtype":"{{{dtype}}}","shape":[2,3],"data_offsets":[{{{9 * size}}},{{{15 * size}}}]},"2.bias":{"dtype":"{{{dtype}}}","shape":[2],"data_offsets":[{{{15 * size}}},{{{17 * size}}}]}}""";
        var data = new byte[Values.Length * size];
        for (int i = 0; i < Values.Length; i++)
        {
            Span<byte> at = data.AsSpan(i * size);
            switch (dtype)
            {
                case "F64":
                    BinaryPrimitives.WriteDoubleLittleEndian(at, Values[i]);
                    break;
                case "F32":
                    BinaryPrimitives.WriteSingleLittleEndian(at, (float)Values[i]);
                    break;
                case "F16":
                    BinaryPrimitives.WriteHalfLittleEndian(at, (Half)Values[i]);
                    break;
                default:
                    // BF16 is the top half of a float.
                    BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)(BitConverter.SingleToUInt32Bits((float)Values[i]) >> 16));
                    break;
            }
        }

        return SafeTensorsTests.File(header, data);
    }
}
