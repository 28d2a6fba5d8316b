using System;
using static System.FormattableString;

namespace Backprop.Serialization;

/// <summary>
/// How weights are saved and loaded, for every <see cref="ModelFormat"/>: the same options type for
/// <see cref="ModelFiles.Save(INeuralNetwork, string, ModelFileOptions)"/>, <see cref="ModelFiles.Load(INeuralNetwork, string, ModelFileOptions)"/>,
/// <see cref="NetworkWeights.Read(string, ModelFileOptions)"/>, <see cref="NetworkWeights.Write(string, ModelFileOptions)"/>
/// and <see cref="NetworkWeights.CopyTo(INeuralNetwork, ModelFileOptions)"/>. Null means all the defaults.
/// </summary>
/// <remarks>
/// A knob for one direction is ignored by the other (<see cref="ConvertPrecision"/> when writing,
/// <see cref="WritePrecision"/> when reading), so one object can serve a read and a write. A knob that cannot
/// apply is refused with an <see cref="ArgumentException"/> naming <c>options</c>: <see cref="SafeTensors"/> with
/// another format, and <see cref="Topology"/> anywhere but <see cref="NetworkWeights.Read(string, ModelFileOptions)"/>.
/// </remarks>
/// <example>
/// <code>
/// net.Load("trained-double.bpnn", new ModelFileOptions { ConvertPrecision = true });
/// net.Save("model.safetensors", new ModelFileOptions { SafeTensors = new() { Prefix = "model." } });
/// </code>
/// </example>
public sealed class ModelFileOptions
{
    /// <summary>
    /// Reading: whether a file of the other precision is converted (float to double exactly, double to float
    /// rounded to nearest) rather than refused with <see cref="ModelFormatReason.PrecisionMismatch"/>, in every
    /// format. Default false: a silent rounding of trained weights is a change the caller should ask for. A
    /// safetensors file is double precision if one of its tensors is F64, else single (F32, F16 and BF16 all fit
    /// a float). A double beyond the range of float is refused either way (<see cref="ModelFormatReason.ValueOutOfRange"/>).
    /// </summary>
    public bool ConvertPrecision { get; set; }

    /// <summary>
    /// Writing: the precision of the values written, <see cref="Precision.Single"/> (float, F32) or
    /// <see cref="Precision.Double"/> (double, F64), in every format. Default null: the weights' own. Writing
    /// double weights as float rounds to nearest; a value beyond the range of float is refused.
    /// </summary>
    public Precision? WritePrecision { get; set; }

    /// <summary>
    /// <see cref="NetworkWeights.Read(string, ModelFileOptions)"/> only, which has no network to compare with:
    /// the topology the weights must have. A file that records other layer sizes, activations or loss is refused
    /// (<see cref="ModelFormatReason.TopologyMismatch"/>); a safetensors file that records none (one from PyTorch)
    /// is read as this topology; the weights come back in its precision (see <see cref="ConvertPrecision"/>).
    /// Default null: the file's own, and a safetensors file without one is refused with
    /// <see cref="ModelFormatReason.MissingTopology"/>. Every other call refuses a topology: a network or the
    /// weights already have one.
    /// </summary>
    public NetworkTopology? Topology { get; set; }

    /// <summary>
    /// safetensors only: tensor names, unknown tensors and extra metadata. Default null: the names of a PyTorch
    /// <c>nn.Sequential</c> of <c>nn.Linear</c>. Refused with any other format.
    /// </summary>
    public SafeTensorsOptions? SafeTensors { get; set; }

    /// <summary>Refuses <see cref="SafeTensors"/> for another format.</summary>
    internal static void Check(ModelFileOptions? options, ModelFormat format, string? extension)
    {
        if (options?.SafeTensors is not null && format != ModelFormat.SafeTensors)
        {
            string from = extension is null ? "" : Invariant($" (from the extension '{extension}')");
            throw new ArgumentException(
                Invariant($"ModelFileOptions.SafeTensors applies to safetensors files only, but the format is {format}{from}. Leave it null for this format."),
                nameof(options));
        }
    }

    /// <summary>Refuses an undefined <see cref="WritePrecision"/>; writes only, since a read ignores it.</summary>
    internal static void CheckForWriting(ModelFileOptions? options)
    {
        if (options?.WritePrecision is Precision precision && precision is not (Precision.Single or Precision.Double))
        {
            throw new ArgumentException(
                Invariant($"ModelFileOptions.WritePrecision must be Single, Double or null, but was {(int)precision}."),
                nameof(options));
        }
    }

    /// <summary>Refuses <see cref="Topology"/> where a network or the weights give the topology.</summary>
    internal static void RefuseTopology(ModelFileOptions? options, string whose)
    {
        if (options?.Topology is not null)
        {
            throw new ArgumentException(
                Invariant($"ModelFileOptions.Topology is for NetworkWeights.Read, which has no network; here the topology is {whose}, so leave Topology null (it was {options.Topology})."),
                nameof(options));
        }
    }
}
