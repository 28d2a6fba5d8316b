namespace Backprop.Training;

/// <summary>What <see cref="EarlyStopping"/> watches on the validation set, and what makes an epoch the best.</summary>
public enum ValidationMetric
{
    /// <summary>The validation loss: lower is better.</summary>
    Loss = 0,

    /// <summary>The validation accuracy, for classifiers only: higher is better.</summary>
    Accuracy = 1,
}
