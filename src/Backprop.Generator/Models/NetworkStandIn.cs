using Backprop.Generator.Helpers;

namespace Backprop.Generator.Models;

/// <summary>
/// A class whose <c>[Network]</c> attribute has errors, but which could take the generated members: the
/// generator writes a stand-in with the members' signatures and bodies that throw, so that the class's uses
/// still compile and the error list shows the BP errors alone, as the Regex generator does for a bad pattern.
/// </summary>
/// <param name="Namespace">As in <see cref="NetworkModel"/>.</param>
/// <param name="ContainingTypes">As in <see cref="NetworkModel"/>.</param>
/// <param name="ClassName">As in <see cref="NetworkModel"/>.</param>
/// <param name="HintName">As in <see cref="NetworkModel"/>.</param>
/// <param name="LayerSizes">The sizes as written, valid or not (none, one, zero, negative, huge).</param>
/// <param name="Precision">The number type; <see cref="Precision.Single"/> when the value written is unknown.</param>
/// <param name="Construction">Whether constructors are generated.</param>
/// <param name="Errors">The ids of the errors that keep the network from being generated, in order.</param>
/// <param name="HasDropout">Whether the attribute sets <c>Dropout</c>, valid or not: the stand-in is then an <c>IDropoutNetwork</c> too.</param>
internal sealed record NetworkStandIn(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string ClassName,
    string HintName,
    EquatableArray<int> LayerSizes,
    Precision Precision,
    Construction Construction,
    EquatableArray<string> Errors,
    bool HasDropout = false)
{
    /// <summary>The stand-in of a network whose model is sound but whose weights file is not (BP0027 to BP0034).</summary>
    public static NetworkStandIn Of(NetworkModel model, EquatableArray<string> errors) =>
        new(model.Namespace, model.ContainingTypes, model.ClassName, model.HintName, model.LayerSizes, model.Precision, model.Construction, errors, model.HasDropout);
}
