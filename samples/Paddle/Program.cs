// A paddle learns to catch a ball while it plays: a generated network trained every frame, with zero
// heap allocation per frame.
//   dotnet run --project samples/Paddle                    # live in the terminal (q quits)
//   dotnet run --project samples/Paddle -- --frames 20000  # unattended: prints the learning curve
// The verdict and the exit codes are in Usage below (dotnet run --project samples/Paddle -- --help).
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using Paddle;
using Spectre.Console;

const int DefaultFrames = 20_000;

int seed = 1;
int? frames = null;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] is "--help" or "-h")
    {
        Usage(Console.Out);
        return 0;
    }

    if (args[i] is "--frames" or "--seed" && i + 1 < args.Length
        && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= (args[i] == "--frames" ? 1 : int.MinValue))
    {
        if (args[i] == "--frames")
        {
            frames = value;
        }
        else
        {
            seed = value;
        }

        i++;
    }
    else
    {
        Usage(Console.Error);
        return 2;
    }
}

bool interactive = frames is null && !Console.IsInputRedirected && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
return interactive ? PlayLive(seed) : PlayUnattended(seed, frames ?? DefaultFrames);

// Plays without drawing and prints one line of the learning curve per 1,000 frames.
static int PlayUnattended(int seed, int frames)
{
    Console.WriteLine($"Paddle: a generated [Network(4, 12, 12, 1)] ({PaddleBrain.ParameterCount} parameters) learns where the ball will come down while it plays.");
    Console.WriteLine($"Seed {seed}, {frames:N0} frames, {PaddleGame.TrainStepsPerFrame} TrainStep calls per frame, learning rate {PaddleGame.LearningRate.ToString(CultureInfo.InvariantCulture)}.");
    Console.WriteLine();
    Console.WriteLine("        frames   balls  missed  miss rate");

    var clock = Stopwatch.StartNew();
    LearningRun run = LearningRun.Play(seed, frames, window => Console.WriteLine(
        $"  {window.FirstFrame,6}-{window.LastFrame,-6} {window.Crossings,6} {window.Misses,7}  {window.MissRate * 100,6:F1} %  {MissRateBar.Hashes(window.MissRate, 40)}"));
    clock.Stop();

    Console.WriteLine();
    Console.WriteLine($"Played {frames:N0} frames in {clock.Elapsed.TotalMilliseconds:F0} ms ({clock.Elapsed.TotalMicroseconds / frames:F2} µs per frame, warm-up included).");
    Console.WriteLine(JudgedLine(run.Judged));
    Console.WriteLine($"Heap allocated by the {frames:N0} frames after warm-up: {run.Total.AllocatedBytes:N0} bytes.");
    return Conclude(run.Verdict, run.Total.AllocatedBytes);
}

// Plays in a Spectre.Console live display until q is pressed. Only the frames are measured, not the drawing.
static int PlayLive(int seed)
{
    LearningRun.WarmUp();
    var game = new PaddleGame(seed);
    var windows = new List<Stretch>();
    var window = default(Stretch);
    int framesPerRefresh = 4;
    long allocated = 0;
    bool quit = false;

    AnsiConsole.Live(Screen.Draw(game, windows, framesPerRefresh, allocated)).Start(context =>
    {
        while (!quit)
        {
            for (int i = 0; i < framesPerRefresh; i++)
            {
                Stretch frame = LearningRun.PlayMeasured(game, 1);
                allocated += frame.AllocatedBytes;
                window = window.Then(frame);
                if (window.Frames == LearningRun.WindowFrames)
                {
                    windows.Add(window);
                    window = default;
                }
            }

            context.UpdateTarget(Screen.Draw(game, windows, framesPerRefresh, allocated));
            Thread.Sleep(33);
            while (Console.KeyAvailable)
            {
                switch (Console.ReadKey(intercept: true).KeyChar)
                {
                    case 'q' or 'Q':
                        quit = true;
                        break;
                    case '+':
                        framesPerRefresh = Math.Min(framesPerRefresh * 2, 256);
                        break;
                    case '-':
                        framesPerRefresh = Math.Max(framesPerRefresh / 2, 1);
                        break;
                }
            }
        }
    });

    // Judged on the whole windows played, like an unattended run of that many frames.
    Console.WriteLine($"Played {game.Frames:N0} frames: {game.Misses:N0} of {game.Crossings:N0} balls missed.");
    Console.WriteLine(JudgedLine(LearningRun.JudgedStretch(windows)));
    Console.WriteLine($"Heap allocated by the frames after warm-up: {allocated:N0} bytes.");
    return Conclude(LearningRun.Judge(windows), allocated);
}

static string JudgedLine(Stretch judged) =>
    judged.Frames == 0
        ? "No whole window of 1,000 frames was played: nothing to judge."
        : $"Miss rate over frames {judged.FirstFrame:N0}-{judged.LastFrame:N0}, the judged frames: {judged.MissRate * 100:F1} % ({judged.Misses} of {judged.Crossings}); the paddle has learned at {LearningRun.MaxMissRate * 100:F0} % or less.";

static int Conclude(Verdict verdict, long allocatedBytes)
{
    if (allocatedBytes != 0)
    {
        Console.WriteLine($"FAILED: the frames allocated {allocatedBytes:N0} bytes on the heap; a frame must allocate nothing.");
        return 1;
    }

    switch (verdict)
    {
        case Verdict.Learned:
            Console.WriteLine("The paddle learned to catch the ball, and no frame allocated.");
            return 0;
        case Verdict.NotLearned:
            Console.WriteLine($"FAILED: the paddle did not learn to catch the ball in {LearningRun.FramesToLearn:N0} frames or more.");
            return 1;
        default:
            Console.WriteLine($"Not judged: the paddle has not learned yet, and a run shorter than {LearningRun.FramesToLearn:N0} frames cannot tell whether it will. No frame allocated.");
            return 0;
    }
}

static void Usage(TextWriter writer)
{
    writer.WriteLine("usage: Paddle [--frames N] [--seed S]");
    writer.WriteLine("  --frames N  play N frames unattended and print the miss rate per 1,000 frames (default when not in a terminal: 20000)");
    writer.WriteLine("  --seed S    the seed of the network, the serves and the training draws (default 1)");
    writer.WriteLine();
    writer.WriteLine($"The verdict is on the second half of the run's 1,000-frame windows (at least one, at most the last {LearningRun.MaxJudgedWindows}):");
    writer.WriteLine($"the paddle has learned if it missed at most {LearningRun.MaxMissRate * 100:F0} % of the balls there. If it missed more, a run of");
    writer.WriteLine($"{LearningRun.FramesToLearn:N0} frames or more has failed; a shorter one is not judged, since the paddle may still be learning.");
    writer.WriteLine("Exit code 0: learned, or too short to tell, and no frame allocated; 1: not learned, or a frame allocated; 2: bad arguments.");
}
