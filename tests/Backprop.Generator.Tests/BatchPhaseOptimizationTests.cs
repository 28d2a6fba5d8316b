using System;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Backprop.Generator.Emitting;
using Backprop.Generator.Models;
using Backprop.Generator.Parsing;
using Backprop.Generator.Tests.TestHelpers;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Backprop.Generator.Tests;

using CodeShape = Backprop.Generator.Models.CodeShape;

/// <summary>
/// The batch phases (<c>DeltasOfRows</c>, <c>GradientOfRows</c>), which hold a network's kernels and no stack buffer, are
/// compiled with <c>AggressiveOptimization</c> where the compilation names it, so that their code does not depend on
/// the calls the runtime profiled; where it does not (.NET Standard 2.0, .NET Framework), they go without.
/// </summary>
public class BatchPhaseOptimizationTests
{
    private const string Attribute = "[" + RuntimeTypes.MethodImpl + "(" + RuntimeTypes.MethodImplOptions + ".AggressiveOptimization)]";

    private const string Source = """
        using Backprop;

        namespace Phases
        {
            /// <summary>Vector loops: the batch path runs in phases.</summary>
            [Network(16, 32, 8)]
            public partial class Loops { }

            /// <summary>Unrolled: no phases.</summary>
            [Network(3, 4, 2)]
            public partial class Tiny { }
        }
        """;

    [Fact]
    public void A_compilation_that_names_AggressiveOptimization_gets_it_on_both_phases_and_nowhere_else()
    {
        GeneratorRun run = GeneratorHarness.Run(Source);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerDiagnostics);
        string loops = run.Source("Phases.Loops.g.cs");
        Assert.Equal(2, Regex.Matches(loops, Regex.Escape(Attribute)).Count);
        Assert.Matches(Regex.Escape(Attribute) + @"\s+private void " + GeneratedMembers.DeltasOfRows + @"\(", loops);
        Assert.Matches(Regex.Escape(Attribute) + @"\s+private void " + GeneratedMembers.GradientOfRows + @"\(", loops);
        Assert.DoesNotContain("AggressiveOptimization", run.Source("Phases.Tiny.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_compiled_phases_carry_the_flag_for_the_runtime()
    {
        Assembly assembly = GeneratorHarness.Load(GeneratorHarness.Run(Source).Output);
        Type loops = assembly.GetType("Phases.Loops", throwOnError: true)!;

        string[] flagged = loops.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(method => method.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization))
            .Select(method => method.Name)
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(new[] { GeneratedMembers.DeltasOfRows, GeneratedMembers.GradientOfRows }, flagged);
    }

    [Fact]
    public void Without_the_name_the_phases_go_without_the_attribute()
    {
        NetworkModel model = TestModels.Network("Loops", new[] { 16, 32, 8 }, codeShape: CodeShape.VectorLoops);

        string without = NetworkEmitter.Emit(model);
        string with = NetworkEmitter.Emit(model with { AggressiveOptimization = true });

        Assert.Contains("private void " + GeneratedMembers.GradientOfRows + "(", without, StringComparison.Ordinal);
        Assert.DoesNotContain("AggressiveOptimization", without, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(with, Regex.Escape(Attribute)).Count);
    }

    [Fact]
    public void The_fact_is_read_from_the_referenced_MethodImplOptions()
    {
        CSharpCompilation net10 = GeneratorHarness.CreateCompilation(Source);
        CSharpCompilation bare = CSharpCompilation.Create("Bare", net10.SyntaxTrees);

        Assert.True(CompilationChecks.ReadFacts(net10).HasAggressiveOptimization);
        Assert.False(CompilationChecks.ReadFacts(bare).HasAggressiveOptimization);
    }
}
