using System.Collections.Generic;
using System.IO;
using System.Linq;
using ScottPlot;

namespace Digits;

/// <summary>Draws a run's training loss (left axis) and test accuracy (right axis) per epoch, with ScottPlot.</summary>
public static class LossCurve
{
    /// <summary>The picture's size in pixels.</summary>
    public const int Width = 900;

    /// <summary>The picture's height in pixels.</summary>
    public const int Height = 500;

    /// <summary>Writes the curve to <paramref name="path"/> as a PNG, creating its folder if needed.</summary>
    /// <param name="history">The run's epochs, in order.</param>
    /// <param name="path">Where to write the PNG.</param>
    public static void Save(IReadOnlyList<DigitsEpoch> history, string path)
    {
        double[] epochs = history.Select(e => (double)e.Epoch).ToArray();
        double[] losses = history.Select(e => e.TrainLoss).ToArray();
        double[] accuracies = history.Select(e => e.TestAccuracy * 100).ToArray();

        var plot = new Plot();
        var loss = plot.Add.ScatterLine(epochs, losses);
        loss.LegendText = "training loss (cross-entropy, mean per image)";
        loss.LineWidth = 2;

        var accuracy = plot.Add.ScatterLine(epochs, accuracies);
        accuracy.LegendText = "test accuracy (%)";
        accuracy.LineWidth = 2;
        accuracy.LinePattern = LinePattern.Dashed;
        accuracy.Axes.YAxis = plot.Axes.Right;

        plot.Title($"Digits: generated [Network(64, {DigitsNetwork.HiddenSize}, 10)], Adam");
        plot.XLabel("epoch");
        plot.Axes.Left.Label.Text = "training loss";
        plot.Axes.Right.Label.Text = "test accuracy (%)";
        plot.Axes.SetLimitsY(0, losses.Max() * 1.05, plot.Axes.Left);
        plot.ShowLegend(Alignment.MiddleRight);

        string? folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        plot.SavePng(path, Width, Height);
    }
}
