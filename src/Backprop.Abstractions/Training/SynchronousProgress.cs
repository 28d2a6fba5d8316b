using System;

namespace Backprop.Training;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler at once, on the reporting thread. Unlike
/// <see cref="Progress{T}"/>, which posts each report to the captured synchronization context (in a console
/// program, the thread pool), lines written by the handler appear in order and before training returns.
/// </summary>
/// <typeparam name="T">The type of the reports.</typeparam>
public sealed class SynchronousProgress<T> : IProgress<T>
{
    private readonly Action<T> _handler;

    /// <summary>Creates a reporter that calls <paramref name="handler"/> for each report.</summary>
    /// <param name="handler">What to do with a report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    public SynchronousProgress(Action<T> handler)
    {
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
    }

    /// <inheritdoc/>
    public void Report(T value) => _handler(value);
}
