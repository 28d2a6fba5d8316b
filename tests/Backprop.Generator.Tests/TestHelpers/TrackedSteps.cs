using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Backprop.Generator.Tests.TestHelpers;

/// <summary>
/// The pipeline's named steps, read from <see cref="TrackingNames"/> by reflection so that the tests never repeat
/// them as strings and a step added there is checked without anyone remembering to list it.
/// </summary>
internal static class TrackedSteps
{
    /// <summary>Every step name that <see cref="TrackingNames"/> declares.</summary>
    public static readonly ImmutableArray<string> All = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(string))
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToImmutableArray();

    /// <summary>Fails unless every step of <see cref="All"/> ran in <paramref name="run"/>.</summary>
    public static void AssertEveryStepRan(GeneratorRunResult run)
    {
        Assert.NotEmpty(All);
        var missing = All.Where(step => !run.TrackedSteps.ContainsKey(step)).ToList();
        Assert.True(missing.Count == 0, "These steps did not run at all: " + string.Join(", ", missing) + ".");
    }

    /// <summary>
    /// Fails unless every named step ran and produced only Cached or Unchanged outputs, and every source output
    /// was Cached: what an edit that touches no network must leave behind.
    /// </summary>
    public static void AssertNothingReran(GeneratorDriverRunResult result)
    {
        GeneratorRunResult run = Assert.Single(result.Results);
        AssertEveryStepRan(run);
        foreach (string step in All)
        {
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

    /// <summary>Every output of <paramref name="step"/> in <paramref name="run"/>.</summary>
    public static ImmutableArray<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult run, string step) =>
        run.TrackedSteps[step].SelectMany(stepRun => stepRun.Outputs).ToImmutableArray();
}
