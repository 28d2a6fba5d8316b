namespace Backprop.Serialization;

/// <summary>How a model file (binary or weights JSON) is loaded into a network.</summary>
public sealed class NetworkLoadOptions
{
    /// <summary>
    /// Whether a file of the other precision is converted (float to double exactly, double to float rounded
    /// to nearest) rather than refused with <see cref="ModelFormatReason.PrecisionMismatch"/>. Default false:
    /// a silent rounding of trained weights is a change the caller should ask for. A double that is beyond
    /// the range of float is refused either way (<see cref="ModelFormatReason.ValueOutOfRange"/>).
    /// </summary>
    public bool ConvertPrecision { get; set; }
}
