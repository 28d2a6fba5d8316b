using System.Collections.Generic;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Paddle;

/// <summary>Draws the game for Spectre.Console's live display. Drawing allocates; playing does not.</summary>
internal static class Screen
{
    // The field in canvas pixels (one terminal column wide, two to a line); the bottom row is the paddle's line.
    private const int Width = 40;
    private const int Height = 30;

    /// <summary>The field, the network's guess under it, and the numbers of the run so far.</summary>
    public static IRenderable Draw(PaddleGame game, IReadOnlyList<Stretch> windows, int framesPerRefresh, long allocatedBytes)
    {
        var canvas = new Canvas(Width, Height + 1);
        for (int y = 0; y <= Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                canvas.SetPixel(x, y, y == Height ? Color.Grey11 : Color.Grey15);
            }
        }

        // The paddle on the bottom row of the field, and the guess it is heading for just below it.
        int left = Column(game.PaddleX - PaddleGame.PaddleHalfWidth);
        int right = Column(game.PaddleX + PaddleGame.PaddleHalfWidth);
        for (int x = left; x <= right; x++)
        {
            canvas.SetPixel(x, Height - 1, Color.DeepSkyBlue1);
        }

        canvas.SetPixel(Column(game.Guess), Height, Color.Yellow);
        canvas.SetPixel(Column(game.BallX), Row(game.BallY), Color.White);

        var stats = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
        stats.AddRow("frame", Number(game.Frames));
        stats.AddRow("balls down", Number(game.Crossings));
        stats.AddRow("missed", Number(game.Misses));
        stats.AddRow("last cost", game.LastCost.ToString("F5", CultureInfo.InvariantCulture));
        stats.AddRow("frames per refresh", Number(framesPerRefresh));
        stats.AddRow("allocated while playing", $"{Number(allocatedBytes)} B");

        var curve = new BarChart().Width(34).Label("[grey]miss rate per 1,000 frames[/]").WithMaxValue(100)
            .UseValueFormatter(v => v.ToString("F0", CultureInfo.InvariantCulture) + " %");
        int first = System.Math.Max(0, windows.Count - 10);
        for (int i = first; i < windows.Count; i++)
        {
            Stretch window = windows[i];
            double percent = 100 * window.MissRate;
            curve.AddItem(Number(window.LastFrame), percent, percent > 100 * LearningRun.MaxMissRate ? Color.Red : Color.Green);
        }

        // A bar chart with no bars does not render: say what will come instead.
        IRenderable learning = windows.Count > 0 ? curve : new Markup("[grey]the miss rate appears after 1,000 frames[/]");
        var side = new Rows(stats, new Text(""), learning, new Text(""),
            new Markup("[grey]white: ball · blue: paddle · yellow: the network's guess\n+/-: faster/slower · q: quit[/]"));
        return new Columns(new Panel(canvas).Header("Paddle").BorderColor(Color.Grey), side) { Expand = false };
    }

    private static int Column(float x) => System.Math.Clamp((int)(x * Width), 0, Width - 1);

    private static int Row(float y) => System.Math.Clamp((int)((1f - y) * Height), 0, Height - 1);

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
