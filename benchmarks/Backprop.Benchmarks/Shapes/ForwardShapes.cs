using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Backprop.CompilerServices;
using BenchmarkDotNet.Attributes;

namespace Backprop.Benchmarks.Shapes;

/// <summary>
/// Three hand-written shapes of the 16-32-8 forward pass (sigmoid, single precision), to decide whether
/// "SIMD across neurons, unrolled, with constant offsets" deserves a code shape of its own beside the
/// whole-layer kernels. Run with <c>--filter '*ForwardShapes*'</c>; x86 with AVX2 and FMA only.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>RowByRow</c>: one <see cref="VectorKernels.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> per row
/// of Wˡ, the vector loops before run 3.</item>
/// <item><c>RowGroups</c>: <see cref="VectorKernels.MultiplyAdd(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>,
/// eight rows per pass and a transposing reduction, what the generator writes now.</item>
/// <item><c>AcrossNeurons</c>: SIMD across neurons over a transposed copy of Wˡ (column k of Wˡ contiguous):
/// eight neurons per register, each input broadcast, four independent sums per layer, constant bounds and
/// offsets throughout.</item>
/// </list>
/// </remarks>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
[SkipLocalsInit]
public class ForwardShapes
{
    private const int Inputs = 16;
    private const int Hidden = 32;
    private const int Outputs = 8;

    private readonly float[] _w2 = new float[Hidden * Inputs];
    private readonly float[] _b2 = new float[Hidden];
    private readonly float[] _w3 = new float[Outputs * Hidden];
    private readonly float[] _b3 = new float[Outputs];
    private readonly float[] _w2Transposed = new float[Hidden * Inputs];
    private readonly float[] _w3Transposed = new float[Outputs * Hidden];
    private readonly float[] _input = new float[Inputs];
    private readonly float[] _output = new float[Outputs];

    [GlobalSetup]
    public void Setup()
    {
        if (!Avx2.IsSupported || !Fma.IsSupported)
        {
            throw new PlatformNotSupportedException("ForwardShapes compares x86 shapes written with AVX2 and FMA intrinsics.");
        }

        var random = new Random(1);
        foreach (float[] values in new[] { _w2, _b2, _w3, _b3, _input })
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (float)(random.NextDouble() - 0.5);
            }
        }

        Transpose(_w2, _w2Transposed, Hidden, Inputs);
        Transpose(_w3, _w3Transposed, Outputs, Hidden);
    }

    [Benchmark(Baseline = true)]
    public void RowByRow()
    {
        ReadOnlySpan<float> w2 = _w2, b2 = _b2, w3 = _w3, b3 = _b3, a1 = _input;
        Span<float> a2 = stackalloc float[Hidden];
        for (int j = 0; j < Hidden; j++)
        {
            a2[j] = VectorKernels.Dot(w2.Slice(j * Inputs, Inputs), a1) + b2[j];
        }

        VectorKernels.Sigmoid(a2);
        Span<float> a3 = stackalloc float[Outputs];
        for (int j = 0; j < Outputs; j++)
        {
            a3[j] = VectorKernels.Dot(w3.Slice(j * Hidden, Hidden), a2) + b3[j];
        }

        VectorKernels.Sigmoid(a3);
        a3.CopyTo(_output);
    }

    [Benchmark]
    public void RowGroups()
    {
        Span<float> a2 = stackalloc float[Hidden];
        VectorKernels.MultiplyAdd(_w2, _input, _b2, a2);
        VectorKernels.Sigmoid(a2);
        Span<float> a3 = stackalloc float[Outputs];
        VectorKernels.MultiplyAdd(_w3, a2, _b3, a3);
        VectorKernels.Sigmoid(a3);
        a3.CopyTo(_output);
    }

    [Benchmark]
    public void AcrossNeurons()
    {
        ref float w2 = ref MemoryMarshal.GetArrayDataReference(_w2Transposed);
        ref float b2 = ref MemoryMarshal.GetArrayDataReference(_b2);
        ref float x = ref MemoryMarshal.GetArrayDataReference(_input);
        Vector256<float> z0 = Vector256.LoadUnsafe(ref b2, 0), z1 = Vector256.LoadUnsafe(ref b2, 8);
        Vector256<float> z2 = Vector256.LoadUnsafe(ref b2, 16), z3 = Vector256.LoadUnsafe(ref b2, 24);
        for (int k = 0; k < Inputs; k++)
        {
            Vector256<float> xk = Vector256.Create(Unsafe.Add(ref x, k));
            ref float column = ref Unsafe.Add(ref w2, k * Hidden);
            z0 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref column, 0), xk, z0);
            z1 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref column, 8), xk, z1);
            z2 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref column, 16), xk, z2);
            z3 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref column, 24), xk, z3);
        }

        Span<float> a2 = stackalloc float[Hidden];
        ref float a = ref MemoryMarshal.GetReference(a2);
        z0.StoreUnsafe(ref a, 0);
        z1.StoreUnsafe(ref a, 8);
        z2.StoreUnsafe(ref a, 16);
        z3.StoreUnsafe(ref a, 24);
        VectorKernels.Sigmoid(a2);

        // Eight outputs fill one register: four partial sums over k mod 4 keep four chains in flight.
        ref float w3 = ref MemoryMarshal.GetArrayDataReference(_w3Transposed);
        Vector256<float> s0 = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_b3));
        Vector256<float> s1 = Vector256<float>.Zero, s2 = Vector256<float>.Zero, s3 = Vector256<float>.Zero;
        for (int k = 0; k < Hidden; k += 4)
        {
            s0 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref w3, (nuint)(k * Outputs)), Vector256.Create(a2[k]), s0);
            s1 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref w3, (nuint)((k + 1) * Outputs)), Vector256.Create(a2[k + 1]), s1);
            s2 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref w3, (nuint)((k + 2) * Outputs)), Vector256.Create(a2[k + 2]), s2);
            s3 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref w3, (nuint)((k + 3) * Outputs)), Vector256.Create(a2[k + 3]), s3);
        }

        Span<float> a3 = stackalloc float[Outputs];
        ((s0 + s1) + (s2 + s3)).StoreUnsafe(ref MemoryMarshal.GetReference(a3));
        VectorKernels.Sigmoid(a3);
        a3.CopyTo(_output);
    }

    private static void Transpose(float[] source, float[] destination, int rows, int columns)
    {
        for (int j = 0; j < rows; j++)
        {
            for (int k = 0; k < columns; k++)
            {
                destination[(k * rows) + j] = source[(j * columns) + k];
            }
        }
    }
}
