using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Backprop.Package.Tests;

/// <summary>
/// Packs the Backprop package once for every test of the collection, into a folder feed under the system's
/// temporary folder. It packs what the solution build has just built (no second build): the same files a
/// release pack puts in, compiled in the test run's configuration.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        Root = Directory.CreateTempSubdirectory("backprop-package-").FullName;
        Feed = Directory.CreateDirectory(Path.Combine(Root, "feed")).FullName;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        PackOutput = Dotnet.Run(Root, "pack", PackageProject, "--no-build", "--no-restore", "-c", Metadata("Configuration"), "-o", Feed).AssertSuccess("dotnet pack");
        PackTime = clock.Elapsed;

        Package = Path.Combine(Feed, $"Backprop.{Version}.nupkg");
        Symbols = Path.Combine(Feed, $"Backprop.{Version}.snupkg");
    }

    /// <summary>The package version, as the repository's Directory.Build.props sets it.</summary>
    public static string Version => Metadata("PackageVersion");

    /// <summary>The major.minor that versions before a release tag start from (MinVerMinimumMajorMinor).</summary>
    public static string MinimumMajorMinor => Metadata("MinimumMajorMinor");

    /// <summary>The project file of the package.</summary>
    public static string PackageProject => Metadata("PackageProject");

    /// <summary>The repository's address, as the repository's Directory.Build.props sets it.</summary>
    public static string RepositoryUrl => Metadata("RepositoryUrl");

    /// <summary>A temporary folder that holds the feed and whatever tests create; deleted at the end.</summary>
    public string Root { get; }

    /// <summary>The local folder feed with the package and its symbols package.</summary>
    public string Feed { get; }

    public string Package { get; }

    public string Symbols { get; }

    public string PackOutput { get; }

    public TimeSpan PackTime { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the folder is in the temporary folder anyway.
        }
    }

    private static string Metadata(string key) =>
        typeof(PackageFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "Backprop package";
}
