// Trains a generated 2-4-1 network on XOR and prints what it learned.
// Run: dotnet run --project samples/Xor
using System;
using System.Diagnostics;
using System.Globalization;
using Backprop.Training;
using Xor;

const int Seed = 1;
const float LearningRate = 2f;
const float TargetCost = 0.001f;
const int MaxEpochs = 20_000;

// The four rows of XOR, row-major: inputs (x1, x2) and the expected output.
float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
float[] targets = [0, 1, 1, 0];

var network = new XorNetwork(Seed);
Console.WriteLine($"XOR with a generated [Network(2, 4, 1)]: {XorNetwork.ParameterCount} parameters, seed {Seed}.");
Console.WriteLine($"Training on all four rows at once (TrainBatch), learning rate {LearningRate.ToString(CultureInfo.InvariantCulture)}, until the mean cost is below {TargetCost.ToString(CultureInfo.InvariantCulture)}.");
Console.WriteLine();

var clock = Stopwatch.StartNew();
float cost = float.NaN;
int epoch = 0;
while (epoch < MaxEpochs)
{
    cost = network.TrainBatch(inputs, targets, LearningRate);
    if (epoch % 250 == 0 || cost < TargetCost)
    {
        Console.WriteLine($"  epoch {epoch,6}   cost {LossFormat.Format(cost),-9}   {Bar(cost)}");
    }

    epoch++;
    if (cost < TargetCost)
    {
        break;
    }
}

clock.Stop();
Console.WriteLine();
Console.WriteLine($"Mean cost {LossFormat.Format(cost)} after {epoch} epochs ({clock.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture)} ms).");
Console.WriteLine();
Console.WriteLine("  x1  x2   XOR   network");

Span<float> output = stackalloc float[XorNetwork.OutputSize];
int correct = 0;
for (int row = 0; row < targets.Length; row++)
{
    network.Forward(inputs.AsSpan(row * XorNetwork.InputSize, XorNetwork.InputSize), output);
    bool right = output[0] >= 0.5f == targets[row] >= 0.5f;
    correct += right ? 1 : 0;
    Console.WriteLine($"  {inputs[2 * row],2}  {inputs[(2 * row) + 1],2}   {targets[row],3}   {output[0].ToString("F4", CultureInfo.InvariantCulture)}  {(right ? "ok" : "WRONG")}");
}

Console.WriteLine();
Console.WriteLine(correct == targets.Length ? "The network learned XOR." : $"The network got {targets.Length - correct} of 4 rows wrong.");

// A non-zero exit code lets scripts (and CI) tell a run that failed to learn.
return correct == targets.Length && cost < TargetCost ? 0 : 1;

// A bar whose length follows the cost on a log scale: from 0.25 (untrained) down to 0.0001.
static string Bar(float cost)
{
    double fraction = Math.Clamp(Math.Log10(cost / 1e-4) / Math.Log10(0.25 / 1e-4), 0, 1);
    return new string('#', (int)Math.Round(fraction * 40));
}
