using System;
using Paddle;
using Xunit;
using Xunit.Abstractions;

namespace Backprop.Samples.Tests;

/// <summary>
/// The game sample (samples/Paddle), played in process: the paddle learns to catch the ball while it plays,
/// no frame allocates on the heap, and a seed decides the whole game.
/// </summary>
public sealed class PaddleGameTests(ITestOutputHelper output)
{
    [Fact]
    public void The_paddle_learns_to_catch_the_ball_and_no_frame_allocates()
    {
        // Half the sample's default run: over seeds 1 to 60 the last 5,000 of 10,000 frames miss at most 15.1 %.
        LearningRun run = LearningRun.Play(seed: 1, frames: 10_000);

        // The same network kept from learning: every one of seeds 1 to 600's untrained windows misses 45 % or more.
        Stretch untrained = LearningRun.PlayMeasured(new PaddleGame(seed: 1, learns: false), LearningRun.WindowFrames);

        foreach (Stretch window in run.Windows)
        {
            output.WriteLine($"frames {window.FirstFrame,5}-{window.LastFrame,-5}: {window.Misses,2} of {window.Crossings,2} missed, {window.AllocatedBytes} bytes allocated");
        }

        Assert.Equal(10_000, run.Total.Frames);
        Assert.Equal(0, run.Total.AllocatedBytes);
        Assert.True(untrained.MissRate > 0.4, $"An untrained paddle should miss often; it missed {untrained.MissRate:P1} of the first balls.");
        Assert.True(run.Windows[0].MissRate < untrained.MissRate, $"Learning from the first flights on, the paddle missed {run.Windows[0].MissRate:P1} of the first balls, where the untrained one missed {untrained.MissRate:P1}.");
        Assert.True(run.Verdict == Verdict.Learned, $"The paddle missed {run.Judged.MissRate:P1} of the balls in frames {run.Judged.FirstFrame}-{run.Judged.LastFrame}; at most {LearningRun.MaxMissRate:P0} counts as learned.");
    }

    [Fact]
    public void A_short_run_is_judged_on_its_second_half_not_on_the_frames_spent_learning()
    {
        // Issue 13: with seed 2, 3,000 frames miss 65 %, 42 %, then 12 %; judged on all of them (42 %) the run
        // "FAILED". Its second half, the last whole window, shows a paddle that has learned.
        LearningRun run = LearningRun.Play(seed: 2, frames: 3_000);

        Assert.Equal((2_001, 3_000), (run.Judged.FirstFrame, run.Judged.LastFrame));
        Assert.True(run.Total.MissRate > LearningRun.MaxMissRate, $"The premise: the whole run missed {run.Total.MissRate:P1}.");
        Assert.Equal(Verdict.Learned, run.Verdict);
    }

    [Fact]
    public void A_short_run_that_has_not_learned_yet_is_not_called_a_failure()
    {
        // Seed 2 still misses 42 % in frames 1,001-2,000: too early to tell, not a failure.
        LearningRun run = LearningRun.Play(seed: 2, frames: 2_000);

        Assert.True(run.Judged.MissRate > LearningRun.MaxMissRate, $"The premise: frames 1,001-2,000 missed {run.Judged.MissRate:P1}.");
        Assert.Equal(Verdict.TooShortToTell, run.Verdict);
    }

    [Fact]
    public void A_paddle_that_never_trains_fails_the_run_that_CI_plays()
    {
        // The 20,000 frames of .ci/run, with learning switched off: the verdict must still catch it.
        LearningRun run = LearningRun.Play(new PaddleGame(seed: 1, learns: false), frames: 20_000);

        Assert.Equal((15_001, 20_000), (run.Judged.FirstFrame, run.Judged.LastFrame));
        Assert.True(run.Judged.MissRate > 0.5, $"An untrained paddle missed only {run.Judged.MissRate:P1}.");
        Assert.Equal(Verdict.NotLearned, run.Verdict);
        Assert.Equal(0, run.Total.AllocatedBytes);
    }

    [Theory]
    [InlineData(1, 1, 1)] // a single window is all there is to judge
    [InlineData(2, 2, 2)]
    [InlineData(3, 3, 3)]
    [InlineData(4, 3, 4)]
    [InlineData(7, 5, 7)]
    [InlineData(10, 6, 10)]
    [InlineData(11, 7, 11)] // the last window may be partial: still a window
    [InlineData(20, 16, 20)] // at most the last five
    public void The_judged_frames_are_the_second_half_of_the_windows_at_most_five(int count, int firstJudged, int lastJudged)
    {
        Stretch[] windows = Windows(count, crossings: 10, misses: 1);
        Stretch judged = LearningRun.JudgedStretch(windows);
        Assert.Equal(windows[firstJudged - 1].FirstFrame, judged.FirstFrame);
        Assert.Equal(windows[lastJudged - 1].LastFrame, judged.LastFrame);
    }

    [Theory]
    [InlineData(20, 2, Verdict.Learned)] // 20 % is learned
    [InlineData(20, 3, Verdict.NotLearned)]
    [InlineData(10, 2, Verdict.Learned)] // judged early: learned is learned
    [InlineData(10, 3, Verdict.NotLearned)] // 10,000 frames: time enough
    [InlineData(9, 3, Verdict.TooShortToTell)] // 9,000 frames: not yet
    [InlineData(1, 9, Verdict.TooShortToTell)]
    public void The_verdict_needs_the_time_to_learn_only_to_fail(int count, int missesPerTen, Verdict expected) =>
        Assert.Equal(expected, LearningRun.Judge(Windows(count, crossings: 10, misses: missesPerTen)));

    [Fact]
    public void A_long_run_whose_ball_never_came_down_has_not_learned() =>
        Assert.Equal(Verdict.NotLearned, LearningRun.Judge(Windows(10, crossings: 0, misses: 0)));

    private static Stretch[] Windows(int count, int crossings, int misses)
    {
        var windows = new Stretch[count];
        for (int i = 0; i < count; i++)
        {
            // The eleventh window of an 11-window curve is half a window, as at the end of a 10,500-frame run.
            int frames = count == 11 && i == 10 ? LearningRun.WindowFrames / 2 : LearningRun.WindowFrames;
            windows[i] = new Stretch((i * LearningRun.WindowFrames) + 1, frames, crossings, misses, 0);
        }

        return windows;
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
