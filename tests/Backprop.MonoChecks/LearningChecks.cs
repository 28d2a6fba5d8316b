using System;
using System.IO;
using System.Linq;
using Backprop.Evaluation;
using Backprop.Serialization;
using Backprop.Training;

namespace Backprop.MonoChecks
{
    /// <summary>Learning, the trainer with each optimizer, and baked weights: what a game on Unity would do with a network.</summary>
    internal static class LearningChecks
    {
        public static void Run(Report report)
        {
            XorLearnsWithTrainBatch(report);
            foreach (string optimizer in new[] { "Sgd", "MomentumSgd", "Adam" })
            {
                TrainerLearnsBlobs(report, optimizer);
            }

            BakedWeightsAreTheFileS(report);
        }

        private static void XorLearnsWithTrainBatch(Report report)
        {
            var xor = new Xor(seed: 1);
            float[] inputs = { 0, 0, 0, 1, 1, 0, 1, 1 };
            float[] targets = { 0, 1, 1, 0 };
            float cost = float.MaxValue;
            int epochs = 0;
            while (epochs < 20_000 && cost >= 0.001f)
            {
                cost = xor.TrainBatch(inputs, targets, 2f);
                epochs++;
            }

            var output = new float[1];
            bool right = true;
            for (int row = 0; row < 4; row++)
            {
                xor.Forward(new ReadOnlySpan<float>(inputs, 2 * row, 2), output);
                right &= (output[0] >= 0.5f ? 1 : 0) == (int)targets[row];
            }

            report.Check("Xor learns XOR with TrainBatch", cost < 0.001f && right, "cost " + cost + " after " + epochs + " epochs");
            report.Value("Xor.epochsToLearn", (double)epochs);
            report.Value("Xor.finalCost", cost);
        }

        /// <summary>Three well-separated blobs of four features, which the classifier must learn to 90 % or better.</summary>
        private static void TrainerLearnsBlobs(Report report, string optimizerName)
        {
            const int Rows = 150;
            var inputs = new float[Rows * Classifier.InputSize];
            var targets = new float[Rows * Classifier.OutputSize];
            var random = new DeterministicRandom(4);
            for (int row = 0; row < Rows; row++)
            {
                int label = row % 3;
                targets[(row * 3) + label] = 1;
                for (int k = 0; k < Classifier.InputSize; k++)
                {
                    double noise = (random.NextDouble() - 0.5) * 1.2;
                    inputs[(row * Classifier.InputSize) + k] = (float)((k == label ? 2.0 : 0.0) + noise);
                }
            }

            var network = new Classifier(seed: 2);
            Optimizer optimizer = optimizerName switch
            {
                "Sgd" => new Sgd(network, 0.1),
                "MomentumSgd" => new MomentumSgd(network, 0.05),
                _ => new Adam(network, 0.01),
            };
            var trainer = new Trainer<float>(network, optimizer) { BatchSize = 10, Seed = 3 };
            double before = network.MeanLoss(inputs, targets);
            TrainingResult result = trainer.Train(inputs, targets, 30);
            double accuracy = network.Accuracy(inputs, targets);

            report.Check("The trainer with " + optimizerName + " learns three blobs", result.Loss < before && accuracy >= 0.9, "loss " + before + " -> " + result.Loss + ", accuracy " + accuracy);
            report.Value("Trainer." + optimizerName + ".loss", result.Loss);
            report.Values("Trainer." + optimizerName + ".parameters", network.Parameters.ToArray());
        }

        private static void BakedWeightsAreTheFileS(Report report)
        {
            var baked = new BakedXor();
            var loaded = new BakedXor(seed: 7);
            loaded.Load(Path.Combine(AppContext.BaseDirectory, "xor.json"));
            report.Check(
                "BakedXor() holds the parameters of xor.json, bit for bit",
                baked.Parameters.ToArray().Select(Number<float>.Bits).SequenceEqual(loaded.Parameters.ToArray().Select(Number<float>.Bits)));
            report.Values("BakedXor.bakedParameters", baked.Parameters.ToArray());
        }
    }
}
