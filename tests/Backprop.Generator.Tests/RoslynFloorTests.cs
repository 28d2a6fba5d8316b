using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Diagnostics;
using System.Threading.Tasks;
using Backprop.Generator.Tests.TestHelpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Backprop.Generator.Tests;

/// <summary>
/// The generator is built against the oldest compiler it supports (Roslyn 4.3.1, what Unity 2022.2+ runs) and
/// really runs in it: these tests read its references, and drive it with that compiler's own assemblies
/// through code compiled against 4.3.1's API.
/// </summary>
public sealed class RoslynFloorTests
{
    private static string GeneratorPath => typeof(NetworkGenerator).Assembly.Location;

    [Fact]
    public void The_generator_references_the_floor_version_of_the_compiler_and_nothing_newer()
    {
        Version floor = AssemblyName.GetAssemblyName(BuildFacts.RoslynFloor[0]).Version!;
        Assert.Equal(new Version(4, 3, 0, 0), floor); // package 4.3.1 ships assembly version 4.3.0.0
        Assert.StartsWith("4.3.", BuildFacts.RoslynFloorVersion, StringComparison.Ordinal);

        AssemblyName[] references = typeof(NetworkGenerator).Assembly.GetReferencedAssemblies();
        AssemblyName[] roslyn = references.Where(r => r.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)).ToArray();
        Assert.Equal(new[] { "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp" }, roslyn.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.All(roslyn, r => Assert.Equal(floor, r.Version));

        // A generator is loaded by the compiler as .NET Standard 2.0.
        Assert.Contains(references, r => r.Name == "netstandard" && r.Version == new Version(2, 0, 0, 0));
    }

    [Fact]
    public void The_generator_runs_in_the_floor_compiler_through_its_generator_driver()
    {
        // The driver is compiled against the 4.3.1 assemblies, so an API that 4.3 lacks would not compile.
        // It runs in a process of its own beside those assemblies and the generator: this test process has a
        // newer compiler loaded and runs without tiered compilation, which makes a second compiler slow to start.
        string folder = Directory.CreateTempSubdirectory("backprop-roslyn-floor-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "FloorDriver.dll"), CompileDriver());
            File.WriteAllText(Path.Combine(folder, "FloorDriver.runtimeconfig.json"), """
                { "runtimeOptions": { "tfm": "net10.0", "framework": { "name": "Microsoft.NETCore.App", "version": "10.0.0" } } }
                """);
            foreach (string assembly in BuildFacts.RoslynFloor.Append(GeneratorPath))
            {
                File.Copy(assembly, Path.Combine(folder, Path.GetFileName(assembly)));
            }

            File.WriteAllText(Path.Combine(folder, "Networks.cs"), Source);
            File.WriteAllLines(Path.Combine(folder, "references.txt"), Directory.GetFiles(BuildFacts.NetStandard21References, "*.dll").Append(BuildFacts.AbstractionsNetStandard20));

            string[] lines = RunDriver(folder);

            // It ran in 4.3.0.0; the generator wrote both good networks, and reported the bad one with a stand-in for
            // it; the output compiles cleanly.
            Assert.Equal(
                new[] { "compiler 4.3.0.0", "file Floor.Tiny.g.cs", "file Floor.TooShort.g.cs", "file Floor.Wide.g.cs", "generator BP0003" },
                lines.Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string[] RunDriver(string folder)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(folder, "FloorDriver.dll"));
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "The driver did not finish in two minutes.");
        Assert.True(process.ExitCode == 0, $"The driver failed ({process.ExitCode}):\n{output}\n{error.Result}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private const string Source = """
        using Backprop;

        namespace Floor
        {
            [Network(3, 4, 2)]
            public partial class Tiny { }

            [Network(16, 32, 8, HiddenActivation = Activation.Tanh, Precision = Precision.Double)]
            public partial class Wide { }

            [Network(3)]
            public partial class TooShort { }
        }
        """;

    // Roslyn 4.3-era API only: CSharpGeneratorDriver.Create with parse options, AsSourceGenerator,
    // RunGeneratorsAndUpdateCompilation, GetRunResult. Returns one line per fact for the test to check.
    private const string DriverSource = """
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Linq;
        using Microsoft.CodeAnalysis;
        using Microsoft.CodeAnalysis.CSharp;

        public static class FloorDriver
        {
            public static void Main()
            {
                foreach (string line in Run(System.IO.File.ReadAllText("Networks.cs"), System.IO.File.ReadAllLines("references.txt")))
                {
                    System.Console.WriteLine(line);
                }
            }

            private static string[] Run(string source, string[] referencePaths)
            {
                // The SDK silences CS1701/CS1702 (a reference built against an older framework version) the same way.
                var quiet = new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress };
                var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp9);
                CSharpCompilation compilation = CSharpCompilation.Create(
                    "Floor",
                    new[] { CSharpSyntaxTree.ParseText(source, parseOptions) },
                    referencePaths.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)),
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999, specificDiagnosticOptions: quiet));

                GeneratorDriver driver = CSharpGeneratorDriver.Create(
                    new[] { new Backprop.Generator.NetworkGenerator().AsSourceGenerator() },
                    parseOptions: parseOptions);
                driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);

                var lines = new List<string> { "compiler " + typeof(CSharpCompilation).Assembly.GetName().Version };
                foreach (GeneratedSourceResult file in driver.GetRunResult().Results.SelectMany(r => r.GeneratedSources))
                {
                    lines.Add("file " + file.HintName);
                }

                lines.AddRange(diagnostics.Select(d => "generator " + d.Id));
                lines.AddRange(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => "compiler " + d));
                return lines.ToArray();
            }
        }
        """;

    private static byte[] CompileDriver()
    {
        var compilation = CSharpCompilation.Create(
            "FloorDriver",
            new[] { CSharpSyntaxTree.ParseText(DriverSource, new CSharpParseOptions(LanguageVersion.CSharp9)) },
            Basic.Reference.Assemblies.Net100.References.All.CastArray<MetadataReference>()
                .AddRange(BuildFacts.RoslynFloor.Append(GeneratorPath).Select(path => MetadataReference.CreateFromFile(path))),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, "The driver does not compile against Roslyn 4.3.1:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return stream.ToArray();
    }
}
