using System;
using System.Collections.Generic;
using Backprop.Training;

namespace Backprop.DeterminismCheck
{
    /// <summary>
    /// The check's fixed workload. Adding a network or an optimizer is one line below; the golden file then
    /// needs rewriting (<c>--write-golden</c>), as for any change of numerics.
    /// </summary>
    public static class Workload
    {
        private const int Seed = 20260615;

        private static readonly OptimizerCase[] Optimizers =
        {
            new OptimizerCase("sgd", network => new Sgd(network, 0.05)),
            new OptimizerCase("momentum", network => new MomentumSgd(network, 0.02, 0.9)),
            new OptimizerCase("nesterov", network => new MomentumSgd(network, 0.02, 0.9, nesterov: true)),
            new OptimizerCase("adam", network => new Adam(network, 0.005)),
            new OptimizerCase("rmsprop", network => new RmsProp(network, 0.005)),
            new OptimizerCase("rmsprop-centered-momentum", network => new RmsProp(network, 0.002, momentum: 0.9, centered: true)),
            new OptimizerCase("sgd-step-decay", network => new Sgd(network, 0.05) { Schedule = new StepDecay(5, 0.5) }),
            new OptimizerCase("momentum-exponential-decay", network => new MomentumSgd(network, 0.02, 0.9) { Schedule = new ExponentialDecay(0.9) }),
            new OptimizerCase("adam-cosine-warm-up", network => new Adam(network, 0.005) { Schedule = new CosineDecay(15, warmupSteps: 3, minFactor: 0.1) }),
            new OptimizerCase("adam-plateau", network => new Adam(network, 0.005) { Schedule = new ReduceOnPlateau(0.5, patience: 0) }),
        };

        private static readonly NetworkCase[] Networks =
        {
            NetworkCase.Of(nameof(Xor241F), seed => new Xor241F(seed)),
            NetworkCase.Of(nameof(Regressor3542UnrolledD), seed => new Regressor3542UnrolledD(seed)),
            NetworkCase.Of(nameof(Classifier372410F), seed => new Classifier372410F(seed)),
            NetworkCase.Of(nameof(Classifier372410VectorD), seed => new Classifier372410VectorD(seed)),
            NetworkCase.Of(nameof(Tagger21195VectorF), seed => new Tagger21195VectorF(seed)),
            NetworkCase.Of(nameof(Tagger21195UnrolledD), seed => new Tagger21195UnrolledD(seed)),
            NetworkCase.Of(nameof(Deep7033173VectorF), seed => new Deep7033173VectorF(seed)),
            NetworkCase.Of(nameof(Deep7033173D), seed => new Deep7033173D(seed)),
            NetworkCase.Of(nameof(Mixed21040F), seed => new Mixed21040F(seed)),
            NetworkCase.Of(nameof(Squash33179VectorF), seed => new Squash33179VectorF(seed)),
            NetworkCase.Of(nameof(Linear18406VectorD), seed => new Linear18406VectorD(seed)),
            NetworkCase.Of(nameof(SoftQuadratic573D), seed => new SoftQuadratic573D(seed)),
            NetworkCase.Of(nameof(Digits643210F), seed => new Digits643210F(seed)),
            NetworkCase.Of(nameof(Dropout13964F), seed => new Dropout13964F(seed)),
            NetworkCase.Of(nameof(Dropout3724125VectorF), seed => new Dropout3724125VectorF(seed)),
            NetworkCase.Of(nameof(Dropout6853UnrolledD), seed => new Dropout6853UnrolledD(seed)),
        };

        /// <summary>Runs every network of the workload and returns each one's hashes, in a fixed order.</summary>
        public static IReadOnlyList<NetworkHashes> Run()
        {
            var results = new List<NetworkHashes>(Networks.Length);
            foreach (NetworkCase network in Networks)
            {
                results.Add(new NetworkHashes(network.Name, network.Run(Seed, Optimizers)));
            }

            return results;
        }

        /// <summary>One network of the workload: its name and its run, whatever its number type.</summary>
        private sealed class NetworkCase
        {
            private readonly Func<int, IReadOnlyList<OptimizerCase>, IReadOnlyList<StageHash>> _run;

            private NetworkCase(string name, Func<int, IReadOnlyList<OptimizerCase>, IReadOnlyList<StageHash>> run)
            {
                Name = name;
                _run = run;
            }

            public string Name { get; }

            public static NetworkCase Of<T>(string name, Func<int, INeuralNetwork<T>> create)
                where T : unmanaged =>
                new NetworkCase(name, (seed, optimizers) => new NetworkRun<T>(create(seed), seed).Run(optimizers));

            public IReadOnlyList<StageHash> Run(int seed, IReadOnlyList<OptimizerCase> optimizers) => _run(seed, optimizers);
        }
    }

    /// <summary>An optimizer the Trainer runs with on every network: a short name and how to make it.</summary>
    internal sealed class OptimizerCase
    {
        private readonly Func<INeuralNetwork, Optimizer> _create;

        public OptimizerCase(string name, Func<INeuralNetwork, Optimizer> create)
        {
            Name = name;
            _create = create;
        }

        public string Name { get; }

        public Optimizer Create(INeuralNetwork network) => _create(network);
    }

    /// <summary>The hash of one stage of one network's run.</summary>
    public sealed class StageHash
    {
        internal StageHash(string name, ulong hash)
        {
            Name = name;
            Hash = hash;
        }

        /// <summary>The stage: parameters, forward, forward-batch, backward, train-step, train-batch, trainer-*.</summary>
        public string Name { get; }

        /// <summary>FNV-1a over every output bit of the stage.</summary>
        public ulong Hash { get; }
    }

    /// <summary>One network's stage hashes, and the network's hash: FNV-1a over its stage hashes in order.</summary>
    public sealed class NetworkHashes
    {
        internal NetworkHashes(string name, IReadOnlyList<StageHash> stages)
        {
            Name = name;
            Stages = stages;
            var hash = new Fnv1a();
            foreach (StageHash stage in stages)
            {
                hash.Add(unchecked((long)stage.Hash));
            }

            Hash = hash.Value;
        }

        /// <summary>The network's class name.</summary>
        public string Name { get; }

        /// <summary>Each stage's hash, in the order run.</summary>
        public IReadOnlyList<StageHash> Stages { get; }

        /// <summary>The network's hash.</summary>
        public ulong Hash { get; }
    }
}
