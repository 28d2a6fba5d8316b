using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Digits;

/// <summary>
/// Draws a run's training and validation loss (left axis, log scale) and validation accuracy (right axis) per epoch, with
/// the best epoch marked, with ScottPlot.
/// </summary>
public static class LossCurve
{
    /// <summary>The picture's size in pixels.</summary>
    public const int Width = 900;

    /// <summary>The picture's height in pixels.</summary>
    public const int Height = 500;

    /// <summary>Writes the curve to <paramref name="path"/> as a PNG, creating its folder if needed.</summary>
    /// <param name="history">The run's epochs, in order.</param>
    /// <param name="bestEpoch">The epoch with the lowest validation loss, marked by a vertical line.</param>
    /// <param name="path">Where to write the PNG.</param>
    public static void Save(IReadOnlyList<DigitsEpoch> history, int bestEpoch, string path)
    {
        double[] epochs = history.Select(e => (double)e.Epoch).ToArray();
        // The losses span three decades (1.3 down to 0.002): a log scale keeps the gap between them visible.
        double[] trainLosses = history.Select(e => Math.Log10(e.TrainLoss)).ToArray();
        double[] validationLosses = history.Select(e => Math.Log10(e.ValidationLoss)).ToArray();
        double[] accuracies = history.Select(e => e.ValidationAccuracy * 100).ToArray();

        var plot = new Plot();
        var train = plot.Add.ScatterLine(epochs, trainLosses);
        train.LegendText = "training loss (cross-entropy, mean per image)";
        train.LineWidth = 2;

        var validation = plot.Add.ScatterLine(epochs, validationLosses);
        validation.LegendText = "validation loss";
        validation.LineWidth = 2;

        var accuracy = plot.Add.ScatterLine(epochs, accuracies);
        accuracy.LegendText = "validation accuracy (%)";
        accuracy.LineWidth = 2;
        accuracy.LinePattern = LinePattern.Dashed;
        accuracy.Axes.YAxis = plot.Axes.Right;

        var best = plot.Add.VerticalLine(bestEpoch);
        best.LegendText = $"best epoch ({bestEpoch}): lowest validation loss";
        best.LinePattern = LinePattern.Dotted;
        best.Color = Colors.Gray;

        plot.Title($"Digits: generated [Network(64, {DigitsNetwork.HiddenSize}, 10)], Adam, training and validation");
        plot.XLabel("epoch");
        plot.Axes.Left.Label.Text = "loss (log scale)";
        plot.Axes.Left.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = exponent => Math.Pow(10, Math.Round(exponent)).ToString("G", CultureInfo.InvariantCulture),
        };
        plot.Axes.Right.Label.Text = "validation accuracy (%)";
        plot.ShowLegend(Edge.Bottom);

        string? folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        plot.SavePng(path, Width, Height);
    }
}
