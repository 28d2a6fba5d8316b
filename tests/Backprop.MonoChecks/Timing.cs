using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace Backprop.MonoChecks
{
    /// <summary>
    /// The wall-clock time per call of Forward and TrainStep, the best of five rounds after a warm-up: a rough
    /// figure of what a game on this runtime pays per call, for Mono against .NET 10 on the same machine. It is not
    /// a benchmark (no statistics, no isolation); the project's speed claims come from BenchmarkDotNet.
    /// </summary>
    internal static class Timing
    {
        public static void Print(TextWriter log)
        {
            log.WriteLine("runtime: " + Program.RuntimeName());
            log.WriteLine("network                  Forward (ns)   TrainStep (ns)");
            Print(log, "Xor 2-4-1", new Xor(1), 400_000);
            Print(log, "Classifier 4-6-3", new Classifier(1), 200_000);
            Print(log, "Digits 64-32-10", new Digits(1), 20_000);
        }

        private static void Print(TextWriter log, string name, INeuralNetwork<float> net, int calls)
        {
            var input = new float[net.InputSize];
            var target = new float[net.OutputSize];
            var output = new float[net.OutputSize];
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = (float)Math.Sin(i);
            }

            target[0] = 1;
            double forward = Best(calls, () =>
            {
                for (int i = 0; i < calls; i++)
                {
                    net.Forward(input, output);
                }
            });
            double trainStep = Best(calls, () =>
            {
                for (int i = 0; i < calls; i++)
                {
                    net.TrainStep(input, target, 1e-4f);
                }
            });
            log.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-25}{1,12:F1}{2,17:F1}", name, forward, trainStep));
        }

        private static double Best(int calls, Action round)
        {
            round();
            double best = double.MaxValue;
            for (int r = 0; r < 5; r++)
            {
                var watch = Stopwatch.StartNew();
                round();
                best = Math.Min(best, watch.Elapsed.TotalMilliseconds * 1e6 / calls);
            }

            return best;
        }
    }
}
