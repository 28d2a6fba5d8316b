using System;
using Backprop;

var net = new XorNetwork(seed: 1);
float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
float[] targets = [0, 1, 1, 0];
for (int epoch = 0; epoch < 5000; epoch++)
{
    float cost = net.TrainBatch(inputs, targets, 2f);
    if (epoch % 500 == 0) Console.WriteLine($"{epoch}: {cost}");
}

[Network(2, 4, 1)]
public partial class XorNetwork { }
