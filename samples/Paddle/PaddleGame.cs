using System;
using Backprop;

namespace Paddle;

/// <summary>What happened at the paddle's line during one frame.</summary>
public enum FrameOutcome
{
    /// <summary>The ball is in flight.</summary>
    None,

    /// <summary>The ball reached the paddle's line and the paddle was under it: it bounces back up.</summary>
    Hit,

    /// <summary>The ball reached the paddle's line beside the paddle: a new ball is served from the top.</summary>
    Miss,
}

/// <summary>
/// A one-player paddle game whose paddle learns while it plays. Every frame the paddle asks its network
/// where the ball will cross the bottom line and moves there (at a limited speed); every time the ball
/// does cross it, the frames of that flight become training examples whose target is where the ball
/// really crossed, so each miss teaches the paddle where it should have been. Every frame also trains the
/// network with a few <see cref="PaddleBrain.TrainStep"/> calls on examples drawn from a fixed-size replay
/// buffer of past flights.
/// </summary>
/// <remarks>
/// The field is the unit square: x from 0 (left wall) to 1 (right wall), y from 0 (the paddle's line) to 1
/// (the ceiling). The ball bounces off both walls and the ceiling. Everything a frame needs is allocated by
/// the constructor, so <see cref="Step"/> allocates nothing; the same seed plays the same game.
/// </remarks>
public sealed class PaddleGame
{
    /// <summary>Half the paddle's width: the paddle covers 16 % of the bottom line.</summary>
    public const float PaddleHalfWidth = 0.08f;

    /// <summary>How far the paddle moves in one frame at most: it crosses the field in 25 frames.</summary>
    public const float PaddleSpeed = 0.04f;

    /// <summary>
    /// The fastest sideways speed of the ball, in field widths per frame: a ball served from the ceiling
    /// bounces off a wall at most once before it comes down.
    /// </summary>
    public const float MaxSpeedX = 0.025f;

    /// <summary>The slowest vertical speed of the ball.</summary>
    public const float MinSpeedY = 0.025f;

    /// <summary>The fastest vertical speed of the ball.</summary>
    public const float MaxSpeedY = 0.04f;

    /// <summary>How many network updates (one example each) every frame makes.</summary>
    public const int TrainStepsPerFrame = 8;

    /// <summary>The learning rate of those updates.</summary>
    public const float LearningRate = 0.5f;

    /// <summary>How many past frames, with the crossing that followed them, the replay buffer keeps.</summary>
    public const int ReplayCapacity = 4096;

    // The longest flight: up to the ceiling and back down at the slowest vertical speed.
    private const int MaxFlightFrames = (int)(2f / MinSpeedY) + 2;

    private readonly PaddleBrain _brain;
    private DeterministicRandom _random;

    // The current observation and the network's guess; reused every frame.
    private readonly float[] _observation = new float[PaddleBrain.InputSize];
    private readonly float[] _guess = new float[PaddleBrain.OutputSize];

    // The observations of the flight in progress, waiting for the crossing that labels them.
    private readonly float[] _flight = new float[MaxFlightFrames * PaddleBrain.InputSize];
    private int _flightFrames;

    // Past observations and where their flight crossed the line, row after row; a ring once full.
    private readonly float[] _replayInputs = new float[ReplayCapacity * PaddleBrain.InputSize];
    private readonly float[] _replayTargets = new float[ReplayCapacity * PaddleBrain.OutputSize];
    private int _replayCount;
    private int _replayNext;

    /// <summary>Starts a game whose network, serves and training draws all come from <paramref name="seed"/>.</summary>
    /// <param name="seed">Any value; equal seeds play equal games.</param>
    public PaddleGame(int seed)
        : this(seed, learns: true)
    {
    }

    /// <summary>Starts a game whose paddle may be kept from learning: the baseline a learning paddle is judged against.</summary>
    /// <param name="seed">Any value; equal seeds play equal games.</param>
    /// <param name="learns">Whether the network trains while it plays; when false it keeps its initial parameters.</param>
    public PaddleGame(int seed, bool learns)
    {
        Learns = learns;
        _brain = new PaddleBrain(seed);
        _random = new DeterministicRandom(seed ^ 0x5EED);
        PaddleX = 0.5f;
        Serve();
    }

    /// <summary>Whether the network trains while it plays.</summary>
    public bool Learns { get; }

    /// <summary>The network that moves the paddle.</summary>
    public PaddleBrain Brain => _brain;

    /// <summary>The ball's horizontal position, 0 to 1.</summary>
    public float BallX { get; private set; }

    /// <summary>The ball's height above the paddle's line, 0 to 1.</summary>
    public float BallY { get; private set; }

    /// <summary>The ball's horizontal velocity, in field widths per frame.</summary>
    public float VelocityX { get; private set; }

    /// <summary>The ball's vertical velocity; negative while it falls.</summary>
    public float VelocityY { get; private set; }

    /// <summary>The centre of the paddle, 0 to 1.</summary>
    public float PaddleX { get; private set; }

    /// <summary>Where the network expected, this frame, the ball to cross the paddle's line.</summary>
    public float Guess { get; private set; }

    /// <summary>The squared error of the last training example, halved (the network's cost).</summary>
    public float LastCost { get; private set; }

    /// <summary>How many frames have been played.</summary>
    public int Frames { get; private set; }

    /// <summary>How many times the ball has reached the paddle's line.</summary>
    public int Crossings { get; private set; }

    /// <summary>How many of those crossings the paddle missed.</summary>
    public int Misses { get; private set; }

    /// <summary>Plays one frame: look, move, let the ball fly, learn.</summary>
    /// <returns>Whether the ball reached the paddle's line this frame, and with what result.</returns>
    public FrameOutcome Step()
    {
        // Look: the network sees the ball's position and velocity, each scaled to about [-1, 1].
        Span<float> observation = _observation;
        observation[0] = BallX;
        observation[1] = BallY;
        observation[2] = VelocityX / MaxSpeedX;
        observation[3] = VelocityY / MaxSpeedY;
        _brain.Forward(observation, _guess);
        Guess = _guess[0];

        // Move toward the guess, no faster than the paddle can.
        PaddleX += Math.Clamp(Guess - PaddleX, -PaddleSpeed, PaddleSpeed);

        // Remember what was seen; the crossing will say what the right answer was.
        if (_flightFrames < MaxFlightFrames)
        {
            observation.CopyTo(_flight.AsSpan(_flightFrames * PaddleBrain.InputSize));
            _flightFrames++;
        }

        FrameOutcome outcome = MoveBall();
        if (outcome != FrameOutcome.None)
        {
            Crossings++;
            LabelFlight(BallX);
            if (outcome == FrameOutcome.Hit)
            {
                Bounce();
            }
            else
            {
                Misses++;
                Serve();
            }
        }

        Learn();
        Frames++;
        return outcome;
    }

    // Moves the ball one frame, off the walls and the ceiling; reports a crossing of the bottom line.
    private FrameOutcome MoveBall()
    {
        float x = BallX + VelocityX;
        float y = BallY + VelocityY;
        if (x < 0f)
        {
            x = -x;
            VelocityX = -VelocityX;
        }
        else if (x > 1f)
        {
            x = 2f - x;
            VelocityX = -VelocityX;
        }

        if (y > 1f)
        {
            y = 2f - y;
            VelocityY = -VelocityY;
        }

        BallX = x;
        if (y > 0f)
        {
            BallY = y;
            return FrameOutcome.None;
        }

        BallY = 0f;
        return Math.Abs(x - PaddleX) <= PaddleHalfWidth ? FrameOutcome.Hit : FrameOutcome.Miss;
    }

    // A new ball from the ceiling, anywhere, falling in any direction.
    private void Serve()
    {
        BallX = Uniform(0.05f, 0.95f);
        BallY = 1f;
        VelocityX = Uniform(-MaxSpeedX, MaxSpeedX);
        VelocityY = -Uniform(MinSpeedY, MaxSpeedY);
    }

    // The paddle sends the ball back up; where it struck the paddle sets the new sideways speed.
    private void Bounce()
    {
        float offset = (BallX - PaddleX) / PaddleHalfWidth;
        VelocityX = Math.Clamp((0.5f * offset * MaxSpeedX) + Uniform(-0.5f * MaxSpeedX, 0.5f * MaxSpeedX), -MaxSpeedX, MaxSpeedX);
        VelocityY = Uniform(MinSpeedY, MaxSpeedY);
    }

    // Every frame of the flight just ended becomes an example: its observation, and where the ball crossed.
    private void LabelFlight(float crossing)
    {
        for (int frame = 0; frame < _flightFrames; frame++)
        {
            _flight.AsSpan(frame * PaddleBrain.InputSize, PaddleBrain.InputSize)
                .CopyTo(_replayInputs.AsSpan(_replayNext * PaddleBrain.InputSize));
            _replayTargets[_replayNext] = crossing;
            _replayNext = (_replayNext + 1) % ReplayCapacity;
            _replayCount = Math.Min(_replayCount + 1, ReplayCapacity);
        }

        _flightFrames = 0;
    }

    // A few SGD steps on examples drawn from everything remembered so far.
    private void Learn()
    {
        if (!Learns || _replayCount == 0)
        {
            return;
        }

        for (int i = 0; i < TrainStepsPerFrame; i++)
        {
            int row = (int)(_random.NextUInt64() % (ulong)_replayCount);
            LastCost = _brain.TrainStep(
                _replayInputs.AsSpan(row * PaddleBrain.InputSize, PaddleBrain.InputSize),
                _replayTargets.AsSpan(row * PaddleBrain.OutputSize, PaddleBrain.OutputSize),
                LearningRate);
        }
    }

    private float Uniform(float min, float max) => min + ((max - min) * (float)_random.NextDouble());
}
