using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Backprop.Serialization;
using Xunit;

namespace Backprop.Tests.Serialization;

/// <summary>Helpers for the save/load tests: parameters by (l, j, k), snapshots, refused loads.</summary>
internal static class SerializationKit
{
    /// <summary>The folder of the checked-in test files (copied next to the test assembly).</summary>
    public static string DataPath(string file) => Path.Combine(AppContext.BaseDirectory, "Data", file);

    /// <summary>Gives every parameter a distinct value (w = l + j/10 + k/100 + 0.001·salt, b = −(l + j/10)), through Weight and Bias.</summary>
    public static void Fill(INeuralNetwork network, int salt = 0) =>
        Networks.Visit(network, net => FillWith(net, (l, j, k) => (float)Value(l, j, k, salt)), net => FillWith(net, (l, j, k) => Value(l, j, k, salt)));

    /// <summary>A network's weights JSON, as <c>network.Save(stream, ModelFormat.Json)</c> writes it.</summary>
    public static string ToJson(INeuralNetwork network)
    {
        using var stream = new MemoryStream();
        network.Save(stream, ModelFormat.Json);
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(stream.ToArray());
    }

    /// <summary>Loads weights JSON text, as UTF-8 bytes through <c>network.Load(stream, ModelFormat.Json)</c>.</summary>
    public static void LoadJson(INeuralNetwork network, string json, ModelFileOptions? options = null) =>
        network.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), ModelFormat.Json, options);

    /// <summary>Every parameter's bits, in the network's own layout: a snapshot to prove that nothing changed.</summary>
    public static byte[] Snapshot(INeuralNetwork network)
    {
        byte[] result = [];
        Networks.Visit(network, net => result = MemoryMarshal.AsBytes(net.Parameters).ToArray(), net => result = MemoryMarshal.AsBytes(net.Parameters).ToArray());
        return result;
    }

    /// <summary>w<sup>l</sup><sub>jk</sub> widened to double, whatever the network's precision.</summary>
    public static double Weight(INeuralNetwork network, int l, int j, int k) => network switch
    {
        INeuralNetwork<float> f => f.Weight(l, j, k),
        INeuralNetwork<double> d => d.Weight(l, j, k),
        _ => throw new ArgumentException("Not a network.", nameof(network)),
    };

    /// <summary>b<sup>l</sup><sub>j</sub> widened to double, whatever the network's precision.</summary>
    public static double Bias(INeuralNetwork network, int l, int j) => network switch
    {
        INeuralNetwork<float> f => f.Bias(l, j),
        INeuralNetwork<double> d => d.Bias(l, j),
        _ => throw new ArgumentException("Not a network.", nameof(network)),
    };

    /// <summary>Asserts that two networks hold bit-identical parameters, compared by (l, j, k).</summary>
    public static void AssertSameParameters(INeuralNetwork expected, INeuralNetwork actual)
    {
        Assert.Equal(expected.LayerSizes.ToArray(), actual.LayerSizes.ToArray());
        for (int l = 2; l <= expected.LayerCount; l++)
        {
            for (int j = 0; j < expected.LayerSizes[l - 1]; j++)
            {
                for (int k = 0; k < expected.LayerSizes[l - 2]; k++)
                {
                    AssertBits(Weight(expected, l, j, k), Weight(actual, l, j, k), $"w({l}, {j}, {k})");
                }

                AssertBits(Bias(expected, l, j), Bias(actual, l, j), $"b({l}, {j})");
            }
        }
    }

    /// <summary>Asserts two doubles have the same bits (−0 is not +0).</summary>
    public static void AssertBits(double expected, double actual, string what)
    {
        if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
        {
            Assert.Fail($"{what} should be {expected:R} but is {actual:R}.");
        }
    }

    /// <summary>
    /// Runs a load that must be refused: asserts the reason, that the message contains each of
    /// <paramref name="mentions"/>, and that the network's parameters did not change.
    /// </summary>
    public static ModelFormatException AssertRefused(INeuralNetwork network, ModelFormatReason reason, Action load, params string[] mentions)
    {
        byte[] before = Snapshot(network);
        ModelFormatException e = Assert.Throws<ModelFormatException>(load);
        Assert.True(reason == e.Reason, $"Expected {reason} but got {e.Reason}: {e.Message}");
        foreach (string mention in mentions)
        {
            Assert.True(e.Message.Contains(mention, StringComparison.Ordinal), $"The message should mention \"{mention}\": {e.Message}");
        }

        Assert.Equal(before, Snapshot(network));
        return e;
    }

    // CRC-32 bit by bit from its definition (reflected polynomial 0xEDB88320), independent of the library's table.
    public static uint Crc32Reference(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }

    private static double Value(int l, int j, int k, int salt) => l + (j / 10.0) + (k / 100.0) + (salt * 0.001);

    private static void FillWith<T>(INeuralNetwork<T> net, Func<int, int, int, T> value)
        where T : unmanaged
    {
        for (int l = 2; l <= net.LayerCount; l++)
        {
            for (int j = 0; j < net.LayerSizes[l - 1]; j++)
            {
                for (int k = 0; k < net.LayerSizes[l - 2]; k++)
                {
                    net.Weight(l, j, k) = value(l, j, k);
                }

                net.Bias(l, j) = value(-l, j, 0);
            }
        }
    }
}
