using System;
using Backprop.CompilerServices;
using Xunit;

namespace Backprop.Tests.CompilerServices.Elementary;

/// <summary>NaN, infinities, zeros, overflow, underflow and saturation, in both precisions.</summary>
public sealed class SpecialValueTests
{
    [Fact]
    public void Exp_handles_the_special_values()
    {
        Assert.True(float.IsNaN(SingleFunctions.Exp(float.NaN)));
        Assert.Equal(0f, SingleFunctions.Exp(float.NegativeInfinity));
        Assert.Equal(float.PositiveInfinity, SingleFunctions.Exp(float.PositiveInfinity));
        Assert.Equal(float.PositiveInfinity, SingleFunctions.Exp(88.73f));
        Assert.True(float.IsFinite(SingleFunctions.Exp(88.72f)));
        Assert.Equal(0f, SingleFunctions.Exp(-104f));
        Assert.True(SingleFunctions.Exp(-100f) > 0f, "e^−100 is a subnormal float, not 0");
        Assert.Equal(1f, SingleFunctions.Exp(0f));
        Assert.Equal(1f, SingleFunctions.Exp(-0f));

        Assert.True(double.IsNaN(DoubleFunctions.Exp(double.NaN)));
        Assert.Equal(0.0, DoubleFunctions.Exp(double.NegativeInfinity));
        Assert.Equal(double.PositiveInfinity, DoubleFunctions.Exp(double.PositiveInfinity));
        Assert.Equal(double.PositiveInfinity, DoubleFunctions.Exp(709.8));
        Assert.True(double.IsFinite(DoubleFunctions.Exp(709.78)));
        Assert.Equal(0.0, DoubleFunctions.Exp(-746.0));
        Assert.True(DoubleFunctions.Exp(-744.0) > 0.0, "e^−744 is a subnormal double, not 0");
        Assert.Equal(1.0, DoubleFunctions.Exp(0.0));
    }

    [Fact]
    public void Log_handles_the_special_values()
    {
        Assert.True(float.IsNaN(SingleFunctions.Log(float.NaN)));
        Assert.True(float.IsNaN(SingleFunctions.Log(-1f)));
        Assert.True(float.IsNaN(SingleFunctions.Log(float.NegativeInfinity)));
        Assert.True(float.IsNaN(SingleFunctions.Log(-float.Epsilon)));
        Assert.Equal(float.NegativeInfinity, SingleFunctions.Log(0f));
        Assert.Equal(float.NegativeInfinity, SingleFunctions.Log(-0f));
        Assert.Equal(float.PositiveInfinity, SingleFunctions.Log(float.PositiveInfinity));
        Assert.Equal(0f, SingleFunctions.Log(1f));
        Assert.Equal(-103.27893f, SingleFunctions.Log(float.Epsilon), 4);

        Assert.True(double.IsNaN(DoubleFunctions.Log(double.NaN)));
        Assert.True(double.IsNaN(DoubleFunctions.Log(-1.0)));
        Assert.True(double.IsNaN(DoubleFunctions.Log(double.NegativeInfinity)));
        Assert.Equal(double.NegativeInfinity, DoubleFunctions.Log(0.0));
        Assert.Equal(double.PositiveInfinity, DoubleFunctions.Log(double.PositiveInfinity));
        Assert.Equal(0.0, DoubleFunctions.Log(1.0));
        Assert.Equal(-744.4400719213812, DoubleFunctions.Log(double.Epsilon), 12);
    }

    [Fact]
    public void Sigmoid_saturates_exactly()
    {
        Assert.True(float.IsNaN(SingleFunctions.Sigmoid(float.NaN)));
        Assert.Equal(1f, SingleFunctions.Sigmoid(float.PositiveInfinity));
        Assert.Equal(0f, SingleFunctions.Sigmoid(float.NegativeInfinity));
        Assert.Equal(1f, SingleFunctions.Sigmoid(17.5f));
        Assert.True(SingleFunctions.Sigmoid(16f) < 1f, "σ(16) = 1 − 1.1e-7 is below 1 in float");
        Assert.Equal(0f, SingleFunctions.Sigmoid(-104f));
        Assert.True(SingleFunctions.Sigmoid(-100f) > 0f, "σ(−100) is a subnormal float, not 0");
        Assert.Equal(0.5f, SingleFunctions.Sigmoid(0f));
        Assert.Equal(0.5f, SingleFunctions.Sigmoid(-0f));

        Assert.True(double.IsNaN(DoubleFunctions.Sigmoid(double.NaN)));
        Assert.Equal(1.0, DoubleFunctions.Sigmoid(double.PositiveInfinity));
        Assert.Equal(0.0, DoubleFunctions.Sigmoid(double.NegativeInfinity));
        Assert.Equal(1.0, DoubleFunctions.Sigmoid(38.0));
        Assert.Equal(0.0, DoubleFunctions.Sigmoid(-746.0));
        Assert.Equal(0.5, DoubleFunctions.Sigmoid(0.0));
    }

    [Fact]
    public void Tanh_saturates_exactly_and_keeps_the_sign_of_zero()
    {
        Assert.True(float.IsNaN(SingleFunctions.Tanh(float.NaN)));
        Assert.Equal(1f, SingleFunctions.Tanh(float.PositiveInfinity));
        Assert.Equal(-1f, SingleFunctions.Tanh(float.NegativeInfinity));
        Assert.Equal(1f, SingleFunctions.Tanh(9.1f));
        Assert.Equal(-1f, SingleFunctions.Tanh(-9.1f));
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(SingleFunctions.Tanh(-0f)));
        Assert.Equal(1e-40f, SingleFunctions.Tanh(1e-40f));

        Assert.True(double.IsNaN(DoubleFunctions.Tanh(double.NaN)));
        Assert.Equal(1.0, DoubleFunctions.Tanh(double.PositiveInfinity));
        Assert.Equal(-1.0, DoubleFunctions.Tanh(double.NegativeInfinity));
        Assert.Equal(-1.0, DoubleFunctions.Tanh(-19.5));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(DoubleFunctions.Tanh(-0.0)));
    }

    [Fact]
    public void Softplus_is_x_for_large_x_and_0_at_minus_infinity()
    {
        Assert.True(float.IsNaN(SingleFunctions.Softplus(float.NaN)));
        Assert.Equal(float.PositiveInfinity, SingleFunctions.Softplus(float.PositiveInfinity));
        Assert.Equal(0f, SingleFunctions.Softplus(float.NegativeInfinity));
        Assert.Equal(100f, SingleFunctions.Softplus(100f));
        Assert.Equal(1e30f, SingleFunctions.Softplus(1e30f));
        Assert.True(SingleFunctions.Softplus(-100f) > 0f, "ln(1 + e^−100) is a subnormal float, not 0");

        Assert.True(double.IsNaN(DoubleFunctions.Softplus(double.NaN)));
        Assert.Equal(double.PositiveInfinity, DoubleFunctions.Softplus(double.PositiveInfinity));
        Assert.Equal(0.0, DoubleFunctions.Softplus(double.NegativeInfinity));
        Assert.Equal(800.0, DoubleFunctions.Softplus(800.0));
        Assert.Equal(Math.Log(2), DoubleFunctions.Softplus(0.0), 15);
    }
}
