using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Backprop.Serialization;

namespace Backprop.Convert;

/// <summary>
/// Converts network weights between the three formats the library reads and writes, chosen by file
/// extension: <c>.safetensors</c>, <c>.bpnn</c> (binary model file) and <c>.json</c> (weights JSON, what the
/// generator bakes into code). A command line over <c>NetworkWeights.Read(input).Write(output)</c>: the library
/// picks the formats, checks the files and writes atomically; this adds the topology of a PyTorch file.
/// </summary>
public static class Converter
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        Converts network weights between safetensors, Backprop model files and weights JSON.

        usage: dotnet run --project tools/Backprop.Convert -- INPUT OUTPUT [options]

          INPUT, OUTPUT        files ending in .safetensors, .bpnn or .json (the format follows the extension)

        The topology of a .bpnn or .json input is in the file, and so is that of a .safetensors file written by
        Backprop (its backprop.* metadata). Another .safetensors input (e.g. from PyTorch) needs it on the command line:
          --layers 4,8,3       layer sizes, input first
          --hidden ReLU        activation of every hidden layer   } or --activations ReLU,Sigmoid
          --output Sigmoid     activation of the output layer     } (one per layer 2..L)
          --loss NAME          MeanSquaredError (default), CrossEntropy or BinaryCrossEntropy
        Given for a file that records its topology, each of these must agree with the file.

        Other options:
          --precision P        Single or Double: convert to this precision (default: the input's; for a .safetensors
                               input, Double if one of its tensors is F64, else Single)
          --prefix TEXT        safetensors tensor names start with TEXT, e.g. model. for model.0.weight
          --ignore-unknown     skip safetensors tensors that map to no layer (e.g. an optimizer step count)

        Activations: Sigmoid, Tanh, ReLU, LeakyReLU, Linear, Softmax.
        Example: dotnet run --project tools/Backprop.Convert -- model.safetensors model.json --layers 4,8,3 --hidden ReLU --output Sigmoid
        """;

    /// <summary>Runs a conversion.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where the summary goes.</param>
    /// <param name="error">Where errors go.</param>
    /// <returns>0 on success, 1 if a file was refused or could not be read or written, 2 for a usage error.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (FormatException e)
        {
            error.WriteLine("error: " + e.Message);
            error.WriteLine();
            error.WriteLine(Usage);
            return 2;
        }

        if (options.Help)
        {
            output.WriteLine(Usage);
            return 0;
        }

        try
        {
            NetworkWeights weights = ReadInput(options);
            if (options.Precision is Precision precision)
            {
                weights = weights.ConvertTo(precision);
            }

            weights.Write(options.Output, new ModelFileOptions { SafeTensors = options.SafeTensorsFor(options.Output) });
            output.WriteLine($"{options.Input} -> {options.Output}: {weights.Topology}, {weights.Topology.ParameterCount.ToString(CultureInfo.InvariantCulture)} parameters.");
            return 0;
        }
        catch (FormatException e)
        {
            error.WriteLine("error: " + e.Message);
            return 2;
        }
        catch (ArgumentException e)
        {
            // An extension that names no format: the command line, not a parameter, is what the user changes.
            error.WriteLine("error: " + WithoutParameter(e));
            return 2;
        }
        catch (Exception e) when (e is ModelFormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            error.WriteLine("error: " + e.Message);
            return 1;
        }
    }

    // A file that records its topology is read as it is, and the topology options must agree with it; a safetensors
    // file from PyTorch records none, and is read with the options' topology.
    private static NetworkWeights ReadInput(Options options)
    {
        SafeTensorsOptions? safeTensors = options.SafeTensorsFor(options.Input);
        try
        {
            NetworkWeights weights = NetworkWeights.Read(options.Input, new ModelFileOptions { SafeTensors = safeTensors });
            options.CheckAgreement(weights.Topology);
            return weights;
        }
        catch (ModelFormatException e) when (e.Reason == ModelFormatReason.MissingTopology)
        {
            // Read in the file's own precision (Double if a tensor is F64, else Single), as every input is;
            // --precision converts afterwards. A Single topology is refused only by a Double file.
            NetworkTopology topology = options.TopologyFromOptions();
            try
            {
                return NetworkWeights.Read(options.Input, new ModelFileOptions { Topology = topology, SafeTensors = safeTensors });
            }
            catch (ModelFormatException mismatch) when (mismatch.Reason == ModelFormatReason.PrecisionMismatch)
            {
                return NetworkWeights.Read(options.Input, new ModelFileOptions { Topology = topology.WithPrecision(Precision.Double), SafeTensors = safeTensors });
            }
        }
    }

    private static string WithoutParameter(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);

    private sealed class Options
    {
        public string Input { get; private set; } = "";

        public string Output { get; private set; } = "";

        public bool Help { get; private set; }

        public Precision? Precision { get; private set; }

        private int[]? Layers { get; set; }

        private Activation[]? Activations { get; set; }

        private Activation? Hidden { get; set; }

        private Activation? OutputActivation { get; set; }

        private Loss? Loss { get; set; }

        private string Prefix { get; set; } = "";

        private bool IgnoreUnknown { get; set; }

        public static Options Parse(string[] args)
        {
            var options = new Options();
            var files = new List<string>();
            for (int i = 0; i < args.Length; i++)
            {
                string arg = args[i];
                switch (arg)
                {
                    case "-h" or "--help":
                        options.Help = true;
                        break;
                    case "--layers":
                        options.Layers = Value(args, ref i).Split(',').Select(s => int.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
                            ? n
                            : throw new FormatException($"--layers takes positive sizes separated by commas, e.g. 4,8,3, not '{s}'.")).ToArray();
                        break;
                    case "--activations":
                        options.Activations = Value(args, ref i).Split(',').Select(s => Parse<Activation>(s.Trim(), "--activations")).ToArray();
                        break;
                    case "--hidden":
                        options.Hidden = Parse<Activation>(Value(args, ref i), arg);
                        break;
                    case "--output":
                        options.OutputActivation = Parse<Activation>(Value(args, ref i), arg);
                        break;
                    case "--loss":
                        options.Loss = Parse<Loss>(Value(args, ref i), arg);
                        break;
                    case "--precision":
                        options.Precision = Parse<Precision>(Value(args, ref i), arg);
                        break;
                    case "--prefix":
                        options.Prefix = Value(args, ref i);
                        break;
                    case "--ignore-unknown":
                        options.IgnoreUnknown = true;
                        break;
                    default:
                        if (arg.StartsWith("--", StringComparison.Ordinal))
                        {
                            throw new FormatException($"Unknown option '{arg}'.");
                        }

                        files.Add(arg);
                        break;
                }
            }

            if (options.Help)
            {
                return options;
            }

            if (files.Count != 2)
            {
                throw new FormatException($"Give an input and an output file; {files.Count} file {(files.Count == 1 ? "name was" : "names were")} given.");
            }

            if (options.Activations is not null && (options.Hidden is not null || options.OutputActivation is not null))
            {
                throw new FormatException("Give either --activations or --hidden/--output, not both.");
            }

            options.Input = files[0];
            options.Output = files[1];
            return options;
        }

        // The library picks every format by extension; this only decides which side the safetensors options are for.
        public SafeTensorsOptions? SafeTensorsFor(string path) =>
            Path.GetExtension(path).Equals(".safetensors", StringComparison.OrdinalIgnoreCase)
                ? new() { Prefix = Prefix, IgnoreUnknownTensors = IgnoreUnknown }
                : null;

        // Each option given must say what the file records; an option left out takes the file's value.
        public void CheckAgreement(NetworkTopology recorded)
        {
            IReadOnlyList<Activation> activations = recorded.Activations;
            Activation[] hidden = activations.Take(activations.Count - 1).ToArray();
            if (Layers is not null && !Layers.SequenceEqual(recorded.LayerSizes))
            {
                throw Disagreement("--layers", Join(Layers, "sizes"), "layer sizes", Join(recorded.LayerSizes, "sizes"));
            }

            if (Activations is not null && !Activations.SequenceEqual(activations))
            {
                throw Disagreement("--activations", Join(Activations, "activations"), "activations", Join(activations, "activations"));
            }

            if (Hidden is not null && hidden.Any(a => a != Hidden))
            {
                throw Disagreement("--hidden", Hidden.Value.ToString(), "activations", Join(activations, "activations"));
            }

            if (OutputActivation is not null && activations[^1] != OutputActivation)
            {
                throw Disagreement("--output", OutputActivation.Value.ToString(), "activations", Join(activations, "activations"));
            }

            if (Loss is not null && Loss != recorded.Loss)
            {
                throw Disagreement("--loss", Loss.Value.ToString(), "loss", recorded.Loss.ToString());
            }
        }

        private static FormatException Disagreement(string option, string given, string what, string recorded) =>
            new($"{option} {given} disagrees with the input file, which records {what} {recorded}. Leave {option} out to use the file's topology.");

        // Bounded: the recorded values come from the input file.
        private static string Join<T>(IEnumerable<T> values, string plural) =>
            MessageText.List(values.Select(v => System.Convert.ToString(v, CultureInfo.InvariantCulture) ?? ""), plural, ",");

        public NetworkTopology TopologyFromOptions()
        {
            if (Layers is null)
            {
                throw new FormatException("This safetensors file does not record its topology (it has no backprop.* metadata): give --layers, and --hidden/--output or --activations.");
            }

            Activation[] activations;
            if (Activations is not null)
            {
                activations = Activations;
            }
            else
            {
                if (OutputActivation is null || (Hidden is null && Layers.Length > 2))
                {
                    throw new FormatException("This safetensors file does not record its activations: give --output (and --hidden when there are hidden layers), or --activations.");
                }

                activations = [.. Enumerable.Repeat(Hidden ?? Activation.Sigmoid, Math.Max(0, Layers.Length - 2)), OutputActivation.Value];
            }

            try
            {
                return new NetworkTopology(Layers, activations, Loss ?? Backprop.Loss.MeanSquaredError);
            }
            catch (ArgumentException e)
            {
                // The options, not the constructor's parameter, are what the user changes: drop " (Parameter 'x')".
                throw new FormatException(e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal), e);
            }
        }

        private static string Value(string[] args, ref int i) =>
            i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value.");

        private static T Parse<T>(string text, string option)
            where T : struct, Enum =>
            Enum.GetNames<T>().Contains(text, StringComparer.Ordinal)
                ? Enum.Parse<T>(text)
                : throw new FormatException($"{option} takes one of {string.Join(", ", Enum.GetNames<T>())}, not '{text}'.");
    }
}
