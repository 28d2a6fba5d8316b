using System;
using System.Linq;
using System.Reflection;

namespace Backprop.Generator.Tests.TestHelpers;

/// <summary>Paths and versions that the test project's build wrote into this assembly (see the .csproj).</summary>
internal static class BuildFacts
{
    /// <summary>The folder of .NET Standard 2.1's reference assemblies (NETStandard.Library.Ref 2.1.0).</summary>
    public static string NetStandard21References => Read("NetStandard21References");

    /// <summary>Backprop.Abstractions built for netstandard2.0.</summary>
    public static string AbstractionsNetStandard20 => Read("AbstractionsNetStandard20");

    /// <summary>The version of the oldest compiler the generator supports, as a package version (4.3.1).</summary>
    public static string RoslynFloorVersion => Read("RoslynFloorVersion");

    /// <summary>Microsoft.CodeAnalysis.dll and Microsoft.CodeAnalysis.CSharp.dll of that version.</summary>
    public static string[] RoslynFloor => Read("RoslynFloor").Split(';');

    /// <summary>The repository's address (BackpropRepositoryUrl in Directory.Build.props).</summary>
    public static string RepositoryUrl => Read("RepositoryUrl");

    private static string Read(string key) =>
        typeof(BuildFacts).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The build did not record {key}.");
}
