using System;
using Backprop.Generator.Tests.TestHelpers;
using Xunit;

namespace Backprop.Generator.Tests;

/// <summary>
/// Which networks copy a block's input rows that are off a 64-byte boundary into the block buffer: those whose
/// batches run in blocks (vector loops) and whose input rows are a whole number of 64-byte lines, so that every copy
/// starts on a line. Others read the caller's rows where they are, as before.
/// </summary>
public class InputStagingTests
{
    private const string Source = """
        using Backprop;

        namespace Staging
        {
            /// <summary>784 floats: 49 lines.</summary>
            [Network(784, 128, 10)]
            public partial class Digits { }

            /// <summary>8 doubles: one line.</summary>
            [Network(8, 32, 4, CodeShape = CodeShape.VectorLoops, Precision = Precision.Double)]
            public partial class Narrow { }

            /// <summary>16 floats with dropout: the copy sits among the block's masks.</summary>
            [Network(16, 24, 3, CodeShape = CodeShape.VectorLoops, Dropout = new[] { 0.25 })]
            public partial class Dropping { }

            /// <summary>100 floats: 400 bytes, not a whole number of lines.</summary>
            [Network(100, 32, 4)]
            public partial class Uneven { }

            /// <summary>Unrolled: no blocks.</summary>
            [Network(16, 2, 2, CodeShape = CodeShape.Unrolled)]
            public partial class Tiny { }
        }
        """;

    [Theory]
    [InlineData("Digits", true)]
    [InlineData("Narrow", true)]
    [InlineData("Dropping", true)]
    [InlineData("Uneven", false)]
    [InlineData("Tiny", false)]
    public void Rows_are_staged_only_where_every_copy_starts_on_a_line(string network, bool stages)
    {
        GeneratorRun run = GeneratorHarness.Run(Source);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerDiagnostics);
        string source = run.Source("Staging." + network + ".g.cs");
        Assert.Equal(stages, source.Contains("AlignedMemory.StartsOnBoundary(blockInputs)", StringComparison.Ordinal));
        Assert.Equal(stages, source.Contains("rows.CopyTo(copies);", StringComparison.Ordinal));
    }
}
