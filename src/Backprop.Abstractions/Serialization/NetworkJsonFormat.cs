using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Backprop.Serialization.Json;
using static System.FormattableString;

namespace Backprop.Serialization;

/// <summary>
/// The weights JSON format, version 1 (docs/model-format.md), written for people and for the source
/// generator, which bakes the weights into code:
/// <code>
/// {
///   "format": "backprop-weights",
///   "version": 1,
///   "precision": "Single",
///   "layers": [3, 4, 2],
///   "activations": ["Sigmoid", "Sigmoid"],
///   "loss": "MeanSquaredError",
///   "weights": { "2": [[w(2,0,0), w(2,0,1), w(2,0,2)], …], "3": […] },
///   "biases": { "2": [b(2,0), …], "3": […] }
/// }
/// </code>
/// Numbers are the shortest decimal text that rounds back to the exact float or double (invariant culture).
/// </summary>
internal static class NetworkJsonFormat
{
    public const string FormatName = WeightsJsonReader.FormatName;
    public const int Version = WeightsJsonReader.Version;

    public static string Encode(NetworkWeights weights)
    {
        NetworkTopology topology = weights.Topology;
        bool single = topology.Precision == Precision.Single;
        var json = new StringBuilder();
        json.Append("{\n");
        json.Append("  \"format\": \"").Append(FormatName).Append("\",\n");
        json.Append("  \"version\": ").Append(Version.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        json.Append("  \"precision\": \"").Append(topology.Precision).Append("\",\n");
        json.Append("  \"layers\": [").Append(string.Join(", ", topology.LayerSizes.Select(s => s.ToString(CultureInfo.InvariantCulture)))).Append("],\n");
        json.Append("  \"activations\": [").Append(string.Join(", ", topology.Activations.Select(a => "\"" + a + "\""))).Append("],\n");
        json.Append("  \"loss\": \"").Append(topology.Loss).Append("\",\n");

        json.Append("  \"weights\": {\n");
        for (int l = 2; l <= topology.LayerCount; l++)
        {
            json.Append("    \"").Append(l.ToString(CultureInfo.InvariantCulture)).Append("\": [\n");
            for (int j = 0; j < topology.SizeOf(l); j++)
            {
                json.Append("      [");
                for (int k = 0; k < topology.SizeOf(l - 1); k++)
                {
                    json.Append(k == 0 ? "" : ", ").Append(Number(weights.GetWeight(l, j, k), single));
                }

                json.Append(j + 1 < topology.SizeOf(l) ? "],\n" : "]\n");
            }

            json.Append(l < topology.LayerCount ? "    ],\n" : "    ]\n");
        }

        json.Append("  },\n");
        json.Append("  \"biases\": {\n");
        for (int l = 2; l <= topology.LayerCount; l++)
        {
            json.Append("    \"").Append(l.ToString(CultureInfo.InvariantCulture)).Append("\": [");
            for (int j = 0; j < topology.SizeOf(l); j++)
            {
                json.Append(j == 0 ? "" : ", ").Append(Number(weights.GetBias(l, j), single));
            }

            json.Append(l < topology.LayerCount ? "],\n" : "]\n");
        }

        json.Append("  }\n");
        json.Append("}\n");
        return json.ToString();
    }

    /// <summary>Parses and checks a weights JSON document (<see cref="WeightsJsonReader"/>, which the generator shares).</summary>
    /// <param name="text">The document.</param>
    /// <param name="source">Names the file or text in messages.</param>
    /// <param name="target">The network it is loaded into, compared before anything is allocated; null to read any topology.</param>
    public static NetworkWeights Decode(string text, string source, NetworkTopology? target)
    {
        try
        {
            WeightsJsonDocument document = WeightsJsonReader.Read(text);
            var topology = new NetworkTopology(document.LayerSizes, document.Activations, document.Loss, document.Precision);
            if (target is not null && NetworkTopology.ShapeMismatch(target, topology, source) is ModelFormatException mismatch)
            {
                throw mismatch;
            }

            var weights = new NetworkWeights(topology);
            Span<double> values = weights.Values;
            for (int l = 2; l <= topology.LayerCount; l++)
            {
                JsonValue rows = document.WeightRows(l);
                for (int j = 0; j < topology.SizeOf(l); j++)
                {
                    for (int k = 0; k < topology.SizeOf(l - 1); k++)
                    {
                        values[weights.WeightPosition(l, j, k)] = WeightsJsonReader.ReadValue(rows.Items[j].Items[k], topology.Precision, l, j, k);
                    }
                }

                JsonValue biases = document.Biases(l);
                for (int j = 0; j < topology.SizeOf(l); j++)
                {
                    values[weights.BiasPosition(l, j)] = WeightsJsonReader.ReadValue(biases.Items[j], topology.Precision, l, j, -1);
                }
            }

            return weights;
        }
        catch (WeightsJsonException e)
        {
            throw new ModelFormatException(e.Reason, e.Describe(source), e.Expected, e.Found, e.InnerException);
        }
    }

    private static string Number(double value, bool single) =>
        single ? JsonText.Number((float)value) : JsonText.Number(value);
}
