using System;
using System.Collections.Generic;

namespace Paddle;

/// <summary>What happened over a stretch of frames.</summary>
/// <param name="FirstFrame">The number of the stretch's first frame, from 1.</param>
/// <param name="Frames">How many frames the stretch has.</param>
/// <param name="Crossings">How many times the ball reached the paddle's line.</param>
/// <param name="Misses">How many of those the paddle missed.</param>
/// <param name="AllocatedBytes">What the frames allocated on the heap, measured on the playing thread.</param>
public readonly record struct Stretch(int FirstFrame, int Frames, int Crossings, int Misses, long AllocatedBytes)
{
    /// <summary>The frame number of the stretch's last frame.</summary>
    public int LastFrame => FirstFrame + Frames - 1;

    /// <summary>Misses per crossing, 0 to 1 (0 when the ball never came down).</summary>
    public double MissRate => Crossings == 0 ? 0 : (double)Misses / Crossings;

    /// <summary>Two stretches that follow each other, as one.</summary>
    /// <param name="next">The stretch right after this one.</param>
    /// <returns>The stretch from this one's first frame to <paramref name="next"/>'s last.</returns>
    public Stretch Then(Stretch next) =>
        new(Frames == 0 ? next.FirstFrame : FirstFrame, Frames + next.Frames, Crossings + next.Crossings, Misses + next.Misses, AllocatedBytes + next.AllocatedBytes);
}

/// <summary>What the learning curve of a run says about the paddle.</summary>
public enum Verdict
{
    /// <summary>It missed at most <see cref="LearningRun.MaxMissRate"/> of the balls in the judged frames.</summary>
    Learned,

    /// <summary>It missed more, in a run of at least <see cref="LearningRun.FramesToLearn"/> frames.</summary>
    NotLearned,

    /// <summary>It missed more, but in a run too short to tell: it may still be learning.</summary>
    TooShortToTell,
}

/// <summary>
/// An unattended game: plays a number of frames in windows of <see cref="WindowFrames"/>, measures each
/// window's misses and heap allocation, and judges whether the paddle learned.
/// </summary>
/// <remarks>
/// The rule, for a run of any length: the judged frames are the second half of the run's windows (rounded
/// down, at least one window, at most the last <see cref="MaxJudgedWindows"/>), so that the frames the paddle
/// spends learning are not held against it. It has learned if it missed at most <see cref="MaxMissRate"/> of
/// the balls there; otherwise it has not, if the run lasted at least <see cref="FramesToLearn"/> frames, and a
/// shorter run cannot tell. No paddle that never trains comes near 20 %: over seeds 1 to 600 it missed at
/// least 45 % of the balls in every one of 12,000 windows.
/// </remarks>
public sealed class LearningRun
{
    /// <summary>The length of one line of the learning curve.</summary>
    public const int WindowFrames = 1_000;

    /// <summary>The most windows judged: the last 5,000 frames of a long run.</summary>
    public const int MaxJudgedWindows = 5;

    /// <summary>
    /// The highest miss rate in the judged frames that counts as learned. Measured over seeds 1 to 60 at
    /// 20,000 frames: the trained paddle misses 0–7.3 % of the balls in its last 5,000 frames, while a paddle
    /// that never trains misses 75–90 %.
    /// </summary>
    public const double MaxMissRate = 0.20;

    /// <summary>
    /// The time the paddle is given to learn: a run at least this long whose judged frames miss more than
    /// <see cref="MaxMissRate"/> has not learned; a shorter one cannot tell. Over seeds 1 to 600, 594 runs of
    /// 10,000 frames miss at most 20 % of the balls in their judged frames (the other six 20.7–23.3 %, and all
    /// 600 at most 13.4 % by 20,000 frames), where at 3,000 frames only 285 do yet.
    /// </summary>
    public const int FramesToLearn = 10_000;

    private readonly List<Stretch> _windows = new();

    private LearningRun()
    {
    }

    /// <summary>The learning curve: one stretch per window, in order.</summary>
    public IReadOnlyList<Stretch> Windows => _windows;

    /// <summary>The whole run.</summary>
    public Stretch Total { get; private set; }

    /// <summary>The frames the verdict is about (see <see cref="JudgedStretch"/>).</summary>
    public Stretch Judged { get; private set; }

    /// <summary>Whether the paddle learned, judged by the rule in the remarks.</summary>
    public Verdict Verdict { get; private set; }

    /// <summary>
    /// Plays <paramref name="frames"/> frames of a new game. The frames themselves are measured for heap
    /// allocation; <paramref name="onWindow"/> is called between windows, outside the measurement.
    /// </summary>
    /// <param name="seed">The game's seed.</param>
    /// <param name="frames">How many frames to play, at least 1.</param>
    /// <param name="onWindow">Called with each window's stretch as soon as it is played, e.g. to print it.</param>
    /// <returns>The run's learning curve and verdict.</returns>
    public static LearningRun Play(int seed, int frames, Action<Stretch>? onWindow = null) =>
        Play(new PaddleGame(seed), frames, onWindow);

    /// <summary>Plays <paramref name="frames"/> frames of <paramref name="game"/>, as <see cref="Play(int, int, Action{Stretch}?)"/> does.</summary>
    /// <param name="game">A game that has not been played yet.</param>
    /// <param name="frames">How many frames to play, at least 1.</param>
    /// <param name="onWindow">Called with each window's stretch as soon as it is played, e.g. to print it.</param>
    /// <returns>The run's learning curve and verdict.</returns>
    public static LearningRun Play(PaddleGame game, int frames, Action<Stretch>? onWindow = null)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        WarmUp();

        var run = new LearningRun();
        run._windows.Capacity = (frames + WindowFrames - 1) / WindowFrames;
        int end = game.Frames + frames;
        while (game.Frames < end)
        {
            Stretch window = PlayMeasured(game, Math.Min(WindowFrames, end - game.Frames));
            run._windows.Add(window);
            run.Total = run.Total.Then(window);
            onWindow?.Invoke(window);
        }

        run.Judged = JudgedStretch(run._windows);
        run.Verdict = Judge(run._windows);
        return run;
    }

    /// <summary>The judged frames of a learning curve: the second half of its windows, at most the last five.</summary>
    /// <param name="windows">The windows of the run, in order; the last may be shorter than <see cref="WindowFrames"/>.</param>
    /// <returns>The last ⌊n/2⌋ of the n windows (at least one, at most <see cref="MaxJudgedWindows"/>), as one stretch; empty when there are none.</returns>
    public static Stretch JudgedStretch(IReadOnlyList<Stretch> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        int judged = Math.Clamp(windows.Count / 2, Math.Min(1, windows.Count), MaxJudgedWindows);
        var stretch = default(Stretch);
        for (int i = windows.Count - judged; i < windows.Count; i++)
        {
            stretch = stretch.Then(windows[i]);
        }

        return stretch;
    }

    /// <summary>Judges a learning curve by the rule in the remarks.</summary>
    /// <param name="windows">The windows of the run, in order.</param>
    /// <returns>Whether the paddle learned, did not, or the run is too short to tell.</returns>
    public static Verdict Judge(IReadOnlyList<Stretch> windows)
    {
        Stretch judged = JudgedStretch(windows);
        if (judged.Crossings > 0 && judged.MissRate <= MaxMissRate)
        {
            return Verdict.Learned;
        }

        long frames = 0;
        foreach (Stretch window in windows)
        {
            frames += window.Frames;
        }

        return frames >= FramesToLearn ? Verdict.NotLearned : Verdict.TooShortToTell;
    }

    /// <summary>Plays <paramref name="frames"/> frames and counts what they allocated on this thread.</summary>
    /// <param name="game">The game to go on with.</param>
    /// <param name="frames">How many frames to play.</param>
    /// <returns>The stretch just played.</returns>
    public static Stretch PlayMeasured(PaddleGame game, int frames)
    {
        ArgumentNullException.ThrowIfNull(game);
        int firstFrame = game.Frames + 1;
        int crossings = game.Crossings;
        int misses = game.Misses;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < frames; i++)
        {
            game.Step();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return new Stretch(firstFrame, frames, game.Crossings - crossings, game.Misses - misses, allocated);
    }

    /// <summary>
    /// Plays a throwaway game long enough that every method a frame calls is compiled and every type it
    /// touches is loaded, so that the measured frames count only what the game itself allocates.
    /// </summary>
    public static void WarmUp()
    {
        var game = new PaddleGame(seed: -1);
        for (int i = 0; i < 2 * WindowFrames; i++)
        {
            game.Step();
        }
    }
}
