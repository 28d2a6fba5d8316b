using System;
using Backprop.Tests.Support;
using Backprop.Training;
using Xunit;

namespace Backprop.Tests.Training;

/// <summary>10,710 parameters: more than two of the trainer's 4,096-element pieces of a step on each of two threads.</summary>
[Network(96, 100, 10, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Linear, CodeShape = CodeShape.VectorLoops)]
public partial class SharedStepNetwork { }

/// <summary>
/// The trainer gathers a batch's rows and takes the optimizer's step by ranges, on its workers when it has them:
/// the parameters it trains are those of a loop of <c>BackwardBatch</c> and one whole <c>Step</c> per batch, to the
/// bit, on any number of threads, and a step that diverges is undone in every range.
/// </summary>
public sealed class TrainerSharedStepTests
{
    private const int Rows = 70;

    [Theory]
    [InlineData("sgd", 1)]
    [InlineData("sgd", 2)]
    [InlineData("momentum-clip-decay", 3)]
    [InlineData("adam-decay", 2)]
    [InlineData("rmsprop-clip", 4)]
    public void The_trainer_steps_as_a_loop_of_BackwardBatch_and_Step(string optimizer, int threads)
    {
        (float[] inputs, float[] targets) = Data();
        var expected = new SharedStepNetwork(3);
        var actual = new SharedStepNetwork(3);
        Optimizer loopOptimizer = Create(optimizer, expected);
        float[] gradient = new float[SharedStepNetwork.ParameterCount];
        float[] costs = new float[Rows];
        const int batchSize = 16;
        for (int epoch = 0; epoch < 2; epoch++)
        {
            for (int first = 0; first < Rows; first += batchSize)
            {
                int rows = Math.Min(batchSize, Rows - first);
                Array.Clear(gradient);
                expected.BackwardBatch(
                    inputs.AsSpan(first * SharedStepNetwork.InputSize, rows * SharedStepNetwork.InputSize),
                    targets.AsSpan(first * SharedStepNetwork.OutputSize, rows * SharedStepNetwork.OutputSize),
                    gradient,
                    costs.AsSpan(0, rows));
                loopOptimizer.Step(expected.Parameters, gradient, 1.0 / rows);
            }
        }

        using var workers = new BatchWorkers(threads) { MinimumWork = 0 };
        var trainer = new Trainer<float>(actual, Create(optimizer, actual)) { BatchSize = batchSize, Shuffle = false, Workers = workers };
        trainer.Train(inputs, targets, epochs: 2);

        SpanAssert.BitIdentical<float>(expected.Parameters, actual.Parameters, "parameters");
        Assert.Equal(BitConverter.DoubleToInt64Bits(loopOptimizer.LastGradientNorm), BitConverter.DoubleToInt64Bits(trainer.Optimizer.LastGradientNorm));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Shuffled_batches_train_to_the_same_bits_on_any_number_of_threads(int threads)
    {
        (float[] inputs, float[] targets) = Data();
        var alone = new SharedStepNetwork(5);
        var shared = new SharedStepNetwork(5);
        new Trainer<float>(alone, new MomentumSgd(alone, 0.02) { MaxGradientNorm = 1.0 }) { BatchSize = 24, Seed = 9 }.Train(inputs, targets, epochs: 3);

        using var workers = new BatchWorkers(threads) { MinimumWork = 0 };
        new Trainer<float>(shared, new MomentumSgd(shared, 0.02) { MaxGradientNorm = 1.0 }) { BatchSize = 24, Seed = 9, Workers = workers }.Train(inputs, targets, epochs: 3);

        SpanAssert.BitIdentical<float>(alone.Parameters, shared.Parameters, "parameters");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_step_that_diverges_is_undone_in_every_range(int threads)
    {
        (float[] inputs, float[] targets) = Data();
        var network = new SharedStepNetwork(7);
        float[] before = network.Parameters.ToArray();
        using var workers = new BatchWorkers(threads) { MinimumWork = 0 };
        var trainer = new Trainer<float>(network, new Sgd(network, 1e300)) { BatchSize = 16, Workers = workers };

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Train(inputs, targets, epochs: 1));

        Assert.Equal(1, e.Batch);
        SpanAssert.BitIdentical<float>(before, network.Parameters, "parameters");
    }

    [Fact]
    public void A_validation_set_between_epochs_leaves_the_next_batch_a_clear_gradient()
    {
        // The validation loss runs Backward into the trainer's gradient buffer; the first batch of the next epoch
        // must still start from +0, as the loop does.
        (float[] inputs, float[] targets) = Data();
        var withValidation = new SharedStepNetwork(11);
        var without = new SharedStepNetwork(11);
        new Trainer<float>(withValidation, new Sgd(withValidation, 0.05)) { BatchSize = 32, Shuffle = false }
            .Train(inputs, targets, inputs.AsSpan(0, 10 * SharedStepNetwork.InputSize), targets.AsSpan(0, 10 * SharedStepNetwork.OutputSize), epochs: 3);
        new Trainer<float>(without, new Sgd(without, 0.05)) { BatchSize = 32, Shuffle = false }.Train(inputs, targets, epochs: 3);

        SpanAssert.BitIdentical<float>(without.Parameters, withValidation.Parameters, "parameters");
    }

    private static Optimizer Create(string name, INeuralNetwork network)
    {
        Optimizer optimizer = name.Split('-')[0] switch
        {
            "sgd" => new Sgd(network, 0.05),
            "momentum" => new MomentumSgd(network, 0.02),
            "adam" => new Adam(network, 0.003),
            _ => new RmsProp(network, 0.003, momentum: 0.3),
        };
        if (name.Contains("clip", StringComparison.Ordinal))
        {
            optimizer.MaxGradientNorm = 0.5;
        }

        if (name.Contains("decay", StringComparison.Ordinal))
        {
            optimizer.WeightDecay = 0.001;
        }

        return optimizer;
    }

    private static (float[] Inputs, float[] Targets) Data()
    {
        var random = new Random(17);
        float[] inputs = new float[Rows * SharedStepNetwork.InputSize];
        float[] targets = new float[Rows * SharedStepNetwork.OutputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)(random.NextDouble() - 0.5);
        }

        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = (float)random.NextDouble();
        }

        return (inputs, targets);
    }
}
