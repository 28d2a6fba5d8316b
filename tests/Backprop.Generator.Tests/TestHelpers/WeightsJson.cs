namespace Backprop.Generator.Tests.TestHelpers;

/// <summary>Weights files for the baked-weights tests, in the format of docs/model-format.md.</summary>
internal static class WeightsJson
{
    /// <summary>
    /// A [Network(2, 3, 1)] of sigmoids with mean squared error, in single precision, with literals that test
    /// the round trip: a negative zero, the smallest subnormal, a float that needs nine digits, an integer.
    /// </summary>
    public const string Xor = """
        {
          "format": "backprop-weights",
          "version": 1,
          "precision": "Single",
          "layers": [2, 3, 1],
          "activations": ["Sigmoid", "Sigmoid"],
          "loss": "MeanSquaredError",
          "weights": {
            "2": [
              [0.5, -1.25],
              [1E-05, -0],
              [1E-45, 0.1]
            ],
            "3": [
              [2, -2, 0.33333334]
            ]
          },
          "biases": {
            "2": [0, 1, -1],
            "3": [0.25]
          }
        }
        """;

    /// <summary>
    /// A weights file for a network of these sizes, activations (layers 2…L), loss and precision, with small
    /// parameters that differ from each other.
    /// </summary>
    public static string For(System.Collections.Generic.IReadOnlyList<int> sizes, string[] activations, string loss, bool isDouble)
    {
        var text = new System.Text.StringBuilder();
        string Quoted(string value) => "\"" + value + "\"";
        string Number(int index) => ((index % 7) - 3).ToString(System.Globalization.CultureInfo.InvariantCulture) + "E-2";
        text.Append("{\n  \"format\": \"backprop-weights\",\n  \"version\": 1,\n");
        text.Append("  \"precision\": ").Append(Quoted(isDouble ? "Double" : "Single")).Append(",\n");
        text.Append("  \"layers\": [").Append(string.Join(", ", sizes)).Append("],\n");
        text.Append("  \"activations\": [").Append(string.Join(", ", System.Linq.Enumerable.Select(activations, Quoted))).Append("],\n");
        text.Append("  \"loss\": ").Append(Quoted(loss)).Append(",\n");
        int index = 0;
        var weights = new System.Collections.Generic.List<string>();
        var biases = new System.Collections.Generic.List<string>();
        for (int l = 2; l <= sizes.Count; l++)
        {
            var rows = new System.Collections.Generic.List<string>();
            for (int j = 0; j < sizes[l - 1]; j++)
            {
                rows.Add("[" + string.Join(", ", System.Linq.Enumerable.Select(System.Linq.Enumerable.Range(0, sizes[l - 2]), _ => Number(index++))) + "]");
            }

            weights.Add(Quoted(l.ToString(System.Globalization.CultureInfo.InvariantCulture)) + ": [" + string.Join(", ", rows) + "]");
            biases.Add(Quoted(l.ToString(System.Globalization.CultureInfo.InvariantCulture)) + ": ["
                + string.Join(", ", System.Linq.Enumerable.Select(System.Linq.Enumerable.Range(0, sizes[l - 1]), _ => Number(index++))) + "]");
        }

        text.Append("  \"weights\": { ").Append(string.Join(", ", weights)).Append(" },\n");
        text.Append("  \"biases\": { ").Append(string.Join(", ", biases)).Append(" }\n}\n");
        return text.ToString();
    }
}
