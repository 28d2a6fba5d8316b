using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Xunit.Sdk;

namespace Backprop.Generator.Tests.TestHelpers;

/// <summary>
/// The networks of the numeric tests: topologies drawn with a fixed seed, declared in one C# source
/// text, run through the generator and compiled once for every test that needs them.
/// </summary>
internal sealed class NetworkSuite
{
    /// <summary>The seed of the topology draw. Changing it changes every network of the suite.</summary>
    public const int TopologySeed = 20_251_107;

    public const int TopologyCount = 30;

    public const int MinLayers = 2;

    public const int MaxLayers = 5;

    public const int MinSize = 1;

    public const int MaxSize = 12;

    /// <summary>On this many topologies (with a hidden layer) every hidden × output pair is declared, not only the 5 uniform ones.</summary>
    public const int AllPairsTopologyCount = 2;

    public static readonly Activation[] Activations = Enum.GetValues<Activation>();

    /// <summary>
    /// The parse options of the suite, for its source and the generated files: the harness's, without
    /// documentation comments and without nullable analysis. Neither can change the IL, and skipping
    /// them roughly halves the compile time of the suite (measured in one warm process: 17–26 s of
    /// processor time instead of 29–57 s; the generated bodies are long runs of arithmetic on locals,
    /// which the nullable walker tracks one by one). The networks of one topology are compiled with every check on, see
    /// <see cref="CompileStrictly"/>.
    /// </summary>
    private static readonly CSharpParseOptions FastParseOptions = GeneratorHarness.ParseOptions()
        .WithDocumentationMode(DocumentationMode.None)
        .WithFeatures(new[] { new KeyValuePair<string, string>("run-nullable-analysis", "never") });

    private static readonly Lazy<NetworkSuite> s_instance = new(() => new NetworkSuite(DrawTopologies()));

    private NetworkSuite(IReadOnlyList<int[]> topologies)
    {
        Topologies = topologies;
        Networks = Declare(topologies);
        Source = WriteSource(Networks);

        var stopwatch = Stopwatch.StartNew();
        TimeSpan processorTime = Process.GetCurrentProcess().TotalProcessorTime;
        GeneratorRun run = GeneratorHarness.Run(CSharpCompilation.Create(
            "GradientSuite",
            new[] { CSharpSyntaxTree.ParseText(Source, FastParseOptions, path: "Networks.cs") },
            GeneratorHarness.References,
            GeneratorHarness.StrictOptions));
        GeneratorDiagnostics = run.GeneratorDiagnostics;
        GeneratedFileCount = run.GeneratedSources.Length;
        GeneratedLineCount = run.GeneratedSources.Sum(s => s.SourceText.Lines.Count);

        using var stream = new MemoryStream();
        EmitResult emitted = run.Output.Emit(stream);
        EmitDiagnostics = emitted.Diagnostics.Where(d => d.Severity > DiagnosticSeverity.Hidden && !IsReferenceUnification(d)).ToImmutableArray();
        Assembly = emitted.Success ? Assembly.Load(stream.ToArray()) : null;
        CompileTime = stopwatch.Elapsed;
        CompileProcessorTime = Process.GetCurrentProcess().TotalProcessorTime - processorTime;
    }

    /// <summary>The suite, generated and compiled on first use and shared by every test after that.</summary>
    public static NetworkSuite Instance => s_instance.Value;

    public IReadOnlyList<int[]> Topologies { get; }

    public IReadOnlyList<NetworkSpec> Networks { get; }

    /// <summary>The C# that declares every network: attributes on empty partial classes, nothing written by hand.</summary>
    public string Source { get; }

    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

    /// <summary>Errors and warnings of compiling the declarations together with the generated code.</summary>
    public ImmutableArray<Diagnostic> EmitDiagnostics { get; }

    public int GeneratedFileCount { get; }

    public int GeneratedLineCount { get; }

    /// <summary>Wall-clock time of generating, compiling and loading the suite.</summary>
    public TimeSpan CompileTime { get; }

    /// <summary>Processor time of the same, all threads: a measure that does not depend on what else the machine runs.</summary>
    public TimeSpan CompileProcessorTime { get; }

    /// <summary>The compiled suite, or <see langword="null"/> if it did not compile.</summary>
    public Assembly? Assembly { get; }

    public INeuralNetwork<double> CreateDouble(NetworkSpec spec) => Create<INeuralNetwork<double>>(spec.DoubleTypeName, spec.Seed);

    public INeuralNetwork<float> CreateFloat(NetworkSpec spec) =>
        spec.HasFloatTwin
            ? Create<INeuralNetwork<float>>(spec.FloatTypeName, spec.Seed)
            : throw new InvalidOperationException(spec.Name + " has no single-precision twin.");

    /// <summary>
    /// The networks compiled with every check on: the uniform ones, in both precisions, of the drawn
    /// topology with a hidden layer and the fewest parameters. Every activation appears on hidden and
    /// output layers in both number types, which is every variation the emitter writes.
    /// </summary>
    public IReadOnlyList<NetworkSpec> StrictlyCompiledNetworks =>
        Networks
            .Where(n => n.Hidden == n.Output && n.LayerCount > 2)
            .GroupBy(n => n.Topology)
            .OrderBy(g => g.First().ParameterCount)
            .First()
            .ToList();

    /// <summary>
    /// Generates and compiles <see cref="StrictlyCompiledNetworks"/> with the harness's strictest settings
    /// (warning level 9999, nullable analysis, documentation comments checked) and returns every
    /// diagnostic of the generator and the compiler.
    /// </summary>
    public ImmutableArray<Diagnostic> CompileStrictly()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(WriteSource(StrictlyCompiledNetworks), assemblyName: "StrictSuite"));
        return run.GeneratorDiagnostics.AddRange(run.CompilerDiagnostics.Where(d => !IsReferenceUnification(d)));
    }

    /// <summary>
    /// 30 topologies of 2–5 layers with sizes 1–12, uniformly, from <see cref="System.Random"/> with a
    /// fixed seed. .NET keeps the seeded sequence of the original algorithm; should that ever change,
    /// the suite test still checks that the draw covers 2 and 5 layers and sizes 1 and 12.
    /// </summary>
    public static IReadOnlyList<int[]> DrawTopologies()
    {
        var random = new Random(TopologySeed);
        var topologies = new List<int[]>();
        for (int t = 0; t < TopologyCount; t++)
        {
            int layers = random.Next(MinLayers, MaxLayers + 1);
            topologies.Add(Enumerable.Range(0, layers).Select(_ => random.Next(MinSize, MaxSize + 1)).ToArray());
        }

        return topologies;
    }

    /// <summary>
    /// Every topology with each activation on all layers, in double precision; a single-precision twin
    /// of one of those per topology, the activation taking turns so that each has six twins; and on the
    /// first topologies that have a hidden layer, the 20 mixed hidden × output pairs, in double precision.
    /// </summary>
    /// <remarks>
    /// Compiling dominates the run time (some 100 ms of processor time per generated class of about 800
    /// lines, more while the compiler's own code is still being jitted), which sets how many twins and
    /// mixed pairs the suite affords.
    /// </remarks>
    private static List<NetworkSpec> Declare(IReadOnlyList<int[]> topologies)
    {
        var networks = new List<NetworkSpec>();
        void Add(int topology, Activation hidden, Activation output)
        {
            int index = networks.Count;
            string name = "T" + topology.ToString("00", System.Globalization.CultureInfo.InvariantCulture) + "_" + hidden + "_" + output;
            networks.Add(new NetworkSpec(index, topology, name, topologies[topology], hidden, output, Seed: 1000 + index, HasFloatTwin: hidden == output && (int)hidden == topology % Activations.Length));
        }

        for (int t = 0; t < topologies.Count; t++)
        {
            foreach (Activation activation in Activations)
            {
                Add(t, activation, activation);
            }
        }

        var withHiddenLayers = Enumerable.Range(0, topologies.Count).Where(t => topologies[t].Length > 2).Take(AllPairsTopologyCount);
        foreach (int t in withHiddenLayers)
        {
            foreach (Activation hidden in Activations)
            {
                foreach (Activation output in Activations.Where(o => o != hidden))
                {
                    Add(t, hidden, output);
                }
            }
        }

        return networks;
    }

    private static string WriteSource(IEnumerable<NetworkSpec> networks)
    {
        var source = new StringBuilder();
        source.Append("using Backprop;\n\nnamespace ").Append(NetworkSpec.Namespace).Append(";\n");
        foreach (NetworkSpec spec in networks)
        {
            source.Append('\n')
                .Append("[Network(").Append(spec.AttributeArguments(Precision.Double)).Append(")]\n")
                .Append("public partial class ").Append(spec.Name).Append("_Double { }\n");
            if (spec.HasFloatTwin)
            {
                source.Append('\n')
                    .Append("[Network(").Append(spec.AttributeArguments(Precision.Single)).Append(")]\n")
                    .Append("public partial class ").Append(spec.Name).Append("_Float { }\n");
            }
        }

        return source.ToString();
    }

    /// <summary>
    /// CS1701/CS1702, "assuming assembly reference … matches identity …": Backprop.Abstractions is built
    /// against an older System.Runtime than the .NET 10 reference assemblies. The SDK suppresses these
    /// two by default; they say nothing about the generated code.
    /// </summary>
    private static bool IsReferenceUnification(Diagnostic diagnostic) => diagnostic.Id is "CS1701" or "CS1702";

    private T Create<T>(string typeName, int seed)
        where T : class
    {
        if (Assembly is null)
        {
            throw new XunitException("The suite does not compile:\n" + string.Join("\n", EmitDiagnostics.Take(20)));
        }

        return GeneratorHarness.Create<T>(Assembly, typeName, seed);
    }
}
