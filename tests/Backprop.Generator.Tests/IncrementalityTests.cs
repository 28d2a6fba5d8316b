using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Backprop.Generator.Tests.TestHelpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Backprop.Generator.Tests;

/// <summary>
/// The pipeline does no work twice: an edit that does not touch a network leaves every tracked step
/// Cached or Unchanged, and the models hold only values (no symbols, syntax or compilations that would
/// keep old compilations alive and defeat the caching).
/// </summary>
public class IncrementalityTests
{
    private const string Network = """
        using Backprop;

        namespace Game;

        [Network(3, 4, 2)]
        internal partial class Tiny { }

        internal class Unrelated
        {
            public int Value => 1;
        }
        """;

    private static readonly string[] TrackedSteps =
    {
        "Declarations", "CompilationFacts", "CheckedDeclarations", "Diagnostics", "Models",
    };

    [Fact]
    public void A_new_unrelated_file_reruns_nothing()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = RunOnce(Network);

        CSharpCompilation edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("internal class Other { }", (CSharpParseOptions)compilation.SyntaxTrees[0].Options, path: "Other.cs"));
        GeneratorDriverRunResult result = driver.RunGenerators(edited).GetRunResult();

        AssertAllCachedOrUnchanged(result);
    }

    [Fact]
    public void An_unrelated_edit_in_the_same_file_reruns_nothing()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = RunOnce(Network);

        SyntaxTree old = compilation.SyntaxTrees[0];
        SyntaxTree changed = old.WithChangedText(old.GetText().Replace(old.ToString().IndexOf("=> 1", StringComparison.Ordinal), 4, "=> 2"));
        GeneratorDriverRunResult result = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, changed)).GetRunResult();

        AssertAllCachedOrUnchanged(result);
    }

    [Fact]
    public void A_changed_size_regenerates_the_network()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = RunOnce(Network);

        SyntaxTree old = compilation.SyntaxTrees[0];
        SyntaxTree changed = old.WithChangedText(old.GetText().Replace(old.ToString().IndexOf("3, 4, 2", StringComparison.Ordinal), 7, "3, 5, 2"));
        GeneratorDriverRunResult result = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, changed)).GetRunResult();

        var models = result.Results[0].TrackedSteps["Models"].SelectMany(step => step.Outputs).ToList();
        Assert.Contains(models, output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("public const int Layer2Size = 5;", result.GeneratedTrees.Single().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pipeline_values_hold_no_symbols_syntax_or_compilations()
    {
        (GeneratorDriver driver, _) = RunOnce(Network);
        GeneratorRunResult result = driver.GetRunResult().Results[0];

        foreach (string step in TrackedSteps)
        {
            foreach (IncrementalGeneratorRunStep run in result.TrackedSteps[step])
            {
                foreach ((object value, _) in run.Outputs)
                {
                    AssertHoldsOnlyValues(value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
                }
            }
        }
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) RunOnce(string source)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver((CSharpParseOptions)compilation.SyntaxTrees[0].Options, trackSteps: true)
            .RunGenerators(compilation);
        Assert.Single(driver.GetRunResult().GeneratedTrees);
        return (driver, compilation);
    }

    private static void AssertAllCachedOrUnchanged(GeneratorDriverRunResult result)
    {
        GeneratorRunResult run = Assert.Single(result.Results);
        foreach (string step in TrackedSteps)
        {
            Assert.True(run.TrackedSteps.ContainsKey(step), "The step " + step + " did not run at all.");
            foreach (IncrementalGeneratorRunStep stepRun in run.TrackedSteps[step])
            {
                Assert.All(stepRun.Outputs, output => Assert.True(
                    output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"{step} produced a {output.Reason} output after an unrelated edit."));
            }
        }

        Assert.All(run.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs), output =>
            Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    /// <summary>Walks an object graph and fails on anything that would pin a compilation in memory.</summary>
    private static void AssertHoldsOnlyValues(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Type type = value.GetType();
        Assert.False(
            value is ISymbol or SyntaxNode or Compilation or SemanticModel or SyntaxTree || type == typeof(Location) || type.IsSubclassOf(typeof(Location)),
            $"{path} holds a {type.Name}, which keeps a compilation alive.");

        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (object? item in items)
            {
                AssertHoldsOnlyValues(item, path + "[" + i++ + "]", seen);
            }
        }

        if (type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true || type.Namespace?.StartsWith("Microsoft", StringComparison.Ordinal) == true)
        {
            // Framework and Roslyn value types (TextSpan, DiagnosticDescriptor, immutable arrays) are walked as items only.
            return;
        }

        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertHoldsOnlyValues(field.GetValue(value), path + "." + field.Name, seen);
        }
    }
}
