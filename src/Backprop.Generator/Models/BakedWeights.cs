using Backprop.Generator.Helpers;

namespace Backprop.Generator.Models;

/// <summary>What <c>Weights = "…"</c> asks for: the file, and where the argument is written for diagnostics.</summary>
/// <param name="FileName">The value as written: a file name, or the trailing folders and file name of a path.</param>
/// <param name="Location">The <c>Weights = "…"</c> argument.</param>
internal sealed record WeightsRequest(string FileName, LocationInfo? Location);

/// <summary>
/// One weights JSON file read from the project's additional files, checked on its own (docs/model-format.md):
/// either its topology and parameters, or the first problem found, as a diagnostic still without a location
/// (the binding step puts it on each <c>Weights = "…"</c> argument that names the file).
/// </summary>
/// <param name="Path">The additional file's path.</param>
/// <param name="Problem">What makes the file unusable, or <see langword="null"/>.</param>
/// <param name="Topology">The file's sizes, activations, loss and precision, with their lines; null with a problem.</param>
/// <param name="Literals">
/// Every parameter as a C# literal of the file's precision (<c>0.5f</c>, <c>-1E-05f</c>; <c>0.5</c>, <c>1.0</c>),
/// in (l, j, k) order, which is also the order of the generated <c>Parameters</c>.
/// </param>
internal sealed record WeightsFile(string Path, DiagnosticInfo? Problem, WeightsTopology? Topology, EquatableArray<string> Literals);

/// <summary>The topology a weights file declares, with the line of each member for messages.</summary>
internal sealed record WeightsTopology(
    EquatableArray<int> LayerSizes,
    int LayersLine,
    int LayersColumn,
    EquatableEnumArray<Activation> Activations,
    int ActivationsLine,
    Loss Loss,
    int LossLine,
    Precision Precision,
    int PrecisionLine);

/// <summary>Trained parameters to bake into a network: the file they came from and their literals in (l, j, k) order.</summary>
/// <param name="FileName">The value of <c>Weights = "…"</c>, for comments and documentation.</param>
/// <param name="Literals">One C# literal per parameter, in the order of <c>Parameters</c>.</param>
internal sealed record BakedWeights(string FileName, EquatableArray<string> Literals);
