using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.Intrinsics;
using Backprop.CompilerServices;
using Xunit;

namespace Backprop.Tests.CompilerServices.Elementary;

/// <summary>
/// exp, σ, tanh, ReLU and leaky ReLU at every vector width (called directly, whatever this machine accelerates, so that each is
/// checked everywhere) and through the span kernels give the scalar function's bits, element by element.
/// </summary>
public sealed class VectorBitEqualityTests
{
    [Fact]
    public void Exp_gives_the_scalar_bits_at_every_width() => AssertEveryWidthGivesTheScalarBits<ExpFunction>();

    [Fact]
    public void Sigmoid_gives_the_scalar_bits_at_every_width() => AssertEveryWidthGivesTheScalarBits<SigmoidFunction>();

    [Fact]
    public void Tanh_gives_the_scalar_bits_at_every_width() => AssertEveryWidthGivesTheScalarBits<TanhFunction>();

    [Fact]
    public void ReLU_gives_the_scalar_bits_at_every_width() => AssertEveryWidthGivesTheScalarBits<ReLUFunction>();

    [Fact]
    public void LeakyReLU_gives_the_scalar_bits_at_every_width() => AssertEveryWidthGivesTheScalarBits<LeakyReLUFunction>();

    [Fact]
    public void The_span_kernels_give_the_scalar_bits_at_every_length()
    {
        float[] inputs = Inputs();
        foreach (int length in new[] { 1, 3, 4, 7, 8, 15, 16, 17, 31, 33, 100, inputs.Length - 1 })
        {
            float[] sigmoid = inputs[..length];
            float[] tanh = inputs[..length];
            float[] relu = inputs[..length];
            float[] leaky = inputs[..length];
            VectorKernels.Sigmoid(sigmoid);
            VectorKernels.Tanh(tanh);
            VectorKernels.ReLU(relu);
            VectorKernels.LeakyReLU(leaky);
            for (int i = 0; i < length; i++)
            {
                AssertSameBits(ActivationFunctions.Sigmoid(inputs[i]), sigmoid[i], inputs[i], $"VectorKernels.Sigmoid, length {length}");
                AssertSameBits(ActivationFunctions.Tanh(inputs[i]), tanh[i], inputs[i], $"VectorKernels.Tanh, length {length}");
                AssertSameBits(ActivationFunctions.ReLU(inputs[i]), relu[i], inputs[i], $"VectorKernels.ReLU, length {length}");
                AssertSameBits(ActivationFunctions.LeakyReLU(inputs[i]), leaky[i], inputs[i], $"VectorKernels.LeakyReLU, length {length}");
            }
        }
    }

    private static void AssertEveryWidthGivesTheScalarBits<TFunction>()
        where TFunction : struct, ISingleFunction
    {
        TFunction function = default;
        float[] inputs = Inputs();
        float[] expected = inputs.Select(function.Apply).ToArray();
        var actual = new float[inputs.Length];

        for (int i = 0; i < inputs.Length; i += Vector128<float>.Count)
        {
            function.Apply(Vector128.Create(inputs.AsSpan(i))).CopyTo(actual, i);
        }

        AssertAllSameBits(inputs, expected, actual, "Vector128");
        for (int i = 0; i < inputs.Length; i += Vector256<float>.Count)
        {
            function.Apply(Vector256.Create(inputs.AsSpan(i))).CopyTo(actual, i);
        }

        AssertAllSameBits(inputs, expected, actual, "Vector256");
        for (int i = 0; i < inputs.Length; i += Vector512<float>.Count)
        {
            function.Apply(Vector512.Create(inputs.AsSpan(i))).CopyTo(actual, i);
        }

        AssertAllSameBits(inputs, expected, actual, "Vector512");
        for (int i = 0; i < inputs.Length; i += Vector<float>.Count)
        {
            function.Apply(new Vector<float>(inputs, i)).CopyTo(actual, i);
        }

        AssertAllSameBits(inputs, expected, actual, "Vector<T>");
    }

    // Every 2¹⁴-th bit pattern (both signs, NaNs, infinities, subnormals), dense runs where the algorithms
    // switch or saturate, and the special values; a multiple of 16 long, so every width fills its vectors.
    private static float[] Inputs()
    {
        var inputs = new List<float>();
        for (long bits = 0; bits <= uint.MaxValue; bits += 1 << 14)
        {
            inputs.Add(BitConverter.UInt32BitsToSingle((uint)bits));
        }

        foreach (float start in new[] { 0.39f, -0.41f, 0.34f, -0.35f, 8.6f, 17f, -87.5f, -103.9f, 88.6f })
        {
            float x = start;
            for (int i = 0; i < 4096; i++, x = MathF.BitIncrement(x))
            {
                inputs.Add(x);
            }
        }

        inputs.AddRange(new[]
        {
            0f, -0f, float.NaN, -float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, -float.Epsilon,
            float.MaxValue, float.MinValue, 1e-40f, -1e-40f, 88.72283f, 88.72284f, -103.97208f, -87.33655f,
        });

        while (inputs.Count % Vector512<float>.Count != 0)
        {
            inputs.Add(1f);
        }

        return inputs.ToArray();
    }

    private static void AssertAllSameBits(float[] inputs, float[] expected, float[] actual, string width)
    {
        for (int i = 0; i < inputs.Length; i++)
        {
            AssertSameBits(expected[i], actual[i], inputs[i], width);
        }
    }

    private static void AssertSameBits(float expected, float actual, float input, string what)
    {
        if (BitConverter.SingleToInt32Bits(expected) != BitConverter.SingleToInt32Bits(actual))
        {
            Assert.Fail($"{what} at x = {input:R} (0x{BitConverter.SingleToUInt32Bits(input):X8}): {actual:R} (0x{BitConverter.SingleToUInt32Bits(actual):X8}), scalar {expected:R} (0x{BitConverter.SingleToUInt32Bits(expected):X8})");
        }
    }
}
