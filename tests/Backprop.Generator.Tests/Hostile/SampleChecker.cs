using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Backprop.Generator.Tests.TestHelpers;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Backprop.Generator.Tests;

internal static partial class Hostile
{
    /// <summary>Runs the generator over one sample and checks every property and the oracle's prediction.</summary>
    internal static class SampleChecker
    {
        /// <summary>How a stand-in's file begins (docs/diagnostics.md): a class whose attribute has errors.</summary>
        private const string StandInHeader = "// A stand-in written by the Backprop source generator";

        public static void Check(Sample sample, string seed, List<Failure> failures, Dictionary<string, int> outcomes)
        {
            void Fail(string category, string detail) => failures.Add(new Failure(category, detail, seed, sample.Source));

            // The harness's strict compilation, built on one thread: the samples already run in parallel.
            CSharpCompilation input = GeneratorHarness.CreateCompilation(sample.Source)
                .WithOptions(GeneratorHarness.StrictOptions.WithConcurrentBuild(false));
            GeneratorRun run;
            try
            {
                run = GeneratorHarness.Run(input, additionalTexts: sample.AdditionalTexts);
            }
            catch (Exception exception)
            {
                Fail("an exception escaped the generator: " + exception.GetType().Name, exception.ToString());
                return;
            }

            foreach (Exception exception in run.Result.Results.Select(r => r.Exception).OfType<Exception>())
            {
                Fail("the generator threw " + exception.GetType().Name, exception.ToString());
            }

            foreach (Diagnostic diagnostic in run.GeneratorDiagnostics.Where(d => d.Id is "CS8785" or "AD0001" or "BP0099"))
            {
                Fail(diagnostic.Id + " reported", diagnostic.ToString());
            }

            if (run.GeneratorDiagnostics.Any(d => d.Id == "CS8785"))
            {
                // A crashed generator contributes nothing at all: every other check would only repeat the crash.
                outcomes["crash (CS8785)"] = outcomes.GetValueOrDefault("crash (CS8785)") + 1;
                return;
            }

            // Every BP diagnostic and every file belongs to one declaration of the sample.
            var diagnosticsOf = sample.Units.ToDictionary(u => u.Index, _ => new List<Diagnostic>());
            foreach (Diagnostic diagnostic in run.GeneratorDiagnostics.Where(d => d.Id.StartsWith("BP", StringComparison.Ordinal)))
            {
                RenderedUnit? owner = sample.Units.FirstOrDefault(u => u.Contains(diagnostic.Location));
                if (owner is null)
                {
                    Fail(diagnostic.Id + " outside every declaration", diagnostic.ToString());
                    continue;
                }

                diagnosticsOf[owner.Index].Add(diagnostic);
            }

            var filesOf = sample.Units.ToDictionary(u => u.Index, _ => 0);
            var standInsOf = sample.Units.ToDictionary(u => u.Index, _ => 0);
            foreach (GeneratedSourceResult file in run.GeneratedSources)
            {
                RenderedUnit? owner = sample.Units.FirstOrDefault(u => u.HintName == file.HintName);
                if (owner is not null)
                {
                    filesOf[owner.Index]++;
                    if (file.SourceText.ToString().Contains(StandInHeader, StringComparison.Ordinal))
                    {
                        standInsOf[owner.Index]++;
                    }
                }
                else if (!sample.Units.Any(u => u.ExtraHintName == file.HintName))
                {
                    Fail("a file for no declaration", file.HintName);
                }
            }

            ImmutableArray<Diagnostic>? inputDiagnostics = null;
            ImmutableArray<Diagnostic> InputDiagnostics() => inputDiagnostics ??= AboveHidden(input);

            foreach (RenderedUnit unit in sample.Units)
            {
                var errors = diagnosticsOf[unit.Index].Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).ToImmutableSortedSet(StringComparer.Ordinal);
                var warnings = diagnosticsOf[unit.Index].Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => d.Id).ToImmutableSortedSet(StringComparer.Ordinal);
                int files = filesOf[unit.Index];
                bool standIn = standInsOf[unit.Index] == 1;
                string actual = files > 1 ? files.ToString(CultureInfo.InvariantCulture) + " files"
                    : files == 1 && !standIn ? "generated" + (warnings.IsEmpty ? "" : " + " + string.Join("+", warnings))
                    : (standIn ? "stand-in for " : "") + (errors.IsEmpty ? "quiet" : string.Join("+", errors));
                outcomes[actual] = outcomes.GetValueOrDefault(actual) + 1;

                if (files > 1)
                {
                    Fail("two files for one class", unit.HintName);
                }

                // A network where there is no error; a stand-in, or nothing, where there is one.
                if (files > 0 && errors.IsEmpty == standIn)
                {
                    Fail(standIn ? "a stand-in for a class without errors" : "a BP error and a network for the same class", string.Join(", ", errors));
                }

                Expectation expected = unit.Expected;
                bool matches = expected.Outcome switch
                {
                    Outcome.Generated => files == 1 && !standIn && errors.IsEmpty && warnings.SetEquals(expected.Warnings),
                    Outcome.Errors => files == (expected.StandIn ? 1 : 0) && expected.Required.IsSubsetOf(errors) && errors.IsSubsetOf(expected.Allowed),
                    Outcome.Quiet => files == 0 && diagnosticsOf[unit.Index].Count == 0,
                    _ => true,
                };
                if (!matches)
                {
                    Fail("expected " + expected + ", got " + actual,
                        "declaration #" + unit.Index.ToString(CultureInfo.InvariantCulture) + " of the sample; the generator reported:\n"
                        + string.Join("\n", diagnosticsOf[unit.Index].Select(d => d.ToString())));
                }

                // A quiet generator is right only if the compiler does say something about the declaration.
                if (expected.Outcome is Outcome.Quiet or Outcome.CompilerError && !InputDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error && unit.Contains(d.Location)))
                {
                    Fail("expected a compiler error, but the compiler finds none", unit.Unit.ToString());
                }
            }

            // Generated code compiles clean: no diagnostic in a generated file, and no error where the input had none.
            // (User code may have its own errors, and some go away: a ': this(seed)' binds only once generated; some
            // change: an explicit implementation written twice is CS0540 before the interface is implemented and
            // CS8646 after. A new warning in user code is the user's: a member of theirs that hides a generated member
            // of a base network.)
            if (run.GeneratedSources.Length > 0)
            {
                var before = InputDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(Key).ToHashSet(StringComparer.Ordinal);
                var added = AboveHidden(run.Output)
                    .Where(d => d.Location.SourceTree?.FilePath != "Networks.cs" || (d.Severity == DiagnosticSeverity.Error && !before.Contains(Key(d))))
                    .ToList();
                if (added.Count > 0)
                {
                    Fail("the generated code adds " + string.Join(", ", added.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal)),
                        string.Join("\n", added.Take(10).Select(d => d.ToString())));
                }
            }
        }

        private static ImmutableArray<Diagnostic> AboveHidden(Compilation compilation) =>
            compilation.GetDiagnostics().Where(d => d.Severity > DiagnosticSeverity.Hidden).ToImmutableArray();

        /// <summary>Where a diagnostic is: an error in user code is new only where the input had none.</summary>
        private static string Key(Diagnostic d) => d.Location.SourceTree?.FilePath + "|" + d.Location.SourceSpan.ToString();
    }
}
