using System;
using System.Linq;

namespace Backprop.Generator.Tests.TestHelpers;

/// <summary>
/// The cost of each loss computed by the test from <c>Forward</c>'s output, and its central differences
/// (C(θ + h) − C(θ − h)) / 2h, with the step h and error floor that suit each network.
/// </summary>
/// <remarks>
/// <para>
/// A central difference errs by a truncation term, about h²·|C‴|/6, plus a rounding term, about
/// ε·S/h where ε = 2.2e-16 and S is the size of the outputs (Forward rounds each output by a few ε·S,
/// and the difference of the two costs divides that by 2h). The rounding term is absolute: it does not
/// shrink with the gradient. Measured over this suite, every parameter, h from 2⁻²⁰ to 2⁻⁶:
/// </para>
/// <list type="bullet">
/// <item>
/// Networks with a sigmoid or tanh layer: truncation reaches 7e-7 relative at h = 2⁻¹³ and 1.7e-7 at
/// 2⁻¹⁴ on gradients above 1e-3; rounding is 1e-12 to 3e-12 absolute at 2⁻¹⁴ and doubles with each
/// halving of h (1.5e-11 at 2⁻¹⁷ ≈ 7.6e-6). h = 2⁻¹⁴ ≈ 6.1e-5 balances the two; the usual 1e-5
/// would multiply the rounding by six for a truncation gain the bound does not need.
/// </item>
/// <item>
/// Softmax outputs and the cross-entropies behave the same way (their layers are as smooth), with more
/// rounding for binary cross-entropy: its ∂C/∂a = (a − y)/(a(1 − a)) weighs each output's rounding two to
/// four times as much as the quadratic cost's a − y. Measured on the worst parameters at 2⁻¹⁴: 2.5e-12 to
/// 2.7e-12 absolute for softmax with cross-entropy, 3e-12 to 6.1e-12 for binary cross-entropy over 7 and 11
/// outputs; a step of 2⁻¹³ or 2⁻¹² takes the same parameters to 1e-12 or less, so it is rounding, not a
/// wrong gradient.
/// </item>
/// <item>
/// Networks whose every layer is ReLU, leaky ReLU or linear: between kinks each output is linear in any
/// one parameter, so C is a quadratic in it and the central difference has no truncation error at all.
/// Only rounding remains, and it falls as h grows: the worst relative error was 3.8e-7 at 2⁻¹⁰ and
/// 3.6e-8 at h = 2⁻⁸ ≈ 3.9e-3, the step used (with the seeds before version 0.2; with those of 0.2 it is
/// 2.1e-7 at 2⁻⁸, on a gradient below <see cref="PiecewiseLinearFloor"/>). Kinks bound it (see
/// <see cref="GradientCase.KinkMargin"/>).
/// </item>
/// </list>
/// <para>
/// Steps are powers of two so that θ ± h is exact for |θ| &lt; 2 or so; <see cref="Derivative"/> divides by
/// the step actually taken anyway.
/// </para>
/// </remarks>
internal static class FiniteDifference
{
    /// <summary>h for networks with a sigmoid, tanh or softmax layer: 2⁻¹⁴ ≈ 6.1e-5.</summary>
    public const double SmoothStep = 1.0 / (1 << 14);

    /// <summary>h for networks of ReLU, leaky ReLU and linear layers only: 2⁻⁸ ≈ 3.9e-3.</summary>
    public const double PiecewiseLinearStep = 1.0 / (1 << 8);

    /// <summary>
    /// The floor of the relative error for networks with a sigmoid, tanh or softmax layer: 1e-5. With the
    /// tolerance of 1e-6 it bounds the error on gradients below 1e-5 by 1e-11 absolute, about twice the
    /// largest error measured at <see cref="SmoothStep"/> on such a gradient with the quadratic cost (5.5e-12,
    /// truncation on a gradient of 7.8e-6) and three times its largest rounding noise (3e-12); binary
    /// cross-entropy's rounding comes closer (6.1e-12, see the remarks). Gradients above 1e-5 are held to 1e-6
    /// relative. A floor of 1e-8 would ask for 1e-14 absolute, which no central difference of a cost of
    /// order one reaches in double precision (ε·C/h alone is 4e-12 here).
    /// </summary>
    public const double SmoothFloor = 1e-5;

    /// <summary>
    /// The floor for piecewise-linear networks: 1e-7, so 1e-13 absolute on gradients below it. The central
    /// differences are exact here but for rounding, whose absolute size does not shrink with the gradient:
    /// 1e-12 to 3e-12 at 2⁻¹⁴ on the smooth networks, so 64 times less, 1.6e-14 to 4.7e-14, at
    /// <see cref="PiecewiseLinearStep"/>. With the seeds of version 0.2 a leaky ReLU gradient of −1.4e-8 errs by
    /// 2.1e-14, which a floor of 1e-8 (1e-14 absolute) refused. The floor also keeps the ratio defined for
    /// gradients that are exactly 0 on both sides (dead ReLU units: the perturbed costs are then equal bit for
    /// bit, and the difference is exactly 0).
    /// </summary>
    public const double PiecewiseLinearFloor = 1e-7;

    /// <summary>
    /// Whether every layer is ReLU, leaky ReLU or linear, so that the cost is piecewise quadratic in each parameter
    /// (such an output layer always has the quadratic cost: the cross-entropies need a softmax or a sigmoid).
    /// </summary>
    public static bool IsPiecewiseLinear(NetworkSpec spec) =>
        Enumerable.Range(2, spec.LayerCount - 1).All(l => spec.ActivationOf(l) is Activation.ReLU or Activation.LeakyReLU or Activation.Linear);

    public static double StepFor(NetworkSpec spec) => IsPiecewiseLinear(spec) ? PiecewiseLinearStep : SmoothStep;

    public static double FloorFor(NetworkSpec spec) => IsPiecewiseLinear(spec) ? PiecewiseLinearFloor : SmoothFloor;

    /// <summary>
    /// The cost of <paramref name="loss"/> from the outputs alone, by its definition: ½ Σ_j (y_j − a_j)² (§3.1),
    /// −Σ_j y_j ln a_j (cross-entropy) or −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)] (binary cross-entropy).
    /// Terms whose weight y_j or 1 − y_j is 0 are left out, as 0·ln 0 is 0 in the definition.
    /// </summary>
    public static double Cost(Loss loss, ReadOnlySpan<double> target, ReadOnlySpan<double> output)
    {
        double sum = 0;
        for (int j = 0; j < target.Length; j++)
        {
            double y = target[j];
            double a = output[j];
            switch (loss)
            {
                case Loss.CrossEntropy:
                    sum -= y == 0 ? 0 : y * Math.Log(a);
                    break;
                case Loss.BinaryCrossEntropy:
                    sum -= (y == 0 ? 0 : y * Math.Log(a)) + (y == 1 ? 0 : (1 - y) * Math.Log(1 - a));
                    break;
                default:
                    double difference = y - a;
                    sum += 0.5 * difference * difference;
                    break;
            }
        }

        return sum;
    }

    /// <summary>The cost of the network's <c>Forward</c> output: nothing of <c>Backward</c> is used.</summary>
    public static double CostThroughForward(INeuralNetwork<double> network, Loss loss, ReadOnlySpan<double> input, ReadOnlySpan<double> target)
    {
        Span<double> output = stackalloc double[target.Length];
        network.Forward(input, output);
        return Cost(loss, target, output);
    }

    /// <summary>
    /// C(θ + h) − C(θ − h) from the two outputs, written so that it is not the small difference of two rounded
    /// costs (that form adds a rounding error of ε·C to each cost, which is most of the noise when C is large,
    /// up to 20 in this suite: measured on the quadratic cost, it raises the worst error on small gradients four-
    /// to twentyfold):
    /// <list type="bullet">
    /// <item>quadratic: ½ Σ_j (a⁻_j − a⁺_j)(2y_j − a⁺_j − a⁻_j);</item>
    /// <item>cross-entropy: −Σ_j y_j ln(a⁺_j / a⁻_j), as ln(1 + (a⁺_j − a⁻_j) / a⁻_j), where a⁺_j − a⁻_j is exact
    /// (Sterbenz) and ln(1 + x) keeps x's digits;</item>
    /// <item>binary cross-entropy: the same for a_j, plus ln(1 + (a⁻_j − a⁺_j) / (1 − a⁻_j)) for 1 − a_j, weighted
    /// by y_j and 1 − y_j.</item>
    /// </list>
    /// </summary>
    public static double CostDifference(Loss loss, ReadOnlySpan<double> target, ReadOnlySpan<double> plus, ReadOnlySpan<double> minus)
    {
        double sum = 0;
        for (int j = 0; j < target.Length; j++)
        {
            double y = target[j];
            switch (loss)
            {
                case Loss.CrossEntropy:
                    sum -= y == 0 ? 0 : y * LogOnePlus((plus[j] - minus[j]) / minus[j]);
                    break;
                case Loss.BinaryCrossEntropy:
                    // ln((1 − a⁺) / (1 − a⁻)) with the exact difference a⁻ − a⁺ on top, not (1 − a⁺) − (1 − a⁻),
                    // whose two roundings would add as much noise as Forward's own.
                    sum -= (y == 0 ? 0 : y * LogOnePlus((plus[j] - minus[j]) / minus[j]))
                        + (y == 1 ? 0 : (1 - y) * LogOnePlus((minus[j] - plus[j]) / (1 - minus[j])));
                    break;
                default:
                    sum += 0.5 * (minus[j] - plus[j]) * (2 * y - plus[j] - minus[j]);
                    break;
            }
        }

        return sum;
    }

    /// <summary>
    /// (C(θ + h) − C(θ − h)) / 2h for parameter <paramref name="index"/>, with both costs from
    /// <c>Forward</c>'s outputs; the parameter is restored bit for bit afterwards.
    /// </summary>
    public static double Derivative(INeuralNetwork<double> network, Loss loss, int index, ReadOnlySpan<double> input, ReadOnlySpan<double> target, double step)
    {
        Span<double> parameters = network.Parameters;
        Span<double> outputPlus = stackalloc double[target.Length];
        Span<double> outputMinus = stackalloc double[target.Length];
        double original = parameters[index];
        double plus = original + step;
        double minus = original - step;
        try
        {
            parameters[index] = plus;
            network.Forward(input, outputPlus);
            parameters[index] = minus;
            network.Forward(input, outputMinus);

            // plus − minus is the step taken after rounding θ ± h; it is computed exactly.
            return CostDifference(loss, target, outputPlus, outputMinus) / (plus - minus);
        }
        finally
        {
            parameters[index] = original;
        }
    }

    /// <summary>
    /// ln(1 + x) without losing x's digits when x is small, as in Goldberg, "What every computer scientist should
    /// know about floating-point arithmetic" (theorem 4): u = 1 + x rounded, then ln u · x / (u − 1).
    /// </summary>
    public static double LogOnePlus(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>|a − b| / max(|a|, |b|, floor): relative error, read as absolute error / floor for values below the floor.</summary>
    public static double RelativeError(double a, double b, double floor) =>
        Math.Abs(a - b) / Math.Max(Math.Max(Math.Abs(a), Math.Abs(b)), floor);
}
