using System;
using System.Collections.Generic;
using System.Linq;
using Backprop.Generator.Models;
using Backprop.Generator.Tests.TestHelpers;
using Xunit;
using Xunit.Abstractions;

namespace Backprop.Generator.Tests;

/// <summary>
/// Dropout adds code to the training methods: the mask draws, and eq. 2′ per hidden neuron. Unrolled networks at the
/// edge of the bounds, with dropout in every hidden layer, must still stay within the JIT's limits, and the estimate
/// that BP0008 refuses networks by must still bound the compiled size from above.
/// </summary>
public class DropoutJitBudgetTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, int[]> Edge = new()
    {
        ["Hidden"] = new[] { 16, 32, 8 },
        ["DeepReLU"] = new[] { 8, 8, 8, 8, 8, 8, 8, 8, 8, 8 },
        ["DeepNarrow"] = Enumerable.Repeat(1, 27).ToArray(),
        ["Small"] = new[] { 3, 5, 4, 2 },
    };

    /// <summary>
    /// 43 layers of one neuron are accepted unrolled without dropout (JitBudgetTests), but dropout's three locals per
    /// hidden layer take them past the 256 locals the C# compiler addresses briefly (measured: 379): refused.
    /// </summary>
    [Fact]
    public void Dropout_takes_the_deepest_unrolled_network_past_the_bounds()
    {
        string sizes = string.Join(", ", Enumerable.Repeat(1, 43));
        GeneratorRun refused = GeneratorHarness.Run($"using Backprop;\n\n[Network({sizes}, CodeShape = CodeShape.Unrolled, Dropout = new[] {{ 0.5 }})]\ninternal partial class Deep {{ }}\n");
        Assert.Equal("BP0008", Assert.Single(refused.GeneratorDiagnostics).Id);
    }

    [Fact]
    public void Unrolled_networks_with_dropout_at_the_edge_stay_within_the_JIT_limits_and_the_estimate()
    {
        string source = "using Backprop;\n\nnamespace Budget;\n\n" + string.Join(
            "\n",
            Edge.Select(n => $"[Network({string.Join(", ", n.Value)}, CodeShape = CodeShape.Unrolled, Dropout = new[] {{ 0.5 }})]\ninternal partial class {n.Key} {{ }}\n"));
        GeneratorRun run = GeneratorHarness.Run(source);
        DiagnosticText.AssertNone(run.GeneratorDiagnostics);
        IReadOnlyList<ILMetrics> methods = ILMetrics.Read(ILMetrics.Emit(run.Output), Edge.Keys.Select(k => "Budget." + k).ToHashSet());

        var failures = new List<string>();
        foreach ((string name, int[] sizes) in Edge)
        {
            var own = methods.Where(m => m.Method.StartsWith("Budget." + name + ".", StringComparison.Ordinal)).ToList();
            int instructions = own.Max(m => m.Instructions);
            int locals = own.Max(m => m.Locals);
            LayerShape[] shapes = ShapePlanner.Choose(sizes, Models.CodeShape.Unrolled, keepsOutputSums: false);
            double[] dropout = Enumerable.Repeat(0.5, sizes.Length - 2).ToArray();
            double estimate = NetworkLimits.EstimateInstructions(sizes, shapes, keepsOutputSums: false, dropout);
            double countedLocals = NetworkLimits.CountLocals(sizes, shapes, keepsOutputSums: false, dropout);
            string line = $"{name} [{string.Join(", ", sizes)}]: {instructions} instructions, estimate {estimate}; {locals} locals, counted {countedLocals}";
            output.WriteLine(line);
            if (instructions > estimate || instructions > NetworkLimits.MaxInstructions || locals > countedLocals || locals > NetworkLimits.MaxLocals)
            {
                failures.Add(line);
            }
        }

        Assert.Empty(failures);
    }
}
