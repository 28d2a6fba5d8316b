using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Sdk;

namespace Backprop.Generator.Tests.TestHelpers;

/// <summary>Runs the generator in memory over C# source, and compiles or loads what comes out.</summary>
internal static class GeneratorHarness
{
    /// <summary>.NET 10's reference assemblies and Backprop.Abstractions.</summary>
    public static readonly ImmutableArray<MetadataReference> References =
        Net100.References.All.CastArray<MetadataReference>()
            .Add(MetadataReference.CreateFromFile(typeof(INeuralNetwork).Assembly.Location));

    /// <summary>The strictest settings: every warning at level 9999, nullable on, XML documentation checked.</summary>
    public static readonly CSharpCompilationOptions StrictOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        warningLevel: 9999,
        optimizationLevel: OptimizationLevel.Release,
        deterministic: true,
        // The SDK silences these two by default: they say that an assembly built against .NET 8's
        // System.Runtime (Backprop.Abstractions) is used with .NET 10's, which is expected.
        specificDiagnosticOptions: new[]
        {
            new System.Collections.Generic.KeyValuePair<string, ReportDiagnostic>("CS1701", ReportDiagnostic.Suppress),
            new System.Collections.Generic.KeyValuePair<string, ReportDiagnostic>("CS1702", ReportDiagnostic.Suppress),
        });

    public static CSharpParseOptions ParseOptions(LanguageVersion version = LanguageVersion.Latest) =>
        new(version, DocumentationMode.Diagnose);

    public static CSharpCompilation CreateCompilation(string source, LanguageVersion version = LanguageVersion.Latest, string assemblyName = "Networks") =>
        CSharpCompilation.Create(
            assemblyName,
            new[] { CSharpSyntaxTree.ParseText(source, ParseOptions(version), path: "Networks.cs") },
            References,
            StrictOptions);

    public static CSharpGeneratorDriver CreateDriver(
        CSharpParseOptions parseOptions,
        bool trackSteps = false,
        ImmutableArray<AdditionalText> additionalTexts = default,
        NetworkGenerator? generator = null) =>
        CSharpGeneratorDriver.Create(
            new[] { (generator ?? new NetworkGenerator()).AsSourceGenerator() },
            additionalTexts: additionalTexts.IsDefault ? ImmutableArray<AdditionalText>.Empty : additionalTexts,
            parseOptions: parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator once over <paramref name="compilation"/>.</summary>
    public static GeneratorRun Run(
        CSharpCompilation compilation,
        bool trackSteps = false,
        ImmutableArray<AdditionalText> additionalTexts = default,
        NetworkGenerator? generator = null)
    {
        var parseOptions = (CSharpParseOptions)compilation.SyntaxTrees.First().Options;
        GeneratorDriver driver = CreateDriver(parseOptions, trackSteps, additionalTexts, generator)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorRun(compilation, output, diagnostics, driver);
    }

    public static GeneratorRun Run(string source, LanguageVersion version = LanguageVersion.Latest) =>
        Run(CreateCompilation(source, version));

    /// <summary>Compiles the generator's output and loads it; fails the test with the compiler's errors if it does not build.</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new XunitException("The generated code does not compile:\n" + string.Join("\n",
                result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        }

        return Assembly.Load(stream.ToArray());
    }

    /// <summary>Creates an instance of a generated network class by its full name.</summary>
    public static T Create<T>(Assembly assembly, string typeName, int seed)
        where T : class
    {
        Type type = assembly.GetType(typeName, throwOnError: true)!;
        return (T)Activator.CreateInstance(type, seed)!;
    }
}

/// <summary>The outcome of one generator run.</summary>
/// <param name="Input">The compilation the generator saw.</param>
/// <param name="Output">The compilation with the generated files added.</param>
/// <param name="GeneratorDiagnostics">What the generator reported (BP diagnostics, or CS8785 if it crashed).</param>
/// <param name="Driver">The driver, to run again incrementally.</param>
internal sealed record GeneratorRun(
    CSharpCompilation Input,
    Compilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    GeneratorDriver Driver)
{
    public GeneratorDriverRunResult Result => Driver.GetRunResult();

    public ImmutableArray<GeneratedSourceResult> GeneratedSources =>
        Result.Results.SelectMany(r => r.GeneratedSources).ToImmutableArray();

    /// <summary>Every diagnostic of the compiled output that is more than Hidden.</summary>
    public ImmutableArray<Diagnostic> CompilerDiagnostics =>
        Output.GetDiagnostics().Where(d => d.Severity > DiagnosticSeverity.Hidden).ToImmutableArray();

    /// <summary>The generated source of the file with <paramref name="hintName"/>.</summary>
    public string Source(string hintName) =>
        GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
}
