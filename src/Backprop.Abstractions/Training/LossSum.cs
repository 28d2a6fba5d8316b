namespace Backprop.Training;

/// <summary>
/// A running sum of finite per-row losses, in double, whose mean cannot overflow: the mean of finite values
/// is finite, however large their sum.
/// </summary>
/// <remarks>
/// The sum is the plain double sum, bit for bit, until an addition would overflow; from then on every
/// value is added scaled by 2⁻³². Scaling by a power of two is exact, so the result differs from the exact
/// mean only by the rounding of the additions; and fewer than 2³¹ rows of at most
/// <see cref="double.MaxValue"/> each cannot overflow the scaled sum. A float loss never gets there: the
/// largest float is far below the overflow of a double sum.
/// </remarks>
internal struct LossSum
{
    private const double Up = 4294967296.0; // 2³²
    private const double Down = 1.0 / Up;

    private double _sum;
    private bool _scaled;

    /// <summary>Adds one row's loss.</summary>
    /// <param name="loss">A finite loss.</param>
    public void Add(double loss)
    {
        if (_scaled)
        {
            _sum += loss * Down;
            return;
        }

        double sum = _sum + loss;
        if (double.IsInfinity(sum))
        {
            _sum = (_sum * Down) + (loss * Down);
            _scaled = true;
        }
        else
        {
            _sum = sum;
        }
    }

    /// <summary>Whether the plain double sum of the losses added has overflowed (the mean is still finite).</summary>
    public readonly bool Overflowed => _scaled;

    /// <summary>The mean of the <paramref name="count"/> losses added.</summary>
    /// <param name="count">How many losses were added, at least 1.</param>
    /// <returns>The sum divided by <paramref name="count"/>.</returns>
    public readonly double Mean(int count) => _scaled ? _sum / count * Up : _sum / count;
}
