using System.Globalization;
using System.Threading;
using Backprop.Generator.Helpers;
using Xunit;

namespace Backprop.Generator.Tests;

/// <summary>
/// The emitter's templates are interpolated strings; <see cref="CodeInterpolation"/> formats their numbers in the
/// invariant culture, so that a culture writing minus as U+2212 or a decimal comma cannot leak into generated code.
/// </summary>
public class CodeInterpolationTests
{
    [Fact]
    public void Numbers_are_formatted_in_the_invariant_culture_whatever_the_current_one()
    {
        int negative = -3;
        double half = -0.5;
        float third = 1f / 3f;

        (string plain, string invariant, string written) = InSwedish(() =>
        {
            var writer = new IndentedTextWriter();
            writer.WriteLine($"x[{negative}] = {half} + {third:R};");
            return ($"x[{negative}] = {half} + {third:R};", Invariant.Format($"x[{negative}] = {half} + {third:R};"), writer.ToString());
        });

        // The culture does change plain interpolation, so the assertions below can fail.
        Assert.Equal("x[\u22123] = \u22120,5 + 0,33333334;", plain);
        Assert.Equal("x[-3] = -0.5 + 0.33333334;", invariant);
        Assert.Equal("x[-3] = -0.5 + 0.33333334;\n", written);
    }

    [Fact]
    public void Blocks_take_interpolated_headers()
    {
        int neurons = 10;
        string written = InSwedish(() =>
        {
            var writer = new IndentedTextWriter();
            using (writer.WriteBlock($"for (int j = 0; j < {neurons}; j++)"))
            {
                writer.WriteLine($"a[j] = {-neurons};");
            }

            return writer.ToString();
        });

        Assert.Equal("for (int j = 0; j < 10; j++)\n{\n    a[j] = -10;\n}\n", written);
    }

    private static T InSwedish<T>(System.Func<T> action)
    {
        CultureInfo previous = CultureInfo.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = CultureInfo.GetCultureInfo("sv-SE");
            return action();
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }
}
