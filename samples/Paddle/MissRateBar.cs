using System;

namespace Paddle;

/// <summary>Bars whose length is proportional to a miss rate: how both learning curves draw a window.</summary>
public static class MissRateBar
{
    // U+2589 to U+258F: a block of seven eighths of a cell down to one eighth, indexed by eighths.
    private static readonly string[] s_partialBlocks = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

    /// <summary>A bar of '#' characters for a plain-text log: the whole number of cells nearest to the rate's share.</summary>
    /// <param name="rate">The miss rate, 0 to 1 (clamped).</param>
    /// <param name="width">The bar's length for a rate of 1, in characters.</param>
    /// <returns>Round(rate × width) characters '#'.</returns>
    public static string Hashes(double rate, int width) => new('#', (int)Math.Round(Math.Clamp(rate, 0, 1) * width));

    /// <summary>
    /// A bar of block characters for a terminal, in eighths of a cell, padded with spaces to <paramref name="width"/>
    /// cells so that whatever follows lines up.
    /// </summary>
    /// <param name="rate">The miss rate, 0 to 1 (clamped).</param>
    /// <param name="width">The bar's length for a rate of 1, in cells.</param>
    /// <returns>Full blocks '█' and one partial block, round(rate × width × 8) eighths of a cell in all, then spaces.</returns>
    public static string Blocks(double rate, int width)
    {
        int eighths = (int)Math.Round(Math.Clamp(rate, 0, 1) * width * 8);
        string bar = new string('█', eighths / 8) + s_partialBlocks[eighths % 8];
        return bar.PadRight(width);
    }
}
