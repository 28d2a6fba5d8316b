using Backprop.Generator.Helpers;

namespace Backprop.Generator.Models;

/// <summary>
/// Everything the emitter needs to write one network, as plain values: no symbols, syntax or locations,
/// so that equal declarations give equal models and the pipeline can skip re-emitting.
/// </summary>
/// <param name="Namespace">The namespace as it is written in C# (keywords escaped), or <see langword="null"/> for the global namespace.</param>
/// <param name="ContainingTypes">The types that contain the class, outermost first.</param>
/// <param name="ClassName">The class name as it is written in C# (a keyword escaped with <c>@</c>).</param>
/// <param name="HintName">The generated file's name, unique in the compilation.</param>
/// <param name="LayerSizes">The size of every layer, input layer first.</param>
/// <param name="Activations">The activation of layers 2…L, in order.</param>
/// <param name="Precision">The number type.</param>
/// <param name="Loss">The cost that training minimizes.</param>
/// <param name="CodeShape">The shape the attribute asked for.</param>
/// <param name="Shapes">How each layer 2…L is written out, as <see cref="ShapePlanner"/> chose.</param>
/// <param name="Construction">Whether the generator writes the constructors, or the user's primary constructor initializes the parameters.</param>
/// <param name="Weights">Trained parameters to bake in (<c>Weights = "…"</c>), or <see langword="null"/>.</param>
/// <param name="Dropout">The dropout rate of each hidden layer, first hidden layer first; empty when no layer has dropout.</param>
/// <param name="AggressiveOptimization">
/// Whether the compilation names <c>MethodImplOptions.AggressiveOptimization</c>, which the batch phases are then
/// compiled with (<see cref="CompilationFacts"/>).
/// </param>
internal sealed record NetworkModel(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string ClassName,
    string HintName,
    EquatableArray<int> LayerSizes,
    EquatableEnumArray<Activation> Activations,
    Precision Precision,
    Loss Loss,
    CodeShape CodeShape,
    EquatableEnumArray<LayerShape> Shapes,
    Construction Construction = Construction.GeneratedConstructors,
    BakedWeights? Weights = null,
    EquatableArray<double> Dropout = default,
    bool AggressiveOptimization = false)
{
    /// <summary>Whether the training methods drop hidden neurons (and the class implements <c>IDropoutNetwork</c>).</summary>
    public bool HasDropout => Dropout.Count > 0;

    /// <summary>The dropout rate p of layer <paramref name="layer"/> (2…L): 0 for the output layer and where there is none.</summary>
    public double DropoutRate(int layer) => layer - 2 < Dropout.Count ? Dropout[layer - 2] : 0;

    /// <summary>The number of layers L, input layer included.</summary>
    public int LayerCount => LayerSizes.Count;

    /// <summary>The activation of the output layer L.</summary>
    public Activation OutputActivation => Activations[Activations.Count - 1];
}

/// <summary>A type that contains the network class: its keyword (<c>class</c>, <c>record struct</c>, …) and name.</summary>
internal sealed record ContainingType(string Keyword, string Name);
