using System;
using static System.FormattableString;

namespace Backprop.Training;

/// <summary>Range checks for optimizer and trainer settings, with messages that name the setting and its value.</summary>
internal static class HyperparameterGuard
{
    /// <summary>Throws unless <paramref name="value"/> is finite and greater than zero.</summary>
    public static double Positive(double value, string parameterName) =>
        value > 0.0 && value <= double.MaxValue ? value : throw OutOfRange(parameterName, value, "finite and greater than zero");

    /// <summary>Throws unless <paramref name="value"/> is finite and at least zero.</summary>
    public static double NotNegative(double value, string parameterName) =>
        value >= 0.0 && value <= double.MaxValue ? value : throw OutOfRange(parameterName, value, "finite and at least zero");

    /// <summary>Throws unless 0 ≤ <paramref name="value"/> &lt; 1, the range of a decay rate such as momentum or β.</summary>
    public static double DecayRate(double value, string parameterName) =>
        value >= 0.0 && value < 1.0 ? value : throw OutOfRange(parameterName, value, "at least 0 and less than 1");

    /// <summary>Throws unless 0 &lt; <paramref name="value"/> ≤ 1, the range of a decay factor such as a schedule's γ.</summary>
    public static double UnitFactor(double value, string parameterName) =>
        value > 0.0 && value <= 1.0 ? value : throw OutOfRange(parameterName, value, "greater than 0 and at most 1");

    /// <summary>Throws unless <paramref name="value"/> is greater than zero (positive infinity allowed).</summary>
    public static double PositiveOrInfinity(double value, string parameterName) =>
        value > 0.0 ? value : throw OutOfRange(parameterName, value, "greater than zero (or positive infinity for none)");

    /// <summary>Throws unless <paramref name="value"/> is at least 0.</summary>
    public static int NotNegative(int value, string parameterName) =>
        value >= 0 ? value : throw OutOfRange(parameterName, value, "at least 0");

    /// <summary>Throws unless <paramref name="value"/> is at least 1.</summary>
    public static int AtLeastOne(int value, string parameterName) =>
        value >= 1 ? value : throw OutOfRange(parameterName, value, "at least 1");

    private static ArgumentOutOfRangeException OutOfRange(string parameterName, object value, string requirement) =>
        new(parameterName, value, Invariant($"'{parameterName}' must be {requirement}, but was {value}."));
}
