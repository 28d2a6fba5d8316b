using System.Collections.Generic;
using System.Globalization;

namespace Backprop.Generator.Models;

/// <summary>
/// The names (and, for methods, the parameter types) of every member the generator adds to a network
/// class: the emitter writes these names, and the parser checks the user's members against them.
/// </summary>
internal static class GeneratedMembers
{
    public const string LayerCount = "LayerCount";
    public const string InputSize = "InputSize";
    public const string OutputSize = "OutputSize";
    public const string ParameterCount = "ParameterCount";
    public const string ForwardMultiplyAdds = "ForwardMultiplyAdds";
    public const string TrainStepMultiplyAdds = "TrainStepMultiplyAdds";
    public const string ParameterBytes = "ParameterBytes";
    public const string StackBytes = "StackBytes";
    public const string LayerSizesField = "s_layerSizes";
    public const string ParametersField = "_parameters";

    /// <summary>TrainBatch's gradient when it is too large for the stack; the name is reserved for every network.</summary>
    public const string BatchGradientField = "_batchGradient";
    /// <summary>The trained parameters of a network with <c>Weights = "…"</c>; the name is reserved for every network.</summary>
    public const string BakedParametersField = "s_bakedParameters";
    public const string Parameters = "Parameters";
    public const string GetActivation = "GetActivation";
    public const string WeightIndex = "WeightIndex";
    public const string BiasIndex = "BiasIndex";
    public const string Weight = "Weight";
    public const string Bias = "Bias";
    public const string InitializeParameters = "InitializeParameters";

    /// <summary>Allocates and fills the parameters in the field's initializer, for a class with a primary constructor.</summary>
    public const string CreateParameters = "CreateParameters";

    /// <summary>Draws random parameters into a span: the body of InitializeParameters and CreateParameters.</summary>
    public const string DrawParameters = "DrawParameters";

    /// <summary>The primary constructor's parameter that seeds the parameters, when it has one of type int.</summary>
    public const string SeedParameter = "seed";
    public const string Forward = "Forward";
    public const string ForwardBatch = "ForwardBatch";
    public const string ForwardFourRows = "ForwardFourRows";

    /// <summary>ForwardBatch's rows, or a worker's share of them: the body of the Forward phase.</summary>
    public const string ForwardRows = "ForwardRows";
    public const string Backward = "Backward";
    public const string BackwardCore = "BackwardCore";
    public const string BackwardBatch = "BackwardBatch";

    /// <summary>The body of BackwardBatch and TrainBatch: every row's gradient added in row order, blocks of rows where it can.</summary>
    public const string BackwardRows = "BackwardRows";

    /// <summary>Eq. 1 to 4 for a share of a block's rows (the Deltas phase) and eq. 5 and 6 for a share of its neurons (the Gradient phase).</summary>
    public const string DeltasOfRows = "DeltasOfRows";
    public const string GradientOfRows = "GradientOfRows";

    /// <summary>The block buffer of the batch path, allocated by the first block; the name is reserved for every network.</summary>
    public const string BatchRowsField = "_batchRows";
    public const string TrainStep = "TrainStep";
    public const string TrainBatch = "TrainBatch";

    /// <summary>
    /// The helpers through which a network with many unrolled sigmoid or tanh neurons calls σ without inlining it
    /// (see <see cref="ShapePlanner.MaxInlinedActivations"/>); the names are reserved for every network.
    /// </summary>
    public const string SigmoidNotInlined = "SigmoidNotInlined";
    public const string TanhNotInlined = "TanhNotInlined";

    /// <summary>The helper that calls <paramref name="activation"/> without inlining it: sigmoid or tanh.</summary>
    public static string NotInlined(Activation activation) => activation == Activation.Tanh ? TanhNotInlined : SigmoidNotInlined;

    /// <summary>The properties of <c>Backprop.IDropoutNetwork</c>, their fields and the helper that seeds the generator: only in a network with dropout.</summary>
    public const string DropoutRandom = "DropoutRandom";
    public const string DropoutRandomField = "_dropoutRandom";
    public const string DropoutRandomOf = "DropoutRandomOf";
    public const string DropoutEnabled = "DropoutEnabled";
    public const string DropoutEnabledField = "_dropoutEnabled";

    /// <summary>
    /// The properties of <c>Backprop.INeuralNetwork</c> that the generated class implements explicitly, because
    /// constants of the same names stand in the class (a user's explicit implementation of one collides), with
    /// their types as generated code writes them.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, string Type)> ExplicitInterfaceProperties = new[]
    {
        ("LayerCount", "int"),
        ("LayerSizes", "global::System.ReadOnlySpan<int>"),
        ("InputSize", "int"),
        ("OutputSize", "int"),
        ("ParameterCount", "int"),
        ("Precision", "global::Backprop.Precision"),
        ("Loss", "global::Backprop.Loss"),
    };

    /// <summary>The name constructors have in symbols.</summary>
    public const string Constructor = ".ctor";

    public static string LayerSize(int layer) => "Layer" + layer.ToString(CultureInfo.InvariantCulture) + "Size";

    /// <summary>The type of the batch methods' last parameter, as <c>SymbolDisplayFormat.FullyQualifiedFormat</c> writes it.</summary>
    private const string Workers = "global::Backprop.BatchWorkers";

    /// <summary>Every member generated for a network of <paramref name="layerCount"/> layers.</summary>
    public static IEnumerable<GeneratedMember> For(int layerCount, Precision precision, Construction construction = Construction.GeneratedConstructors, bool dropout = false)
    {
        string number = precision == Precision.Single ? "float" : "double";
        string readOnlySpan = "global::System.ReadOnlySpan<" + number + ">";
        string span = "global::System.Span<" + number + ">";

        yield return GeneratedMember.Field(LayerCount);
        yield return GeneratedMember.Field(InputSize);
        yield return GeneratedMember.Field(OutputSize);
        yield return GeneratedMember.Field(ParameterCount);
        yield return GeneratedMember.Field(ForwardMultiplyAdds);
        yield return GeneratedMember.Field(TrainStepMultiplyAdds);
        yield return GeneratedMember.Field(ParameterBytes);
        yield return GeneratedMember.Field(StackBytes);
        for (int layer = 1; layer <= layerCount; layer++)
        {
            yield return GeneratedMember.Field(LayerSize(layer));
        }

        yield return GeneratedMember.Field(LayerSizesField);
        yield return GeneratedMember.Field(ParametersField);
        yield return GeneratedMember.Field(BatchGradientField);
        yield return GeneratedMember.Field(BatchRowsField);
        yield return GeneratedMember.Field(BakedParametersField);
        yield return GeneratedMember.Field(Parameters);
        if (construction == Construction.GeneratedConstructors)
        {
            yield return GeneratedMember.Method(Constructor);
            yield return GeneratedMember.Method(Constructor, "int");
        }

        // Private helpers of every network, whatever their parameters: reserved by name.
        yield return GeneratedMember.Field(CreateParameters);
        yield return GeneratedMember.Field(DrawParameters);
        yield return GeneratedMember.Method(GetActivation, "int");
        yield return GeneratedMember.Method(WeightIndex, "int", "int", "int");
        yield return GeneratedMember.Method(BiasIndex, "int", "int");
        yield return GeneratedMember.Method(Weight, "int", "int", "int");
        yield return GeneratedMember.Method(Bias, "int", "int");
        yield return GeneratedMember.Method(InitializeParameters, "int");
        yield return GeneratedMember.Method(Forward, readOnlySpan, span);
        yield return GeneratedMember.Method(ForwardBatch, readOnlySpan, span);
        yield return GeneratedMember.Method(ForwardBatch, readOnlySpan, span, Workers);
        yield return GeneratedMember.Method(ForwardFourRows, readOnlySpan, span);
        yield return GeneratedMember.Field(ForwardRows);
        yield return GeneratedMember.Method(Backward, readOnlySpan, readOnlySpan, span);
        yield return GeneratedMember.Method(BackwardCore, readOnlySpan, readOnlySpan, span);
        yield return GeneratedMember.Method(BackwardBatch, readOnlySpan, readOnlySpan, span, span);
        yield return GeneratedMember.Method(BackwardBatch, readOnlySpan, readOnlySpan, span, span, Workers);
        yield return GeneratedMember.Field(BackwardRows);
        yield return GeneratedMember.Field(DeltasOfRows);
        yield return GeneratedMember.Field(GradientOfRows);
        yield return GeneratedMember.Method(TrainStep, readOnlySpan, readOnlySpan, number);
        yield return GeneratedMember.Method(TrainBatch, readOnlySpan, readOnlySpan, number);
        yield return GeneratedMember.Method(TrainBatch, readOnlySpan, readOnlySpan, number, Workers);
        yield return GeneratedMember.Method(SigmoidNotInlined, number);
        yield return GeneratedMember.Method(TanhNotInlined, number);
        if (dropout)
        {
            yield return GeneratedMember.Field(DropoutRandom);
            yield return GeneratedMember.Field(DropoutRandomField);
            yield return GeneratedMember.Field(DropoutRandomOf);
            yield return GeneratedMember.Field(DropoutEnabled);
            yield return GeneratedMember.Field(DropoutEnabledField);
        }
    }
}

/// <summary>
/// A generated member: a name, and for a method or constructor its parameter types as
/// <c>SymbolDisplayFormat.FullyQualifiedFormat</c> writes them (<see langword="null"/> for anything else).
/// </summary>
internal sealed class GeneratedMember
{
    private GeneratedMember(string name, string[]? parameterTypes)
    {
        Name = name;
        ParameterTypes = parameterTypes;
    }

    public string Name { get; }

    public IReadOnlyList<string>? ParameterTypes { get; }

    public bool IsMethod => ParameterTypes is not null;

    public static GeneratedMember Field(string name) => new(name, null);

    public static GeneratedMember Method(string name, params string[] parameterTypes) => new(name, parameterTypes);
}
