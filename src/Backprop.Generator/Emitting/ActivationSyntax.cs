using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

/// <summary>
/// How each activation σ is written in generated code: its call for eq. 2, its derivative σ′ in terms of
/// the activation a = σ(z) for eq. 3 and 4, and its initialization.
/// </summary>
internal static class ActivationSyntax
{
    /// <summary>The slope of leaky ReLU for z ≤ 0; equal to <c>Backprop.CompilerServices.ActivationFunctions.LeakyReLUSlope</c>.</summary>
    public const double LeakyReLUSlope = SharedConstants.LeakyReLUSlope;

    /// <summary>The name used in comments and remarks.</summary>
    public static string Name(Activation activation) => activation switch
    {
        Activation.Sigmoid => "sigmoid",
        Activation.Tanh => "tanh",
        Activation.ReLU => "ReLU",
        Activation.LeakyReLU => "leaky ReLU",
        Activation.Softmax => "softmax",
        _ => "linear",
    };

    /// <summary>The enum member, as generated code names it.</summary>
    public static string EnumMember(Activation activation) => $"{RuntimeTypes.Activation}.{activation}";

    /// <summary>The function that computes σ; the linear activation has none, being the weighted sum itself.</summary>
    public static string Function(Activation activation) => $"{RuntimeTypes.ActivationFunctions}.{activation}";

    /// <summary>σ′(z) in terms of a = σ(z), or <see langword="null"/> when it is 1 (linear).</summary>
    public static string? Derivative(Activation activation, string a, NumberType number)
    {
        string zero = number.Literal(0);
        string one = number.Literal(1);
        return activation switch
        {
            Activation.Sigmoid => $"{a} * ({one} - {a})",
            Activation.Tanh => $"{one} - {a} * {a}",
            Activation.ReLU => $"{a} > {zero} ? {one} : {zero}",
            Activation.LeakyReLU => $"{a} > {zero} ? {one} : {number.Literal(LeakyReLUSlope)}",
            _ => null,
        };
    }

    /// <summary>The derivative as the comment above the code states it.</summary>
    public static string DerivativeComment(Activation activation) => activation switch
    {
        Activation.Sigmoid => "σ'(z) = a(1 − a)",
        Activation.Tanh => "σ'(z) = 1 − a²",
        Activation.ReLU => "σ'(z) = 1 if a > 0, else 0",
        Activation.LeakyReLU => "σ'(z) = 1 if a > 0, else 0.01",
        _ => "σ'(z) = 1",
    };

    /// <summary>Whether the layer's weights start from He initialization (ReLU family) rather than Glorot.</summary>
    public static bool UsesHeInitialization(Activation activation) =>
        activation is Activation.ReLU or Activation.LeakyReLU;
}
