using System;
using Backprop.Training;
using static System.FormattableString;

namespace Backprop.Data;

/// <summary>
/// Turns class labels into the targets a softmax network trains on: one row per label, 1 at the label's
/// index and 0 elsewhere, row-major, as <see cref="Trainer{T}"/> and the evaluation methods take them.
/// </summary>
/// <remarks>
/// A network with a single sigmoid output (two classes) takes the labels 0 and 1 themselves as its targets,
/// one value per row, instead.
/// </remarks>
/// <example>
/// <code>
/// float[] trainTargets = OneHot.Encode&lt;float&gt;(trainLabels, classCount: 3); // label 2 → 0, 0, 1
/// </code>
/// </example>
public static class OneHot
{
    /// <summary>Encodes each label as a row of <paramref name="classCount"/> values.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>: the network's number type.</typeparam>
    /// <param name="labels">The class of each row, each at least 0 and less than <paramref name="classCount"/>.</param>
    /// <param name="classCount">The number of classes: the network's <see cref="INeuralNetwork.OutputSize"/>.</param>
    /// <returns>A new array of <paramref name="labels"/>.Length × <paramref name="classCount"/> values.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">A label is outside [0, <paramref name="classCount"/>), or the result would be longer than an array can be.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static T[] Encode<T>(ReadOnlySpan<int> labels, int classCount)
        where T : unmanaged
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException(Invariant($"OneHot.Encode makes targets of float or double, the types of networks, not of {typeof(T).Name}."));
        }

        Scalar<T> scalar = Scalar<T>.Instance;
        HyperparameterGuard.AtLeastOne(classCount, nameof(classCount));
        for (int row = 0; row < labels.Length; row++)
        {
            if ((uint)labels[row] >= (uint)classCount)
            {
                throw new ArgumentException(
                    Invariant($"labels[{row}] is {labels[row]}; every label must be at least 0 and less than 'classCount' = {classCount}."),
                    nameof(labels));
            }
        }

        long length = (long)labels.Length * classCount;
        if (length > int.MaxValue)
        {
            throw new ArgumentException(
                Invariant($"{labels.Length} labels × 'classCount' = {classCount} make {length} values, more than an array can hold ({int.MaxValue})."),
                nameof(classCount));
        }

        var targets = new T[length];
        T one = scalar.FromDouble(1.0);
        for (int row = 0; row < labels.Length; row++)
        {
            targets[(row * classCount) + labels[row]] = one;
        }

        return targets;
    }
}
