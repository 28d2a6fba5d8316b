using System.Globalization;
using System.Text;

namespace Backprop.Generator.Emitting;

/// <summary>Writes layer numbers as superscripts for comments, as the derivation writes them: Z², A¹⁰.</summary>
internal static class Superscripts
{
    private const string Digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    public static string Of(int number)
    {
        var builder = new StringBuilder();
        foreach (char digit in number.ToString(CultureInfo.InvariantCulture))
        {
            builder.Append(Digits[digit - '0']);
        }

        return builder.ToString();
    }
}
