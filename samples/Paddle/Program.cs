// A paddle learns to catch a ball while it plays: a generated network trained every frame, with zero
// heap allocation per frame.
//   dotnet run --project samples/Paddle                    # live in the terminal (q quits)
//   dotnet run --project samples/Paddle -- --frames 20000  # unattended: prints the learning curve
// Exit code 0: the paddle learned and the frames allocated nothing; 1: it did not; 2: bad arguments.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using Paddle;
using Spectre.Console;

const int DefaultFrames = 20_000;

int seed = 1;
int? frames = null;
for (int i = 0; i < args.Length; i++)
{
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
        Console.Error.WriteLine("usage: Paddle [--frames N] [--seed S]");
        Console.Error.WriteLine("  --frames N  play N frames unattended and print the learning curve (default when not in a terminal: 20000)");
        Console.Error.WriteLine("  --seed S    the seed of the network, the serves and the training draws (default 1)");
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
        $"  {window.FirstFrame,6}-{window.LastFrame,-6} {window.Crossings,6} {window.Misses,7}  {window.MissRate * 100,6:F1} %  {new string('#', (int)Math.Round(window.MissRate * 40))}"));
    clock.Stop();

    Console.WriteLine();
    Console.WriteLine($"Played {frames:N0} frames in {clock.Elapsed.TotalMilliseconds:F0} ms ({clock.Elapsed.TotalMicroseconds / frames:F2} µs per frame, warm-up included).");
    Console.WriteLine($"Miss rate over frames {run.Judged.FirstFrame:N0}-{run.Judged.LastFrame:N0}: {run.Judged.MissRate * 100:F1} % ({run.Judged.Misses} of {run.Judged.Crossings}); the paddle has learned at {LearningRun.MaxMissRate * 100:F0} % or less.");
    Console.WriteLine($"Heap allocated by the {frames:N0} frames after warm-up: {run.Total.AllocatedBytes:N0} bytes.");
    return Verdict(run.Learned, run.Total.AllocatedBytes);
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

    Stretch judged = default;
    for (int i = Math.Max(0, windows.Count - (LearningRun.JudgedFrames / LearningRun.WindowFrames)); i < windows.Count; i++)
    {
        judged = judged.Then(windows[i]);
    }

    AnsiConsole.MarkupLine($"Played {game.Frames:N0} frames: {game.Misses:N0} of {game.Crossings:N0} balls missed; {judged.MissRate * 100:F1} % over the last {judged.Frames:N0} whole-window frames.");
    AnsiConsole.MarkupLine($"Heap allocated by the frames after warm-up: {allocated:N0} bytes.");
    return allocated == 0 ? 0 : Verdict(learned: true, allocated);
}

static int Verdict(bool learned, long allocatedBytes)
{
    if (allocatedBytes != 0)
    {
        Console.WriteLine($"FAILED: the frames allocated {allocatedBytes:N0} bytes on the heap; a frame must allocate nothing.");
        return 1;
    }

    if (!learned)
    {
        Console.WriteLine("FAILED: the paddle did not learn to catch the ball.");
        return 1;
    }

    Console.WriteLine("The paddle learned to catch the ball, and no frame allocated.");
    return 0;
}
