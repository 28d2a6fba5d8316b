namespace Digits;

/// <summary>The learning-rate schedules the sample can train with, so that their results can be compared.</summary>
public enum DigitsSchedule
{
    /// <summary>Adam's learning rate throughout.</summary>
    Constant,

    /// <summary>Halve the rate when the validation loss has not improved for <see cref="DigitsSettings.PlateauPatience"/> epochs.</summary>
    ReduceOnPlateau,

    /// <summary>A cosine from the full rate down to zero over <see cref="DigitsSettings.Epochs"/> epochs.</summary>
    Cosine,
}
