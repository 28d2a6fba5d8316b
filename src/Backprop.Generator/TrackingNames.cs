namespace Backprop.Generator;

/// <summary>The names of the pipeline's steps, which tests use to check what an edit reruns.</summary>
internal static class TrackingNames
{
    public const string Declarations = nameof(Declarations);
    public const string CompilationFacts = nameof(CompilationFacts);
    public const string CheckedDeclarations = nameof(CheckedDeclarations);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Models = nameof(Models);
    public const string GeneratedFiles = nameof(GeneratedFiles);
    public const string StandIns = nameof(StandIns);
    public const string EmitterFailures = nameof(EmitterFailures);
    public const string WeightsFileNames = nameof(WeightsFileNames);
    public const string WeightsFiles = nameof(WeightsFiles);
    public const string BoundDeclarations = nameof(BoundDeclarations);
}
