using Backprop.Generator.Helpers;
using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

/// <summary>One layer l ≥ 2: Zˡ = Wˡ·Aˡ⁻¹ + Bˡ, Aˡ = σ(Zˡ). Worked out whole by <see cref="Of"/>; nothing in it changes.</summary>
internal sealed class LayerPlan
{
    private LayerPlan(NetworkModel model, int number, int weightOffset)
    {
        Number = number;
        Neurons = model.LayerSizes[number - 1];
        Inputs = model.LayerSizes[number - 2];
        Activation = model.Activations[number - 2];
        WeightOffset = weightOffset;
        IsOutput = number == model.LayerCount;
        Shape = model.Shapes[number - 2];
        Buffered = ShapePlanner.IsBuffered(model.Shapes, number);
        PreviousBuffered = ShapePlanner.IsBuffered(model.Shapes, number - 1);
        KeepsWeightedSums = IsOutput && ShapePlanner.KeepsOutputSums(model.OutputActivation, model.Loss);
        Symbols = new LayerSymbols(number);
        DropoutRate = model.DropoutRate(number);
        CallsActivationOutOfLine = Shape == LayerShape.ScalarUnrolled
            && ShapePlanner.HasLongBody(Activation)
            && ShapePlanner.CallsActivationsOutOfLine(model.LayerSizes, model.Activations, model.Shapes);
        ActivationFunction = CallsActivationOutOfLine ? GeneratedMembers.NotInlined(Activation) : ActivationSyntax.Function(Activation);
    }

    /// <summary>Layer <paramref name="number"/> of <paramref name="model"/>, its weights starting at <paramref name="weightOffset"/>.</summary>
    public static LayerPlan Of(NetworkModel model, int number, int weightOffset) => new(model, number, weightOffset);

    /// <summary>l, counting the input layer as 1.</summary>
    public int Number { get; }

    /// <summary>nₗ, the number of neurons (rows of Wˡ).</summary>
    public int Neurons { get; }

    /// <summary>nₗ₋₁, the size of the previous layer (columns of Wˡ).</summary>
    public int Inputs { get; }

    public Activation Activation { get; }

    /// <summary>
    /// Whether this unrolled layer calls σ through the class's helper that the JIT does not inline (see
    /// <see cref="ShapePlanner.CallsActivationsOutOfLine"/>), rather than the library's function, inlined.
    /// </summary>
    public bool CallsActivationOutOfLine { get; }

    /// <summary>The function this layer's scalar code calls for σ(z): the library's, or the class's helper.</summary>
    public string ActivationFunction { get; }

    public int WeightOffset { get; }

    public int WeightCount => Neurons * Inputs;

    public int BiasOffset => WeightOffset + WeightCount;

    public bool IsOutput { get; }

    public LayerShape Shape { get; }

    /// <summary>
    /// Whether this layer's activations, deltas (and kept weighted sums) live in stack buffers, indexed
    /// <c>a3[j]</c>, rather than in locals <c>a3_j</c>: so they do next to a layer of loops.
    /// </summary>
    public bool Buffered { get; }

    /// <summary>Whether the previous layer's activations live in a buffer (for layer 2: a span over the input).</summary>
    public bool PreviousBuffered { get; }

    /// <summary>Whether the weighted sums get locals of their own rather than going straight into σ: an output layer whose softmax or loss needs them.</summary>
    public bool KeepsWeightedSums { get; }

    /// <summary>The dropout rate p of this hidden layer in the training methods; 0 where it has none (and for the output layer).</summary>
    public double DropoutRate { get; }

    public bool HasDropout => DropoutRate > 0;

    /// <summary>
    /// The keep threshold: a neuron is kept when the top 32 bits of its draw are at least ⌊p·2³²⌉, which happens
    /// with probability 1 − p to within 2⁻³³. Computed here, once, so that every machine compares the same integers.
    /// </summary>
    public ulong DropoutThreshold => (ulong)System.Math.Round(DropoutRate * 4294967296.0, System.MidpointRounding.AwayFromZero);

    /// <summary>The scale 1/(1 − p) of a kept neuron (inverted dropout), in double; the emitter rounds it to the number type once.</summary>
    public double DropoutScale => 1 / (1 - DropoutRate);

    /// <summary>
    /// Whether eq. 4′ needs Dˡ ⊙ σ'(Zˡ) in a buffer of its own: σ' of the activations before the mask, which the
    /// mask overwrites; a linear layer, whose σ' is 1, takes the mask Dˡ itself.
    /// </summary>
    public bool KeepsMaskedDerivative => HasDropout && Activation != Activation.Linear;

    /// <summary>The buffer of the layer's dropout mask Dˡ: 1/(1 − p) for a kept neuron, 0 for a dropped one.</summary>
    public string MaskBuffer => Invariant.Format($"mask{Number}");

    /// <summary>The buffer of Dˡ ⊙ σ'(Zˡ), the factor eq. 4′ multiplies by.</summary>
    public string MaskedDerivativeBuffer => Invariant.Format($"maskedDerivative{Number}");

    /// <summary>The buffer eq. 4′ multiplies (Wˡ⁺¹)ᵀ·Δˡ⁺¹ by, element by element, for a layer with dropout.</summary>
    public string DropoutFactorBuffer => KeepsMaskedDerivative ? MaskedDerivativeBuffer : MaskBuffer;

    /// <summary>The layer's matrices as comments write them: W², A¹⁰.</summary>
    public LayerSymbols Symbols { get; }

    /// <summary>The index of w<sub>jk</sub> inside this layer's weight block (row-major).</summary>
    public int WeightIndex(int j, int k) => (j * Inputs) + k;

    // Names of the layer's spans and locals in generated code.
    public string WeightSpan => Invariant.Format($"w{Number}");

    public string BiasSpan => Invariant.Format($"b{Number}");

    public string WeightGradientSpan => Invariant.Format($"gradW{Number}");

    public string BiasGradientSpan => Invariant.Format($"gradB{Number}");

    /// <summary>Names of the layer's buffers, where <see cref="Buffered"/>.</summary>
    public string ActivationBuffer => Invariant.Format($"a{Number}");

    public string DeltaBuffer => Invariant.Format($"delta{Number}");

    public string SumBuffer => Invariant.Format($"z{Number}");

    public string PreviousActivationBuffer => Invariant.Format($"a{Number - 1}");

    /// <summary>The activation a<sup>l</sup><sub>j</sub> as an expression: a local, or an element of the buffer.</summary>
    public string A(int j) => Buffered ? Invariant.Format($"{ActivationBuffer}[{j}]") : Activations(Number, j);

    public string Delta(int j) => Buffered ? Invariant.Format($"{DeltaBuffer}[{j}]") : Invariant.Format($"delta{Number}_{j}");

    /// <summary>The weighted sum z<sup>l</sup><sub>j</sub>, kept only where a loss or softmax needs it.</summary>
    public string Z(int j) => Buffered ? Invariant.Format($"{SumBuffer}[{j}]") : Invariant.Format($"z{Number}_{j}");

    /// <summary>The input activation a<sup>l−1</sup><sub>k</sub>.</summary>
    public string PreviousA(int k) => PreviousBuffered ? Invariant.Format($"{PreviousActivationBuffer}[{k}]") : Activations(Number - 1, k);

    /// <summary>The left side that first assigns <paramref name="value"/>: a declaration of a local, or a buffer element.</summary>
    public string Declare(string type, string value) => Buffered ? value : Invariant.Format($"{type} {value}");

    // Locals of the softmax and of the loss, for an output layer.
    public string SoftmaxMax => Invariant.Format($"max{Number}");

    public string SoftmaxSum => Invariant.Format($"sum{Number}");

    public string LogSoftmaxSum => Invariant.Format($"logSum{Number}");

    public string SoftmaxExp(int j) => Invariant.Format($"exp{Number}_{j}");

    /// <summary>Σ e_j·a_j, which the softmax's Jacobian needs under the quadratic cost.</summary>
    public string ErrorDotA => Invariant.Format($"errorDotA{Number}");

    /// <summary>The local holding a<sup>layer</sup><sub>j</sub> of an unrolled layer.</summary>
    public static string Activations(int layer, int j) => Invariant.Format($"a{layer}_{j}");
}

/// <summary>A layer's matrices as the comments of generated code write them, layer numbers as superscripts: W², Δ², A¹.</summary>
internal sealed class LayerSymbols
{
    public LayerSymbols(int layer)
    {
        string superscript = Superscripts.Of(layer);
        W = $"W{superscript}";
        B = $"B{superscript}";
        Z = $"Z{superscript}";
        A = $"A{superscript}";
        Delta = $"Δ{superscript}";
        SmallDelta = $"δ{superscript}";
        PreviousA = $"A{Superscripts.Of(layer - 1)}";
        D = $"D{superscript}";
        DroppedA = $"Ã{superscript}";
    }

    /// <summary>Dˡ, the layer's dropout mask scaled by 1/(1 − p).</summary>
    public string D { get; }

    /// <summary>Ãˡ = Dˡ ⊙ Aˡ, the activations after dropout.</summary>
    public string DroppedA { get; }

    public string W { get; }

    public string B { get; }

    public string Z { get; }

    public string A { get; }

    /// <summary>Δˡ, the layer's errors ∂C/∂Zˡ.</summary>
    public string Delta { get; }

    /// <summary>δˡ, for one of them: δˡ_i.</summary>
    public string SmallDelta { get; }

    /// <summary>Aˡ⁻¹, the layer's input.</summary>
    public string PreviousA { get; }
}
