using System;

namespace Backprop.Tests.CompilerServices.Elementary;

/// <summary>
/// The exact functions the tests measure against: the platform's double-precision library, which is far more
/// accurate than a float result needs, arranged so that no step cancels or overflows.
/// </summary>
internal static class References
{
    public static double Exp(double x) => Math.Exp(x);

    public static double Log(double x) => Math.Log(x);

    public static double Tanh(double x) => Math.Tanh(x);

    // e^z / (1 + e^z) for negative z: the same function, free of the overflow of e^(−z).
    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    public static double Softplus(double x) => Math.Max(x, 0) + Log1P(Math.Exp(-Math.Abs(x)));

    // ln(1 + e) for 0 ≤ e ≤ 1: the series where 1 + e would round away e's digits, else ln u corrected by the
    // rounding error of u = 1 + e (exact), which leaves an error of order e·2⁻¹⁰⁶.
    public static double Log1P(double e)
    {
        if (e < 1e-4)
        {
            return e * (1 - (e * ((1.0 / 2) - (e * ((1.0 / 3) - (e * ((1.0 / 4) - (e / 5))))))));
        }

        double u = 1 + e;
        return Math.Log(u) + ((e - (u - 1)) / u);
    }
}
