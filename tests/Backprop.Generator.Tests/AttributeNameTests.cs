using Xunit;

namespace Backprop.Generator.Tests;

/// <summary>
/// The generator compiles the library's enums, constants, [Network] and weights-file reader from the library's
/// own source files (Backprop.Generator.csproj), so no test has to keep copies in step. One fact cannot come from
/// there: the namespace the attribute has in the library, since the linked copy lives in the generator's
/// namespace (a second internal Backprop.NetworkAttribute would clash with the public one wherever both
/// assemblies are visible, as in these tests). The pipeline finds [Network] by that full name.
/// </summary>
public class AttributeNameTests
{
    [Fact]
    public void The_generator_looks_for_the_attribute_by_its_full_name_in_the_library() =>
        Assert.Equal(Parsing.NetworkParser.AttributeMetadataName, typeof(NetworkAttribute).FullName);
}
