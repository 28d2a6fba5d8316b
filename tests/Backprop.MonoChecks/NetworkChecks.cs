using System;
using System.IO;
using System.Linq;
using Backprop.Serialization;

namespace Backprop.MonoChecks
{
    /// <summary>
    /// What the .NET 10 tests check of a generated network, where the runtime allows it: the same numbers from the
    /// same seed, ForwardBatch against Forward, Backward against central differences (double precision), errors
    /// on bad input with nothing changed, no allocation per call, and a round trip through every file format,
    /// including the atomic save. The numbers go into the report, for the comparison with the other runtime.
    /// </summary>
    internal sealed class NetworkChecks<T>
        where T : unmanaged
    {
        private const int Rows = 6;

        private readonly string _name;
        private readonly Func<int, INeuralNetwork<T>> _create;
        private readonly Report _report;

        public NetworkChecks(string name, Func<int, INeuralNetwork<T>> create, Report report)
        {
            _name = name;
            _create = create;
            _report = report;
        }

        public void Run(string folder)
        {
            INeuralNetwork<T> net = _create(7);
            ComputesTheSameFromTheSameSeed(net);
            ForwardBatchMatchesForward(net);
            BackwardMatchesCentralDifferences(net);
            TrainsAndRecords(net);
            RefusesBadInputAndChangesNothing(net);
            AllocatesNothingPerCall(net);
            RoundTripsEveryFormat(net, folder);
        }

        private T[] Input(int seed) => Number<T>.Array(_create(0).InputSize, i => Wave((seed * 31) + (i * 0.7)));

        private T[] Target(INeuralNetwork<T> net, int seed)
        {
            // A target every loss accepts: one-hot for a softmax, values in (0, 1) otherwise.
            bool softmax = net.GetActivation(net.LayerCount) == Activation.Softmax;
            return Number<T>.Array(net.OutputSize, j => softmax ? (j == seed % net.OutputSize ? 1 : 0) : 0.5 + (0.4 * Wave(seed + j + 1)));
        }

        /// <summary>
        /// A triangle wave between −1 and 1 of period 4: varied inputs from + − × ÷ and floor alone, each exactly
        /// rounded, so that both runtimes start from the same bits (Math.Sin comes from each platform's C library).
        /// </summary>
        private static double Wave(double x)
        {
            double phase = x - (4 * Math.Floor(x / 4));
            return phase < 2 ? phase - 1 : 3 - phase;
        }

        private void ComputesTheSameFromTheSameSeed(INeuralNetwork<T> net)
        {
            T[] again = _create(7).Parameters.ToArray();
            _report.Check(_name + ": the same seed gives the same parameters", net.Parameters.ToArray().Select(Number<T>.Bits).SequenceEqual(again.Select(Number<T>.Bits)));
            _report.Values(_name + ".parameters", net.Parameters.ToArray());

            var output = new T[net.OutputSize];
            net.Forward(Input(1), output);
            _report.Values(_name + ".forward", output);
            _report.Check(_name + ": Forward is finite", output.All(v => IsFinite(Number<T>.ToDouble(v))));
        }

        private void ForwardBatchMatchesForward(INeuralNetwork<T> net)
        {
            int inputs = net.InputSize;
            int outputs = net.OutputSize;
            var rows = new T[Rows * inputs];
            for (int r = 0; r < Rows; r++)
            {
                Input(r + 2).CopyTo(rows, r * inputs);
            }

            var batch = new T[Rows * outputs];
            net.ForwardBatch(rows, batch);
            _report.Values(_name + ".forwardBatch", batch);

            // Each row as Forward computes it, to the rounding of the dot products (four-row passes add in another order).
            double worst = 0;
            var one = new T[outputs];
            for (int r = 0; r < Rows; r++)
            {
                net.Forward(new ReadOnlySpan<T>(rows, r * inputs, inputs), one);
                for (int j = 0; j < outputs; j++)
                {
                    worst = Math.Max(worst, Math.Abs(Number<T>.ToDouble(one[j]) - Number<T>.ToDouble(batch[(r * outputs) + j])));
                }
            }

            _report.Check(_name + ": ForwardBatch gives each row's Forward", worst <= (Number<T>.IsSingle ? 1e-5 : 1e-12), "differs by " + worst);
        }

        private void BackwardMatchesCentralDifferences(INeuralNetwork<T> net)
        {
            T[] input = Input(3);
            T[] target = Target(net, 3);
            var gradient = new T[net.ParameterCount];
            T cost = net.Backward(input, target, gradient);
            _report.Value(_name + ".cost", cost);
            _report.Values(_name + ".gradient", gradient);
            if (Number<T>.IsSingle)
            {
                return;
            }

            // Central differences in double precision, on a spread of parameters (every one for small networks).
            Span<T> parameters = net.Parameters;
            var scratch = new T[net.ParameterCount];
            double worst = 0;
            int step = Math.Max(1, net.ParameterCount / 60);
            for (int p = 0; p < net.ParameterCount; p += step)
            {
                T kept = parameters[p];
                const double H = 1e-6;
                parameters[p] = Number<T>.From(Number<T>.ToDouble(kept) + H);
                double up = Number<T>.ToDouble(net.Backward(input, target, scratch));
                parameters[p] = Number<T>.From(Number<T>.ToDouble(kept) - H);
                double down = Number<T>.ToDouble(net.Backward(input, target, scratch));
                parameters[p] = kept;
                double numeric = (up - down) / (2 * H);
                double analytic = Number<T>.ToDouble(gradient[p]);
                worst = Math.Max(worst, Math.Abs(numeric - analytic) / Math.Max(1e-3, Math.Abs(numeric) + Math.Abs(analytic)));
            }

            _report.Check(_name + ": Backward matches central differences", worst < 1e-5, "worst relative error " + worst);
        }

        private void TrainsAndRecords(INeuralNetwork<T> net)
        {
            INeuralNetwork<T> trained = _create(11);
            T rate = Number<T>.From(0.05);
            var costs = new T[10];
            for (int step = 0; step < 5; step++)
            {
                costs[step] = trained.TrainStep(Input(step), Target(trained, step), rate);
            }

            var inputs = new T[Rows * trained.InputSize];
            var targets = new T[Rows * trained.OutputSize];
            for (int r = 0; r < Rows; r++)
            {
                Input(r + 5).CopyTo(inputs, r * trained.InputSize);
                Target(trained, r + 5).CopyTo(targets, r * trained.OutputSize);
            }

            for (int step = 5; step < 10; step++)
            {
                costs[step] = trained.TrainBatch(inputs, targets, rate);
            }

            _report.Values(_name + ".trainingCosts", costs);
            _report.Values(_name + ".trainedParameters", trained.Parameters.ToArray());
            _report.Check(_name + ": training keeps every parameter finite", trained.Parameters.ToArray().All(v => IsFinite(Number<T>.ToDouble(v))));
        }

        private void RefusesBadInputAndChangesNothing(INeuralNetwork<T> net)
        {
            string[] before = net.Parameters.ToArray().Select(Number<T>.Bits).ToArray();
            var output = new T[net.OutputSize];
            T[] input = Input(4);
            T[] target = Target(net, 4);
            T[] bad = input.ToArray();
            bad[bad.Length - 1] = Number<T>.From(double.NaN);
            T rate = Number<T>.From(0.1);

            _report.Throws<ArgumentException>(_name + ": Forward refuses a short input", () => net.Forward(new T[net.InputSize - 1], output), e => e.ParamName == "input");
            _report.Throws<ArgumentException>(_name + ": Forward refuses a NaN input", () => net.Forward(bad, output), e => e.ParamName == "input");
            _report.Throws<ArgumentException>(_name + ": TrainStep refuses a NaN input", () => net.TrainStep(bad, target, rate), e => e.ParamName == "input");
            _report.Throws<ArgumentException>(_name + ": TrainStep refuses a long target", () => net.TrainStep(input, new T[net.OutputSize + 1], rate), e => e.ParamName == "target");
            _report.Throws<ArgumentOutOfRangeException>(_name + ": TrainStep refuses a negative learning rate", () => net.TrainStep(input, target, Number<T>.From(-1)));
            _report.Throws<ArgumentException>(_name + ": TrainBatch refuses a partial row", () => net.TrainBatch(new T[net.InputSize + 1], target, rate));
            _report.Check(_name + ": refused calls changed nothing", net.Parameters.ToArray().Select(Number<T>.Bits).SequenceEqual(before));
        }

        private void AllocatesNothingPerCall(INeuralNetwork<T> net)
        {
            if (!ThreadAllocations.Available)
            {
                _report.Check(_name + ": allocations can be measured", false, "no per-thread counter on this runtime");
                return;
            }

            INeuralNetwork<T> trained = _create(5);
            T[] input = Input(6);
            T[] target = Target(trained, 6);
            var inputs = new T[Rows * trained.InputSize];
            var targets = new T[Rows * trained.OutputSize];
            var outputs = new T[Rows * trained.OutputSize];
            var output = new T[trained.OutputSize];
            var gradient = new T[trained.ParameterCount];
            T rate = Number<T>.From(1e-4);
            Action calls = () =>
            {
                for (int i = 0; i < 200; i++)
                {
                    trained.Forward(input, output);
                    trained.Backward(input, target, gradient);
                    trained.TrainStep(input, target, rate);
                    trained.TrainBatch(inputs, targets, rate);
                    trained.ForwardBatch(inputs, outputs);
                }
            };

            calls();
            long bytes = ThreadAllocations.Least(calls);
            _report.Check(_name + ": 200 rounds of Forward, Backward, TrainStep, TrainBatch and ForwardBatch allocate nothing", bytes == 0, bytes + " bytes");
        }

        private T[] LoadedFromJson(INeuralNetwork<T> net, string folder)
        {
            string path = Path.Combine(folder, _name + ".bits.json");
            net.Save(path);
            INeuralNetwork<T> loaded = _create(99);
            loaded.Load(path);
            return loaded.Parameters.ToArray();
        }

        private void RoundTripsEveryFormat(INeuralNetwork<T> net, string folder)
        {
            // Parameters whose text goes wrong on some runtime, then random bit patterns of every exponent: each must
            // load as the very bits saved. Mono's "R" drops the sign of −0 and misspells about one double in 1,500;
            // .NET 10.0.12's misspells 2⁻²⁵ and 2⁻⁹⁵⁸ (the writer then falls back to texts that read back).
            double[] tricky = Number<T>.IsSingle
                ? new[] { -0.0, 1e-45, 2.98023223876953125E-08, 1.0 / 3, 3.4028234663852886E+38 }
                : new[] { -0.0, double.Epsilon, 2.98023223876953125E-08, BitConverter.Int64BitsToDouble(0x0410000000000000), 1.0 / 3, double.MaxValue };
            var random = new DeterministicRandom(15);
            for (int i = 0; i < net.ParameterCount; i++)
            {
                net.Parameters[i] = i < tricky.Length ? Number<T>.From(tricky[i]) : Number<T>.FiniteFromBits(ref random);
            }

            // Recorded under a name of no vector network, so the comparison with the other runtime asks for the same bits.
            _report.Values("JsonRoundTrip." + _name, LoadedFromJson(net, folder));
            string[] expected = net.Parameters.ToArray().Select(Number<T>.Bits).ToArray();
            bool SameAs(INeuralNetwork<T> other) => other.Parameters.ToArray().Select(Number<T>.Bits).SequenceEqual(expected);

            string binary = Path.Combine(folder, _name + ".bpnn");
            string json = Path.Combine(folder, _name + ".json");
            string tensors = Path.Combine(folder, _name + ".safetensors");
            net.Save(binary);
            net.Save(json);
            net.Save(tensors);

            INeuralNetwork<T> loaded = _create(99);
            loaded.Load(binary);
            _report.Check(_name + ": the binary file loads the very same parameters", SameAs(loaded));
            loaded = _create(99);
            loaded.Load(json);
            _report.Check(_name + ": the JSON file loads the very same parameters", SameAs(loaded));
            loaded = _create(99);
            loaded.Load(tensors);
            _report.Check(_name + ": the safetensors file loads the very same parameters", SameAs(loaded));

            using (var stream = new MemoryStream())
            {
                net.Save(stream, ModelFormat.Binary);
                stream.Position = 0;
                loaded = _create(99);
                loaded.Load(stream, ModelFormat.Binary);
                _report.Check(_name + ": a binary stream loads the very same parameters", SameAs(loaded));
            }

            // A corrupt file is refused, with the network unchanged.
            byte[] bytes = File.ReadAllBytes(binary);
            bytes[bytes.Length / 2] ^= 0x10;
            string corrupt = Path.Combine(folder, _name + ".corrupt.bpnn");
            File.WriteAllBytes(corrupt, bytes);
            loaded = _create(99);
            string[] before = loaded.Parameters.ToArray().Select(Number<T>.Bits).ToArray();
            _report.Throws<ModelFormatException>(_name + ": a flipped bit is refused", () => loaded.Load(corrupt));
            _report.Check(_name + ": the refused load changed nothing", loaded.Parameters.ToArray().Select(Number<T>.Bits).SequenceEqual(before));

            // The atomic save (another path on .NET Standard than on .NET 8): saving over a file replaces it whole,
            // and a save that fails leaves the old file as it was, with no temporary file beside it.
            INeuralNetwork<T> other = _create(3);
            other.Save(binary);
            loaded = _create(99);
            loaded.Load(binary);
            _report.Check(_name + ": saving over a file replaces it", loaded.Parameters.ToArray().Select(Number<T>.Bits).SequenceEqual(other.Parameters.ToArray().Select(Number<T>.Bits)));
            other.Parameters[0] = Number<T>.From(double.NaN);
            _report.Throws<InvalidOperationException>(_name + ": a network holding NaN is not saved", () => other.Save(binary));
            loaded = _create(99);
            loaded.Load(binary);
            _report.Check(_name + ": the failed save left the old file", loaded.Parameters.ToArray().Select(Number<T>.Bits).Skip(1).SequenceEqual(other.Parameters.ToArray().Select(Number<T>.Bits).Skip(1)));
            _report.Check(_name + ": no temporary file is left", !Directory.GetFiles(folder, "*.tmp").Any(), string.Join(", ", Directory.GetFiles(folder, "*.tmp")));
        }

        private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);
    }
}
