using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Backprop.Benchmarks.Shapes;

/// <summary>
/// Where ShapePlanner switches from unrolled code to vector kernels: single-layer networks
/// <c>[Network(inputs, neurons)]</c> in each shape, forced with <c>CodeShape</c>, one category per layer. Run with
/// <c>--filter '*LayerShapes*'</c>; docs/benchmarks.md, "Choosing a shape per layer", holds the table and the
/// thresholds set from it.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[MinColumn]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public partial class LayerShapes
{
    private readonly L4x8Unrolled _l4x8Unrolled = new(1);
    private readonly L4x8Loops _l4x8Loops = new(1);
    private readonly L8x4Unrolled _l8x4Unrolled = new(1);
    private readonly L8x4Loops _l8x4Loops = new(1);
    private readonly L6x8Unrolled _l6x8Unrolled = new(1);
    private readonly L6x8Loops _l6x8Loops = new(1);
    private readonly L12x4Unrolled _l12x4Unrolled = new(1);
    private readonly L12x4Loops _l12x4Loops = new(1);
    private readonly L4x16Unrolled _l4x16Unrolled = new(1);
    private readonly L4x16Loops _l4x16Loops = new(1);
    private readonly L8x8Unrolled _l8x8Unrolled = new(1);
    private readonly L8x8Loops _l8x8Loops = new(1);
    private readonly L12x8Unrolled _l12x8Unrolled = new(1);
    private readonly L12x8Loops _l12x8Loops = new(1);
    private readonly L8x16Unrolled _l8x16Unrolled = new(1);
    private readonly L8x16Loops _l8x16Loops = new(1);
    private readonly L16x8Unrolled _l16x8Unrolled = new(1);
    private readonly L16x8Loops _l16x8Loops = new(1);
    private readonly L32x4Unrolled _l32x4Unrolled = new(1);
    private readonly L32x4Loops _l32x4Loops = new(1);
    private readonly L4x32Unrolled _l4x32Unrolled = new(1);
    private readonly L4x32Loops _l4x32Loops = new(1);
    private readonly L16x12Unrolled _l16x12Unrolled = new(1);
    private readonly L16x12Loops _l16x12Loops = new(1);
    private readonly L16x16Unrolled _l16x16Unrolled = new(1);
    private readonly L16x16Loops _l16x16Loops = new(1);
    private readonly L24x16Unrolled _l24x16Unrolled = new(1);
    private readonly L24x16Loops _l24x16Loops = new(1);

    private readonly float[] _input4 = Ramp(4, 0.1f);
    private readonly float[] _output4 = new float[4];
    private readonly float[] _target4 = Ramp(4, 0.05f);
    private readonly float[] _input6 = Ramp(6, 0.1f);
    private readonly float[] _output6 = new float[6];
    private readonly float[] _target6 = Ramp(6, 0.05f);
    private readonly float[] _input8 = Ramp(8, 0.1f);
    private readonly float[] _output8 = new float[8];
    private readonly float[] _target8 = Ramp(8, 0.05f);
    private readonly float[] _input12 = Ramp(12, 0.1f);
    private readonly float[] _output12 = new float[12];
    private readonly float[] _target12 = Ramp(12, 0.05f);
    private readonly float[] _input16 = Ramp(16, 0.1f);
    private readonly float[] _output16 = new float[16];
    private readonly float[] _target16 = Ramp(16, 0.05f);
    private readonly float[] _input24 = Ramp(24, 0.1f);
    private readonly float[] _output24 = new float[24];
    private readonly float[] _target24 = Ramp(24, 0.05f);
    private readonly float[] _input32 = Ramp(32, 0.1f);
    private readonly float[] _output32 = new float[32];
    private readonly float[] _target32 = Ramp(32, 0.05f);

    [Benchmark, BenchmarkCategory("4x8")]
    public void Forward_4x8_Unrolled() => _l4x8Unrolled.Forward(_input4, _output8);

    [Benchmark, BenchmarkCategory("4x8")]
    public float TrainStep_4x8_Unrolled() => _l4x8Unrolled.TrainStep(_input4, _target8, 0.1f);

    [Benchmark, BenchmarkCategory("4x8")]
    public void Forward_4x8_Loops() => _l4x8Loops.Forward(_input4, _output8);

    [Benchmark, BenchmarkCategory("4x8")]
    public float TrainStep_4x8_Loops() => _l4x8Loops.TrainStep(_input4, _target8, 0.1f);

    [Benchmark, BenchmarkCategory("8x4")]
    public void Forward_8x4_Unrolled() => _l8x4Unrolled.Forward(_input8, _output4);

    [Benchmark, BenchmarkCategory("8x4")]
    public float TrainStep_8x4_Unrolled() => _l8x4Unrolled.TrainStep(_input8, _target4, 0.1f);

    [Benchmark, BenchmarkCategory("8x4")]
    public void Forward_8x4_Loops() => _l8x4Loops.Forward(_input8, _output4);

    [Benchmark, BenchmarkCategory("8x4")]
    public float TrainStep_8x4_Loops() => _l8x4Loops.TrainStep(_input8, _target4, 0.1f);

    [Benchmark, BenchmarkCategory("6x8")]
    public void Forward_6x8_Unrolled() => _l6x8Unrolled.Forward(_input6, _output8);

    [Benchmark, BenchmarkCategory("6x8")]
    public float TrainStep_6x8_Unrolled() => _l6x8Unrolled.TrainStep(_input6, _target8, 0.1f);

    [Benchmark, BenchmarkCategory("6x8")]
    public void Forward_6x8_Loops() => _l6x8Loops.Forward(_input6, _output8);

    [Benchmark, BenchmarkCategory("6x8")]
    public float TrainStep_6x8_Loops() => _l6x8Loops.TrainStep(_input6, _target8, 0.1f);

    [Benchmark, BenchmarkCategory("12x4")]
    public void Forward_12x4_Unrolled() => _l12x4Unrolled.Forward(_input12, _output4);

    [Benchmark, BenchmarkCategory("12x4")]
    public float TrainStep_12x4_Unrolled() => _l12x4Unrolled.TrainStep(_input12, _target4, 0.1f);

    [Benchmark, BenchmarkCategory("12x4")]
    public void Forward_12x4_Loops() => _l12x4Loops.Forward(_input12, _output4);

    [Benchmark, BenchmarkCategory("12x4")]
    public float TrainStep_12x4_Loops() => _l12x4Loops.TrainStep(_input12, _target4, 0.1f);

    [Benchmark, BenchmarkCategory("4x16")]
    public void Forward_4x16_Unrolled() => _l4x16Unrolled.Forward(_input4, _output16);

    [Benchmark, BenchmarkCategory("4x16")]
    public float TrainStep_4x16_Unrolled() => _l4x16Unrolled.TrainStep(_input4, _target16, 0.1f);

    [Benchmark, BenchmarkCategory("4x16")]
    public void Forward_4x16_Loops() => _l4x16Loops.Forward(_input4, _output16);

    [Benchmark, BenchmarkCategory("4x16")]
    public float TrainStep_4x16_Loops() => _l4x16Loops.TrainStep(_input4, _target16, 0.1f);

    [Benchmark, BenchmarkCategory("8x8")]
    public void Forward_8x8_Unrolled() => _l8x8Unrolled.Forward(_input8, _output8);

    [Benchmark, BenchmarkCategory("8x8")]
    public float TrainStep_8x8_Unrolled() => _l8x8Unrolled.TrainStep(_input8, _target8, 0.1f);

    [Benchmark, BenchmarkCategory("8x8")]
    public void Forward_8x8_Loops() => _l8x8Loops.Forward(_input8, _output8);

    [Benchmark, BenchmarkCategory("8x8")]
    public float TrainStep_8x8_Loops() => _l8x8Loops.TrainStep(_input8, _target8, 0.1f);

    [Benchmark, BenchmarkCategory("12x8")]
    public void Forward_12x8_Unrolled() => _l12x8Unrolled.Forward(_input12, _output8);

    [Benchmark, BenchmarkCategory("12x8")]
    public float TrainStep_12x8_Unrolled() => _l12x8Unrolled.TrainStep(_input12, _target8, 0.1f);

    [Benchmark, BenchmarkCategory("12x8")]
    public void Forward_12x8_Loops() => _l12x8Loops.Forward(_input12, _output8);

    [Benchmark, BenchmarkCategory("12x8")]
    public float TrainStep_12x8_Loops() => _l12x8Loops.TrainStep(_input12, _target8, 0.1f);

    [Benchmark, BenchmarkCategory("8x16")]
    public void Forward_8x16_Unrolled() => _l8x16Unrolled.Forward(_input8, _output16);

    [Benchmark, BenchmarkCategory("8x16")]
    public float TrainStep_8x16_Unrolled() => _l8x16Unrolled.TrainStep(_input8, _target16, 0.1f);

    [Benchmark, BenchmarkCategory("8x16")]
    public void Forward_8x16_Loops() => _l8x16Loops.Forward(_input8, _output16);

    [Benchmark, BenchmarkCategory("8x16")]
    public float TrainStep_8x16_Loops() => _l8x16Loops.TrainStep(_input8, _target16, 0.1f);

    [Benchmark, BenchmarkCategory("16x8")]
    public void Forward_16x8_Unrolled() => _l16x8Unrolled.Forward(_input16, _output8);

    [Benchmark, BenchmarkCategory("16x8")]
    public float TrainStep_16x8_Unrolled() => _l16x8Unrolled.TrainStep(_input16, _target8, 0.1f);

    [Benchmark, BenchmarkCategory("16x8")]
    public void Forward_16x8_Loops() => _l16x8Loops.Forward(_input16, _output8);

    [Benchmark, BenchmarkCategory("16x8")]
    public float TrainStep_16x8_Loops() => _l16x8Loops.TrainStep(_input16, _target8, 0.1f);

    [Benchmark, BenchmarkCategory("32x4")]
    public void Forward_32x4_Unrolled() => _l32x4Unrolled.Forward(_input32, _output4);

    [Benchmark, BenchmarkCategory("32x4")]
    public float TrainStep_32x4_Unrolled() => _l32x4Unrolled.TrainStep(_input32, _target4, 0.1f);

    [Benchmark, BenchmarkCategory("32x4")]
    public void Forward_32x4_Loops() => _l32x4Loops.Forward(_input32, _output4);

    [Benchmark, BenchmarkCategory("32x4")]
    public float TrainStep_32x4_Loops() => _l32x4Loops.TrainStep(_input32, _target4, 0.1f);

    [Benchmark, BenchmarkCategory("4x32")]
    public void Forward_4x32_Unrolled() => _l4x32Unrolled.Forward(_input4, _output32);

    [Benchmark, BenchmarkCategory("4x32")]
    public float TrainStep_4x32_Unrolled() => _l4x32Unrolled.TrainStep(_input4, _target32, 0.1f);

    [Benchmark, BenchmarkCategory("4x32")]
    public void Forward_4x32_Loops() => _l4x32Loops.Forward(_input4, _output32);

    [Benchmark, BenchmarkCategory("4x32")]
    public float TrainStep_4x32_Loops() => _l4x32Loops.TrainStep(_input4, _target32, 0.1f);

    [Benchmark, BenchmarkCategory("16x12")]
    public void Forward_16x12_Unrolled() => _l16x12Unrolled.Forward(_input16, _output12);

    [Benchmark, BenchmarkCategory("16x12")]
    public float TrainStep_16x12_Unrolled() => _l16x12Unrolled.TrainStep(_input16, _target12, 0.1f);

    [Benchmark, BenchmarkCategory("16x12")]
    public void Forward_16x12_Loops() => _l16x12Loops.Forward(_input16, _output12);

    [Benchmark, BenchmarkCategory("16x12")]
    public float TrainStep_16x12_Loops() => _l16x12Loops.TrainStep(_input16, _target12, 0.1f);

    [Benchmark, BenchmarkCategory("16x16")]
    public void Forward_16x16_Unrolled() => _l16x16Unrolled.Forward(_input16, _output16);

    [Benchmark, BenchmarkCategory("16x16")]
    public float TrainStep_16x16_Unrolled() => _l16x16Unrolled.TrainStep(_input16, _target16, 0.1f);

    [Benchmark, BenchmarkCategory("16x16")]
    public void Forward_16x16_Loops() => _l16x16Loops.Forward(_input16, _output16);

    [Benchmark, BenchmarkCategory("16x16")]
    public float TrainStep_16x16_Loops() => _l16x16Loops.TrainStep(_input16, _target16, 0.1f);

    [Benchmark, BenchmarkCategory("24x16")]
    public void Forward_24x16_Unrolled() => _l24x16Unrolled.Forward(_input24, _output16);

    [Benchmark, BenchmarkCategory("24x16")]
    public float TrainStep_24x16_Unrolled() => _l24x16Unrolled.TrainStep(_input24, _target16, 0.1f);

    [Benchmark, BenchmarkCategory("24x16")]
    public void Forward_24x16_Loops() => _l24x16Loops.Forward(_input24, _output16);

    [Benchmark, BenchmarkCategory("24x16")]
    public float TrainStep_24x16_Loops() => _l24x16Loops.TrainStep(_input24, _target16, 0.1f);

    private static float[] Ramp(int count, float step) => Enumerable.Range(0, count).Select(i => ((i % 7) * step) - 0.2f).ToArray();

    [Network(4, 8, CodeShape = CodeShape.Unrolled)]
    public sealed partial class L4x8Unrolled
    {
    }

    [Network(4, 8, CodeShape = CodeShape.VectorLoops)]
    public sealed partial class L4x8Loops
    {
    }

    [Network(8, 4, CodeShape = CodeShape.Unrolled)]
    public sealed partial class L8x4Unrolled
    {
    }

    [Network(8, 4, CodeShape = CodeShape.VectorLoops)]
    public sealed partial class L8x4Loops
    {
    }

    [Network(6, 8, CodeShape = CodeShape.Unrolled)]
    public sealed partial class L6x8Unrolled
    {
    }

    [Network(6, 8, CodeShape = CodeShape.VectorLoops)]
    public sealed partial class L6x8Loops
    {
    }

    [Network(12, 4, CodeShape = CodeShape.Unrolled)]
    public sealed partial class L12x4Unrolled
    {
    }

    [Network(12, 4, CodeShape = CodeShape.VectorLoops)]
    public sealed partial class L12x4Loops
    {
    }

    [Network(4, 16, CodeShape = CodeShape.Unrolled)]
    public sealed partial class L4x16Unrolled
    {
    }

    [Network(4, 16, CodeShape = CodeShape.VectorLoops)]
    public sealed partial class L4x16Loops
    {
    }

    [Network(8, 8, CodeShape = CodeShape.Unrolled)]
    public sealed partial class L8x8Unrolled
    {
    }

    [Network(8, 8, CodeShape = CodeShape.VectorLoops)]
    public sealed partial class L8x8Loops
    {
    }

    [Network(12, 8, CodeShape = CodeShape.Unrolled)]
    public sealed partial class L12x8Unrolled
    {
    }

    [Network(12, 8, CodeShape = CodeShape.VectorLoops)]
    public sealed partial class L12x8Loops
    {
    }

    [Network(8, 16, CodeShape = CodeShape.Unrolled)]
    public sealed partial class L8x16Unrolled
    {
    }

    [Network(8, 16, CodeShape = CodeShape.VectorLoops)]
    public sealed partial class L8x16Loops
    {
    }

    [Network(16, 8, CodeShape = CodeShape.Unrolled)]
    public sealed partial class L16x8Unrolled
    {
    }

    [Network(16, 8, CodeShape = CodeShape.VectorLoops)]
    public sealed partial class L16x8Loops
    {
    }

    [Network(32, 4, CodeShape = CodeShape.Unrolled)]
    public sealed partial class L32x4Unrolled
    {
    }

    [Network(32, 4, CodeShape = CodeShape.VectorLoops)]
    public sealed partial class L32x4Loops
    {
    }

    [Network(4, 32, CodeShape = CodeShape.Unrolled)]
    public sealed partial class L4x32Unrolled
    {
    }

    [Network(4, 32, CodeShape = CodeShape.VectorLoops)]
    public sealed partial class L4x32Loops
    {
    }

    [Network(16, 12, CodeShape = CodeShape.Unrolled)]
    public sealed partial class L16x12Unrolled
    {
    }

    [Network(16, 12, CodeShape = CodeShape.VectorLoops)]
    public sealed partial class L16x12Loops
    {
    }

    [Network(16, 16, CodeShape = CodeShape.Unrolled)]
    public sealed partial class L16x16Unrolled
    {
    }

    [Network(16, 16, CodeShape = CodeShape.VectorLoops)]
    public sealed partial class L16x16Loops
    {
    }

    [Network(24, 16, CodeShape = CodeShape.Unrolled)]
    public sealed partial class L24x16Unrolled
    {
    }

    [Network(24, 16, CodeShape = CodeShape.VectorLoops)]
    public sealed partial class L24x16Loops
    {
    }
}
