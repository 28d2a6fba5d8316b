using System.Collections.Generic;
using System.Linq;
using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

/// <summary>
/// The model worked out for writing: each layer's place in the parameter array, its shape and the names of
/// its locals. Everything here is derived from <see cref="NetworkModel"/>, once, and never changes.
/// </summary>
internal sealed class NetworkPlan
{
    private NetworkPlan(NetworkModel model, IReadOnlyList<LayerPlan> layers)
    {
        Model = model;
        Layers = layers;
        Number = NumberType.Of(model.Precision);
        ActivationsNotInlined = layers
            .Where(layer => layer.CallsActivationOutOfLine)
            .Select(layer => layer.Activation)
            .Distinct()
            .OrderBy(activation => activation)
            .ToList();
        ParameterCount = layers.Count == 0 ? 0 : layers[layers.Count - 1].BiasOffset + layers[layers.Count - 1].Neurons;
    }

    public NetworkModel Model { get; }

    /// <summary>Layers 2…L (the input layer has no parameters).</summary>
    public IReadOnlyList<LayerPlan> Layers { get; }

    public NumberType Number { get; }

    public int ParameterCount { get; }

    /// <summary>
    /// Whether BackwardBatch and TrainBatch sum the rows' gradients on the stack, a network of unrolled layers whose
    /// gradient fits the stack bound; else in a field, allocated with the network (<see cref="BatchGradientOnFirstUse"/>
    /// false) or by the first batch that needs it.
    /// </summary>
    public bool BatchGradientOnStack => !UsesRowPasses && (double)ParameterCount * Number.Size <= NetworkLimits.MaxStackGradientBytes;

    /// <summary>
    /// Whether the batch's summed gradient is allocated by the first batch of more than one block: in networks of
    /// blocks, whose last block adds its rows and the earlier blocks' sum to the parameters in one pass, so that a
    /// batch of one block needs no sum at all.
    /// </summary>
    public bool BatchGradientOnFirstUse => UsesRowPasses;

    /// <summary>Whether ForwardBatch and TrainBatch take four rows per pass over the weights (see <see cref="ShapePlanner.UsesRowPasses"/>).</summary>
    public bool UsesRowPasses => ShapePlanner.UsesRowPasses(Model.LayerSizes, Model.Shapes, Model.Dropout);

    /// <summary>
    /// Whether BackwardBatch and TrainBatch copy a block's rows that do not start on a 64-byte boundary into the block
    /// buffer, where they do: in networks of blocks whose input rows are a whole number of 64-byte lines, so that every
    /// copied row starts on one too.
    /// </summary>
    public bool StagesInputs => UsesRowPasses && (long)InputSize * Number.Size % SharedConstants.Alignment == 0;

    /// <summary>
    /// Whether the parameters (and the stack buffers) start on a 64-byte boundary: for networks with a layer of
    /// vector kernels, whose loads straddle cache lines otherwise. Fully unrolled networks read their weights
    /// one by one, and keep a plain array.
    /// </summary>
    public bool AlignsMemory => Model.Shapes.Any(shape => shape == LayerShape.VectorLoops);

    /// <summary>The activations whose helper the class declares, in enum order: those its unrolled layers call out of line.</summary>
    public IReadOnlyList<Activation> ActivationsNotInlined { get; }

    /// <summary>The bytes of stack buffers that BackwardCore and TrainStep use, without the dropout masks.</summary>
    public int StackBytes => (int)NetworkLimits.StackBytes(Model.LayerSizes, Model.Shapes, Number.Size);

    /// <summary>The bytes of the dropout masks (and masked σ′) that BackwardCore and TrainStep stack-allocate for one row.</summary>
    public int DropoutStackBytes => (int)NetworkLimits.StackBytes(Model.LayerSizes, Model.Shapes, Number.Size, Model.Dropout) - StackBytes;

    public int InputSize => Model.LayerSizes[0];

    public int OutputSize => Model.LayerSizes[Model.LayerCount - 1];

    public LayerPlan Output => Layers[Layers.Count - 1];

    /// <summary>The number of values TrainStep keeps in locals: every activation a, the output errors e and every δ.</summary>
    public int TrainStepLocalCount => InputSize + (2 * Layers.Sum(layer => layer.Neurons)) + OutputSize
        + (Output.KeepsWeightedSums ? OutputSize : 0)
        + (Output.Activation == Activation.Softmax ? OutputSize + 2 : 0);

    public static NetworkPlan From(NetworkModel model)
    {
        var layers = new List<LayerPlan>();
        int offset = 0;
        for (int l = 2; l <= model.LayerCount; l++)
        {
            LayerPlan layer = LayerPlan.Of(model, l, offset);
            layers.Add(layer);
            offset = layer.BiasOffset + layer.Neurons;
        }

        return new NetworkPlan(model, layers);
    }
}
