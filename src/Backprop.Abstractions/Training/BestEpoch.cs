namespace Backprop.Training;

/// <summary>
/// The best epoch so far by the validation metric, and how many epochs have passed without improving on it: the
/// early-stopping state, which a checkpoint saves.
/// </summary>
internal struct BestEpoch
{
    /// <summary>Whether any epoch has been measured.</summary>
    public bool Exists;

    /// <summary>The best epoch's report.</summary>
    public TrainingProgress Report;

    /// <summary>The best epoch's metric (validation loss or accuracy).</summary>
    public double Metric;

    /// <summary>Epochs in a row since the best one that did not improve on it.</summary>
    public int EpochsWithoutImprovement;

    /// <summary>Takes an epoch's report; returns whether it is the new best.</summary>
    public bool Update(in TrainingProgress report, double metric, ValidationMetric monitor, double minDelta)
    {
        if (!Exists || EarlyStopping.IsImprovement(monitor, minDelta, metric, Metric))
        {
            Exists = true;
            Report = report;
            Metric = metric;
            EpochsWithoutImprovement = 0;
            return true;
        }

        EpochsWithoutImprovement++;
        return false;
    }
}
