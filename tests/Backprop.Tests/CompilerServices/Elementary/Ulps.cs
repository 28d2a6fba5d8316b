using System;

namespace Backprop.Tests.CompilerServices.Elementary;

/// <summary>
/// Errors in units in the last place: |actual − exact| over the spacing of floats (or doubles) at the exact
/// value's magnitude, the spacing of the subnormals below the normal range. An infinite result counts as the
/// next power of two past the largest finite number, so that overflowing a little early costs a few ulps
/// rather than infinity; an infinite result where the exact value rounds to infinity too costs nothing.
/// </summary>
internal static class Ulps
{
    public static double Of(float actual, double exact)
    {
        if (float.IsNaN(actual) || double.IsNaN(exact))
        {
            return float.IsNaN(actual) && double.IsNaN(exact) ? 0 : double.PositiveInfinity;
        }

        if (float.IsInfinity(actual) && actual == (float)exact)
        {
            return 0;
        }

        double value = float.IsInfinity(actual) ? Math.CopySign(Math.ScaleB(1.0, 128), actual) : actual;
        // The exponent field of the double: its binade, read without a call, for speed over 2²⁴ values.
        int binade = (int)((BitConverter.DoubleToInt64Bits(exact) >> 52) & 0x7FF) - 1023;
        double ulp = BitConverter.Int64BitsToDouble((long)(Math.Max(binade, -126) - 23 + 1023) << 52);
        return Math.Abs(value - exact) / ulp;
    }

    public static double Of(double actual, double exact)
    {
        if (double.IsNaN(actual) || double.IsNaN(exact))
        {
            return double.IsNaN(actual) && double.IsNaN(exact) ? 0 : double.PositiveInfinity;
        }

        if (actual == exact)
        {
            return 0;
        }

        if (double.IsInfinity(actual) || double.IsInfinity(exact))
        {
            return double.PositiveInfinity;
        }

        int binade = exact == 0 ? int.MinValue : Math.ILogB(exact);
        double ulp = Math.ScaleB(1.0, Math.Max(binade, -1022) - 52);
        return Math.Abs(actual - exact) / ulp;
    }
}
