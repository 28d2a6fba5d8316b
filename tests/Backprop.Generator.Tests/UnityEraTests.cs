using System;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Backprop.Generator.Tests.TestHelpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Backprop.Generator.Tests;

/// <summary>
/// Unity 2022.2+ compiles user code as C# 9 against .NET Standard 2.1, which has no InlineArray, no static
/// abstract members and no generic math. The generated code must compile there without a warning, and the
/// networks it makes must compute what the same networks compute when built for .NET 10 with the newest C#.
/// </summary>
public sealed class UnityEraTests
{
    // The networks, and a probe per network that runs it on fixed data and reports every number as a double.
    // The probes are C# 9 too, so they compile on both sides; arrays cross the boundary, not spans.
    private static readonly (string Name, string Declaration, string Type)[] Networks =
    {
        ("Tiny", "[Network(3, 4, 2)]", "float"),
        ("Regressor", "[Network(2, 8, 8, 1, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Linear, Precision = Precision.Double)]", "double"),
        ("Deep", "[Network(5, 7, 6, 4, 3, HiddenActivation = Activation.ReLU, OutputActivation = Activation.LeakyReLU)]", "float"),
        ("Wide", "[Network(16, 32, 8)]", "float"),
        ("Paddle", "[Network(4, 12, 12, 1, HiddenActivation = Activation.Tanh)]", "float"),
    };

    private static readonly Lazy<string> Source = new(BuildSource);

    // .NET Standard 2.1's reference assemblies and Backprop.Abstractions built for netstandard2.0: what a Unity project sees.
    private static readonly Lazy<ImmutableArray<MetadataReference>> UnityReferences = new(() =>
        Directory.GetFiles(BuildFacts.NetStandard21References, "*.dll")
            .Append(BuildFacts.AbstractionsNetStandard20)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    // One generator run and one compilation for Unity, shared by the tests.
    private static readonly Lazy<GeneratorRun> UnityRun = new(RunForUnity);
    private static readonly Lazy<byte[]> UnityImage = new(() => Emit(UnityRun.Value.Output));

    [Fact]
    public void Generated_code_compiles_as_csharp_9_against_netstandard_2_1_without_warnings()
    {
        GeneratorRun run = UnityRun.Value;

        DiagnosticText.AssertNone(run.GeneratorDiagnostics);
        Assert.Equal(Networks.Length, run.GeneratedSources.Length);
        DiagnosticText.AssertNone(run.CompilerDiagnostics);

        // The assembly is what Unity would build: it references netstandard 2.1 and the netstandard2.0 abstractions, nothing of .NET 10.
        string[] references = LoadReferenceNames(UnityImage.Value);
        Assert.Contains("netstandard, Version=2.1.0.0", references);
        Assert.Contains(references, r => r.StartsWith("Backprop.Abstractions,", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("System.Runtime,", StringComparison.Ordinal));
    }

    [Fact]
    public void Networks_built_for_unity_compute_what_networks_built_for_net10_compute()
    {
        // Unity's build runs in a context of its own, bound to the netstandard2.0 build of the abstractions;
        // the .NET 10 build runs against the net8.0 build, which this test assembly has loaded already.
        var unityContext = new NetStandardAbstractionsContext();
        try
        {
            Assembly unity = unityContext.LoadFromStream(new MemoryStream(UnityImage.Value));
            Assembly net10 = Assembly.Load(Emit(GeneratorHarness.Run(Source.Value, LanguageVersion.Latest).Output));

            foreach ((string name, _, _) in Networks)
            {
                double[] expected = RunProbe(net10, name);
                double[] actual = RunProbe(unity, name);

                Assert.Equal(expected.Length, actual.Length);
                // Bit for bit: both library builds run the same elementary functions and add in the same order
                // (docs/determinism.md).
                for (int i = 0; i < expected.Length; i++)
                {
                    Assert.True(
                        BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                        string.Create(CultureInfo.InvariantCulture, $"{name}: value {i} is {actual[i]:R} when built for Unity, {expected[i]:R} when built for .NET 10."));
                }
            }

            // The Unity build really ran on the netstandard2.0 abstractions, and the .NET 10 build on the net8.0 ones.
            Assert.Equal(Path.GetFullPath(BuildFacts.AbstractionsNetStandard20), AbstractionsOf(unity).Location);
            Assert.Equal(typeof(INeuralNetwork).Assembly, AbstractionsOf(net10));
        }
        finally
        {
            unityContext.Unload();
        }
    }

    [Fact]
    public void Networks_built_for_unity_allocate_nothing_per_call()
    {
        // Run here on .NET 10's runtime (not Unity's Mono or IL2CPP), so this checks the generated code and the
        // netstandard2.0 abstractions, not Unity's garbage collector.
        var unityContext = new NetStandardAbstractionsContext();
        try
        {
            Assembly unity = unityContext.LoadFromStream(new MemoryStream(UnityImage.Value));
            foreach ((string name, _, _) in Networks)
            {
                var repeat = unity.GetType($"Unity.{name}Calls", throwOnError: true)!.GetMethod("Repeat")!.CreateDelegate<Action<int>>();
                repeat(200);
                long allocated = Backprop.Tests.Support.Allocations.Least(() => repeat(1_000));
                Assert.True(allocated == 0, $"{name} built for Unity allocated {allocated} bytes in 1,000 rounds of Forward, TrainStep, Backward and TrainBatch.");
            }
        }
        finally
        {
            unityContext.Unload();
        }
    }

    private static GeneratorRun RunForUnity()
    {
        var compilation = CSharpCompilation.Create(
            "UnityNetworks",
            new[] { CSharpSyntaxTree.ParseText(Source.Value, GeneratorHarness.ParseOptions(LanguageVersion.CSharp9), path: "Networks.cs") },
            UnityReferences.Value,
            GeneratorHarness.StrictOptions);
        return GeneratorHarness.Run(compilation);
    }

    private static byte[] Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return stream.ToArray();
    }

    private static string[] LoadReferenceNames(byte[] image)
    {
        using var reader = new System.Reflection.PortableExecutable.PEReader(ImmutableArray.Create(image));
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(reader);
        return metadata.AssemblyReferences
            .Select(handle => metadata.GetAssemblyReference(handle))
            .Select(reference => $"{metadata.GetString(reference.Name)}, Version={reference.Version}")
            .ToArray();
    }

    private static Assembly AbstractionsOf(Assembly networks) =>
        networks.GetType("Unity.Tiny", throwOnError: true)!.GetInterfaces().Single(i => i.Name == nameof(INeuralNetwork)).Assembly;

    private static double[] RunProbe(Assembly assembly, string network)
    {
        MethodInfo run = assembly.GetType("Unity.Probes", throwOnError: true)!.GetMethod("Probe" + network)!;
        return (double[])run.Invoke(null, null)!;
    }

    private static string BuildSource()
    {
        var source = new System.Text.StringBuilder();
        source.Append("""
            using System;
            using Backprop;

            namespace Unity
            {

            """);
        foreach ((string name, string declaration, _) in Networks)
        {
            source.Append(CultureInfo.InvariantCulture, $$"""
                /// <summary>{{name}}.</summary>
                {{declaration}}
                public partial class {{name}} { }

                """);
        }

        source.Append("""
            /// <summary>Runs each network on fixed data: outputs, a training step's cost, outputs and parameters after it.</summary>
            public static class Probes
            {

            """);
        foreach ((string name, _, string type) in Networks)
        {
            // Inputs and targets are simple functions of their index, so both builds see the same numbers.
            source.Append(CultureInfo.InvariantCulture, $$"""
                /// <summary>Probes {{name}}.</summary>
                /// <returns>Every number the probe saw.</returns>
                public static double[] Probe{{name}}()
                {
                    var network = new {{name}}(seed: 11);
                    var input = new {{type}}[{{name}}.InputSize];
                    var target = new {{type}}[{{name}}.OutputSize];
                    for (int i = 0; i < input.Length; i++) { input[i] = ({{type}})(0.1 * i - 0.3); }
                    for (int i = 0; i < target.Length; i++) { target[i] = ({{type}})(0.2 + 0.15 * i); }
                    var output = new {{type}}[{{name}}.OutputSize];
                    var seen = new System.Collections.Generic.List<double>();
                    network.Forward(input, output);
                    foreach (var value in output) { seen.Add(value); }
                    seen.Add(network.TrainStep(input, target, ({{type}})0.05));
                    network.Forward(input, output);
                    foreach (var value in output) { seen.Add(value); }
                    // An index loop: .NET 10's span enumerator implements an interface, which C# 12 compilers reject.
                    var parameters = network.Parameters;
                    for (int i = 0; i < parameters.Length; i++) { seen.Add(parameters[i]); }
                    var gradient = new {{type}}[{{name}}.ParameterCount];
                    seen.Add(network.Backward(input, target, gradient));
                    foreach (var value in gradient) { seen.Add(value); }
                    return seen.ToArray();
                }

                """);
        }

        source.Append("}\n");
        foreach ((string name, _, string type) in Networks)
        {
            // Every member that trains or infers, over data allocated once: the calls themselves must allocate nothing.
            source.Append(CultureInfo.InvariantCulture, $$"""
                /// <summary>Calls every member of {{name}} that trains or infers.</summary>
                public static class {{name}}Calls
                {
                    private static readonly {{name}} Network = new {{name}}(seed: 5);
                    private static readonly {{type}}[] Input = Filled({{name}}.InputSize, 0.1);
                    private static readonly {{type}}[] Target = Filled({{name}}.OutputSize, 0.5);
                    private static readonly {{type}}[] Inputs = Filled(3 * {{name}}.InputSize, -0.2);
                    private static readonly {{type}}[] Targets = Filled(3 * {{name}}.OutputSize, 0.3);
                    private static readonly {{type}}[] Output = new {{type}}[{{name}}.OutputSize];
                    private static readonly {{type}}[] Gradient = new {{type}}[{{name}}.ParameterCount];

                    /// <summary>Makes <paramref name="count"/> rounds of calls.</summary>
                    /// <param name="count">How many rounds.</param>
                    public static void Repeat(int count)
                    {
                        for (int i = 0; i < count; i++)
                        {
                            Network.Forward(Input, Output);
                            Network.TrainStep(Input, Target, ({{type}})0.01);
                            Network.Backward(Input, Target, Gradient);
                            Network.TrainBatch(Inputs, Targets, ({{type}})0.01);
                        }
                    }

                    private static {{type}}[] Filled(int length, double value)
                    {
                        var array = new {{type}}[length];
                        for (int i = 0; i < length; i++) { array[i] = ({{type}})value; }
                        return array;
                    }
                }

                """);
        }

        source.Append("}\n");
        return source.ToString();
    }

    /// <summary>Resolves Backprop.Abstractions to its netstandard2.0 build; everything else comes from the default context.</summary>
    private sealed class NetStandardAbstractionsContext() : AssemblyLoadContext("Unity", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name == "Backprop.Abstractions" ? LoadFromAssemblyPath(Path.GetFullPath(BuildFacts.AbstractionsNetStandard20)) : null;
    }
}
