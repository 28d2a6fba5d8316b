using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

internal sealed partial class NetworkEmitter
{
    /// <summary>
    /// The helpers through which the unrolled layers call sigmoid and tanh without inlining them, one per
    /// activation they use (none in most networks: see <see cref="ShapePlanner.MaxInlinedActivations"/>).
    /// </summary>
    private void WriteActivationHelpers()
    {
        foreach (Activation activation in Plan.ActivationsNotInlined)
        {
            _writer.WriteLine();
            _writer.WriteLine($"// σ = {ActivationSyntax.Name(activation)} for the unrolled layers, called rather than inlined (see the remarks).");
            _writer.WriteLine($"[{RuntimeTypes.MethodImpl}({RuntimeTypes.MethodImplOptions}.NoInlining)]");
            _writer.WriteLine($"private static {Scalar} {GeneratedMembers.NotInlined(activation)}({Scalar} z) => {ActivationSyntax.Function(activation)}(z);");
        }
    }
}
