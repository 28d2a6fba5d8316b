using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;
using Xunit.Abstractions;

namespace Backprop.Package.Tests;

/// <summary>
/// A user's first hour with the package: a fresh console project outside this repository (so none of its
/// Directory.*.props apply) that references only the Backprop package, by version, from a local folder
/// feed. It builds and runs with the right outputs (training, saving and loading, a data split), a bad
/// declaration fails its build with the BP diagnostic, and EmitCompilerGeneratedFiles writes the generated
/// files. One restore, two builds, one run.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ConsumerTests(PackageFixture package, ITestOutputHelper log)
{
    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Backprop" Version="$(BackpropVersion)" />
          </ItemGroup>
        </Project>
        """;

    private const string Program = """
        using Backprop;
        using Backprop.Data;
        using Backprop.Serialization;

        // A network with parameters set by hand: its output is known exactly.
        var line = new Line();
        line.Weight(2, 0, 0) = 2f;
        line.Weight(2, 0, 1) = 3f;
        line.Bias(2, 0) = 1f;
        Span<float> one = stackalloc float[1];
        line.Forward([1f, 1f], one);
        Console.WriteLine($"line {one[0]}");

        // XOR, trained from a fixed seed.
        var xor = new Xor(seed: 1);
        float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
        float[] targets = [0, 1, 1, 0];
        for (int epoch = 0; epoch < 20_000 && xor.TrainBatch(inputs, targets, 2f) >= 0.001f; epoch++) { }
        for (int row = 0; row < 4; row++)
        {
            xor.Forward(inputs.AsSpan(2 * row, 2), one);
            Console.WriteLine($"xor {inputs[2 * row]} {inputs[(2 * row) + 1]} -> {(one[0] >= 0.5f ? 1 : 0)}");
        }

        // Saved and loaded into a fresh network, whose format the extension names: the same outputs, bit for bit.
        xor.Save("xor.bpnn");
        var copy = new Xor(seed: 2);
        copy.Load("xor.bpnn");
        Span<float> other = stackalloc float[1];
        bool same = true;
        for (int row = 0; row < 4; row++)
        {
            xor.Forward(inputs.AsSpan(2 * row, 2), one);
            copy.Forward(inputs.AsSpan(2 * row, 2), other);
            same &= BitConverter.SingleToInt32Bits(one[0]) == BitConverter.SingleToInt32Bits(other[0]);
        }

        Console.WriteLine($"loaded {(same ? "the same" : "different")} outputs");

        // A stratified split keeps a quarter of each class for testing.
        var split = TrainTestSplit.Stratified([0, 0, 1, 1, 1, 0, 1, 0], testFraction: 0.25, seed: 1);
        Console.WriteLine($"split {split.TrainRows.Length} train, {split.TestRows.Length} test");

        // A double-precision network used through the library's interface.
        INeuralNetwork<double> regressor = new Regressor(seed: 3);
        Console.WriteLine($"regressor {regressor.LayerCount} layers, {regressor.ParameterCount} parameters, {regressor.Precision}");

        [Network(2, 1, OutputActivation = Activation.Linear)]
        partial class Line { }

        [Network(2, 4, 1)]
        partial class Xor { }

        [Network(3, 8, 8, 2, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Linear, Precision = Precision.Double)]
        partial class Regressor { }
        """;

    [Fact]
    public void A_fresh_project_that_installs_the_package_builds_runs_reports_bp_diagnostics_and_emits_generated_files()
    {
        var total = Stopwatch.StartNew();
        string app = Directory.CreateDirectory(Path.Combine(package.Root, "Consumer")).FullName;
        File.WriteAllText(Path.Combine(app, "nuget.config"), NuGetConfig());
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), Project.Replace("$(BackpropVersion)", PackageFixture.Version, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(app, "Program.cs"), Program);

        // Restore and build.
        Dotnet.Result build = Dotnet.Run(app, "build");
        Step(build);
        build.AssertSuccess("Building the consumer");
        Assert.Contains(" 0 Warning(s)", build.Output, StringComparison.Ordinal);

        // The package came from the local feed, into this test's own package folder.
        Assert.True(File.Exists(Path.Combine(app, "packages", "backprop", PackageFixture.Version, $"backprop.{PackageFixture.Version}.nupkg")));

        // Run it.
        Dotnet.Result run = Dotnet.Run(app, Path.Combine("bin", "Debug", "net10.0", "Consumer.dll"));
        Step(run);
        Assert.Equal(
            new[] { "line 6", "xor 0 0 -> 0", "xor 0 1 -> 1", "xor 1 0 -> 1", "xor 1 1 -> 0", "loaded the same outputs", "split 6 train, 2 test", "regressor 4 layers, 122 parameters, Double" },
            run.AssertSuccess("Running the consumer").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        // EmitCompilerGeneratedFiles wrote one file per network.
        string generated = Path.Combine(app, "obj", "Debug", "net10.0", "generated", "Backprop.Generator", "Backprop.Generator.NetworkGenerator");
        Assert.Equal(
            new[] { "Line.g.cs", "Regressor.g.cs", "Xor.g.cs" },
            Directory.GetFiles(generated).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.StartsWith("// <auto-generated/>", File.ReadAllText(Path.Combine(generated, "Xor.g.cs")), StringComparison.Ordinal);

        // A declaration with one layer size fails the build with BP0003, on the attribute's line.
        File.WriteAllText(Path.Combine(app, "Bad.cs"), "[Backprop.Network(3)]\npartial class TooShort { }\n");
        Dotnet.Result bad = Dotnet.Run(app, "build", "--no-restore");
        Step(bad);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("Bad.cs(1,", bad.Output, StringComparison.Ordinal);
        Assert.Contains("error BP0003", bad.Output, StringComparison.Ordinal);

        log.WriteLine($"pack {package.PackTime.TotalSeconds:F1} s (shared with the content tests); consumer steps {total.Elapsed.TotalSeconds:F1} s");
    }

    private void Step(Dotnet.Result result) => log.WriteLine($"dotnet {result.Command}: exit {result.ExitCode}, {result.Time.TotalSeconds:F1} s");

    // The local feed for Backprop, and for anything else the sources this machine's NuGet uses, as the
    // repository itself restores. Source mapping keeps a package of the same name elsewhere out of the test.
    private static string NuGetConfig()
    {
        var upstream = UserSources();
        var sources = new XElement("packageSources", new XElement("clear"), new XElement("add", new XAttribute("key", "backprop-local"), new XAttribute("value", "../feed")));
        var mapping = new XElement("packageSourceMapping", new XElement("packageSource", new XAttribute("key", "backprop-local"), new XElement("package", new XAttribute("pattern", "Backprop"))));
        for (int i = 0; i < upstream.Length; i++)
        {
            sources.Add(new XElement("add", new XAttribute("key", $"upstream{i}"), new XAttribute("value", upstream[i])));
            mapping.Add(new XElement("packageSource", new XAttribute("key", $"upstream{i}"), new XElement("package", new XAttribute("pattern", "*"))));
        }

        return new XDocument(new XElement("configuration",
            new XElement("config", new XElement("add", new XAttribute("key", "globalPackagesFolder"), new XAttribute("value", "packages"))),
            sources,
            mapping)).ToString();
    }

    private static string[] UserSources()
    {
        string config = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "NuGet", "NuGet.Config");
        string[] found = File.Exists(config)
            ? XDocument.Load(config).Descendants("packageSources").Elements("add").Select(e => e.Attribute("value")?.Value).OfType<string>().ToArray()
            : [];
        return found.Length > 0 ? found : ["https://api.nuget.org/v3/index.json"];
    }
}
