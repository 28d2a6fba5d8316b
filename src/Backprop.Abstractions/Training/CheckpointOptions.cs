using System;
using static System.FormattableString;

namespace Backprop.Training;

/// <summary>
/// Where and when a <see cref="Trainer{T}"/> saves a checkpoint: everything needed to resume the run exactly
/// (<see cref="Trainer{T}.ResumeFrom"/>), written atomically to one file.
/// </summary>
/// <remarks>
/// <para>
/// A checkpoint holds the network's parameters (in the binary model format, docs/model-format.md), the
/// optimizer's state (step count, velocity or moments, β powers, the schedule's position and plateau state),
/// the trainer's (epoch, the shuffle generator and row order, the early-stopping state and best parameters) and,
/// for a network with dropout (<see cref="IDropoutNetwork"/>), its dropout generator. A CRC-32 covers the file.
/// </para>
/// <para>
/// <see cref="IDropoutNetwork.DropoutEnabled"/> is a setting, like <see cref="Trainer{T}.BatchSize"/>, not part of
/// the run's state: it is not saved, and loading leaves it as it is. Resume with it as the run that wrote the
/// checkpoint had it (true unless you switched it off) to end with that run's bits.
/// </para>
/// <para>
/// It is written after every <see cref="EveryEpochs"/>-th epoch and, with <see cref="AtBestEpoch"/>, after each
/// epoch that is the best so far on the validation set; each write replaces the file as a whole (a failure
/// leaves the previous checkpoint intact). Writing a checkpoint allocates (the file's bytes); the epochs in between do not.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// trainer.Checkpoint = new CheckpointOptions("run.checkpoint") { EveryEpochs = 10, AtBestEpoch = true };
/// </code>
/// </example>
public sealed class CheckpointOptions
{
    private int _everyEpochs = 1;

    /// <summary>Creates checkpoint settings for the file <paramref name="path"/>.</summary>
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public CheckpointOptions(string path)
    {
        Path = path ?? throw new ArgumentNullException(nameof(path));
        if (path.Length == 0)
        {
            throw new ArgumentException("'path' must name a file, but is empty.", nameof(path));
        }
    }

    /// <summary>The checkpoint file.</summary>
    public string Path { get; }

    /// <summary>Write after every this many epochs (epochs counted from 1 over the whole run); at least 1, default 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int EveryEpochs
    {
        get => _everyEpochs;
        set => _everyEpochs = HyperparameterGuard.AtLeastOne(value, nameof(EveryEpochs));
    }

    /// <summary>Also write after each epoch that is the best so far on the validation set; default true.</summary>
    public bool AtBestEpoch { get; set; } = true;

    /// <summary>A short description for messages.</summary>
    /// <returns>E.g. <c>checkpoint 'run.checkpoint' every 10 epochs and at the best epoch</c>.</returns>
    public override string ToString() =>
        Invariant($"checkpoint '{Path}' every {EveryEpochs} epoch{(EveryEpochs == 1 ? "" : "s")}{(AtBestEpoch ? " and at the best epoch" : "")}");
}
