using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Backprop.CompilerServices;

// Eq. 5 and 6 summed over a block of rows of a mini-batch: for each element of a layer's gradient, the rows'
// products added in row order while the element stays in a register. Either the sum is stored (a block before
// the batch's last), or it is scaled and added to the parameters, or to a caller's gradient, in the same pass
// (the last block), so that a batch of one block reads and writes each parameter once, as TrainStep does.
public static partial class VectorKernels
{
    /// <summary>
    /// Eq. 5 and 6 summed over a block of rows, for neurons <paramref name="firstNeuron"/> to
    /// <paramref name="firstNeuron"/> + <paramref name="neuronCount"/> − 1:
    /// <c>weightGradient[j·n + k] += deltas[r·m + j]·inputs[r·n + k]</c> and
    /// <c>biasGradient[j] += deltas[r·m + j]</c>, for r = 0, 1, … in that order, with m = deltas.Length / rows and
    /// n = inputs.Length / rows.
    /// </summary>
    /// <remarks>
    /// Every element is rounded exactly as one <see cref="AddOuterProduct(Span{float}, ReadOnlySpan{float}, ReadOnlySpan{float})"/>
    /// per row would round it, row after row: the sums over the rows stay in registers instead of going through
    /// memory once per row. Disjoint ranges of neurons touch disjoint elements, so several threads may each take
    /// one and the result does not depend on how the neurons were shared.
    /// </remarks>
    /// <param name="weightGradient">The layer's weight gradient, m × n, row j for neuron j.</param>
    /// <param name="biasGradient">The layer's bias gradient, at least m long.</param>
    /// <param name="deltas">The rows' δ, <paramref name="rows"/> vectors of m one after another.</param>
    /// <param name="inputs">The rows' inputs to the layer (the activations below it), <paramref name="rows"/> vectors of n.</param>
    /// <param name="rows">The number of rows, at least 1.</param>
    /// <param name="firstNeuron">The first neuron whose gradient is added to.</param>
    /// <param name="neuronCount">How many neurons from <paramref name="firstNeuron"/> on.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is less than 1, or the neurons are not within m.</exception>
    /// <exception cref="ArgumentException">A span is not a whole number of rows, or is shorter than described.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddGradientRows(Span<float> weightGradient, Span<float> biasGradient, ReadOnlySpan<float> deltas, ReadOnlySpan<float> inputs, int rows, int firstNeuron, int neuronCount)
    {
        (int n, int m) = CheckGradientRows(weightGradient.Length, nameof(weightGradient), biasGradient.Length, nameof(biasGradient), deltas.Length, inputs.Length, rows, firstNeuron, neuronCount);
        ref float w = ref MemoryMarshal.GetReference(weightGradient);
        ref float b = ref MemoryMarshal.GetReference(biasGradient);
        GradientRowsCore(ref w, ref b, ref w, ref b, SumEnds<float>.Stored, ref MemoryMarshal.GetReference(deltas), m, ref MemoryMarshal.GetReference(inputs), n, rows, firstNeuron, neuronCount);
    }

    /// <inheritdoc cref="AddGradientRows(Span{float}, Span{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddGradientRows(Span<double> weightGradient, Span<double> biasGradient, ReadOnlySpan<double> deltas, ReadOnlySpan<double> inputs, int rows, int firstNeuron, int neuronCount)
    {
        (int n, int m) = CheckGradientRows(weightGradient.Length, nameof(weightGradient), biasGradient.Length, nameof(biasGradient), deltas.Length, inputs.Length, rows, firstNeuron, neuronCount);
        ref double w = ref MemoryMarshal.GetReference(weightGradient);
        ref double b = ref MemoryMarshal.GetReference(biasGradient);
        GradientRowsCore(ref w, ref b, ref w, ref b, SumEnds<double>.Stored, ref MemoryMarshal.GetReference(deltas), m, ref MemoryMarshal.GetReference(inputs), n, rows, firstNeuron, neuronCount);
    }

    /// <summary>
    /// The last block of a batch: for neurons <paramref name="firstNeuron"/> to
    /// <paramref name="firstNeuron"/> + <paramref name="neuronCount"/> − 1, each element's sum g starts from the
    /// earlier rows' sum (<paramref name="weightSum"/>, <paramref name="biasSum"/>; +0 when they are empty), adds
    /// <c>deltas[r·m + j]·inputs[r·n + k]</c> (for the biases <c>deltas[r·m + j]</c>) for r = 0, 1, … in that
    /// order, and then <c>weights[j·n + k] += factor·g</c> (<c>biases[j] += factor·g</c>).
    /// </summary>
    /// <remarks>
    /// The bits are those of summing the rows into the earlier sum with
    /// <see cref="AddGradientRows(Span{float}, Span{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int)"/>
    /// (into zeros when there is none) and then <see cref="AddScaled(Span{float}, float, ReadOnlySpan{float})"/>:
    /// one pass instead of two or three, the sum never stored. With <c>factor = −η/m</c> it is TrainBatch's step,
    /// <c>θ − (η/m)·g</c> to the bit, since <c>x + (−y)</c> is <c>x − y</c>; with <c>factor = 1</c>, BackwardBatch's
    /// addition to the caller's gradient. The sums are only read. Disjoint ranges of neurons touch disjoint
    /// elements, so several threads may each take one.
    /// </remarks>
    /// <param name="weights">The layer's weights (or a gradient) added to, m × n, row j for neuron j.</param>
    /// <param name="biases">The layer's biases (or their gradient) added to, at least m long.</param>
    /// <param name="factor">What each element's sum is multiplied by before it is added.</param>
    /// <param name="weightSum">The earlier rows' weight gradient, m × n, or empty when this block is the first.</param>
    /// <param name="biasSum">The earlier rows' bias gradient, at least m long, or empty when <paramref name="weightSum"/> is.</param>
    /// <param name="deltas">The rows' δ, <paramref name="rows"/> vectors of m one after another.</param>
    /// <param name="inputs">The rows' inputs to the layer (the activations below it), <paramref name="rows"/> vectors of n.</param>
    /// <param name="rows">The number of rows, at least 1.</param>
    /// <param name="firstNeuron">The first neuron whose parameters are added to.</param>
    /// <param name="neuronCount">How many neurons from <paramref name="firstNeuron"/> on.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is less than 1, or the neurons are not within m.</exception>
    /// <exception cref="ArgumentException">
    /// A span is not a whole number of rows or is shorter than described, or one of the sums is empty and the other is not.
    /// </exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ApplyGradientRows(Span<float> weights, Span<float> biases, float factor, ReadOnlySpan<float> weightSum, ReadOnlySpan<float> biasSum, ReadOnlySpan<float> deltas, ReadOnlySpan<float> inputs, int rows, int firstNeuron, int neuronCount)
    {
        (int n, int m) = CheckGradientRows(weights.Length, nameof(weights), biases.Length, nameof(biases), deltas.Length, inputs.Length, rows, firstNeuron, neuronCount);
        bool fromSum = CheckSums(weightSum.Length, biasSum.Length, m, n);
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float b = ref MemoryMarshal.GetReference(biases);
        GradientRowsCore(
            ref w,
            ref b,
            ref fromSum ? ref MemoryMarshal.GetReference(weightSum) : ref w,
            ref fromSum ? ref MemoryMarshal.GetReference(biasSum) : ref b,
            new SumEnds<float>(fromSum, apply: true, factor),
            ref MemoryMarshal.GetReference(deltas),
            m,
            ref MemoryMarshal.GetReference(inputs),
            n,
            rows,
            firstNeuron,
            neuronCount);
    }

    /// <inheritdoc cref="ApplyGradientRows(Span{float}, Span{float}, float, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ApplyGradientRows(Span<double> weights, Span<double> biases, double factor, ReadOnlySpan<double> weightSum, ReadOnlySpan<double> biasSum, ReadOnlySpan<double> deltas, ReadOnlySpan<double> inputs, int rows, int firstNeuron, int neuronCount)
    {
        (int n, int m) = CheckGradientRows(weights.Length, nameof(weights), biases.Length, nameof(biases), deltas.Length, inputs.Length, rows, firstNeuron, neuronCount);
        bool fromSum = CheckSums(weightSum.Length, biasSum.Length, m, n);
        ref double w = ref MemoryMarshal.GetReference(weights);
        ref double b = ref MemoryMarshal.GetReference(biases);
        GradientRowsCore(
            ref w,
            ref b,
            ref fromSum ? ref MemoryMarshal.GetReference(weightSum) : ref w,
            ref fromSum ? ref MemoryMarshal.GetReference(biasSum) : ref b,
            new SumEnds<double>(fromSum, apply: true, factor),
            ref MemoryMarshal.GetReference(deltas),
            m,
            ref MemoryMarshal.GetReference(inputs),
            n,
            rows,
            firstNeuron,
            neuronCount);
    }

    private static (int Inputs, int Neurons) CheckGradientRows(int weightLength, string weightName, int biasLength, string biasName, int deltasLength, int inputsLength, int rows, int firstNeuron, int neuronCount)
    {
        (int n, int m) = PerRow(inputsLength, "inputs", deltasLength, "deltas", rows);

        if (firstNeuron < 0 || firstNeuron > m)
        {
            throw new ArgumentOutOfRangeException(nameof(firstNeuron), firstNeuron, "'firstNeuron' must be from 0 to the " + m.ToString(CultureInfo.InvariantCulture) + " neurons of a row of 'deltas'.");
        }

        if (neuronCount < 0 || neuronCount > m - firstNeuron)
        {
            throw new ArgumentOutOfRangeException(nameof(neuronCount), neuronCount, "'neuronCount' must be from 0 to " + (m - firstNeuron).ToString(CultureInfo.InvariantCulture) + ", the neurons of a row of 'deltas' from 'firstNeuron' on.");
        }

        ThrowIfShorterThanMatrix(weightName, weightLength, m, n);
        if (biasLength < m)
        {
            ThrowShorter(biasName, m, biasLength);
        }

        return (n, m);
    }

    // Whether there are earlier rows' sums, after checking that both or neither are given and their lengths.
    private static bool CheckSums(int weightSumLength, int biasSumLength, int m, int n)
    {
        if (weightSumLength == 0 && biasSumLength == 0)
        {
            return false;
        }

        if (weightSumLength == 0 || biasSumLength == 0)
        {
            throw new ArgumentException(
                "'weightSum' has " + weightSumLength.ToString(CultureInfo.InvariantCulture) + " elements and 'biasSum' "
                + biasSumLength.ToString(CultureInfo.InvariantCulture) + ": give both sums, or neither when no rows came before.",
                weightSumLength == 0 ? "weightSum" : "biasSum");
        }

        ThrowIfShorterThanMatrix("weightSum", weightSumLength, m, n);
        if (biasSumLength < m)
        {
            ThrowShorter("biasSum", m, biasSumLength);
        }

        return true;
    }

    private static void ThrowIfShorterThanMatrix(string name, int length, int m, int n)
    {
        if (length < (long)m * n)
        {
            throw new ArgumentException(
                "'" + name + "' has " + length.ToString(CultureInfo.InvariantCulture) + " elements, but needs at least "
                + ((long)m * n).ToString(CultureInfo.InvariantCulture) + " (" + m.ToString(CultureInfo.InvariantCulture) + " neurons × "
                + n.ToString(CultureInfo.InvariantCulture) + " inputs).",
                name);
        }
    }

    /// <summary>
    /// Where each element's sum over the rows starts and where it ends: from the sum given (else from +0), and
    /// either stored where it was read or, scaled by <see cref="Factor"/>, added to the parameter.
    /// </summary>
    private readonly struct SumEnds<T>
        where T : struct
    {
        public SumEnds(bool fromSum, bool apply, T factor)
        {
            FromSum = fromSum;
            Apply = apply;
            Factor = factor;
        }

        /// <summary>AddGradientRows: from the gradient so far, stored back.</summary>
        public static SumEnds<T> Stored => new(fromSum: true, apply: false, default);

        public bool FromSum { get; }

        public bool Apply { get; }

        public T Factor { get; }
    }
}
