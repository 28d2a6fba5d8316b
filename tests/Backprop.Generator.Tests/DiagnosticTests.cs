using System.Collections.Generic;
using System.Linq;
using Backprop.Generator.Tests.TestHelpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Backprop.Generator.Tests;

/// <summary>
/// Every diagnostic the generator reports, from a declaration that triggers it: the snapshot records the
/// id, severity, the exact text the location covers, and the message.
/// </summary>
public class DiagnosticTests
{
    public static TheoryData<string> Cases => new(DiagnosticCases.All.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports(string name)
    {
        DiagnosticCase @case = DiagnosticCases.All[name];
        CSharpCompilation compilation = @case.Compilation ?? GeneratorHarness.CreateCompilation(@case.Source, @case.LanguageVersion);

        GeneratorRun run = GeneratorHarness.Run(compilation);

        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == @case.ExpectedId);
        Assert.All(run.GeneratorDiagnostics, d => Assert.StartsWith("BP", d.Id, System.StringComparison.Ordinal));
        Assert.All(run.GeneratorDiagnostics, d => Assert.NotEqual(Location.None, d.Location));
        Assert.All(run.GeneratorDiagnostics, d => Assert.EndsWith("docs/diagnostics.md#" + d.Id.ToLowerInvariant(), d.Descriptor.HelpLinkUri, System.StringComparison.Ordinal));
        if (run.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            // Nothing for the class in error; other networks of the project are still generated.
            Assert.DoesNotContain(run.GeneratedSources, s => s.HintName == @case.DiagnosedClass + ".g.cs");
        }
        else
        {
            // A warning leaves the network usable: it is generated and compiles.
            Assert.Single(run.GeneratedSources);
            Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        }

        Snapshot.VerifyText(DiagnosticText.Format(run.GeneratorDiagnostics, @case.Source), parameters: name);
    }

    [Fact]
    public void Every_descriptor_has_a_case_and_a_line_in_the_docs_and_release_notes()
    {
        var descriptors = typeof(NetworkGenerator).Assembly
            .GetType("Backprop.Generator.Diagnostics.DiagnosticDescriptors", throwOnError: true)!
            .GetFields()
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();
        string docs = System.IO.File.ReadAllText(RepositoryFile("docs/diagnostics.md"));
        string releases = System.IO.File.ReadAllText(RepositoryFile("src/Backprop.Generator/AnalyzerReleases.Unshipped.md"));
        var covered = DiagnosticCases.All.Values.Select(c => c.ExpectedId).ToHashSet();

        Assert.All(descriptors, d =>
        {
            Assert.Contains("## " + d.Id, docs, System.StringComparison.Ordinal);
            Assert.Contains(d.Id + " | Backprop | " + d.DefaultSeverity, releases, System.StringComparison.Ordinal);
            // BP0099 reports a bug in the generator, which no declaration can trigger on purpose.
            Assert.True(d.Id == "BP0099" || covered.Contains(d.Id), d.Id + " has no test case");
        });
    }

    private static string RepositoryFile(string relative, [System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(here)!, "..", "..", relative);
}

/// <summary>A declaration and the diagnostic it must produce.</summary>
public sealed record DiagnosticCase(
    string ExpectedId,
    string Source,
    LanguageVersion LanguageVersion = LanguageVersion.Latest,
    CSharpCompilation? Compilation = null,
    string DiagnosedClass = "Tiny");

internal static class DiagnosticCases
{
    private const string Using = "using Backprop;\n\n";

    public static readonly IReadOnlyDictionary<string, DiagnosticCase> All = new Dictionary<string, DiagnosticCase>
    {
        ["BP0001_not_partial"] = new("BP0001", Using + "[Network(3, 4, 2)]\ninternal class Tiny { }\n"),
        ["BP0002_container_not_partial"] = new("BP0002", Using + "internal class Outer\n{\n    [Network(3, 4, 2)]\n    internal partial class Tiny { }\n}\n"),
        ["BP0003_one_size"] = new("BP0003", Using + "[Network(3)]\ninternal partial class Tiny { }\n"),
        ["BP0003_no_sizes"] = new("BP0003", Using + "[Network]\ninternal partial class Tiny { }\n"),
        ["BP0004_zero_and_negative"] = new("BP0004", Using + "[Network(3, 0, -2)]\ninternal partial class Tiny { }\n"),
        ["BP0004_in_an_array"] = new("BP0004", Using + "[Network(new[] { 3, 0, 2 })]\ninternal partial class Tiny { }\n"),
        ["BP0005_generic"] = new("BP0005", Using + "[Network(3, 4, 2)]\ninternal partial class Tiny<T> { }\n"),
        ["BP0006_static"] = new("BP0006", Using + "[Network(3, 4, 2)]\ninternal static partial class Tiny { }\n"),
        ["BP0007_member_collisions"] = new("BP0007", Using + """
            [Network(3, 4, 2)]
            internal partial class Tiny
            {
                public int InputSize => 3;

                public void Forward(System.ReadOnlySpan<float> input, System.Span<float> output) { }

                // A legal overload: not a collision.
                public void Forward(int steps) { }

                public Tiny(int seed) { }
            }
            """),
        ["BP0008_too_large"] = new("BP0008", Using + "[Network(100, 100, 10, CodeShape = CodeShape.Unrolled)]\ninternal partial class Tiny { }\n"),
        ["BP0008_larger_than_a_long"] = new("BP0008", Using + "[Network(2147483647, 2147483647, 2147483647, 2147483647, 2147483647)]\ninternal partial class Tiny { }\n"),
        ["BP0026_stack_too_large"] = new("BP0026", Using + "[Network(16, 10000, 10)]\ninternal partial class Tiny { }\n"),
        ["BP0009_unknown_enum_values"] = new("BP0009", Using + "[Network(3, 4, 2, HiddenActivation = (Activation)42, Precision = (Precision)7)]\ninternal partial class Tiny { }\n"),
        ["BP0010_generic_container"] = new("BP0010", Using + "internal partial class Outer<T>\n{\n    [Network(3, 4, 2)]\n    internal partial class Tiny { }\n}\n"),
        ["BP0011_record"] = new("BP0011", Using + "[Network(3, 4, 2)]\ninternal partial record Tiny;\n"),
        ["BP0012_class_named_like_a_member"] = new("BP0012", Using + "[Network(3, 4, 2)]\ninternal partial class Forward { }\n", DiagnosedClass: "Forward"),
        ["BP0013_inherited_member"] = new("BP0013", Using + "internal class Base\n{\n    public int Parameters => 0;\n}\n\n[Network(3, 4, 2)]\ninternal partial class Tiny : Base { }\n"),
        ["BP0014_language_version"] = new("BP0014", Using + "[Network(3, 4, 2)]\ninternal partial class Tiny { }\n", LanguageVersion.CSharp7_3),
        ["BP0015_abstractions_missing"] = new("BP0015", WithoutAbstractionsSource, Compilation: WithoutAbstractions()),
        ["BP0016_file_local"] = new("BP0016", Using + "[Network(3, 4, 2)]\nfile partial class Tiny { }\n"),
        ["BP0017_constructor_does_not_chain"] = new("BP0017", Using + """
            [Network(3, 4, 2)]
            internal partial class Tiny
            {
                public Tiny(string name) { Name = name; }

                public Tiny(string name, int seed) : this(seed) { Name = name; }

                public Tiny(long seed) { InitializeParameters((int)seed); Name = ""; }

                public string Name { get; } = "";
            }
            """),
        ["BP0019_base_is_a_network"] = new("BP0019", Using + "[Network(2, 2)]\ninternal partial class Small { }\n\n[Network(3, 4, 2)]\ninternal partial class Tiny : Small { }\n"),
        ["BP0001_one_part_not_partial"] = new("BP0001", Using + "[Network(3, 4, 2)]\ninternal partial class Tiny { }\n\ninternal class Tiny { }\n"),
        ["BP0006_static_on_another_part"] = new("BP0006", Using + "[Network(3, 4, 2)]\ninternal partial class Tiny { }\n\ninternal static partial class Tiny { }\n"),
        ["BP0018_base_without_parameterless_constructor"] = new("BP0018", Using + "internal class Base\n{\n    public Base(int size) { }\n}\n\n[Network(3, 4, 2)]\ninternal partial class Tiny : Base { }\n"),
    };

    private const string WithoutAbstractionsSource = """
        namespace Backprop
        {
            [System.AttributeUsage(System.AttributeTargets.Class)]
            internal sealed class NetworkAttribute : System.Attribute
            {
                public NetworkAttribute(params int[] layerSizes) { }
            }
        }

        [Backprop.Network(3, 4, 2)]
        internal partial class Tiny { }
        """;

    /// <summary>A project that declares its own NetworkAttribute but does not reference Backprop.Abstractions.</summary>
    private static CSharpCompilation WithoutAbstractions() =>
        CSharpCompilation.Create(
            "NoAbstractions",
            new[] { CSharpSyntaxTree.ParseText(WithoutAbstractionsSource, GeneratorHarness.ParseOptions(), path: "Networks.cs") },
            Basic.Reference.Assemblies.Net100.References.All,
            GeneratorHarness.StrictOptions);
}
