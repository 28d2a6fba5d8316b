using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Backprop.Package.Tests;

/// <summary>
/// The package's version comes from git (MinVer): a commit tagged vX.Y.Z packs X.Y.Z, any other commit a
/// prerelease that ends in its height, so that packs of two commits never share a version and a consumer never
/// restores another commit's package from the NuGet cache in its place.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class PackageVersionTests(PackageFixture package)
{
    [Fact]
    public void The_package_version_is_the_tag_on_the_commit_or_a_prerelease_that_ends_in_the_commit_height()
    {
        // The pack wrote the version the fixture expects (the package project's own, asked of it by the build).
        Assert.True(File.Exists(package.Package), $"dotnet pack wrote no {Path.GetFileName(package.Package)}:\n{package.PackOutput}");
        string version = PackageFixture.Version;

        string repository = Path.GetDirectoryName(PackageFixture.PackageProject)!;
        string[] tagsOnHead = Git.Run(repository, "tag", "--points-at", "HEAD", "--list", "v[0-9]*");
        string[] tagsBefore = Git.Run(repository, "tag", "--merged", "HEAD", "--list", "v[0-9]*");
        if (tagsOnHead.Length > 0)
        {
            Assert.Contains("v" + version, tagsOnHead);
        }
        else if (tagsBefore.Length == 0)
        {
            // Before the first release: the minimum version's first prerelease, then the number of commits
            // above the first one along first parents (a shallow clone counts only what it has).
            int height = int.Parse(Git.Run(repository, "rev-list", "--count", "--first-parent", "HEAD").Single(), System.Globalization.CultureInfo.InvariantCulture) - 1;
            Assert.Equal($"{PackageFixture.MinimumMajorMinor}.0-alpha.0" + (height > 0 ? $".{height}" : ""), version);
        }
        else
        {
            // After a release: a prerelease of the next version, ending in the height above the tag.
            Assert.Matches(@"^\d+\.\d+\.\d+-alpha\.0\.[1-9][0-9]*$", version);
        }
    }
}
