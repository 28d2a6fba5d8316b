using System.Collections.Generic;
using System.Globalization;
using Backprop.Training;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Paddle;

/// <summary>Draws the game for Spectre.Console's live display. Drawing allocates; playing does not.</summary>
/// <remarks>Public so that the tests can render a screen and read its learning curve.</remarks>
public static class Screen
{
    // The field in canvas pixels (one terminal column wide, two to a line); the bottom row is the paddle's line.
    private const int Width = 40;
    private const int Height = 30;

    // The length of a miss-rate bar at 100 %, in terminal columns.
    private const int BarWidth = 20;

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
        stats.AddRow("last cost", LossFormat.Format(game.LastCost));
        stats.AddRow("frames per refresh", Number(framesPerRefresh));
        stats.AddRow("allocated while playing", $"{Number(allocatedBytes)} B");

        // The last ten windows, one bar each, drawn here rather than with Spectre's BarChart, whose bars are
        // not proportional (it draws the value inside the bar's width: 59 % got 10 cells, 24 % one, 11 % none).
        var curve = new Grid().AddColumn(new GridColumn().RightAligned()).AddColumn().AddColumn(new GridColumn().RightAligned());
        int first = System.Math.Max(0, windows.Count - 10);
        for (int i = first; i < windows.Count; i++)
        {
            Stretch window = windows[i];
            Color color = window.MissRate > LearningRun.MaxMissRate ? Color.Red : Color.Green;
            curve.AddRow(
                new Text(Number(window.LastFrame)),
                new Text(MissRateBar.Blocks(window.MissRate, BarWidth), new Style(color)),
                new Text((100 * window.MissRate).ToString("F0", CultureInfo.InvariantCulture) + " %"));
        }

        IRenderable learning = windows.Count > 0
            ? new Rows(new Markup("[grey]miss rate per 1,000 frames[/]"), curve)
            : new Markup("[grey]the miss rate appears after 1,000 frames[/]");
        var side = new Rows(stats, new Text(""), learning, new Text(""),
            new Markup("[grey]white: ball · blue: paddle · yellow: the network's guess\n+/-: faster/slower · q: quit[/]"));
        return new Columns(new Panel(canvas).Header("Paddle").BorderColor(Color.Grey), side) { Expand = false };
    }

    private static int Column(float x) => System.Math.Clamp((int)(x * Width), 0, Width - 1);

    private static int Row(float y) => System.Math.Clamp((int)((1f - y) * Height), 0, Height - 1);

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
