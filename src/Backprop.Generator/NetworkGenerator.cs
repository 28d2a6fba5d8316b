using System;
using System.Linq;
using Backprop.Generator.Diagnostics;
using Backprop.Generator.Emitting;
using Backprop.Generator.Helpers;
using Backprop.Generator.Models;
using Backprop.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace Backprop.Generator;

/// <summary>
/// Writes a fully connected neural network into every <c>partial</c> class marked <c>[Network(...)]</c>.
/// The pipeline has three rooms: the parser turns each class into an equatable model (or diagnostics),
/// the compilation's facts are checked once, and the emitter turns each model into source text.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    private readonly Func<NetworkModel, string> _emit;

    /// <summary>Creates the generator, as the compiler does.</summary>
    public NetworkGenerator()
        : this(NetworkEmitter.Emit)
    {
    }

    /// <summary>Creates the generator with another emitter: for tests of what happens when it fails.</summary>
    internal NetworkGenerator(Func<NetworkModel, string> emit)
    {
        _emit = emit;
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<CompilationFacts> facts = context.CompilationProvider
            .Select(static (compilation, _) => CompilationChecks.ReadFacts(compilation))
            .WithTrackingName(TrackingNames.CompilationFacts);

        IncrementalValuesProvider<NetworkDeclaration> declarations = context.SyntaxProvider
            .ForAttributeWithMetadataName(NetworkParser.AttributeMetadataName, NetworkParser.IsCandidate, NetworkParser.Parse)
            .WithTrackingName(TrackingNames.Declarations)
            .Combine(facts)
            .Select(static (pair, _) => CompilationChecks.Apply(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.CheckedDeclarations);

        // Baked weights (Weights = "model.json"): only the additional files some network names are read, each
        // once per edit of its own text, and each declaration is then bound to the file it names.
        IncrementalValueProvider<EquatableArray<string>> weightsFileNames = declarations
            .Collect()
            .Select(static (all, _) => WeightsBinding.RequestedNames(all))
            .WithTrackingName(TrackingNames.WeightsFileNames);
        IncrementalValuesProvider<WeightsFile> weightsFiles = context.AdditionalTextsProvider
            .Combine(weightsFileNames)
            .Where(static pair => WeightsBinding.IsRequested(pair.Left.Path, pair.Right))
            .Select(static (pair, _) => pair.Left)
            .Select(static (text, cancellationToken) => WeightsFileReader.Read(text.Path, text.GetText(cancellationToken), cancellationToken))
            .WithTrackingName(TrackingNames.WeightsFiles);
        declarations = declarations
            .Combine(weightsFiles.Collect())
            .Select(static (pair, _) => WeightsBinding.Apply(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.BoundDeclarations);

        IncrementalValuesProvider<NetworkModel> models = declarations
            .Where(static declaration => declaration.Model is not null)
            .Select(static (declaration, _) => declaration.Model!)
            .WithTrackingName(TrackingNames.Models);
        IncrementalValuesProvider<GeneratedFile> files = models
            .Select((model, _) => Emit(model.HintName, () => _emit(model)))
            .WithTrackingName(TrackingNames.GeneratedFiles);
        context.RegisterSourceOutput(
            files.Where(static file => file.Source is not null),
            static (output, file) => output.AddSource(file.HintName, file.Source!));

        // A class whose attribute has errors gets a stand-in, so that its uses compile and only the BP errors show.
        IncrementalValuesProvider<GeneratedFile> standIns = declarations
            .Where(static declaration => declaration.StandIn is not null)
            .Select(static (declaration, _) => declaration.StandIn!)
            .WithTrackingName(TrackingNames.StandIns)
            .Select(static (standIn, _) => Emit(standIn.HintName, () => StandInEmitter.Emit(standIn)));
        context.RegisterSourceOutput(
            standIns.Where(static file => file.Source is not null),
            static (output, file) => output.AddSource(file.HintName, file.Source!));

        // An emitter failure is a bug; it is reported on its class, whose location only the declaration knows
        // (models hold none, so that moving a class does not re-emit it). The failures are almost always none,
        // so this join costs nothing after the first run.
        IncrementalValueProvider<EquatableArray<GeneratedFile>> failures = files
            .Where(static file => file.Failure is not null)
            .Collect()
            .Combine(standIns.Where(static file => file.Failure is not null).Collect())
            .Select(static (all, _) => all.Left.Concat(all.Right).ToEquatableArray())
            .WithTrackingName(TrackingNames.EmitterFailures);
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = declarations
            .Combine(failures)
            .Select(static (pair, _) => DiagnosticsOf(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, found) =>
        {
            foreach (DiagnosticInfo diagnostic in found)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });
    }

    private static GeneratedFile Emit(string hintName, Func<string> emit)
    {
        try
        {
            return new GeneratedFile(hintName, emit(), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Reported as a diagnostic on the class rather than a crash of the generator (CS8785), which would
            // drop every other network of the compilation too.
            return new GeneratedFile(hintName, null, exception.GetType().Name + ": " + exception.Message);
        }
    }

    private static EquatableArray<DiagnosticInfo> DiagnosticsOf(NetworkDeclaration declaration, EquatableArray<GeneratedFile> failures)
    {
        string? hintName = declaration.Model?.HintName ?? declaration.StandIn?.HintName;
        GeneratedFile? failed = hintName is null ? null : failures.FirstOrDefault(f => f.HintName == hintName);
        return failed is null
            ? declaration.Diagnostics
            : declaration.Diagnostics.Concat(new[]
            {
                DiagnosticInfo.Create(
                    DiagnosticDescriptors.InternalError,
                    declaration.ClassLocation,
                    declaration.Model?.ClassName ?? declaration.StandIn!.ClassName,
                    failed.Failure!),
            }).ToEquatableArray();
    }
}
