using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Backprop.DeterminismCheck;
using Backprop.Tests.Serialization;
using Xunit;

namespace Backprop.Tests;

/// <summary>
/// tools/Backprop.DeterminismCheck in process: its workload covers what it claims, gives the same bits when run
/// twice, and its golden-file comparison reports each difference. The configurations themselves (AVX-512 off,
/// NativeAOT, Arm64, the netstandard2.0 build, Mono) run only from its run-all.sh, in .ci/run.
/// </summary>
public sealed class DeterminismCheckTests
{
    private static readonly Assembly Check = typeof(Workload).Assembly;

    [Fact]
    public void The_workload_gives_the_same_bits_when_run_twice_in_one_process()
    {
        IReadOnlyList<NetworkHashes> first = Workload.Run();
        IReadOnlyList<NetworkHashes> second = Workload.Run();

        Assert.Equal(Describe(first), Describe(second));
        // A stage that hashed nothing would match in every configuration and prove nothing.
        ulong nothing = new Fnv1a().Value;
        Assert.DoesNotContain(first.SelectMany(n => n.Stages), s => s.Hash == nothing);
        Assert.Equal(first.Count, first.Select(n => n.Hash).Distinct().Count());
    }

    [Fact]
    public void Every_network_the_check_declares_is_in_the_workload()
    {
        string[] declared = NetworkDeclarations().Select(d => d.Type.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        string[] run = Workload.Run().Select(n => n.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();

        Assert.Equal(declared, run);
    }

    [Fact]
    public void The_workload_covers_every_code_shape_activation_loss_and_precision_and_the_kernel_tails()
    {
        var declarations = NetworkDeclarations().ToList();
        var activations = declarations.SelectMany(d => d.Network.HiddenActivations ?? Enumerable.Repeat(d.Network.HiddenActivation, d.Network.LayerSizes.Count - 2))
            .Concat(declarations.Select(d => d.Network.OutputActivation)).ToHashSet();

        Assert.Equal(Enum.GetValues<CodeShape>(), declarations.Select(d => d.Network.CodeShape).Distinct().Order());
        Assert.Equal(Enum.GetValues<Activation>(), activations.Order());
        Assert.Equal(Enum.GetValues<Loss>(), declarations.Select(d => d.Network.Loss).Distinct().Order());
        Assert.Equal(Enum.GetValues<Precision>(), declarations.Select(d => d.Network.Precision).Distinct().Order());
        // Vector kernels run a tail when a layer's input count is not a multiple of the widest vector (16 floats).
        Assert.Contains(declarations, d => d.Network.CodeShape == CodeShape.VectorLoops && d.Network.LayerSizes.Take(d.Network.LayerSizes.Count - 1).Any(n => n % 16 != 0));
    }

    [Fact]
    public void FNV_1a_gives_the_published_values()
    {
        // Test vectors of the FNV reference (www.isthe.com/chongo/tech/comp/fnv): "", "a", "foobar".
        Assert.Equal(0xcbf29ce484222325UL, Hash(""));
        Assert.Equal(0xaf63dc4c8601ec8cUL, Hash("a"));
        Assert.Equal(0x85944171f73967e8UL, Hash("foobar"));
        Assert.Equal("00000000000000ff", Fnv1a.Format(0xff));
    }

    [Fact]
    public void A_golden_file_written_by_the_check_matches_its_next_run()
    {
        using var folder = new TempFolder();
        string golden = folder.File("golden.txt");

        (int written, _) = Run("--write-golden", golden);
        (int compared, string output) = Run("--golden", golden);

        Assert.Equal(0, written);
        Assert.True(compared == 0, output);
        Assert.Contains("# every hash matches " + golden, output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_golden_file_that_differs_makes_the_check_fail_and_name_each_difference()
    {
        using var folder = new TempFolder();
        string golden = folder.File("golden.txt");
        Run("--write-golden", golden);
        string[] lines = File.ReadAllLines(golden);
        int changed = Array.FindIndex(lines, l => l.StartsWith("Xor241F ", StringComparison.Ordinal));
        string original = lines[changed];
        lines[changed] = "Xor241F 0123456789abcdef";
        int removed = Array.FindIndex(lines, l => l.StartsWith("Digits643210F ", StringComparison.Ordinal));
        var edited = lines.Where((_, i) => i != removed).Append("Retired 0000000000000001").ToArray();
        File.WriteAllLines(golden, edited);

        (int code, string output) = Run("--golden", golden);

        Assert.Equal(1, code);
        Assert.Contains($"differs from {golden}: Xor241F: golden 0123456789abcdef, this run {original.Split(' ')[1]}", output, StringComparison.Ordinal);
        Assert.Contains($"differs from {golden}: Retired: in the golden file, not in the workload", output, StringComparison.Ordinal);
        Assert.Contains($"differs from {golden}: Digits643210F: in the workload, not in the golden file", output, StringComparison.Ordinal);
        Assert.Contains("# 3 hash(es) differ from " + golden, output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_output_names_the_configuration_before_the_hashes()
    {
        (int code, string output) = Run("--stages");

        Assert.Equal(0, code);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("# runtime: .NET ", lines[0], StringComparison.Ordinal);
        Assert.Contains("# library build: Backprop.Abstractions for .NETCoreApp,Version=v8.0", lines);
        Assert.Contains("# NativeAOT: no", lines);
        Assert.Contains(lines, l => l.StartsWith("# accelerated: Vector512 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("# Xor241F.trainer-adam ", StringComparison.Ordinal));
        Assert.StartsWith(GoldenFile.TotalName + " ", lines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--golden")]
    [InlineData("--unknown")]
    [InlineData("--golden", "a.txt", "--write-golden", "b.txt")]
    public void Bad_arguments_print_the_usage_and_exit_2(params string[] args)
    {
        (int code, string output) = Run(args);

        Assert.Equal(2, code);
        Assert.StartsWith("usage: Backprop.DeterminismCheck", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_golden_file_line_that_is_not_a_name_and_a_hash_is_an_error_that_quotes_it()
    {
        var error = Assert.Throws<FormatException>(() => GoldenFile.Parse(["# comment", "Xor241F 12345"]));

        Assert.Equal("Line 2 should be a name and a 16-digit hexadecimal hash, but was 'Xor241F 12345'.", error.Message);
    }

    private static IEnumerable<(Type Type, NetworkAttribute Network)> NetworkDeclarations() =>
        Check.GetTypes()
            .Select(t => (Type: t, Network: t.GetCustomAttribute<NetworkAttribute>()))
            .Where(d => d.Network is not null)
            .Select(d => (d.Type, d.Network!));

    private static IEnumerable<string> Describe(IReadOnlyList<NetworkHashes> results) =>
        results.SelectMany(n => n.Stages.Select(s => $"{n.Name}.{s.Name} {Fnv1a.Format(s.Hash)}").Prepend($"{n.Name} {Fnv1a.Format(n.Hash)}"));

    private static ulong Hash(string text)
    {
        var hash = new Fnv1a();
        hash.Add(Encoding.ASCII.GetBytes(text));
        return hash.Value;
    }

    private static (int Code, string Output) Run(params string[] args)
    {
        using var output = new StringWriter();
        int code = Backprop.DeterminismCheck.Program.Run(args, output);
        return (code, output.ToString());
    }
}
