using System;
using Backprop.CompilerServices;
using Xunit;

namespace Backprop.Tests.CompilerServices.Elementary;

/// <summary>
/// Pins the bits of every elementary function: a hash of its results on every 2¹²-th float (or 2⁴⁴-th double
/// bit pattern). The same on every machine, runtime and configuration (run the tests with
/// DOTNET_EnableAVX512=0, DOTNET_EnableAVX2=0 and DOTNET_EnableHWIntrinsic=0 to check); a change of these
/// hashes is a change of the numbers every network computes, and must be a reviewed decision.
/// </summary>
public sealed class GoldenBitsTests
{
    [Theory]
    [InlineData("exp", 0xD6E2A4C3B3A11B44UL)]
    [InlineData("log", 0x7A0B06DEFAA90263UL)]
    [InlineData("sigmoid", 0xB84481A6987D9841UL)]
    [InlineData("tanh", 0x069BFFAE97925235UL)]
    [InlineData("softplus", 0x326AF280DABDC8AFUL)]
    public void The_single_precision_function_gives_the_pinned_bits(string name, ulong expected)
    {
        Func<float, float> function = name switch
        {
            "exp" => SingleFunctions.Exp,
            "log" => SingleFunctions.Log,
            "sigmoid" => SingleFunctions.Sigmoid,
            "tanh" => SingleFunctions.Tanh,
            _ => SingleFunctions.Softplus,
        };

        ulong hash = Fnv.Offset;
        for (long bits = 0; bits <= uint.MaxValue; bits += 1 << 12)
        {
            hash = Fnv.Add(hash, BitConverter.SingleToUInt32Bits(function(BitConverter.UInt32BitsToSingle((uint)bits))));
        }

        Assert.True(expected == hash, $"{name}: 0x{hash:X16}UL");
    }

    [Theory]
    [InlineData("exp", 0x2D1C7347E5923D45UL)]
    [InlineData("log", 0xF011008C01EFD004UL)]
    [InlineData("sigmoid", 0xEDE32F8D06BCC5A8UL)]
    [InlineData("tanh", 0x766470D25FC7E093UL)]
    [InlineData("softplus", 0xA1FB47DF4A60956CUL)]
    public void The_double_precision_function_gives_the_pinned_bits(string name, ulong expected)
    {
        Func<double, double> function = name switch
        {
            "exp" => DoubleFunctions.Exp,
            "log" => DoubleFunctions.Log,
            "sigmoid" => DoubleFunctions.Sigmoid,
            "tanh" => DoubleFunctions.Tanh,
            _ => DoubleFunctions.Softplus,
        };

        ulong hash = Fnv.Offset;
        for (ulong bits = 0x123456789UL; bits < ulong.MaxValue - (1UL << 44); bits += 1UL << 44)
        {
            ulong result = BitConverter.DoubleToUInt64Bits(function(BitConverter.UInt64BitsToDouble(bits)));
            hash = Fnv.Add(Fnv.Add(hash, (uint)result), (uint)(result >> 32));
        }

        Assert.True(expected == hash, $"{name}: 0x{hash:X16}UL");
    }

    // FNV-1a over 32-bit words.
    private static class Fnv
    {
        public const ulong Offset = 14695981039346656037UL;

        public static ulong Add(ulong hash, uint word) => (hash ^ word) * 1099511628211UL;
    }
}
