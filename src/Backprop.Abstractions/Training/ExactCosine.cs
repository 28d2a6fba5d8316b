namespace Backprop.Training;

/// <summary>
/// cos(π·x) from + − × ÷ only, in a fixed order, so that <see cref="CosineDecay"/> gives the same bits on every
/// machine (<see cref="System.Math.Cos"/> is the platform's and may differ in the last bit).
/// </summary>
/// <remarks>
/// x ∈ [0, 1] is folded onto y = π·u with u ∈ [0, ¼] by cos(π·x) = −cos(π·(1 − x)) and
/// cos(π·u) = sin(π·(½ − u)); there the Taylor series of cos and sin, to the terms in y¹⁶ and y¹⁷, are off by
/// less than (π/4)¹⁸/18! ≈ 2·10⁻¹⁸. With the rounding of the Horner steps the result is within 2⁻⁵⁰ of the true
/// cosine (the tests check 10⁻¹⁵ on a fine grid).
/// </remarks>
internal static class ExactCosine
{
    // π to double precision (the nearest double), the product's rounding is covered by the stated bound.
    private const double Pi = 3.141592653589793;

    /// <summary>cos(π·<paramref name="x"/>) for <paramref name="x"/> in [0, 1].</summary>
    public static double CosPi(double x)
    {
        bool negate = x > 0.5;
        double u = negate ? 1.0 - x : x;     // cos(πx) = −cos(π(1 − x)); now u ∈ [0, ½]
        double value = u <= 0.25 ? CosSeries(Pi * u) : SinSeries(Pi * (0.5 - u));
        return negate ? -value : value;
    }

    // 1 − y²/2! + y⁴/4! − … + y¹⁶/16!, by Horner in y².
    private static double CosSeries(double y)
    {
        double z = y * y;
        double sum = 1.0 / 20922789888000.0;             // 1/16!
        sum = (sum * -z) + (1.0 / 87178291200.0);        // 1/14!
        sum = (sum * -z) + (1.0 / 479001600.0);          // 1/12!
        sum = (sum * -z) + (1.0 / 3628800.0);            // 1/10!
        sum = (sum * -z) + (1.0 / 40320.0);              // 1/8!
        sum = (sum * -z) + (1.0 / 720.0);                // 1/6!
        sum = (sum * -z) + (1.0 / 24.0);                 // 1/4!
        sum = (sum * -z) + 0.5;                          // 1/2!
        return (sum * -z) + 1.0;
    }

    // y − y³/3! + y⁵/5! − … + y¹⁷/17!, by Horner in y².
    private static double SinSeries(double y)
    {
        double z = y * y;
        double sum = 1.0 / 355687428096000.0;            // 1/17!
        sum = (sum * -z) + (1.0 / 1307674368000.0);      // 1/15!
        sum = (sum * -z) + (1.0 / 6227020800.0);         // 1/13!
        sum = (sum * -z) + (1.0 / 39916800.0);           // 1/11!
        sum = (sum * -z) + (1.0 / 362880.0);             // 1/9!
        sum = (sum * -z) + (1.0 / 5040.0);               // 1/7!
        sum = (sum * -z) + (1.0 / 120.0);                // 1/5!
        sum = (sum * -z) + (1.0 / 6.0);                  // 1/3!
        return ((sum * -z) + 1.0) * y;
    }
}
