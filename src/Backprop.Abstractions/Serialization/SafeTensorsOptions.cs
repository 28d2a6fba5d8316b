using System.Collections.Generic;

namespace Backprop.Serialization;

/// <summary>
/// The safetensors-only part of <see cref="ModelFileOptions"/> (<see cref="ModelFileOptions.SafeTensors"/>): how
/// network layers are named in a safetensors file, and what else to read or write.
/// </summary>
/// <remarks>
/// By default, layer l's weights and biases are the tensors <c>{i}.weight</c> [n<sub>l</sub>, n<sub>l−1</sub>]
/// and <c>{i}.bias</c> [n<sub>l</sub>] of a PyTorch <c>nn.Sequential</c> of <c>nn.Linear</c> modules: on
/// read, the numeric indices i found in the file, sorted, are layers 2, 3, … (activation modules between them
/// have no tensors, so indices like 0, 2, 4 are usual); on write, layer l gets index 2·(l − 2), which is what
/// <c>nn.Sequential(Linear, activation, Linear, activation, …)</c> expects.
/// </remarks>
/// <example>
/// <code>
/// var options = new ModelFileOptions { SafeTensors = new() { Prefix = "model.", IgnoreUnknownTensors = true } };
/// net.Load("checkpoint.safetensors", options);   // model.0.weight, model.0.bias, … and an optimizer's step count
/// </code>
/// </example>
public sealed class SafeTensorsOptions
{
    /// <summary>
    /// A prefix before the default names, e.g. <c>"model."</c> for <c>model.0.weight</c> or <c>"net.layers."</c>.
    /// Tensors without the prefix are unknown tensors. Not used with <see cref="TensorNames"/>. Default: none.
    /// </summary>
    public string Prefix { get; set; } = "";

    /// <summary>
    /// Explicit tensor names, layer number (2…L) → names, e.g. <c>{ [2] = new("fc1.weight", "fc1.bias"), [3] = new("fc2.weight", "fc2.bias") }</c>.
    /// When set it must name every layer from 2 to L, and the names are used exactly as given. Default: null
    /// (the <c>nn.Sequential</c> names).
    /// </summary>
#pragma warning disable CA2227 // An options bag meant for object initializers.
    public IDictionary<int, LayerTensorNames>? TensorNames { get; set; }
#pragma warning restore CA2227

    /// <summary>
    /// Whether reading skips tensors that map to no layer (e.g. an optimizer step count or another model's
    /// tensors) instead of refusing the file with <see cref="ModelFormatReason.UnknownTensor"/>. Their header
    /// entries are still validated. Default false.
    /// </summary>
    public bool IgnoreUnknownTensors { get; set; }

    /// <summary>
    /// Extra <c>__metadata__</c> entries to write (string to string). The writer always adds
    /// <c>backprop.layers</c>, <c>backprop.activations</c> and <c>backprop.loss</c>, which the reader checks
    /// against the network when present, and <c>backprop.crc32</c>, the checksum of the data, which it verifies;
    /// these keys cannot be set here. Default: none.
    /// </summary>
#pragma warning disable CA2227 // An options bag meant for object initializers.
    public IDictionary<string, string>? Metadata { get; set; }
#pragma warning restore CA2227
}

/// <summary>The names of one layer's tensors in a safetensors file.</summary>
public sealed class LayerTensorNames
{
    /// <summary>Names a layer's weight and bias tensors.</summary>
    /// <param name="weight">The weight tensor, of shape [n<sub>l</sub>, n<sub>l−1</sub>] (PyTorch's [out, in]).</param>
    /// <param name="bias">The bias tensor, of shape [n<sub>l</sub>].</param>
    public LayerTensorNames(string weight, string bias)
    {
        Weight = weight ?? throw new System.ArgumentNullException(nameof(weight));
        Bias = bias ?? throw new System.ArgumentNullException(nameof(bias));
    }

    /// <summary>The weight tensor's name.</summary>
    public string Weight { get; }

    /// <summary>The bias tensor's name.</summary>
    public string Bias { get; }
}
