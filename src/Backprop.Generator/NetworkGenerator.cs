using System;
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

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = declarations
            .Select(static (declaration, _) => declaration.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, found) =>
        {
            foreach (DiagnosticInfo diagnostic in found)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        IncrementalValuesProvider<NetworkModel> models = declarations
            .Where(static declaration => declaration.Model is not null)
            .Select(static (declaration, _) => declaration.Model!)
            .WithTrackingName(TrackingNames.Models);
        context.RegisterSourceOutput(models, static (output, model) => Emit(output, model));
    }

    private static void Emit(SourceProductionContext output, NetworkModel model)
    {
        string source;
        try
        {
            source = NetworkEmitter.Emit(model);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Report the bug as a diagnostic on the class rather than crash the generator (CS8785),
            // which would drop every other network of the compilation too.
            output.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.InternalError,
                Location.None,
                model.ClassName,
                exception.GetType().Name + ": " + exception.Message));
            return;
        }

        output.AddSource(model.HintName, source);
    }
}
