using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace Backprop.Package.Tests;

/// <summary>What is inside the Backprop package, and what is not.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageContentTests(PackageFixture package)
{
    [Fact]
    public void The_package_holds_the_abstractions_the_generator_readme_and_license_and_nothing_else()
    {
        string[] files = Entries(package.Package)
            .Where(name => !IsPackagingPart(name))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(
            new[]
            {
                "Backprop.nuspec",
                "LICENSE",
                "README.md",
                // The generator where compilers load it, and only there: not in lib/, so nothing references it.
                "analyzers/dotnet/cs/Backprop.Generator.dll",
                // The abstractions for each target framework, each with its XML documentation.
                "lib/net8.0/Backprop.Abstractions.dll",
                "lib/net8.0/Backprop.Abstractions.xml",
                "lib/netstandard2.0/Backprop.Abstractions.dll",
                "lib/netstandard2.0/Backprop.Abstractions.xml",
            },
            files);
    }

    [Fact]
    public void The_metadata_names_the_package_its_license_readme_and_only_the_dependencies_it_needs()
    {
        XElement metadata = Nuspec(package.Package).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

        Assert.Equal("Backprop", Value("id"));
        Assert.Equal(PackageFixture.Version, Value("version"));
        Assert.Equal("Backprop contributors", Value("authors"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Contains("[Network(3, 4, 2)]", Value("description"), StringComparison.Ordinal);

        // System.Memory for netstandard2.0's spans; nothing for net8.0; never the generator or the compiler.
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(d => $"{d.Parent!.Attribute("targetFramework")!.Value}: {d.Attribute("id")!.Value}")
            .ToArray();
        Assert.Equal(new[] { ".NETStandard2.0: System.Memory" }, dependencies);
        Assert.Equal(2, metadata.Descendants().Count(e => e.Name.LocalName == "group"));
    }

    [Fact]
    public void The_metadata_and_the_readme_name_the_repository_that_the_help_links_point_into()
    {
        XElement metadata = Nuspec(package.Package).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        XElement repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");

        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.Equal(PackageFixture.RepositoryUrl, repository.Attribute("url")?.Value);
        Assert.Equal(PackageFixture.RepositoryUrl, metadata.Elements().Single(e => e.Name.LocalName == "projectUrl").Value);

        // The README that nuget.org shows says where the repository is.
        using ZipArchive archive = ZipFile.OpenRead(package.Package);
        using var reader = new StreamReader(archive.GetEntry("README.md")!.Open());
        Assert.Contains(PackageFixture.RepositoryUrl, reader.ReadToEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_license_file_is_mit_and_the_symbols_package_has_a_pdb_per_target_framework()
    {
        using (ZipArchive archive = ZipFile.OpenRead(package.Package))
        {
            using var reader = new StreamReader(archive.GetEntry("LICENSE")!.Open());
            string license = reader.ReadToEnd();
            Assert.StartsWith("MIT License", license, StringComparison.Ordinal);
            Assert.Contains("Copyright (c) Backprop contributors", license, StringComparison.Ordinal);
        }

        Assert.Equal(
            new[] { "lib/net8.0/Backprop.Abstractions.pdb", "lib/netstandard2.0/Backprop.Abstractions.pdb" },
            Entries(package.Symbols).Where(name => name.EndsWith(".pdb", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    private static string[] Entries(string path)
    {
        using ZipArchive archive = ZipFile.OpenRead(path);
        return archive.Entries.Select(e => e.FullName).ToArray();
    }

    // The files every .nupkg has for the Open Packaging Conventions.
    private static bool IsPackagingPart(string name) =>
        name is "[Content_Types].xml" || name.StartsWith("_rels/", StringComparison.Ordinal) || name.StartsWith("package/services/", StringComparison.Ordinal);

    private static XDocument Nuspec(string path)
    {
        using ZipArchive archive = ZipFile.OpenRead(path);
        using Stream stream = archive.GetEntry("Backprop.nuspec")!.Open();
        return XDocument.Load(stream);
    }
}
