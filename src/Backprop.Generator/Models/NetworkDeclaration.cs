using Backprop.Generator.Helpers;

namespace Backprop.Generator.Models;

/// <summary>
/// What the parser makes of one <c>[Network]</c> class: the model when the declaration is usable, and the
/// diagnostics it found either way.
/// </summary>
/// <param name="Model">The network to emit, or <see langword="null"/> when an error prevents it.</param>
/// <param name="StandIn">When an error in the attribute's arguments prevents the model, what keeps the class's uses compiling; otherwise <see langword="null"/>.</param>
/// <param name="Diagnostics">The diagnostics to report.</param>
/// <param name="AttributeLocation">Where the attribute is written, for diagnostics about the whole compilation.</param>
/// <param name="ClassLocation">The class's name, for a failure of the emitter (BP0099).</param>
/// <param name="Weights">The weights file that <c>Weights = "…"</c> names, still to be found and read; or <see langword="null"/>.</param>
internal sealed record NetworkDeclaration(
    NetworkModel? Model,
    NetworkStandIn? StandIn,
    EquatableArray<DiagnosticInfo> Diagnostics,
    LocationInfo? AttributeLocation,
    LocationInfo? ClassLocation,
    WeightsRequest? Weights = null)
{
    public static NetworkDeclaration Nothing { get; } = new(null, null, EquatableArray<DiagnosticInfo>.Empty, null, null);
}
