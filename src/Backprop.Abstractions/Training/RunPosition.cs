namespace Backprop.Training;

/// <summary>Where a training run is: the epoch just finished, the shuffle generator, and the row order it left.</summary>
internal readonly struct RunPosition
{
    public RunPosition(int epoch, ulong shuffleState, int[] order)
    {
        Epoch = epoch;
        ShuffleState = shuffleState;
        Order = order;
    }

    public int Epoch { get; }

    public ulong ShuffleState { get; }

    public int[] Order { get; }
}
