namespace Backprop.Evaluation;

/// <summary>How a network's output, and a target row, name a class.</summary>
internal enum ClassificationRule
{
    /// <summary>The network is not a classifier: accuracy does not apply.</summary>
    None,

    /// <summary>A softmax output: the class is the index of the largest value (the first one on a tie).</summary>
    LargestOutput,

    /// <summary>A single sigmoid output: class 1 when the value is at least 0.5, otherwise class 0.</summary>
    Threshold,
}
