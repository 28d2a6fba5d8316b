using System;
using System.Globalization;

namespace Backprop.Generator.Tests.TestHelpers;

/// <summary>The largest value seen of some error measure, and where it was seen, for the test output.</summary>
internal sealed class Worst
{
    private readonly string _measure;

    public Worst(string measure)
    {
        _measure = measure;
    }

    public double Value { get; private set; } = double.NegativeInfinity;

    public string Where { get; private set; } = "(nothing observed)";

    public long Count { get; private set; }

    /// <summary>Records <paramref name="value"/>; <paramref name="where"/> is only called for a new maximum. NaN always wins, so it is reported.</summary>
    public void Observe(double value, Func<string> where)
    {
        Count++;
        if (value > Value || double.IsNaN(value))
        {
            Value = value;
            Where = where();
        }
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{_measure}: worst {Value:E3} over {Count} values, at {Where}");
}
