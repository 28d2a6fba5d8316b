using System;
using Paddle;
using Xunit;
using Xunit.Abstractions;

namespace Backprop.Tests;

/// <summary>
/// The game sample (samples/Paddle), played in process: the paddle learns to catch the ball while it plays,
/// no frame allocates on the heap, and a seed decides the whole game.
/// </summary>
public sealed class PaddleGameTests(ITestOutputHelper output)
{
    [Fact]
    public void The_paddle_learns_to_catch_the_ball_and_no_frame_allocates()
    {
        // Half the sample's default run: over seeds 1 to 60 the last 5,000 of 10,000 frames miss at most 18 %.
        LearningRun run = LearningRun.Play(seed: 1, frames: 10_000);

        foreach (Stretch window in run.Windows)
        {
            output.WriteLine($"frames {window.FirstFrame,5}-{window.LastFrame,-5}: {window.Misses,2} of {window.Crossings,2} missed, {window.AllocatedBytes} bytes allocated");
        }

        Assert.Equal(10_000, run.Total.Frames);
        Assert.Equal(0, run.Total.AllocatedBytes);
        Assert.True(run.Windows[0].MissRate > 0.4, $"An untrained paddle should miss often; it missed {run.Windows[0].MissRate:P1} of the first balls.");
        Assert.True(run.Learned, $"The paddle missed {run.Judged.MissRate:P1} of the balls in frames {run.Judged.FirstFrame}-{run.Judged.LastFrame}; at most {LearningRun.MaxMissRate:P0} counts as learned.");
    }

    [Fact]
    public void The_same_seed_plays_the_same_game()
    {
        var first = new PaddleGame(seed: 7);
        var second = new PaddleGame(seed: 7);
        var other = new PaddleGame(seed: 8);
        for (int frame = 0; frame < 2_000; frame++)
        {
            first.Step();
            second.Step();
            other.Step();
        }

        Assert.Equal((first.Crossings, first.Misses, first.BallX, first.BallY, first.PaddleX), (second.Crossings, second.Misses, second.BallX, second.BallY, second.PaddleX));
        Assert.True(first.Brain.Parameters.SequenceEqual(second.Brain.Parameters));
        Assert.False(first.Brain.Parameters.SequenceEqual(other.Brain.Parameters));
    }
}
