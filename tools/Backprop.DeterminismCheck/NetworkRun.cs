using System;
using System.Collections.Generic;
using Backprop.Training;

namespace Backprop.DeterminismCheck
{
    /// <summary>
    /// Runs every call of one network on fixed data and hashes each stage's output bits: the initial parameters,
    /// Forward, ForwardBatch, Backward, TrainStep, TrainBatch, and the Trainer with each optimizer.
    /// </summary>
    internal sealed class NetworkRun<T>
        where T : unmanaged
    {
        // Rows per ForwardBatch and TrainBatch call: one row, fewer than a four-row pass, exactly one, one and a
        // remainder, two and a remainder.
        private static readonly int[] BatchRows = { 1, 3, 4, 5, 9 };

        // Rows per call of the block stage: one block short of full, full, one past, two and a remainder.
        private static readonly int[] BlockRows = { 31, 32, 33, 70 };

        // Thread counts the block stage is run on again; each must give the stage's bits.
        private static readonly int[] ThreadCounts = { 2, 3 };

        private const int Rows = 9;
        private const int TrainerRows = 23;
        private const int TrainerEpochs = 3;
        private const int TrainerBatchSize = 4;
        private const double LearningRate = 0.05;

        private readonly INeuralNetwork<T> _network;
        private readonly int _seed;
        private readonly T[] _inputs;
        private readonly T[] _targets;
        private readonly T[] _blockInputs;
        private readonly T[] _blockTargets;
        private readonly List<StageHash> _stages = new List<StageHash>();

        public NetworkRun(INeuralNetwork<T> network, int seed)
        {
            _network = network;
            _seed = seed;
            var data = new DataSet(network, seed, Math.Max(Rows, TrainerRows));
            _inputs = Convert(data.Inputs);
            _targets = Convert(data.Targets);
            var blocks = new DataSet(network, seed + 1000, BlockRows[BlockRows.Length - 1]);
            _blockInputs = Convert(blocks.Inputs);
            _blockTargets = Convert(blocks.Targets);
        }

        public IReadOnlyList<StageHash> Run(IReadOnlyList<OptimizerCase> optimizers)
        {
            _network.InitializeParameters(_seed);
            Stage("parameters", hash => hash.Add<T>(_network.Parameters));
            Stage("forward", Forward);
            Stage("forward-batch", ForwardBatch);
            Stage("backward", Backward);
            Stage("train-step", TrainStep);
            Stage("train-batch", TrainBatch);
            ulong blocks = Stage("batch-blocks", hash => BatchBlocks(hash, null));
            foreach (int threads in ThreadCounts)
            {
                // Every phase shared, however small: the workload's networks are.
                using (var workers = new BatchWorkers(threads) { MinimumWork = 0 })
                {
                    var again = new Fnv1a();
                    BatchBlocks(again, workers);
                    if (again.Value != blocks)
                    {
                        throw new InvalidOperationException($"The batch methods gave other bits on {threads} threads: {again.Value:x16} instead of {blocks:x16}.");
                    }
                }
            }

            foreach (OptimizerCase optimizer in optimizers)
            {
                ulong trained = Stage("trainer-" + optimizer.Name, hash => Train(optimizer, hash, null));
                foreach (int threads in ThreadCounts)
                {
                    // The trainer's own passes shared too: the gathering of the shuffled rows and the step by ranges.
                    using (var workers = new BatchWorkers(threads) { MinimumWork = 0 })
                    {
                        var again = new Fnv1a();
                        Train(optimizer, again, workers);
                        if (again.Value != trained)
                        {
                            throw new InvalidOperationException($"The trainer with {optimizer.Name} gave other bits on {threads} threads: {again.Value:x16} instead of {trained:x16}.");
                        }
                    }
                }
            }

            return _stages;
        }

        private ulong Stage(string name, Action<Fnv1a> run)
        {
            var hash = new Fnv1a();
            run(hash);
            _stages.Add(new StageHash(name, hash.Value));
            return hash.Value;
        }

        private void Forward(Fnv1a hash)
        {
            var output = new T[_network.OutputSize];
            for (int row = 0; row < Rows; row++)
            {
                _network.Forward(InputRows(row, 1), output);
                hash.Add<T>(output);
            }
        }

        private void ForwardBatch(Fnv1a hash)
        {
            foreach (int rows in BatchRows)
            {
                var outputs = new T[rows * _network.OutputSize];
                _network.ForwardBatch(InputRows(0, rows), outputs);
                hash.Add<T>(outputs);
            }
        }

        private void Backward(Fnv1a hash)
        {
            var gradient = new T[_network.ParameterCount];
            for (int row = 0; row < Rows; row++)
            {
                Array.Clear(gradient, 0, gradient.Length);
                AddValue(hash, _network.Backward(InputRows(row, 1), TargetRows(row, 1), gradient));
                hash.Add<T>(gradient);
            }
        }

        private void TrainStep(Fnv1a hash)
        {
            _network.InitializeParameters(_seed);
            for (int row = 0; row < Rows; row++)
            {
                AddValue(hash, _network.TrainStep(InputRows(row, 1), TargetRows(row, 1), FromDouble(LearningRate)));
            }

            hash.Add<T>(_network.Parameters);
        }

        private void TrainBatch(Fnv1a hash)
        {
            _network.InitializeParameters(_seed);
            foreach (int rows in BatchRows)
            {
                AddValue(hash, _network.TrainBatch(InputRows(0, rows), TargetRows(0, rows), FromDouble(LearningRate)));
            }

            hash.Add<T>(_network.Parameters);
        }

        // ForwardBatch, BackwardBatch and TrainBatch over 31 to 70 rows: the blocks of rows, whole and cut, on
        // the calling thread or shared among workers.
        private void BatchBlocks(Fnv1a hash, BatchWorkers? workers)
        {
            _network.InitializeParameters(_seed);
            foreach (int rows in BlockRows)
            {
                ReadOnlySpan<T> inputs = _blockInputs.AsSpan(0, rows * _network.InputSize);
                ReadOnlySpan<T> targets = _blockTargets.AsSpan(0, rows * _network.OutputSize);
                var outputs = new T[rows * _network.OutputSize];
                _network.ForwardBatch(inputs, outputs, workers);
                hash.Add<T>(outputs);

                var gradient = new T[_network.ParameterCount];
                var costs = new T[rows];
                AddValue(hash, _network.BackwardBatch(inputs, targets, gradient, costs, workers));
                hash.Add<T>(gradient);
                hash.Add<T>(costs);

                AddValue(hash, _network.TrainBatch(inputs, targets, FromDouble(LearningRate), workers));
            }

            hash.Add<T>(_network.Parameters);
        }

        private void Train(OptimizerCase optimizer, Fnv1a hash, BatchWorkers? workers)
        {
            _network.InitializeParameters(_seed);
            var trainer = new Trainer<T>(_network, optimizer.Create(_network))
            {
                BatchSize = TrainerBatchSize,
                Seed = _seed,
                Workers = workers,
            };
            TrainingResult result = trainer.Train(_inputs, _targets, TrainerEpochs);
            hash.Add(result.Epochs);
            hash.Add(result.Loss);
            hash.Add(result.Accuracy ?? -1);
            hash.Add<T>(_network.Parameters);
        }

        private ReadOnlySpan<T> InputRows(int first, int count) =>
            _inputs.AsSpan(first * _network.InputSize, count * _network.InputSize);

        private ReadOnlySpan<T> TargetRows(int first, int count) =>
            _targets.AsSpan(first * _network.OutputSize, count * _network.OutputSize);

        private static void AddValue(Fnv1a hash, T value)
        {
            Span<T> one = stackalloc T[1];
            one[0] = value;
            hash.Add<T>(one);
        }

        // Exactly rounded on every runtime: the data are made in double and rounded once to the network's type.
        private static T FromDouble(double value) =>
            typeof(T) == typeof(float) ? (T)(object)(float)value : (T)(object)value;

        private static T[] Convert(double[] values)
        {
            var converted = new T[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                converted[i] = FromDouble(values[i]);
            }

            return converted;
        }

        /// <summary>
        /// Rows of inputs in [−1, 1) and targets that suit the loss and output activation, drawn from
        /// DeterministicRandom (integer arithmetic and one exactly rounded multiply per value).
        /// </summary>
        private sealed class DataSet
        {
            public DataSet(INeuralNetwork network, int seed, int rows)
            {
                var random = new DeterministicRandom(seed);
                Inputs = new double[rows * network.InputSize];
                for (int i = 0; i < Inputs.Length; i++)
                {
                    Inputs[i] = random.NextDouble(-1, 1);
                }

                Activation output = network.GetActivation(network.LayerCount);
                Targets = new double[rows * network.OutputSize];
                for (int row = 0; row < rows; row++)
                {
                    Span<double> target = Targets.AsSpan(row * network.OutputSize, network.OutputSize);
                    if (output == Activation.Softmax)
                    {
                        target[random.NextInt32(target.Length)] = 1;
                        continue;
                    }

                    for (int j = 0; j < target.Length; j++)
                    {
                        target[j] = network.Loss == Loss.BinaryCrossEntropy ? random.NextInt32(2)
                            : output == Activation.Sigmoid ? random.NextDouble(0.1, 0.9)
                            : random.NextDouble(-0.8, 0.8);
                    }
                }
            }

            public double[] Inputs { get; }

            public double[] Targets { get; }
        }
    }
}
