using System.Collections.Generic;
using System.Linq;

namespace Backprop.Generator.Models;

/// <summary>
/// The one place that decides how each layer is written out (<see cref="LayerShape"/>), from the layer sizes
/// and the attribute's <c>CodeShape</c>. The parser uses it to check the network's size and the emitter to
/// write it, so both always agree.
/// </summary>
internal static class ShapePlanner
{
    /// <summary>
    /// The most weights a layer may have and still be unrolled when the shape is automatic. Measured on
    /// single layers (docs/benchmarks.md, "Choosing a shape per layer", <c>LayerShapes</c> in the benchmarks):
    /// unrolled was as fast or faster up to 48 weights (1.1× at 6×8 and 1.4× at 12×4 inputs×neurons, training
    /// step, medians), vector kernels faster from 64 on (1.1× to 1.3× at 64, 1.2× at 96, 3× to 10× from 128).
    /// Re-measured after the fixed summation order: still the optimum on AVX2; with AVX-512 unrolled code stays
    /// ahead up to 96 weights, but the generator cannot know the machine.
    /// </summary>
    public const int MaxUnrolledWeights = 48;

    /// <summary>
    /// The fewest inputs for which a layer is written with vector kernels when the shape is automatic: a row of
    /// Wˡ shorter than the narrowest vector (four floats) leaves every kernel to its scalar tail. At 4 inputs
    /// the kernels measured faster from 64 weights (4×16: 1.3×; 4×32: 1.6×).
    /// </summary>
    public const int MinLoopInputs = 4;

    /// <summary>
    /// The most sigmoid and tanh neurons a network's unrolled layers may have together and still inline σ at every
    /// neuron. Each inlined copy of the library's exp brings the JIT its own locals, and past
    /// <c>JitMaxLocalsToTrack</c> (1,024) the rest live in memory: 16-32-8 forced unrolled (40 sigmoids) ran
    /// Forward in 1,385 ns inlined, 929 ns with the limit raised to 8,192, and 864–946 ns with σ called; 3-4-2
    /// (6 sigmoids), which is bound by latency, was slower with σ called (docs/benchmarks.md, "Choosing a shape
    /// per layer").
    /// </summary>
    public const int MaxInlinedActivations = 16;

    /// <summary>Whether σ's scalar function is long enough to count against <see cref="MaxInlinedActivations"/>: sigmoid and tanh, each an exp.</summary>
    public static bool HasLongBody(Activation activation) => activation is Activation.Sigmoid or Activation.Tanh;

    /// <summary>
    /// Whether the unrolled layers call sigmoid and tanh through helpers that the JIT does not inline: when they
    /// have more than <see cref="MaxInlinedActivations"/> such neurons together. Layers of loops apply σ over a
    /// span, one copy per layer, and do not count.
    /// </summary>
    public static bool CallsActivationsOutOfLine(IReadOnlyList<int> sizes, IReadOnlyList<Activation> activations, IReadOnlyList<LayerShape> shapes) =>
        Enumerable.Range(0, shapes.Count)
            .Where(i => shapes[i] == LayerShape.ScalarUnrolled && HasLongBody(activations[i]))
            .Sum(i => (double)sizes[i + 1]) > MaxInlinedActivations;

    /// <summary>
    /// Whether the output layer keeps its weighted sums: a softmax needs every z before any a, and binary
    /// cross-entropy is computed from z, where ln σ(z) cannot overflow.
    /// </summary>
    public static bool KeepsOutputSums(Activation output, Loss loss) =>
        output == Activation.Softmax || loss == Loss.BinaryCrossEntropy;

    /// <summary>The shape of each layer 2…L, in order; <paramref name="dropout"/> is the rate of each hidden layer, or null for none.</summary>
    public static LayerShape[] Choose(IReadOnlyList<int> sizes, CodeShape requested, bool keepsOutputSums, IReadOnlyList<double>? dropout = null)
    {
        int layers = sizes.Count - 1;
        var shapes = new LayerShape[layers];
        for (int i = 0; i < layers; i++)
        {
            double weights = (double)sizes[i] * sizes[i + 1];
            shapes[i] = requested switch
            {
                CodeShape.Unrolled => LayerShape.ScalarUnrolled,
                CodeShape.VectorLoops => LayerShape.VectorLoops,
                _ => weights <= MaxUnrolledWeights || sizes[i] < MinLoopInputs ? LayerShape.ScalarUnrolled : LayerShape.VectorLoops,
            };
        }

        if (requested != CodeShape.Automatic)
        {
            return shapes;
        }

        // Small layers that are many together can still make one method too long for the JIT: loop the
        // largest of them until the unrolled rest fits.
        while (!NetworkLimits.Fits(sizes, shapes, keepsOutputSums, dropout))
        {
            int largest = Enumerable.Range(0, layers)
                .Where(i => shapes[i] == LayerShape.ScalarUnrolled)
                .OrderByDescending(i => (double)sizes[i] * sizes[i + 1])
                .ThenBy(i => i)
                .DefaultIfEmpty(-1)
                .First();
            if (largest < 0)
            {
                break;
            }

            shapes[largest] = LayerShape.VectorLoops;
        }

        return shapes;
    }

    /// <summary>
    /// Whether ForwardBatch takes four rows per pass over the weights, and BackwardBatch and TrainBatch blocks of
    /// rows: for networks all of vector loops, whose weights stream from memory rather than sit in registers,
    /// while ForwardBatch's four rows' buffers fit the stack bound (counted at 8 bytes a value, whatever the precision, so that the rule is one), dropout
    /// masks included.
    /// </summary>
    public static bool UsesRowPasses(IReadOnlyList<int> sizes, IReadOnlyList<LayerShape> shapes, IReadOnlyList<double>? dropout = null) =>
        shapes.All(shape => shape == LayerShape.VectorLoops)
        && SharedConstants.RowsPerPass * NetworkLimits.StackBytes(sizes, shapes, 8, dropout) <= NetworkLimits.MaxStackBytes;

    /// <summary>
    /// Whether the activations (and deltas) of layer <paramref name="layer"/> (1…L) live in a stack buffer
    /// rather than in locals: so they do when their own layer or the next one is written as loops, which
    /// take spans.
    /// </summary>
    public static bool IsBuffered(IReadOnlyList<LayerShape> shapes, int layer)
    {
        bool own = layer >= 2 && shapes[layer - 2] == LayerShape.VectorLoops;
        bool next = layer - 1 < shapes.Count && shapes[layer - 1] == LayerShape.VectorLoops;
        return own || next;
    }
}
