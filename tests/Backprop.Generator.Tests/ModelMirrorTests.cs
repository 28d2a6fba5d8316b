using System;
using System.Linq;
using Backprop.CompilerServices;
using Backprop.Generator.Emitting;
using Xunit;

namespace Backprop.Generator.Tests;

/// <summary>
/// The generator cannot load Backprop.Abstractions (compilers load generators on their own), so it keeps
/// copies of the attribute's enums and constants. These tests keep the copies in step with the originals.
/// </summary>
public class ModelMirrorTests
{
    [Fact]
    public void Activation_names_and_values_match_the_public_enum() =>
        AssertSameMembers(typeof(Backprop.Activation), typeof(Models.Activation));

    [Fact]
    public void Precision_names_and_values_match_the_public_enum() =>
        AssertSameMembers(typeof(Backprop.Precision), typeof(Models.Precision));

    [Fact]
    public void Loss_names_and_values_match_the_public_enum() =>
        AssertSameMembers(typeof(Backprop.Loss), typeof(Models.Loss));

    [Fact]
    public void CodeShape_names_and_values_match_the_public_enum() =>
        AssertSameMembers(typeof(Backprop.CodeShape), typeof(Models.CodeShape));

    [Fact]
    public void Leaky_ReLU_slope_is_the_same_in_generated_derivatives_and_the_forward_function()
    {
        Assert.Equal(ActivationFunctions.LeakyReLUSlope, ActivationSyntax.LeakyReLUSlope);
        Assert.Equal(-0.01f, ActivationFunctions.LeakyReLU(-1f));
        Assert.Equal(-0.01, ActivationFunctions.LeakyReLU(-1.0));
    }

    [Fact]
    public void Attribute_property_names_are_the_ones_the_parser_reads()
    {
        var properties = typeof(NetworkAttribute).GetProperties().Select(p => p.Name).ToHashSet();

        Assert.Contains(Parsing.NetworkParser.HiddenActivationName, properties);
        Assert.Contains(Parsing.NetworkParser.OutputActivationName, properties);
        Assert.Contains(Parsing.NetworkParser.PrecisionName, properties);
        Assert.Contains(Parsing.NetworkParser.LossName, properties);
        Assert.Contains(Parsing.NetworkParser.HiddenActivationsName, properties);
        Assert.Equal(typeof(Backprop.Activation[]), typeof(NetworkAttribute).GetProperty(Parsing.NetworkParser.HiddenActivationsName)!.PropertyType);
        Assert.Equal(typeof(Backprop.Loss), typeof(NetworkAttribute).GetProperty(Parsing.NetworkParser.LossName)!.PropertyType);
        Assert.Contains(Parsing.NetworkParser.CodeShapeName, properties);
        Assert.Equal(Parsing.NetworkParser.AttributeMetadataName, typeof(NetworkAttribute).FullName);
    }

    private static void AssertSameMembers(Type original, Type copy)
    {
        Assert.Equal(
            Enum.GetNames(original).Select(name => (name, Convert.ToInt32(Enum.Parse(original, name), System.Globalization.CultureInfo.InvariantCulture))),
            Enum.GetNames(copy).Select(name => (name, Convert.ToInt32(Enum.Parse(copy, name), System.Globalization.CultureInfo.InvariantCulture))));
    }
}
