using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using static System.FormattableString;

namespace Backprop.Serialization;

/// <summary>Which tensor holds which layer: PyTorch's <c>nn.Sequential</c> names, or an explicit map.</summary>
internal static class SafeTensorsNames
{
    private const string WeightSuffix = ".weight";
    private const string BiasSuffix = ".bias";

    /// <summary>The names to write for each layer 2…L (element 0 is layer 2).</summary>
    public static LayerTensorNames[] ForWriting(NetworkTopology topology, SafeTensorsOptions options)
    {
        if (options.TensorNames is not null)
        {
            return Explicit(topology, options);
        }

        var names = new LayerTensorNames[topology.LayerCount - 1];
        for (int l = 2; l <= topology.LayerCount; l++)
        {
            // nn.Sequential(Linear, activation, Linear, …): the Linear modules sit at even indices.
            string index = (2 * (l - 2)).ToString(CultureInfo.InvariantCulture);
            names[l - 2] = new LayerTensorNames(options.Prefix + index + WeightSuffix, options.Prefix + index + BiasSuffix);
        }

        return names;
    }

    /// <summary>
    /// The names to read for each layer 2…L, from the names in the file: the explicit map, or the
    /// <c>{prefix}{i}.weight</c>/<c>{prefix}{i}.bias</c> pairs with their indices i sorted.
    /// </summary>
    public static LayerTensorNames[] ForReading(NetworkTopology topology, IEnumerable<string> fileNames, SafeTensorsOptions options, string source)
    {
        if (options.TensorNames is not null)
        {
            return Explicit(topology, options);
        }

        string prefix = options.Prefix;
        var indices = new SortedDictionary<long, string>();
        foreach (string name in fileNames)
        {
            if (TryParse(name, prefix, out long index, out string indexText))
            {
                // "01.weight" and "1.weight" would be the same module to a sort but not to PyTorch: keep the text.
                indices[index] = indexText;
            }
        }

        int expected = topology.LayerCount - 1;
        if (indices.Count != expected)
        {
            string found = indices.Count == 0
                ? Invariant($"no tensor named like {prefix}0.weight or {prefix}0.bias")
                : Invariant($"{indices.Count} Linear layer{(indices.Count == 1 ? "" : "s")} ({MessageText.List(indices.Values.Select(i => prefix + i), "layers")})");
            throw new ModelFormatException(
                indices.Count == 0 ? ModelFormatReason.MissingTensor : ModelFormatReason.TopologyMismatch,
                Invariant($"{source} has {found}, but the network has {expected} weight layer{(expected == 1 ? "" : "s")} (layers 2 to {topology.LayerCount}, sizes {NetworkTopology.FormatSizes(topology.LayerSizes)}). Name the tensors with SafeTensorsOptions.Prefix or SafeTensorsOptions.TensorNames if they are named otherwise."),
                expected: Invariant($"{expected} Linear layer{(expected == 1 ? "" : "s")}"),
                found: Invariant($"{indices.Count} Linear layer{(indices.Count == 1 ? "" : "s")}"));
        }

        return indices.Values
            .Select(i => new LayerTensorNames(prefix + i + WeightSuffix, prefix + i + BiasSuffix))
            .ToArray();
    }

    private static bool TryParse(string name, string prefix, out long index, out string indexText)
    {
        index = 0;
        indexText = "";
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        string rest = name.Substring(prefix.Length);
        string? stem = rest.EndsWith(WeightSuffix, StringComparison.Ordinal) ? rest.Substring(0, rest.Length - WeightSuffix.Length)
            : rest.EndsWith(BiasSuffix, StringComparison.Ordinal) ? rest.Substring(0, rest.Length - BiasSuffix.Length)
            : null;
        if (stem is null || stem.Length == 0 || stem.Length > 9 || !stem.All(c => c >= '0' && c <= '9') || (stem.Length > 1 && stem[0] == '0'))
        {
            return false;
        }

        index = long.Parse(stem, NumberStyles.None, CultureInfo.InvariantCulture);
        indexText = stem;
        return true;
    }

    private static LayerTensorNames[] Explicit(NetworkTopology topology, SafeTensorsOptions options)
    {
        IDictionary<int, LayerTensorNames> map = options.TensorNames!;
        if (options.Prefix.Length > 0)
        {
            throw new ArgumentException("Set either SafeTensorsOptions.Prefix or SafeTensorsOptions.TensorNames: explicit names are used exactly as given.", nameof(options));
        }

        int[] extra = map.Keys.Where(l => l < 2 || l > topology.LayerCount).OrderBy(l => l).ToArray();
        if (extra.Length > 0)
        {
            throw new ArgumentException(Invariant($"SafeTensorsOptions.TensorNames names layer {extra[0]}, but the network's weight layers are 2 to {topology.LayerCount}."), nameof(options));
        }

        var names = new LayerTensorNames[topology.LayerCount - 1];
        for (int l = 2; l <= topology.LayerCount; l++)
        {
            if (!map.TryGetValue(l, out LayerTensorNames? layer) || layer is null)
            {
                throw new ArgumentException(Invariant($"SafeTensorsOptions.TensorNames must name every layer from 2 to {topology.LayerCount}, but has no names for layer {l}."), nameof(options));
            }

            names[l - 2] = layer;
        }

        if (names.Any(n => n.Weight == SafeTensorsHeader.MetadataKey || n.Bias == SafeTensorsHeader.MetadataKey))
        {
            throw new ArgumentException(Invariant($"SafeTensorsOptions.TensorNames cannot name a tensor \"{SafeTensorsHeader.MetadataKey}\": that key holds the file's metadata."), nameof(options));
        }

        string? duplicate = names.SelectMany(n => new[] { n.Weight, n.Bias }).GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicate is not null)
        {
            throw new ArgumentException(Invariant($"SafeTensorsOptions.TensorNames uses the name '{duplicate}' twice."), nameof(options));
        }

        return names;
    }
}
