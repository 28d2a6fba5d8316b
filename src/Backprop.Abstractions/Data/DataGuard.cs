using System;
using static System.FormattableString;

namespace Backprop.Data;

/// <summary>The argument checks of the data helpers, with messages that name the parameter, what it must be and what it is.</summary>
internal static class DataGuard
{
    /// <summary>Throws unless 0 &lt; <paramref name="testFraction"/> &lt; 1 (NaN fails too).</summary>
    public static void Fraction(double testFraction)
    {
        if (!(testFraction > 0.0 && testFraction < 1.0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(testFraction),
                testFraction,
                Invariant($"'testFraction' must be greater than 0 and less than 1 (e.g. 0.2 for a fifth), but was {testFraction}."));
        }
    }

    /// <summary>The number of test rows of a group of <paramref name="rows"/>: the fraction, rounded half away from zero.</summary>
    public static int TestCount(int rows, double testFraction) =>
        (int)Math.Round(rows * testFraction, MidpointRounding.AwayFromZero);

    /// <summary>Returns the number of rows of <paramref name="length"/> values, after checking that they are whole rows.</summary>
    public static int WholeRows(int length, int rowLength, string parameterName, string rowLengthName)
    {
        if (length % rowLength != 0)
        {
            throw new ArgumentException(
                Invariant($"'{parameterName}' must hold whole rows of {rowLengthName} = {rowLength} values (a length that is a multiple of {rowLength}), but has length {length}."),
                parameterName);
        }

        return length / rowLength;
    }

    /// <summary>Throws unless <paramref name="length"/> is <paramref name="expected"/>, saying why that length is expected.</summary>
    public static void Length(int length, long expected, string parameterName, string why)
    {
        if (length != expected)
        {
            throw new ArgumentException(
                Invariant($"'{parameterName}' must have length {expected} ({why}), but has length {length}."),
                parameterName);
        }
    }
}
