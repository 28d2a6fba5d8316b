using System;

namespace Backprop.Evaluation;

/// <summary>
/// Dropout switched off around a measurement, as PyTorch's <c>model.eval()</c>: <see cref="For"/> turns a dropout
/// network's <see cref="IDropoutNetwork.DropoutEnabled"/> off, and <see cref="Dispose"/> puts it and
/// <see cref="IDropoutNetwork.DropoutRandom"/> back as they were, also when the measurement throws.
/// </summary>
/// <remarks>
/// A generated network draws nothing with dropout off; the generator is put back all the same, so that a network
/// written by hand that draws anyway cannot move the training's masks either. A struct, so that measuring after
/// every epoch allocates nothing.
/// </remarks>
internal readonly struct DropoutOff : IDisposable
{
    private readonly IDropoutNetwork? _network;
    private readonly bool _enabled;
    private readonly DeterministicRandom _random;

    private DropoutOff(IDropoutNetwork network)
    {
        _network = network;
        _enabled = network.DropoutEnabled;
        _random = network.DropoutRandom;
    }

    /// <summary>Switches dropout off in <paramref name="network"/>, if it has dropout; nothing otherwise.</summary>
    public static DropoutOff For(INeuralNetwork network)
    {
        if (network is not IDropoutNetwork dropout)
        {
            return default;
        }

        var off = new DropoutOff(dropout);
        dropout.DropoutEnabled = false;
        return off;
    }

    /// <summary>Puts the switch and the generator back as <see cref="For"/> found them.</summary>
    public void Dispose()
    {
        if (_network is not null)
        {
            _network.DropoutEnabled = _enabled;
            _network.DropoutRandom = _random;
        }
    }
}
