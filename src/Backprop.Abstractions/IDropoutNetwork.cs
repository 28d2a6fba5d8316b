namespace Backprop;

/// <summary>
/// A network whose training methods drop hidden neurons at random (dropout). Its masks come from its own
/// <see cref="DeterministicRandom"/>, so a run reproduces bit for bit; inference never drops.
/// </summary>
/// <remarks>
/// A trainer's checkpoint saves and restores <see cref="DropoutRandom"/>, so a resumed run draws the very
/// masks an uninterrupted one would have drawn.
/// </remarks>
public interface IDropoutNetwork
{
    /// <summary>The generator the dropout masks are drawn from; assign a saved value to replay the same masks.</summary>
    DeterministicRandom DropoutRandom { get; set; }
}
