using System;

namespace Backprop;

/// <summary>
/// What every generated network tells about its shape, whatever its number type: layer sizes, activations
/// and where each parameter lives. Library code (trainers, serializers) works on networks through this
/// interface and <see cref="INeuralNetwork{T}"/>.
/// </summary>
/// <remarks>
/// <para>
/// Layers are numbered as in the backpropagation derivation: layer 1 is the input layer and layer
/// <see cref="LayerCount"/> (L) the output layer, so weights and biases exist for layers 2…L. Neuron
/// indices <c>j</c> (in layer l) and <c>k</c> (in layer l − 1) are zero-based, like every C# index.
/// </para>
/// <para>
/// Parameters are stored layer by layer: for each layer l = 2…L the weight matrix Wˡ, row-major
/// (w<sup>l</sup><sub>jk</sub> at offset + j·n<sub>l−1</sub> + k), then the bias vector Bˡ. A gradient span
/// uses the same layout.
/// </para>
/// </remarks>
public interface INeuralNetwork
{
    /// <summary>The number of layers L, input layer included.</summary>
    int LayerCount { get; }

    /// <summary>The number of neurons in each layer, input layer first (element 0 is layer 1).</summary>
    ReadOnlySpan<int> LayerSizes { get; }

    /// <summary>The number of inputs: the size of layer 1.</summary>
    int InputSize { get; }

    /// <summary>The number of outputs: the size of layer L.</summary>
    int OutputSize { get; }

    /// <summary>The number of weights and biases, which is the length of the parameter and gradient spans.</summary>
    int ParameterCount { get; }

    /// <summary>The number type of inputs, outputs and parameters.</summary>
    Precision Precision { get; }

    /// <summary>The cost that Backward, TrainStep and TrainBatch compute and return.</summary>
    Loss Loss { get; }

    /// <summary>Returns the activation σ that layer <paramref name="layer"/> applies (eq. 2).</summary>
    /// <param name="layer">A layer number from 2 (the first hidden layer) to <see cref="LayerCount"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is not between 2 and L.</exception>
    Activation GetActivation(int layer);

    /// <summary>Returns the position of weight w<sup>l</sup><sub>jk</sub> in the parameter and gradient spans.</summary>
    /// <param name="layer">The layer l the weight leads into, from 2 to <see cref="LayerCount"/>.</param>
    /// <param name="j">The zero-based neuron in layer l.</param>
    /// <param name="k">The zero-based neuron in layer l − 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside its layer.</exception>
    int WeightIndex(int layer, int j, int k);

    /// <summary>Returns the position of bias b<sup>l</sup><sub>j</sub> in the parameter and gradient spans.</summary>
    /// <param name="layer">The layer l of the neuron, from 2 to <see cref="LayerCount"/>.</param>
    /// <param name="j">The zero-based neuron in layer l.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside its layer.</exception>
    int BiasIndex(int layer, int j);

    /// <summary>
    /// Sets every weight to a random value drawn from <paramref name="seed"/> (Glorot/Xavier uniform for
    /// sigmoid, tanh and linear layers; He uniform for ReLU and leaky ReLU layers) and every bias to zero.
    /// The same seed gives the same parameters on every platform and in every version.
    /// </summary>
    /// <param name="seed">Any value; equal seeds give equal parameters.</param>
    void InitializeParameters(int seed);
}

/// <summary>
/// A generated network whose inputs, outputs and parameters are of type <typeparamref name="T"/>
/// (<see cref="float"/> or <see cref="double"/>): the forward pass, backpropagation and training.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, as chosen by <see cref="NetworkAttribute.Precision"/>.</typeparam>
/// <remarks>
/// No member allocates on the heap after its first call: in a network of vector loops, the first
/// <see cref="BackwardBatch"/> or <see cref="TrainBatch"/> allocates a buffer for a block of 32 rows, and the first
/// of more than 32 rows a buffer for the sum of the blocks before the last; both are kept. Instances are not
/// thread-safe: do not train one network from two threads, or run <see cref="Forward"/> on one thread while
/// another trains it.
/// </remarks>
public interface INeuralNetwork<T> : INeuralNetwork
    where T : unmanaged
{
    /// <summary>
    /// Every weight and bias, in the layout described on <see cref="INeuralNetwork"/>. Writes go straight
    /// into the network.
    /// </summary>
    Span<T> Parameters { get; }

    /// <summary>A reference to weight w<sup>l</sup><sub>jk</sub>, for reading and writing.</summary>
    /// <param name="layer">The layer l the weight leads into, from 2 to <see cref="INeuralNetwork.LayerCount"/>.</param>
    /// <param name="j">The zero-based neuron in layer l.</param>
    /// <param name="k">The zero-based neuron in layer l − 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside its layer.</exception>
    ref T Weight(int layer, int j, int k);

    /// <summary>A reference to bias b<sup>l</sup><sub>j</sub>, for reading and writing.</summary>
    /// <param name="layer">The layer l of the neuron, from 2 to <see cref="INeuralNetwork.LayerCount"/>.</param>
    /// <param name="j">The zero-based neuron in layer l.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside its layer.</exception>
    ref T Bias(int layer, int j);

    /// <summary>Computes the network's output for one input (eq. 1 and 2).</summary>
    /// <param name="input">The input A¹, of length <see cref="INeuralNetwork.InputSize"/>.</param>
    /// <param name="output">Receives the output Aᴸ; of length <see cref="INeuralNetwork.OutputSize"/>.</param>
    /// <exception cref="ArgumentException">
    /// A span has the wrong length, or an input is NaN or infinite (named by its index); nothing was written.
    /// </exception>
    void Forward(ReadOnlySpan<T> input, Span<T> output);

    /// <summary>
    /// Computes the outputs of many inputs (eq. 1 and 2 for each row). Networks of vector loops take four
    /// rows per pass over their weights, four neurons × four rows at a time where the processor has the
    /// registers, so a batch costs less per row than as many <see cref="Forward"/> calls; each output is
    /// <see cref="Forward"/>'s to the bit.
    /// </summary>
    /// <param name="inputs">The inputs, row-major: rows of <see cref="INeuralNetwork.InputSize"/> values.</param>
    /// <param name="outputs">Receives the outputs, row-major: one row of <see cref="INeuralNetwork.OutputSize"/> values per input row.</param>
    /// <param name="workers">
    /// Threads to share the rows among, or <see langword="null"/> (the default) to run on the calling thread
    /// alone. The outputs are the same to the bit either way.
    /// </param>
    /// <exception cref="ArgumentException">
    /// The spans are empty, not whole rows, or of different row counts, or an input is NaN or infinite (named by
    /// its index, row and column); nothing was written.
    /// </exception>
    /// <exception cref="ObjectDisposedException"><paramref name="workers"/> were disposed; nothing was written.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="workers"/> are running a batch for another thread; nothing was written.</exception>
    void ForwardBatch(ReadOnlySpan<T> inputs, Span<T> outputs, BatchWorkers? workers = null);

    /// <summary>
    /// Backpropagates one example (eq. 1–6) and <em>adds</em> the gradient ∂C/∂θ of its cost to
    /// <paramref name="gradient"/>, so that calls can accumulate a mini-batch.
    /// </summary>
    /// <param name="input">The input A¹, of length <see cref="INeuralNetwork.InputSize"/>.</param>
    /// <param name="target">The expected output Y, of length <see cref="INeuralNetwork.OutputSize"/>.</param>
    /// <param name="gradient">
    /// The gradient to add to, of length <see cref="INeuralNetwork.ParameterCount"/>, laid out like
    /// <see cref="Parameters"/>.
    /// </param>
    /// <returns>The example's cost C of the network's <see cref="INeuralNetwork.Loss"/> (½‖Y − Aᴸ‖² for the default mean squared error).</returns>
    /// <exception cref="ArgumentException">
    /// A span has the wrong length, or <paramref name="input"/> or <paramref name="target"/> holds a NaN or
    /// infinity; <paramref name="gradient"/> is unchanged.
    /// </exception>
    /// <exception cref="InvalidOperationException">
    /// The cost is not finite because the parameters are not, or because the output overflowed;
    /// <paramref name="gradient"/> is unchanged.
    /// </exception>
    T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> gradient);

    /// <summary>
    /// Backpropagates many examples (eq. 1–6 for each row) and <em>adds</em> the sum of their gradients to
    /// <paramref name="gradient"/>: to the bit what one <see cref="Backward"/> per row, in row order, adds to a
    /// gradient that starts at zero. Networks of vector loops take the rows in blocks, and add each block's
    /// gradient with each element read and written once per block.
    /// </summary>
    /// <param name="inputs">m inputs, row after row: length m × <see cref="INeuralNetwork.InputSize"/>, m ≥ 1.</param>
    /// <param name="targets">m expected outputs, row after row: length m × <see cref="INeuralNetwork.OutputSize"/>.</param>
    /// <param name="gradient">The gradient to add to, of length <see cref="INeuralNetwork.ParameterCount"/>, laid out like <see cref="Parameters"/>.</param>
    /// <param name="costs">Receives each row's cost: length m.</param>
    /// <param name="workers">
    /// Threads to share the rows and the gradient among, or <see langword="null"/> (the default) to run on the
    /// calling thread alone. Every result is the same to the bit either way.
    /// </param>
    /// <returns>The sum of the rows' costs, added in row order.</returns>
    /// <exception cref="ArgumentException">
    /// A span has the wrong length, or a row holds a NaN or infinity (named by its row); <paramref name="gradient"/>
    /// is unchanged.
    /// </exception>
    /// <exception cref="InvalidOperationException">
    /// A row's cost is not finite (named by its row), or <paramref name="workers"/> are running a batch for another
    /// thread; <paramref name="gradient"/> is unchanged, and <paramref name="costs"/> holds the costs of some rows
    /// before the one named.
    /// </exception>
    /// <exception cref="ObjectDisposedException"><paramref name="workers"/> were disposed; <paramref name="gradient"/> is unchanged.</exception>
    T BackwardBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> gradient, Span<T> costs, BatchWorkers? workers = null);

    /// <summary>
    /// One step of plain stochastic gradient descent on one example: θ ← θ − η·∂C/∂θ.
    /// </summary>
    /// <param name="input">The input A¹, of length <see cref="INeuralNetwork.InputSize"/>.</param>
    /// <param name="target">The expected output Y, of length <see cref="INeuralNetwork.OutputSize"/>.</param>
    /// <param name="learningRate">The step size η: finite and greater than zero.</param>
    /// <returns>The example's cost before the step.</returns>
    /// <exception cref="ArgumentException">
    /// A span has the wrong length or holds a NaN or infinity; the parameters are unchanged.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="learningRate"/> is not finite or not positive; the parameters are unchanged.
    /// </exception>
    /// <exception cref="InvalidOperationException">The cost is not finite; the parameters are unchanged.</exception>
    T TrainStep(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T learningRate);

    /// <summary>
    /// One step of mini-batch gradient descent: backpropagates every row, averages the gradients over
    /// the batch, then updates the parameters once: θ ← θ − η·(1/m)·Σ ∂C/∂θ.
    /// </summary>
    /// <param name="inputs">m inputs, row after row: length m × <see cref="INeuralNetwork.InputSize"/>, m ≥ 1.</param>
    /// <param name="targets">m expected outputs, row after row: length m × <see cref="INeuralNetwork.OutputSize"/>.</param>
    /// <param name="learningRate">The step size η: finite and greater than zero.</param>
    /// <returns>The mean cost of the batch before the step.</returns>
    /// <exception cref="ArgumentException">
    /// The spans do not hold the same whole number of rows, or a row holds a NaN or infinity; the
    /// parameters are unchanged.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="learningRate"/> is not finite or not positive; the parameters are unchanged.
    /// </exception>
    /// <param name="workers">
    /// Threads to share the rows and the gradient among, or <see langword="null"/> (the default) to run on the
    /// calling thread alone. The step is the same to the bit either way.
    /// </param>
    /// <exception cref="InvalidOperationException">
    /// A row's cost is not finite, or <paramref name="workers"/> are running a batch for another thread; the
    /// parameters are unchanged.
    /// </exception>
    /// <exception cref="ObjectDisposedException"><paramref name="workers"/> were disposed; the parameters are unchanged.</exception>
    T TrainBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate, BatchWorkers? workers = null);
}
