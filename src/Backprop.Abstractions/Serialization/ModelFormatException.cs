using System;

namespace Backprop.Serialization;

/// <summary>
/// A model file was refused: it is corrupt, of another format or version, or does not fit the network.
/// The message says which, with what was expected and what was found. When this is thrown by a load, the
/// network was not changed.
/// </summary>
public sealed class ModelFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why the file was refused.</param>
    /// <param name="message">What is wrong, naming what was expected and what was found.</param>
    /// <param name="expected">What was expected, in short (e.g. "layer sizes [3, 4, 2]"), or null.</param>
    /// <param name="found">What was found, in short, or null.</param>
    /// <param name="innerException">The error that revealed the problem, or null.</param>
    public ModelFormatException(ModelFormatReason reason, string message, string? expected = null, string? found = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        Expected = expected;
        Found = found;
    }

    /// <summary>Why the file was refused.</summary>
    public ModelFormatReason Reason { get; }

    /// <summary>What was expected, in short, when the reason is a comparison; otherwise null.</summary>
    public string? Expected { get; }

    /// <summary>What was found, in short, when the reason is a comparison; otherwise null.</summary>
    public string? Found { get; }
}
