using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using Paddle;
using Spectre.Console;
using Xunit;
using Xunit.Abstractions;

namespace Backprop.Samples.Tests;

/// <summary>The game sample's pictures of its learning curve: bars as long as the miss rates say.</summary>
public sealed class PaddleScreenTests(ITestOutputHelper output)
{
    // Eighths of a terminal cell, by block character.
    private static readonly Dictionary<char, int> s_eighths = new()
    {
        ['█'] = 8, ['▉'] = 7, ['▊'] = 6, ['▋'] = 5, ['▌'] = 4, ['▍'] = 3, ['▎'] = 2, ['▏'] = 1,
    };

    [Fact]
    public void The_live_miss_rate_bars_are_proportional_to_the_rate()
    {
        // Issue 13: 59 % drew 10 cells, 24 % one and 11 % none. A window missing every ball sets the scale.
        var windows = new List<Stretch>();
        foreach ((int crossings, int misses) in new[] { (10, 10), (22, 13), (20, 9), (17, 4), (18, 2), (16, 1), (16, 0) })
        {
            windows.Add(new Stretch((windows.Count * LearningRun.WindowFrames) + 1, LearningRun.WindowFrames, crossings, misses, 0));
        }

        var text = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = 120;
        console.Write(Screen.Draw(new PaddleGame(seed: 1), windows, framesPerRefresh: 4, allocatedBytes: 0));
        output.WriteLine(text.ToString());

        int[] bars = windows.ConvertAll(w => BarEighths(text.ToString(), w)).ToArray();
        Assert.True(bars[0] >= 8 * 10, $"The bar of a 100 % window is only {bars[0]} eighths of a cell long.");
        for (int i = 1; i < windows.Count; i++)
        {
            double expected = windows[i].MissRate * bars[0];
            Assert.True(Math.Abs(bars[i] - expected) <= 0.5, $"Window {i + 1} missed {windows[i].MissRate:P1}: its bar should be {expected:F1} eighths of a cell, but is {bars[i]}.");
        }
    }

    [Theory]
    [InlineData(0.0, 40, "")]
    [InlineData(0.591, 40, "########################")]
    [InlineData(0.235, 40, "#########")]
    [InlineData(0.111, 40, "####")]
    [InlineData(1.0, 10, "##########")]
    [InlineData(1.5, 10, "##########")] // clamped
    public void The_unattended_bars_are_the_nearest_whole_number_of_characters(double rate, int width, string expected) =>
        Assert.Equal(expected, MissRateBar.Hashes(rate, width));

    // The bar on the curve's line for the window, in eighths of a cell: "  2,000  ██████████▏ ... 59 %".
    private static int BarEighths(string screen, Stretch window)
    {
        string label = Regex.Escape(window.LastFrame.ToString("N0", CultureInfo.InvariantCulture));
        Match match = Regex.Match(screen, label + @" +(?<bar>[█▉▊▋▌▍▎▏]*) *\d+ %");
        Assert.True(match.Success, $"No bar for the window ending at frame {window.LastFrame}.");
        int eighths = 0;
        foreach (char c in match.Groups["bar"].Value)
        {
            eighths += s_eighths[c];
        }

        return eighths;
    }
}
