using System;
using System.Linq;
using static System.FormattableString;
#if BACKPROP_GENERATOR
using Backprop.Generator.Models;
#endif

namespace Backprop.Serialization;

/// <summary>
/// What makes layer sizes, activations, loss and precision a network, as sentences that say what is wrong: for
/// <c>NetworkTopology</c>, every model file's reader, and the generator's reading of a weights file
/// (linked there as source, through <see cref="WeightsJsonReader"/>).
/// </summary>
internal static class TopologyRules
{
    /// <summary>Returns what is wrong with a topology, a sentence, or null if it is valid.</summary>
    /// <param name="sizes">The layer sizes.</param>
    /// <param name="activations">The activations of layers 2 to L.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="precision">The precision.</param>
    /// <param name="parameter">The constructor parameter that is wrong: layerSizes, activations, loss or precision.</param>
    public static string? Check(int[] sizes, Activation[] activations, Loss loss, Precision precision, out string parameter)
    {
        parameter = "layerSizes";
        string? problem = CheckSizes(sizes) ?? CheckParameterCount(sizes);
        if (problem is not null)
        {
            return problem;
        }

        parameter = "activations";
        problem = CheckActivationCount(sizes.Length, activations.Length);
        if (problem is not null)
        {
            return problem;
        }

        for (int i = 0; i < activations.Length; i++)
        {
            if (!Enum.IsDefined(typeof(Activation), activations[i]))
            {
                return Invariant($"Layer {i + 2} has activation {(int)activations[i]}, which is not a value of Activation; use one of {Names<Activation>()}.");
            }
        }

        parameter = "loss";
        if (!Enum.IsDefined(typeof(Loss), loss))
        {
            return Invariant($"Loss {(int)loss} is not a value of Loss; use one of {Names<Loss>()}.");
        }

        parameter = "precision";
        return Enum.IsDefined(typeof(Precision), precision)
            ? null
            : Invariant($"Precision {(int)precision} is not a value of Precision; use one of {Names<Precision>()}.");
    }

    /// <summary>Two or more layers, each of at least one neuron; null if so.</summary>
    public static string? CheckSizes(int[] sizes)
    {
        if (sizes.Length < 2)
        {
            return Invariant($"A network has at least two layers (input and output), but {Counted(sizes.Length, "layer size", "layer sizes")} {(sizes.Length == 1 ? "was" : "were")} given.");
        }

        for (int i = 0; i < sizes.Length; i++)
        {
            if (sizes[i] <= 0)
            {
                return Invariant($"Layer {i + 1} has size {sizes[i]}; every layer has at least one neuron.");
            }
        }

        return null;
    }

    /// <summary>At most <see cref="int.MaxValue"/> weights and biases; null if so.</summary>
    public static string? CheckParameterCount(int[] sizes) =>
        CountParameters(sizes) > int.MaxValue
            ? Invariant($"Layers {MessageText.Brackets(sizes.Select(s => (long)s), "sizes")} have more than {int.MaxValue} parameters, the most a network can have.")
            : null;

    /// <summary>One activation for each layer from 2 to L; null if so.</summary>
    public static string? CheckActivationCount(int layerCount, int activationCount)
    {
        if (activationCount == layerCount - 1)
        {
            return null;
        }

        string layers = layerCount == 2 ? "Layer 2 needs" : Invariant($"Layers 2 to {layerCount} need");
        return Invariant($"{layers} {Counted(layerCount - 1, "activation", "activations")}, but {activationCount} {(activationCount == 1 ? "was" : "were")} given.");
    }

    /// <summary>A problem from these checks to follow a colon: "…: layer 2 has size 0".</summary>
    public static string AfterColon(string problem) =>
        char.ToLowerInvariant(problem[0]) + problem.Substring(1).TrimEnd('.');

    /// <summary>Σ over l = 2…L of n<sub>l</sub>·n<sub>l−1</sub> + n<sub>l</sub>, stopping once past <see cref="int.MaxValue"/>.</summary>
    public static long CountParameters(int[] sizes)
    {
        long count = 0;
        for (int l = 1; l < sizes.Length && count <= int.MaxValue; l++)
        {
            count += ((long)sizes[l] * sizes[l - 1]) + sizes[l];
        }

        return count;
    }

    private static string Counted(int count, string singular, string plural) =>
        Invariant($"{count} {(count == 1 ? singular : plural)}");

    private static string Names<T>()
        where T : struct, Enum =>
        string.Join(", ", Enum.GetNames(typeof(T)));
}
