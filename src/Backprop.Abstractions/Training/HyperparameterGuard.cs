using System;
using static System.FormattableString;

namespace Backprop.Training;

/// <summary>Range checks for optimizer and trainer settings, with messages that name the setting and its value.</summary>
internal static class HyperparameterGuard
{
    /// <summary>Throws unless <paramref name="value"/> is finite and greater than zero.</summary>
    public static double Positive(double value, string parameterName)
    {
        if (!(value > 0.0 && value <= double.MaxValue))
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                value,
                Invariant($"'{parameterName}' must be finite and greater than zero, but was {value}."));
        }

        return value;
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and at least zero.</summary>
    public static double NotNegative(double value, string parameterName)
    {
        if (!(value >= 0.0 && value <= double.MaxValue))
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                value,
                Invariant($"'{parameterName}' must be finite and at least zero, but was {value}."));
        }

        return value;
    }

    /// <summary>Throws unless 0 ≤ <paramref name="value"/> &lt; 1, the range of a decay rate such as momentum or β.</summary>
    public static double DecayRate(double value, string parameterName)
    {
        if (!(value >= 0.0 && value < 1.0))
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                value,
                Invariant($"'{parameterName}' must be at least 0 and less than 1, but was {value}."));
        }

        return value;
    }

    /// <summary>Throws unless <paramref name="value"/> is greater than zero (positive infinity allowed).</summary>
    public static double PositiveOrInfinity(double value, string parameterName)
    {
        if (!(value > 0.0))
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                value,
                Invariant($"'{parameterName}' must be greater than zero (or positive infinity for none), but was {value}."));
        }

        return value;
    }

    /// <summary>Throws unless <paramref name="value"/> is at least 1.</summary>
    public static int AtLeastOne(int value, string parameterName)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                value,
                Invariant($"'{parameterName}' must be at least 1, but was {value}."));
        }

        return value;
    }
}
