using Backprop;

namespace Xor;

/// <summary>
/// Two inputs, one hidden layer of four sigmoid neurons, one sigmoid output: the smallest comfortable
/// network for XOR. Everything else — parameters, Forward, Backward, TrainBatch — is generated at
/// compile time; see obj/Debug/net10.0/generated/ after a build.
/// </summary>
[Network(2, 4, 1)]
public partial class XorNetwork
{
}
