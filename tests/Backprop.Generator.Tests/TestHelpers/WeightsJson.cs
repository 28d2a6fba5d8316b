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
}
