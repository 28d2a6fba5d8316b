using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Backprop.Generator.Parsing;
using Backprop.Generator.Tests.TestHelpers;
using Backprop.Serialization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Backprop.Generator.Tests;

/// <summary>
/// <c>Weights = "xor.json"</c>: the generator finds the file among the additional files, bakes its parameters
/// into the class as literals that hold exactly the bits <c>Load</c> reads, reruns when the file
/// changes and only then, and puts every problem with the file on the <c>Weights</c> argument.
/// </summary>
public class BakedWeightsTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Source = """
        using Backprop;

        namespace MyGame;

        /// <summary>A trained network, baked in.</summary>
        [Network(2, 3, 1, Weights = "xor.json")]
        public partial class BakedXor { }

        internal class Unrelated
        {
            public int Value => 1;
        }
        """;

    [Fact]
    public void A_baked_network_snapshot()
    {
        GeneratorRun run = Run(Source, Xor());

        DiagnosticText.AssertNone(run.GeneratorDiagnostics);
        DiagnosticText.AssertNone(run.CompilerDiagnostics);
        GeneratedSourceResult file = Assert.Single(run.GeneratedSources);
        Snapshot.VerifyGeneratedFile(file.HintName, file.SourceText.ToString());
    }

    [Fact]
    public void The_parameterless_constructor_holds_the_bits_Load_reads_and_computes_the_same()
    {
        Assembly assembly = GeneratorHarness.Load(Run(Source, Xor()).Output);
        Type type = assembly.GetType("MyGame.BakedXor", throwOnError: true)!;
        var baked = (INeuralNetwork<float>)Activator.CreateInstance(type)!;
        var loaded = (INeuralNetwork<float>)Activator.CreateInstance(type, 7)!;
        loaded.Load(new MemoryStream(Encoding.UTF8.GetBytes(WeightsJson.Xor)), ModelFormat.Json);

        Assert.Equal(Bits(loaded.Parameters.ToArray()), Bits(baked.Parameters.ToArray()));
        Assert.Equal(-0f, baked.Weight(2, 1, 1));
        Assert.True(float.IsNegative(baked.Weight(2, 1, 1)));
        Assert.Equal(float.Epsilon, baked.Weight(2, 2, 0));

        float[] input = { 0.25f, -0.75f };
        float[] expected = new float[1];
        float[] actual = new float[1];
        loaded.Forward(input, expected);
        baked.Forward(input, actual);
        Assert.Equal(BitConverter.SingleToInt32Bits(expected[0]), BitConverter.SingleToInt32Bits(actual[0]));
    }

    [Fact]
    public void A_seed_or_InitializeParameters_still_draws_random_parameters()
    {
        Assembly assembly = GeneratorHarness.Load(Run(Source, Xor()).Output);
        Type type = assembly.GetType("MyGame.BakedXor", throwOnError: true)!;
        var baked = (INeuralNetwork<float>)Activator.CreateInstance(type)!;
        var seeded = (INeuralNetwork<float>)Activator.CreateInstance(type, 3)!;

        Assert.NotEqual(0.5f, seeded.Weight(2, 0, 0));
        baked.InitializeParameters(3);
        Assert.Equal(Bits(seeded.Parameters.ToArray()), Bits(baked.Parameters.ToArray()));
    }

    [Fact]
    public void A_double_network_bakes_its_literals_exactly()
    {
        string json = WeightsJson.Xor
            .Replace("\"Single\"", "\"Double\"", StringComparison.Ordinal)
            .Replace("0.33333334", "0.1111111111111111", StringComparison.Ordinal)
            .Replace("1E-45", "5E-324", StringComparison.Ordinal);
        GeneratorRun run = Run(Source.Replace("Weights = ", "Precision = Precision.Double, Weights = ", StringComparison.Ordinal), new InMemoryAdditionalText("/project/xor.json", json));
        DiagnosticText.AssertNone(run.GeneratorDiagnostics);
        Assert.Contains("2.0, -2.0, 0.1111111111111111,", run.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);

        Type type = GeneratorHarness.Load(run.Output).GetType("MyGame.BakedXor", throwOnError: true)!;
        var baked = (INeuralNetwork<double>)Activator.CreateInstance(type)!;
        var loaded = (INeuralNetwork<double>)Activator.CreateInstance(type, 7)!;
        loaded.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), ModelFormat.Json);

        Assert.Equal(
            loaded.Parameters.ToArray().Select(BitConverter.DoubleToInt64Bits),
            baked.Parameters.ToArray().Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(double.Epsilon, baked.Weight(2, 2, 0));
    }

    [Theory]
    [InlineData("/project/xor.json", "xor.json", true)]
    [InlineData("/project/Models/xor.json", "Models/xor.json", true)]
    [InlineData(@"C:\project\Models\xor.json", "models/XOR.json", true)]
    [InlineData("/project/Models/xor.json", @".\Models\xor.json", true)]
    [InlineData("/project/xor.json", "or.json", false)]
    [InlineData("/project/Models/xor.json", "Other/xor.json", false)]
    [InlineData("/project/xor.json", "../project/xor.json", false)]
    [InlineData("/project/xor.json", "", false)]
    [InlineData("/project/xor.json", "xor.json/", false)]
    public void Weights_matches_the_end_of_the_path_by_whole_names(string path, string weights, bool matches) =>
        Assert.Equal(matches, WeightsBinding.Matches(path, weights));

    /// <summary>
    /// A file name is a user's string that the generator writes into comments, XML documentation and the
    /// header: a line terminator there would end the comment and break the file, a control character or a
    /// lone surrogate would make the XML documentation invalid. Each is escaped, and the network compiles clean.
    /// </summary>
    [Theory]
    [InlineData(@"\r")]
    [InlineData(@"\n")]
    [InlineData(@"\r\n")]
    [InlineData(@"\u0085")]
    [InlineData(@"\u2028")]
    [InlineData(@"\u2029")]
    [InlineData(@"\u0000\u0001\u001B\u007F\u009F")]
    [InlineData(@"\uD800")]
    [InlineData(@"\uDC00x\uD83D")]
    [InlineData(@"\uD83D\uDE00")]
    [InlineData(@"<&>\""'-- <summary>")]
    public void A_weights_file_name_with_any_character_is_escaped_wherever_it_is_written(string escapedInSource)
    {
        // The characters themselves are made here: a test runner does not carry lone surrogates intact.
        string characters = System.Text.RegularExpressions.Regex.Unescape(escapedInSource);
        string source = "using Backprop;\n\n[Network(2, 3, 1, Weights = \"m" + escapedInSource + "l.json\")]\ninternal partial class BakedXor { }\n";
        GeneratorRun run = Run(source, new InMemoryAdditionalText("/project/m" + characters + "l.json", WeightsJson.Xor));

        DiagnosticText.AssertNone(run.GeneratorDiagnostics);
        DiagnosticText.AssertNone(run.CompilerDiagnostics);
        string generated = Assert.Single(run.GeneratedSources).SourceText.ToString();
        Assert.DoesNotContain(generated, c => c is '\r' or '\u0085' or '\u2028' or '\u2029' || (char.IsControl(c) && c != '\n'));
        Assert.All(Enumerable.Range(0, generated.Length), i => Assert.False(char.IsSurrogate(generated[i]) && !char.IsSurrogatePair(generated, i > 0 && char.IsLowSurrogate(generated[i]) ? i - 1 : i)));

        // The baked network still loads what the file holds.
        var baked = (INeuralNetwork<float>)Activator.CreateInstance(GeneratorHarness.Load(run.Output).GetType("BakedXor", throwOnError: true)!)!;
        var loaded = (INeuralNetwork<float>)Activator.CreateInstance(GeneratorHarness.Load(Run(Source, Xor()).Output).GetType("MyGame.BakedXor", throwOnError: true)!)!;
        Assert.Equal(Bits(loaded.Parameters.ToArray()), Bits(baked.Parameters.ToArray()));
    }

    public static TheoryData<string> WeightsCases =>
        new(DiagnosticCases.All
            .Where(c => string.CompareOrdinal(c.Value.ExpectedId, "BP0027") >= 0 && string.CompareOrdinal(c.Value.ExpectedId, "BP0034") <= 0)
            .Select(c => c.Key));

    [Theory]
    [MemberData(nameof(WeightsCases))]
    public void Every_weights_diagnostic_is_on_the_Weights_argument(string name)
    {
        DiagnosticCase @case = DiagnosticCases.All[name];

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(@case.Source), additionalTexts: @case.AdditionalTexts);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(@case.ExpectedId, diagnostic.Id);
        Assert.StartsWith("Weights = ", @case.Source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BP0031_weights_file_for_other_sizes", "\"layers\" is [2, 3, 1] (line 5, column 13), but the network needs the sizes of [Network(2, 4, 1)] (layer 2 has 4 neurons, not 3)")]
    [InlineData("BP0031_weights_row_too_short", "weights[\"2\"][0] has 1 value (line 10, column 7), but the network needs 2 values: layer 1 has 2 neurons, one weight each")]
    [InlineData("BP0032_weights_file_with_other_output_activation", "gives the activation of layer 3 as Sigmoid (line 6), but [Network] gives Tanh; set OutputActivation = Activation.Sigmoid")]
    [InlineData("BP0032_weights_file_of_other_precision", "gives the precision as Single (line 4), but [Network] gives Double; set Precision = Precision.Single")]
    [InlineData("BP0033_weights_value_beyond_double", "gives w(3, 0, 1) as -1e999 (line 15, column 11), which is not a finite number")]
    [InlineData("BP0034_weights_value_beyond_float", "gives b(3, 0) as 3.5e38 (line 20, column 11), beyond the range of float")]
    [InlineData("BP0029_weights_file_not_json", "is not valid JSON: expected a member name in double quotes, but found ',' at line 3, column 16")]
    [InlineData("BP0028_weights_file_in_two_folders", "matches 2 additional files ('/project/A/xor.json', '/project/B/xor.json')")]
    public void Messages_name_the_parameter_layer_and_position(string name, string messagePart)
    {
        DiagnosticCase @case = DiagnosticCases.All[name];

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(@case.Source), additionalTexts: @case.AdditionalTexts);

        Assert.Contains(messagePart, Assert.Single(run.GeneratorDiagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>
    /// A diagnostic's message is built from the file: however many values the file lists or however long its text,
    /// the message shows the first few and the count, and stays short.
    /// </summary>
    [Theory]
    [InlineData("\"backprop-weights\"", "\"{long}\"", "BP0030", "(1,000,000 characters)")]
    [InlineData("\"loss\":", "\"{long}\": 1, \"loss\":", "BP0030", "(1,000,000 characters)")]
    [InlineData("\"loss\":", "\"{long}\": 1, \"{long}\": 1, \"loss\":", "BP0029", "(1,000,000 characters)")]
    [InlineData("\"layers\": [2, 3, 1]", "\"layers\": [2, 3{zeros}, 1]", "BP0030", "(1,000,001 characters)")]
    [InlineData("[0.5, -1.25]", "[0.5, -1{zeros}]", "BP0033", "(1,000,002 characters)")]
    [InlineData("\"3\": [0.25]", "\"3\": [0.25], \"{long}\": []", "BP0030", "(1,000,000 characters)")]
    public void A_weights_file_with_long_text_gets_a_short_message(string find, string replace, string id, string mention)
    {
        string edited = replace
            .Replace("{long}", new string('x', 1_000_000), StringComparison.Ordinal)
            .Replace("{zeros}", new string('0', 1_000_000), StringComparison.Ordinal);
        string json = WeightsJson.Xor.Replace(find, edited, StringComparison.Ordinal);
        Assert.NotEqual(WeightsJson.Xor, json);

        AssertShortMessage(json, id, mention);
    }

    [Fact]
    public void A_weights_file_of_65535_layers_gets_a_short_message_that_names_the_count()
    {
        const int Layers = 65_535;
        var json = new System.Text.StringBuilder();
        json.Append("{\"format\": \"backprop-weights\", \"version\": 1, \"precision\": \"Single\", \"loss\": \"MeanSquaredError\",\n");
        json.Append("\"layers\": [").Append(string.Join(", ", Enumerable.Repeat("1", Layers))).Append("],\n");
        json.Append("\"activations\": [").Append(string.Join(", ", Enumerable.Repeat("\"Linear\"", Layers - 1))).Append("],\n");
        json.Append("\"weights\": {").Append(string.Join(", ", Enumerable.Range(2, Layers - 1).Select(l => "\"" + l + "\": [[0]]"))).Append("},\n");
        json.Append("\"biases\": {").Append(string.Join(", ", Enumerable.Range(2, Layers - 1).Select(l => "\"" + l + "\": [0]"))).Append("}}\n");
        Assert.Null(WeightsFileReader.Read("/project/xor.json", Microsoft.CodeAnalysis.Text.SourceText.From(json.ToString()), default).Problem);

        AssertShortMessage(json.ToString(), "BP0031", "\"layers\" is [1, 1, 1, 1, 1, 1, 1, 1, … (65,535 sizes in all)] (line 2, column 11)");
    }

    private static void AssertShortMessage(string json, string id, string mention)
    {
        GeneratorRun run = Run(Source, new InMemoryAdditionalText("/project/xor.json", json));

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(id, diagnostic.Id);
        Assert.True(message.Length < 1000, $"The {id} message is {message.Length:N0} characters long: {message[..Math.Min(message.Length, 300)]}");
        Assert.Contains(mention, message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A forged "layers" announces a network far larger than the file: the reader must report the arrays the
    /// file holds (BP0031) or the impossible size (BP0030), allocating in proportion to the file, not to the
    /// announced sizes (a [64, 1000000, 10] network has 75 million parameters).
    /// </summary>
    [Theory]
    [InlineData("[2, 715827882, 1]", "BP0031")]
    [InlineData("[64, 1000000, 10]", "BP0031")]
    [InlineData("[2, 2147483647, 1]", "BP0031")]
    [InlineData("[65536, 65536, 1]", "BP0031")]
    [InlineData("[2, 2147483648, 1]", "BP0030")]
    public void A_forged_layers_member_is_reported_without_allocating_what_it_announces(string layers, string id)
    {
        string json = WeightsJson.Xor.Replace("\"layers\": [2, 3, 1]", "\"layers\": " + layers, StringComparison.Ordinal);
        Assert.NotEqual(WeightsJson.Xor, json);
        Microsoft.CodeAnalysis.Text.SourceText text = Microsoft.CodeAnalysis.Text.SourceText.From(json);
        WeightsFileReader.Read("/project/xor.json", Microsoft.CodeAnalysis.Text.SourceText.From(WeightsJson.Xor), default);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Backprop.Generator.Models.WeightsFile file = WeightsFileReader.Read("/project/xor.json", text, default);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(id, file.Problem?.Descriptor.Id);
        long budget = (256 * 1024) + (64 * json.Length);
        Assert.True(allocated <= budget, $"Reading a {json.Length}-character file with \"layers\": {layers} allocated {allocated:N0} bytes; the budget is {budget:N0}.");
        GeneratorRun run = Run(Source, new InMemoryAdditionalText("/project/xor.json", json));
        Assert.Equal(id, Assert.Single(run.GeneratorDiagnostics).Id);
    }

    [Fact]
    public void Editing_the_weights_file_reruns_the_generator_and_changes_the_code()
    {
        (GeneratorDriver driver, CSharpCompilation compilation, AdditionalText file) = RunOnce();

        var edited = new InMemoryAdditionalText(file.Path, WeightsJson.Xor.Replace("[0.5, -1.25]", "[0.75, -1.25]", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(file, edited).RunGenerators(compilation);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        Assert.Contains(TrackedSteps.Outputs(result, TrackingNames.WeightsFiles), output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(TrackedSteps.Outputs(result, TrackingNames.Models), output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("0.75f, -1.25f,", result.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The size the issue asks about: a baked [Network(64, 32, 10)] against the same network without weights
    /// (source bytes and lines of the .g.cs, and bytes of the compiled assembly), printed to the test output.
    /// </summary>
    [Fact]
    public void A_baked_64_32_10_network_measures_its_generated_code()
    {
        var topology = new NetworkTopology(new[] { 64, 32, 10 }, new[] { Activation.ReLU, Activation.Sigmoid });
        var weights = new NetworkWeights(topology);
        var random = new DeterministicRandom(64);
        for (int l = 2; l <= 3; l++)
        {
            for (int j = 0; j < topology.SizeOf(l); j++)
            {
                for (int k = 0; k < topology.SizeOf(l - 1); k++)
                {
                    weights.SetWeight(l, j, k, (float)random.NextDouble(-0.5, 0.5));
                }

                weights.SetBias(l, j, (float)random.NextDouble(-0.1, 0.1));
            }
        }

        const string Plain = "using Backprop;\n[Network(64, 32, 10, HiddenActivation = Activation.ReLU)]\npublic partial class Digits { }\n";
        GeneratorRun plain = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Plain));
        using var json = new MemoryStream();
        weights.Write(json, ModelFormat.Json);
        GeneratorRun baked = Run(Plain.Replace(")]", ", Weights = \"digits.json\")]", StringComparison.Ordinal), new InMemoryAdditionalText("/project/digits.json", Encoding.UTF8.GetString(json.ToArray())));
        DiagnosticText.AssertNone(baked.GeneratorDiagnostics);
        DiagnosticText.AssertNone(baked.CompilerDiagnostics);

        foreach ((string name, GeneratorRun run) in new[] { ("plain", plain), ("baked", baked) })
        {
            string source = run.GeneratedSources.Single().SourceText.ToString();
            int lines = source.Count(c => c == '\n');
            ImmutableArray<byte> image = ILMetrics.Emit(run.Output);
            int il = ILMetrics.Read(image, new System.Collections.Generic.HashSet<string> { "Digits" }).Sum(method => method.ILBytes);
            string constructors = string.Join(", ", ILMetrics.Read(image, new System.Collections.Generic.HashSet<string> { "Digits" })
                .Where(method => method.Method.Contains("ctor", StringComparison.Ordinal))
                .Select(method => method.Method + " " + method.ILBytes));
            output.WriteLine($"{name}: {System.Text.Encoding.UTF8.GetByteCount(source)} bytes, {lines} lines of C#; assembly {image.Length} bytes, {il} bytes of IL ({constructors})");
        }

        string generated = baked.GeneratedSources.Single().SourceText.ToString();
        int arrayStart = generated.IndexOf("s_bakedParameters =", StringComparison.Ordinal);
        string array = generated[arrayStart..generated.IndexOf("};", arrayStart, StringComparison.Ordinal)];
        Assert.Equal(topology.ParameterCount, array.Split("f,").Length - 1);
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation, AdditionalText File) RunOnce()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Source);
        InMemoryAdditionalText file = Xor();
        GeneratorDriver driver = GeneratorHarness
            .CreateDriver((CSharpParseOptions)compilation.SyntaxTrees[0].Options, trackSteps: true, ImmutableArray.Create<AdditionalText>(file))
            .RunGenerators(compilation);
        Assert.Single(driver.GetRunResult().GeneratedTrees);
        return (driver, compilation, file);
    }

    private static InMemoryAdditionalText Xor() => new("/project/xor.json", WeightsJson.Xor);

    private static GeneratorRun Run(string source, params AdditionalText[] files) =>
        GeneratorHarness.Run(GeneratorHarness.CreateCompilation(source), additionalTexts: files.ToImmutableArray());

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
