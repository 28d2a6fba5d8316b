using System;
using System.Numerics;
using System.Reflection;
using Backprop.CompilerServices;
using Backprop.Tests.Support;
using Xunit;

namespace Backprop.Tests.Determinism;

/// <summary>17 unrolled sigmoid neurons, one more than the generator inlines: σ is called through SigmoidNotInlined.</summary>
[Network(3, 15, 2, CodeShape = CodeShape.Unrolled)]
public partial class WideSigmoid { }

/// <summary>Unrolled tanh and sigmoid layers past the threshold in double precision: TanhNotInlined and SigmoidNotInlined.</summary>
[Network(2, 10, 9, 1, HiddenActivations = new[] { Activation.Tanh, Activation.Sigmoid }, OutputActivation = Activation.Linear, Precision = Precision.Double, CodeShape = CodeShape.Unrolled)]
public partial class WideTanhDouble { }

/// <summary>
/// Networks whose unrolled σ is called rather than inlined compute the library's σ all the same: Forward gives the
/// bits of the unrolled sums (left to right, bias last) passed to <see cref="ActivationFunctions"/>, TrainStep the
/// bits of one step along Backward's gradient, and TrainBatch those of Backward row by row then one mean step.
/// </summary>
public sealed class ActivationNotInlinedTests
{
    [Theory]
    [InlineData(typeof(WideSigmoid), "SigmoidNotInlined")]
    [InlineData(typeof(WideTanhDouble), "SigmoidNotInlined")]
    [InlineData(typeof(WideTanhDouble), "TanhNotInlined")]
    public void The_networks_call_sigma_through_a_helper_the_JIT_does_not_inline(Type network, string helper)
    {
        // Guards the tests below: they would pass on inlined code too.
        MethodInfo? method = network.GetMethod(helper, BindingFlags.NonPublic | BindingFlags.Static);

        Assert.NotNull(method);
        Assert.True(method.MethodImplementationFlags.HasFlag(MethodImplAttributes.NoInlining));
    }

    [Fact]
    public void Forward_gives_the_bits_of_the_library_sigma_in_single_precision() =>
        ForwardMatchesLibrary(new WideSigmoid(5), [Activation.Sigmoid, Activation.Sigmoid]);

    [Fact]
    public void Forward_gives_the_bits_of_the_library_sigma_in_double_precision() =>
        ForwardMatchesLibrary(new WideTanhDouble(5), [Activation.Tanh, Activation.Sigmoid, Activation.Linear]);

    [Fact]
    public void TrainStep_gives_the_bits_of_a_step_along_the_Backward_gradient() =>
        TrainStepMatchesBackward(new WideSigmoid(6), new WideSigmoid(6), 0.25f);

    [Fact]
    public void TrainStep_gives_the_bits_of_a_step_along_the_Backward_gradient_in_double_precision() =>
        TrainStepMatchesBackward(new WideTanhDouble(6), new WideTanhDouble(6), 0.25);

    [Fact]
    public void TrainBatch_steps_as_Backward_row_by_row_then_one_mean_step() =>
        FourRowPassTests.TrainBatchMatchesBackward(new WideSigmoid(7), new WideSigmoid(7), 0.25f);

    [Fact]
    public void TrainBatch_steps_as_Backward_row_by_row_then_one_mean_step_in_double_precision() =>
        FourRowPassTests.TrainBatchMatchesBackward(new WideTanhDouble(7), new WideTanhDouble(7), 0.25);

    private static void ForwardMatchesLibrary<T>(INeuralNetwork<T> network, Activation[] activations)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int[] sizes = network.LayerSizes.ToArray();
        T[] input = TestData.Uniform<T>(network.InputSize, seed: 21, min: -3, max: 3);
        var output = new T[network.OutputSize];
        network.Forward(input, output);

        ReadOnlySpan<T> p = network.Parameters;
        T[] a = input;
        for (int l = 2; l <= sizes.Length; l++)
        {
            var next = new T[sizes[l - 1]];
            for (int j = 0; j < next.Length; j++)
            {
                T z = p[Reference.WeightIndex(sizes, l, j, 0)] * a[0];
                for (int k = 1; k < a.Length; k++)
                {
                    z += p[Reference.WeightIndex(sizes, l, j, k)] * a[k];
                }

                next[j] = Library(activations[l - 2], z + p[Reference.BiasIndex(sizes, l, j)]);
            }

            a = next;
        }

        SpanAssert.BitIdentical<T>(a, output, "Forward's outputs");
    }

    /// <summary>TrainStep documents θ −= η·∂C/∂θ, each weight's term δ·a formed as Backward adds it to a zero gradient.</summary>
    private static void TrainStepMatchesBackward<T>(INeuralNetwork<T> stepped, INeuralNetwork<T> single, T rate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] input = TestData.Uniform<T>(stepped.InputSize, seed: 22);
        T[] target = TestData.Uniform<T>(stepped.OutputSize, seed: 23, min: 0, max: 1);
        T cost = stepped.TrainStep(input, target, rate);

        var gradient = new T[single.ParameterCount];
        T expectedCost = single.Backward(input, target, gradient);
        Span<T> parameters = single.Parameters;
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] -= rate * gradient[i];
        }

        SpanAssert.BitIdentical<T>([expectedCost], [cost], "TrainStep's cost");
        SpanAssert.BitIdentical<T>(single.Parameters, stepped.Parameters, "the parameters after TrainStep");
    }

    /// <summary>σ(z) from <see cref="ActivationFunctions"/>, in T's own precision.</summary>
    private static T Library<T>(Activation activation, T z)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (activation == Activation.Linear)
        {
            return z;
        }

        bool sigmoid = activation == Activation.Sigmoid;
        return typeof(T) == typeof(float)
            ? T.CreateChecked(sigmoid ? ActivationFunctions.Sigmoid(float.CreateChecked(z)) : ActivationFunctions.Tanh(float.CreateChecked(z)))
            : T.CreateChecked(sigmoid ? ActivationFunctions.Sigmoid(double.CreateChecked(z)) : ActivationFunctions.Tanh(double.CreateChecked(z)));
    }
}
