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
    /// <summary>A network of each kind, so that every step of the pipeline has something to do.</summary>
    private const string Network = """
        using Backprop;

        namespace Game;

        [Network(3, 4, 2)]
        internal partial class Tiny { }

        [Network(2, 3, 1, Weights = "xor.json")]
        internal partial class BakedXor { }

        // BP0003: the attribute has errors, so the class gets a stand-in.
        [Network(3)]
        internal partial class Broken { }

        internal class Unrelated
        {
            public int Value => 1;
        }
        """;

    [Fact]
    public void The_test_network_runs_every_named_step()
    {
        (GeneratorDriver driver, _) = RunOnce(Network);

        TrackedSteps.AssertEveryStepRan(driver.GetRunResult().Results[0]);
    }

    [Fact]
    public void A_new_unrelated_file_reruns_nothing()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = RunOnce(Network);

        CSharpCompilation edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("internal class Other { }", (CSharpParseOptions)compilation.SyntaxTrees[0].Options, path: "Other.cs"));
        GeneratorDriverRunResult result = driver.RunGenerators(edited).GetRunResult();

        TrackedSteps.AssertNothingReran(result);
    }

    [Fact]
    public void An_unrelated_edit_in_the_same_file_reruns_nothing()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = RunOnce(Network);

        SyntaxTree old = compilation.SyntaxTrees[0];
        SyntaxTree changed = old.WithChangedText(old.GetText().Replace(old.ToString().IndexOf("=> 1", StringComparison.Ordinal), 4, "=> 2"));
        GeneratorDriverRunResult result = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, changed)).GetRunResult();

        TrackedSteps.AssertNothingReran(result);
    }

    [Fact]
    public void A_new_unrelated_additional_file_reruns_nothing()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = RunOnce(Network);

        driver = driver.AddAdditionalTexts(ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/project/settings.json", "{}")));
        TrackedSteps.AssertNothingReran(driver.RunGenerators(compilation).GetRunResult());
    }

    [Fact]
    public void A_changed_size_regenerates_the_network()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = RunOnce(Network);

        SyntaxTree old = compilation.SyntaxTrees[0];
        SyntaxTree changed = old.WithChangedText(old.GetText().Replace(old.ToString().IndexOf("3, 4, 2", StringComparison.Ordinal), 7, "3, 5, 2"));
        GeneratorDriverRunResult result = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, changed)).GetRunResult();

        Assert.Contains(TrackedSteps.Outputs(result.Results[0], TrackingNames.Models), output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("public const int Layer2Size = 5;", result.GeneratedTrees.Single(tree => tree.FilePath.EndsWith("Tiny.g.cs", StringComparison.Ordinal)).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pipeline_values_hold_no_symbols_syntax_or_compilations()
    {
        (GeneratorDriver driver, _) = RunOnce(Network);
        GeneratorRunResult result = driver.GetRunResult().Results[0];

        TrackedSteps.AssertEveryStepRan(result);
        foreach (string step in TrackedSteps.All)
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
        GeneratorDriver driver = GeneratorHarness
            .CreateDriver(
                (CSharpParseOptions)compilation.SyntaxTrees[0].Options,
                trackSteps: true,
                ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/project/xor.json", WeightsJson.Xor)))
            .RunGenerators(compilation);
        Assert.Equal(3, driver.GetRunResult().GeneratedTrees.Length);
        return (driver, compilation);
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
