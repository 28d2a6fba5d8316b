using System;
using System.Collections.Generic;
using System.Linq;
using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

/// <summary>
/// What the passes over several rows (ForwardBatch's four-row pass, and the blocks of BackwardBatch and
/// TrainBatch) ask of a layer beyond <see cref="ILayerWriter"/>: eq. 2 to 4 for the current row, on that row's
/// slices of buffers several rows long
/// (<see cref="BufferNames.CurrentRow"/>, declared by the pass), and σ over a whole buffer. The pass exists only
/// where every layer is vector loops (<see cref="ShapePlanner.UsesRowPasses"/>), so only
/// <see cref="VectorLayerWriter"/> implements it.
/// </summary>
internal interface IRowPassWriter : ILayerWriter
{
    /// <summary>Whether eq. 2 is one vectorized kernel over the whole layer, written by <see cref="WriteVectorActivation"/>.</summary>
    bool UsesVectorActivation { get; }

    /// <summary>Eq. 2 over the whole activation buffer, however many rows it holds.</summary>
    void WriteVectorActivation();

    /// <summary>Eq. 2′ (dropout) over the whole activation buffer of the rows.</summary>
    void WriteRowsDropout();

    /// <summary>For an output layer that keeps its weighted sums, eq. 2 for the current row: σ, or the softmax.</summary>
    void WriteRowActivationsOfKeptSums();

    /// <summary>For the output layer: the current row's cost C.</summary>
    void WriteRowCost();

    /// <summary>For the output layer, eq. 3 for the current row.</summary>
    void WriteRowOutputDeltas();

    /// <summary>Eq. 4 for the current row of the layer <paramref name="below"/> this one.</summary>
    void WriteRowDeltasBelow(LayerPlan below);
}

/// <summary>The one place the passes over several rows get their writers.</summary>
internal static class RowPassWriters
{
    /// <summary>
    /// The writers <see cref="LayerWriter.Create"/> made, as the passes over several rows take them. Only for a plan with
    /// that pass: its layers are all vector loops, whose writers all write rows; anything else is a bug in
    /// the emitter, reported rather than written wrong.
    /// </summary>
    public static IReadOnlyList<IRowPassWriter> From(IReadOnlyList<ILayerWriter> writers) =>
        writers.Select(writer => writer as IRowPassWriter
            ?? throw new InvalidOperationException(
                $"The passes over several rows need every layer as vector loops, but layer {writer.Layer.Number} is {writer.ShapeName}."))
            .ToList();
}
