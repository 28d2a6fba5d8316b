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

    /// <summary>On this many topologies (with a hidden layer) every hidden × output pair of <see cref="ElementwiseActivations"/> is declared, not only the 5 uniform ones.</summary>
    public const int AllPairsTopologyCount = 1;

    /// <summary>How many softmax outputs with the quadratic cost (which warns, BP0020) the suite declares.</summary>
    public const int SoftmaxWithQuadraticCostCount = 5;

    /// <summary>The activations that apply to each neuron alone: every one but the softmax, which is for output layers only (BP0024).</summary>
    public static readonly Activation[] ElementwiseActivations = Enum.GetValues<Activation>().Where(a => a != Activation.Softmax).ToArray();

    /// <summary>
    /// Every output layer and loss the suite declares: each elementwise activation with the quadratic cost, the
    /// softmax with cross-entropy, the sigmoid with binary cross-entropy, and the softmax with the quadratic cost.
    /// </summary>
    public static readonly (Activation Output, Loss Loss)[] OutputConfigurations = ElementwiseActivations
        .Select(a => (a, Loss.MeanSquaredError))
        .Append((Activation.Softmax, Loss.CrossEntropy))
        .Append((Activation.Sigmoid, Loss.BinaryCrossEntropy))
        .Append((Activation.Softmax, Loss.MeanSquaredError))
        .ToArray();

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
    /// The networks compiled with every check on: every network of the drawn topology with a hidden layer and
    /// the fewest parameters (its uniform ones in both precisions, and its softmax and binary cross-entropy
    /// networks), and the smallest network with an activation per hidden layer. Every activation appears on
    /// hidden and output layers in both number types, and every loss, which is every variation the emitter writes.
    /// </summary>
    public IReadOnlyList<NetworkSpec> StrictlyCompiledNetworks
    {
        get
        {
            int smallest = Networks
                .Where(n => n.LayerCount > 2)
                .OrderBy(n => n.ParameterCount)
                .ThenBy(n => n.Topology)
                .First()
                .Topology;
            NetworkSpec perLayer = Networks
                .Where(n => n.HasPerLayerActivations)
                .OrderBy(n => n.ParameterCount)
                .ThenBy(n => n.Topology)
                .First();
            return Networks.Where(n => n.Topology == smallest).Append(perLayer).ToList();
        }
    }

    /// <summary>
    /// Generates and compiles <see cref="StrictlyCompiledNetworks"/> with the harness's strictest settings
    /// (warning level 9999, nullable analysis, documentation comments checked).
    /// </summary>
    /// <returns>The source, what the generator reported, and every diagnostic of the compiler.</returns>
    public (string Source, ImmutableArray<Diagnostic> Generator, ImmutableArray<Diagnostic> Compiler) CompileStrictly()
    {
        string source = WriteSource(StrictlyCompiledNetworks);
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(source, assemblyName: "StrictSuite"));
        return (source, run.GeneratorDiagnostics, run.CompilerDiagnostics.Where(d => !IsReferenceUnification(d)).ToImmutableArray());
    }

    /// <summary>
    /// The warnings the generator owes <paramref name="networks"/>, one line each as <see cref="DescribeDiagnostics"/>
    /// writes them: BP0020 on the <c>OutputActivation</c> of every softmax network with the quadratic cost, in both precisions.
    /// </summary>
    public static IEnumerable<string> ExpectedDiagnostics(IEnumerable<NetworkSpec> networks) =>
        networks
            .Where(n => n.Output == Activation.Softmax && n.Loss == Loss.MeanSquaredError)
            .SelectMany(n => n.HasFloatTwin ? new[] { n.Name + "_Double", n.Name + "_Float" } : new[] { n.Name + "_Double" })
            .Select(className => "BP0020 Warning on " + className + " at `OutputActivation = Activation.Softmax`")
            .Order(StringComparer.Ordinal);

    /// <summary>Each diagnostic as its id, severity, the class whose attribute it is on, and the text it covers.</summary>
    public static IEnumerable<string> DescribeDiagnostics(IEnumerable<Diagnostic> diagnostics, string source) =>
        diagnostics
            .Select(d =>
            {
                int start = d.Location.SourceSpan.Start;
                const string ClassKeyword = "public partial class ";
                int declaration = source.IndexOf(ClassKeyword, start, StringComparison.Ordinal);
                string className = declaration < 0 ? "(no class)" : source[(declaration + ClassKeyword.Length)..source.IndexOf(' ', declaration + ClassKeyword.Length)];
                return d.Id + " " + d.Severity + " on " + className + " at `" + source.Substring(start, d.Location.SourceSpan.Length) + "`";
            })
            .Order(StringComparer.Ordinal);

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
    /// The networks, in this order (old ones keep their index, hence their seeds, as new kinds are added):
    /// <list type="number">
    /// <item>every topology with each elementwise activation on all layers and the quadratic cost, with a
    /// single-precision twin of one of those per topology, the activation taking turns so that each has six twins;</item>
    /// <item>on the first topology that has a hidden layer, the 20 mixed hidden × output pairs (on two before the
    /// losses came, which cost more compile time than the pairs of a second topology were worth);</item>
    /// <item>a softmax output with cross-entropy on every topology with two outputs or more;</item>
    /// <item>a sigmoid output with binary cross-entropy on every topology;</item>
    /// <item>a softmax output with the quadratic cost (BP0020 warns) on the five smallest topologies with a hidden
    /// layer and two outputs or more, one per hidden activation;</item>
    /// <item>an activation per hidden layer (<c>HiddenActivations</c>) on every topology with two hidden layers
    /// or more, neighbouring layers different, the output configuration taking turns.</item>
    /// </list>
    /// In 3 to 5 the hidden activation takes turns over the networks that have a hidden layer, so that each
    /// meets each output configuration; two of each new kind (one of 5) have a single-precision twin.
    /// </summary>
    /// <remarks>
    /// Compiling dominates the run time (some 100 ms of processor time per generated class of about 800
    /// lines, more while the compiler's own code is still being jitted), which sets how many twins and
    /// mixed pairs the suite affords.
    /// </remarks>
    private static List<NetworkSpec> Declare(IReadOnlyList<int[]> topologies)
    {
        var networks = new List<NetworkSpec>();
        void Add(int topology, Activation hidden, Activation output, bool twin, Loss loss = Loss.MeanSquaredError, Activation[]? hiddenLayers = null)
        {
            int index = networks.Count;
            string hiddenName = hiddenLayers is null ? hidden.ToString() : "Layers_" + string.Join("_", hiddenLayers);
            string lossName = loss switch
            {
                Loss.CrossEntropy => "_CE",
                Loss.BinaryCrossEntropy => "_BCE",
                _ => output == Activation.Softmax ? "_MSE" : "",
            };
            string name = "T" + topology.ToString("00", System.Globalization.CultureInfo.InvariantCulture) + "_" + hiddenName + "_" + output + lossName;
            networks.Add(new NetworkSpec(index, topology, name, topologies[topology], hidden, output, Seed: 1000 + index, HasFloatTwin: twin, loss, hiddenLayers));
        }

        for (int t = 0; t < topologies.Count; t++)
        {
            foreach (Activation activation in ElementwiseActivations)
            {
                Add(t, activation, activation, twin: (int)activation == t % ElementwiseActivations.Length);
            }
        }

        var withHiddenLayers = Enumerable.Range(0, topologies.Count).Where(t => topologies[t].Length > 2).ToList();
        foreach (int t in withHiddenLayers.Take(AllPairsTopologyCount))
        {
            foreach (Activation hidden in ElementwiseActivations)
            {
                foreach (Activation output in ElementwiseActivations.Where(o => o != hidden))
                {
                    Add(t, hidden, output, twin: false);
                }
            }
        }

        // The hidden activation of the k-th network with a hidden layer of one kind: every activation in turn.
        Activation Turn(int k) => ElementwiseActivations[k % ElementwiseActivations.Length];

        int withHidden = 0;
        int declared = 0;
        foreach (int t in Enumerable.Range(0, topologies.Count).Where(t => topologies[t][^1] >= 2))
        {
            Add(t, topologies[t].Length > 2 ? Turn(withHidden++) : Activation.Sigmoid, Activation.Softmax, twin: declared++ % 14 == 0, Loss.CrossEntropy);
        }

        // Shifted by two against the softmax networks, so that one topology gets two different hidden activations.
        withHidden = 2;
        declared = 0;
        for (int t = 0; t < topologies.Count; t++)
        {
            Add(t, topologies[t].Length > 2 ? Turn(withHidden++) : Activation.Sigmoid, Activation.Sigmoid, twin: declared++ % 15 == 7, Loss.BinaryCrossEntropy);
        }

        var smallClassifiers = withHiddenLayers
            .Where(t => topologies[t][^1] >= 2)
            .OrderBy(t => ParameterCount(topologies[t]))
            .Take(SoftmaxWithQuadraticCostCount)
            .OrderBy(t => t)
            .ToList();
        for (int k = 0; k < smallClassifiers.Count; k++)
        {
            Add(smallClassifiers[k], Turn(k), Activation.Softmax, twin: k == 0);
        }

        // The output configurations that do not warn, in turn; a softmax needs two outputs (BP0023).
        var outputs = OutputConfigurations.Where(c => !(c.Output == Activation.Softmax && c.Loss == Loss.MeanSquaredError)).ToArray();
        int perLayer = 0;
        foreach (int t in withHiddenLayers.Where(t => topologies[t].Length > 3))
        {
            int hiddenCount = topologies[t].Length - 2;
            Activation[] layers = Enumerable.Range(0, hiddenCount).Select(i => Turn(perLayer + (2 * i))).ToArray();
            (Activation output, Loss loss) = outputs.Skip(perLayer % outputs.Length)
                .Concat(outputs)
                .First(c => c.Output != Activation.Softmax || topologies[t][^1] >= 2);
            Add(t, Activation.Sigmoid, output, twin: perLayer % 9 == 0, loss, layers);
            perLayer++;
        }

        return networks;
    }

    private static int ParameterCount(int[] sizes) => Enumerable.Range(1, sizes.Length - 1).Sum(l => sizes[l] * (sizes[l - 1] + 1));

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
