using System;
using System.Numerics;

namespace Backprop.Tests.Support;

/// <summary>Rounding-error bounds for the tolerances of the tests.</summary>
internal static class Numerics
{
    /// <summary>
    /// The unit roundoff u of <typeparamref name="T"/>: one correctly rounded operation has a relative error
    /// of at most u (2⁻²⁴ for float, 2⁻⁵³ for double).
    /// </summary>
    public static double UnitRoundoff<T>()
        where T : IFloatingPointIeee754<T> =>
        Math.ScaleB(1.0, -(T.CreateChecked(1).GetSignificandBitLength()));

    /// <summary>Converts to double, exactly for float and double.</summary>
    public static double D<T>(T value)
        where T : IFloatingPointIeee754<T> => double.CreateChecked(value);

    /// <summary>Converts from double, rounding once.</summary>
    public static T Of<T>(double value)
        where T : IFloatingPointIeee754<T> => T.CreateChecked(value);
}
