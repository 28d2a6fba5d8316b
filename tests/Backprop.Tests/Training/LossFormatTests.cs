using System;
using System.Globalization;
using System.Threading;
using Backprop.Training;
using Xunit;

namespace Backprop.Tests.Training;

/// <summary>Losses are written with four significant digits at any magnitude, the same in every culture.</summary>
public sealed class LossFormatTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(double.Epsilon, "4.941E-324")] // the smallest denormal
    [InlineData(1e-310, "1.000E-310")] // a denormal
    [InlineData(2.2250738585072014e-308, "2.225E-308")] // the smallest normal double
    [InlineData(3.2e-7, "3.200E-7")]
    [InlineData(9.9994e-5, "9.999E-5")]
    [InlineData(9.99996e-5, "0.0001000")] // rounds up into the fixed range
    [InlineData(0.000123456, "0.0001235")]
    [InlineData(0.0712345, "0.07123")]
    [InlineData(0.099996, "0.1000")] // four digits of the rounded value, not five
    [InlineData(0.1796, "0.1796")]
    [InlineData(1.0, "1.000")]
    [InlineData(1.5, "1.500")]
    [InlineData(123.456, "123.5")]
    [InlineData(9999.96, "10000")]
    [InlineData(12345.6, "12346")]
    [InlineData(99999.4, "99999")]
    [InlineData(999494.0, "999494")]
    [InlineData(999994.0, "1.000E+6")] // rounds up out of the fixed range
    [InlineData(1e6, "1.000E+6")]
    [InlineData(145036443749099169682292736.0, "1.450E+26")] // new Adam(net, 1e6) in issue 13
    [InlineData(3.4028234663852886e38, "3.403E+38")] // float.MaxValue
    [InlineData(double.MaxValue, "1.798E+308")]
    [InlineData(-0.0712345, "-0.07123")]
    [InlineData(-1.45e26, "-1.450E+26")]
    [InlineData(-3.2e-7, "-3.200E-7")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Writes_four_significant_digits_at_any_magnitude(double loss, string expected) =>
        Assert.Equal(expected, LossFormat.Format(loss));

    [Fact]
    public void Negative_zero_is_written_as_zero() => Assert.Equal("0", LossFormat.Format(-0.0));

    [Fact]
    public void Every_culture_gets_the_invariant_text()
    {
        double[] losses = [-1.45e26, -0.0712345, 1e-310, 12345.6, double.NegativeInfinity];
        string[] invariant = Array.ConvertAll(losses, LossFormat.Format);

        CultureInfo saved = Thread.CurrentThread.CurrentCulture;
        var odd = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        odd.NumberFormat.NegativeSign = "\u2212";
        odd.NumberFormat.NumberDecimalSeparator = ",";
        odd.NumberFormat.NegativeInfinitySymbol = "\u2212\u221E";
        try
        {
            Thread.CurrentThread.CurrentCulture = odd;
            Assert.Equal(invariant, Array.ConvertAll(losses, LossFormat.Format));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Progress_and_result_lines_write_their_loss_that_way()
    {
        // The loss of new Adam(net, 1e6) in issue 13, which "F4" wrote as 145036443749099169682292736.0000.
        const double Huge = 145036443749099169682292736.0;
        Assert.Equal("epoch  3/10  loss 1.450E+26  0.25 s", new TrainingProgress(3, 10, Huge, null, TimeSpan.FromSeconds(0.25)).ToString());
        Assert.Equal("epoch  20/200  loss 0.07123  accuracy 97.5%  0.04 s", new TrainingProgress(20, 200, 0.0712345, 0.975, TimeSpan.FromSeconds(0.04)).ToString());
        Assert.Equal(
            "7 epochs (all epochs run), loss 1.450E+26, 1.50 s",
            new TrainingResult(7, Huge, null, TrainingStopReason.EpochsCompleted, TimeSpan.FromSeconds(1.5)).ToString());
        Assert.Equal(
            "40 epochs (target loss reached), loss 3.200E-7, training accuracy 100.0%, 0.10 s",
            new TrainingResult(40, 3.2e-7, 1.0, TrainingStopReason.TargetLossReached, TimeSpan.FromSeconds(0.1)).ToString());
        Assert.Equal(
            "1 epoch (target loss reached), loss 0.01000, 0.10 s",
            new TrainingResult(1, 0.01, null, TrainingStopReason.TargetLossReached, TimeSpan.FromSeconds(0.1)).ToString());
    }
}
