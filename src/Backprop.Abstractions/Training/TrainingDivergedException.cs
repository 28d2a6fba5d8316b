using System;

namespace Backprop.Training;

/// <summary>
/// Training produced a loss or parameters that are NaN or infinite. The network's parameters have been put
/// back to values from before the step that caused it (the message says which).
/// </summary>
/// <remarks>
/// The optimizer's state (velocity, moments) is not restored; call <see cref="Optimizer.Reset"/> before
/// training again, typically with a lower learning rate or with <see cref="Optimizer.MaxGradientNorm"/> set.
/// </remarks>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <summary>Creates the exception with a message.</summary>
    public TrainingDivergedException()
        : this("Training diverged.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that revealed the problem.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The exception that revealed it, e.g. Backward's on a non-finite cost.</param>
    public TrainingDivergedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a failure found in a given epoch and batch.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="epoch">The epoch, from 1.</param>
    /// <param name="batch">The batch within the epoch, from 1.</param>
    /// <param name="innerException">The exception that revealed it, or null.</param>
    public TrainingDivergedException(string message, int epoch, int batch, Exception? innerException)
        : base(message, innerException)
    {
        Epoch = epoch;
        Batch = batch;
    }

    /// <summary>The epoch in which the problem was found, counted from 1 (0 when unknown).</summary>
    public int Epoch { get; }

    /// <summary>The mini-batch within <see cref="Epoch"/> in which the problem was found, counted from 1 (0 when unknown).</summary>
    public int Batch { get; }
}
