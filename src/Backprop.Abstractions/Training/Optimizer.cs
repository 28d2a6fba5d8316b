using System;
using static System.FormattableString;

namespace Backprop.Training;

/// <summary>
/// Turns a gradient ∂C/∂θ into a change of a network's parameters θ. Made for one network shape: its
/// state is sized once, at construction, from <see cref="INeuralNetwork.ParameterCount"/>, and
/// <see cref="Step(Span{float}, ReadOnlySpan{float})"/> never allocates.
/// </summary>
/// <remarks>
/// <para>
/// Every step does, in this order: (1) scale the gradient (a trainer passes 1/m to turn the sum of m rows'
/// gradients into their mean); (2) if its global L2 norm ‖g‖ exceeds <see cref="MaxGradientNorm"/>, scale
/// it down to that norm; (3) add the L2 weight decay λ·θ to the gradient of every <em>weight</em>: biases
/// are not decayed, as is common practice (they set offsets, not the model's capacity); (4) let the
/// optimizer turn the gradient into an update Δ (<see cref="ComputeUpdate"/>) with the step's learning rate,
/// <see cref="CurrentLearningRate"/>: <see cref="LearningRate"/> times the <see cref="Schedule"/>'s factor for
/// the step (1 without a schedule); (5) θ ← θ − Δ.
/// </para>
/// <para>
/// Why double: netstandard2.0 has no generic math, and writing each update rule twice would let the float
/// and double versions drift apart. So an optimizer works in <see cref="double"/> whatever the network's
/// precision: the gradient is widened into a buffer, the rule runs once, in double, and each parameter is
/// rounded once when Δ is subtracted. State (velocity, moments) is double too, which costs 8 bytes per
/// parameter and state vector, and makes a float network's updates slightly more accurate, not less.
/// The two public overloads of <c>Step</c> are the only places that know the network's number type.
/// </para>
/// <para>
/// An optimizer is not thread-safe. A gradient that holds NaN or infinity makes the parameters NaN or
/// infinite; <see cref="Trainer{T}"/> detects that and restores the parameters.
/// </para>
/// </remarks>
public abstract partial class Optimizer
{
    private readonly double[] _weightMask;
    private readonly double[] _gradient;
    private double _lastGradientNorm;

    // Whether LastGradientNorm is still to be measured from _gradient, which holds the last step's scaled gradient.
    private bool _normPending;
    private readonly double[] _update;
    private double _learningRate;
    private double _weightDecay;
    private double _maxGradientNorm = double.PositiveInfinity;
    private LearningRateSchedule? _schedule;
    private double _currentLearningRate;

    /// <summary>Sizes the optimizer's buffers for <paramref name="network"/>'s parameters.</summary>
    /// <param name="network">The network whose parameters the optimizer will update (or one of the same shape).</param>
    /// <param name="learningRate">The step size η: finite and greater than zero.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is NaN, infinite, zero or negative.</exception>
    protected Optimizer(INeuralNetwork network, double learningRate)
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        _learningRate = HyperparameterGuard.Positive(learningRate, nameof(learningRate));
        ParameterCount = network.ParameterCount;
        _weightMask = WeightMask(network);
        _gradient = new double[ParameterCount];
        _update = new double[ParameterCount];
    }

    /// <summary>The number of parameters this optimizer updates: the length of the spans given to <c>Step</c>.</summary>
    public int ParameterCount { get; }

    /// <summary>
    /// The base step size η: finite and greater than zero. May be changed between steps; a
    /// <see cref="Schedule"/> multiplies it by its factor at each step (see <see cref="CurrentLearningRate"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN, infinite, zero or negative.</exception>
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = HyperparameterGuard.Positive(value, nameof(LearningRate));
    }

    /// <summary>
    /// The L2 weight decay λ: λ·θ is added to the gradient of each weight (not of the biases) before the
    /// update, which minimizes C + ½λ‖W‖². Finite and at least zero; default 0 (none).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN, infinite or negative.</exception>
    public double WeightDecay
    {
        get => _weightDecay;
        set => _weightDecay = HyperparameterGuard.NotNegative(value, nameof(WeightDecay));
    }

    /// <summary>
    /// The largest global L2 norm a gradient may have: a (scaled) gradient whose norm ‖g‖ is larger is
    /// multiplied by <c>MaxGradientNorm / ‖g‖</c>, which keeps its direction. Clipping comes before weight
    /// decay. Default: positive infinity (no clipping).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN, zero or negative.</exception>
    public double MaxGradientNorm
    {
        get => _maxGradientNorm;
        set => _maxGradientNorm = HyperparameterGuard.PositiveOrInfinity(value, nameof(MaxGradientNorm));
    }

    /// <summary>
    /// The learning-rate schedule consulted at each step, or null (the default) for the constant
    /// <see cref="LearningRate"/>. A schedule belongs to one optimizer at a time; <see cref="Reset"/> resets it too.
    /// </summary>
    /// <exception cref="ArgumentException">The schedule is already used by another optimizer.</exception>
    public LearningRateSchedule? Schedule
    {
        get => _schedule;
        set
        {
            if (value is not null && value.Owner is not null && !ReferenceEquals(value.Owner, this))
            {
                throw new ArgumentException(
                    Invariant($"This {value.GetType().Name} is already the schedule of another optimizer ({value.Owner.GetType().Name}); a schedule keeps the position of one optimizer's steps. Create one schedule per optimizer."),
                    nameof(Schedule));
            }

            if (_schedule is not null && !ReferenceEquals(_schedule, value))
            {
                _schedule.Owner = null;
            }

            _schedule = value;
            if (value is not null)
            {
                value.Owner = this;
            }
        }
    }

    /// <summary>
    /// The learning rate of the last step: <see cref="LearningRate"/> times the <see cref="Schedule"/>'s factor
    /// for that step. Before the first step, <see cref="LearningRate"/>. <see cref="ComputeUpdate"/> steps with it.
    /// </summary>
    public double CurrentLearningRate => StepCount == 0 ? _learningRate : _currentLearningRate;

    /// <summary>The number of steps taken since construction or the last <see cref="Reset"/>: t in Adam's bias correction.</summary>
    public long StepCount { get; private set; }

    /// <summary>The global L2 norm of the last step's scaled gradient, before clipping and weight decay.</summary>
    public double LastGradientNorm
    {
        get
        {
            if (_normPending)
            {
                _lastGradientNorm = Norm(_gradient);
                _normPending = false;
            }

            return _lastGradientNorm;
        }

        private set
        {
            _lastGradientNorm = value;
            _normPending = false;
        }
    }

    /// <summary>Updates <paramref name="parameters"/> from <paramref name="gradient"/>.</summary>
    /// <param name="parameters">The parameters θ, such as <see cref="INeuralNetwork{T}.Parameters"/>; updated in place.</param>
    /// <param name="gradient">∂C/∂θ, laid out like <paramref name="parameters"/>.</param>
    /// <exception cref="ArgumentException">A span's length is not <see cref="ParameterCount"/>; nothing was changed.</exception>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient) => Step(parameters, gradient, 1.0);

    /// <summary>
    /// Updates <paramref name="parameters"/> from <paramref name="gradient"/> × <paramref name="gradientScale"/>,
    /// e.g. a sum of m rows' gradients with a scale of 1/m.
    /// </summary>
    /// <param name="parameters">The parameters θ, such as <see cref="INeuralNetwork{T}.Parameters"/>; updated in place.</param>
    /// <param name="gradient">∂C/∂θ (or a multiple of it), laid out like <paramref name="parameters"/>.</param>
    /// <param name="gradientScale">The factor that turns <paramref name="gradient"/> into the gradient to follow: finite and greater than zero.</param>
    /// <exception cref="ArgumentException">A span's length is not <see cref="ParameterCount"/>; nothing was changed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gradientScale"/> is not finite or not positive; nothing was changed.</exception>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient, double gradientScale)
    {
        CheckStep(parameters.Length, gradient.Length, gradientScale);
        StepVectors.Scale(gradient, gradientScale, _gradient);
        ClipAndDecay(_gradient, parameters, 0, ClipFactor());
        Update();
        StepVectors.Subtract(parameters, _update);
    }

    /// <inheritdoc cref="Step(Span{float}, ReadOnlySpan{float})"/>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient) => Step(parameters, gradient, 1.0);

    /// <inheritdoc cref="Step(Span{float}, ReadOnlySpan{float}, double)"/>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient, double gradientScale)
    {
        CheckStep(parameters.Length, gradient.Length, gradientScale);
        StepVectors.Scale(gradient, gradientScale, _gradient);
        ClipAndDecay(_gradient, parameters, 0, ClipFactor());
        Update();
        StepVectors.Subtract(parameters, _update);
    }

    /// <summary>
    /// Forgets the optimizer's state (velocity, moments, <see cref="StepCount"/>) and resets its
    /// <see cref="Schedule"/>, as if both were new. Settings such as <see cref="LearningRate"/> are kept.
    /// </summary>
    public virtual void Reset()
    {
        StepCount = 0;
        LastGradientNorm = 0.0;
        _schedule?.Reset();
    }

    /// <summary>What a checkpoint calls this optimizer: <see cref="OptimizerKind.Custom"/> for a type of another assembly, whose state it cannot save.</summary>
    internal virtual OptimizerKind Kind => OptimizerKind.Custom;

    /// <summary>The state vectors, each of <see cref="ParameterCount"/> values, in a fixed order; a checkpoint saves and restores them in place.</summary>
    internal virtual double[][] StateVectors => [];

    /// <summary>Scalar state beyond the step count (e.g. Adam's β powers), as a checkpoint saves it.</summary>
    internal virtual double[] GetStateScalars() => [];

    /// <summary>Restores what <see cref="GetStateScalars"/> returned; the values were checked by <see cref="CheckStateScalars"/>.</summary>
    internal virtual void SetStateScalars(ReadOnlySpan<double> values)
    {
    }

    /// <summary>Null when <paramref name="values"/> can be this optimizer's scalar state; otherwise what is wrong with them.</summary>
    internal virtual string? CheckStateScalars(ReadOnlySpan<double> values) =>
        values.Length == 0 ? null : Invariant($"{GetType().Name} keeps no scalar state, but the checkpoint holds {values.Length} values");

    /// <summary>Restores the step count, the last gradient norm and the current learning rate from a checkpoint.</summary>
    internal void SetStepState(long stepCount, double lastGradientNorm, double currentLearningRate)
    {
        StepCount = stepCount;
        LastGradientNorm = lastGradientNorm;
        _currentLearningRate = currentLearningRate;
    }

    /// <summary>
    /// Turns the gradient into the update Δ that the caller subtracts from θ. Called once per step, after
    /// <see cref="StepCount"/> has been incremented (so it is 1 in the first step).
    /// </summary>
    /// <param name="gradient">The gradient, already scaled, clipped and with weight decay added.</param>
    /// <remarks>The step's learning rate is <see cref="CurrentLearningRate"/> (the schedule's factor applied).</remarks>
    /// <param name="update">Receives Δ; same length. Its contents on entry are unspecified.</param>
    protected abstract void ComputeUpdate(ReadOnlySpan<double> gradient, Span<double> update);

    private static double[] WeightMask(INeuralNetwork network)
    {
        // 1 for a weight, 0 for a bias, found through the network's own layout rather than assumed.
        var mask = new double[network.ParameterCount];
        ReadOnlySpan<int> sizes = network.LayerSizes;
        for (int layer = 2; layer <= network.LayerCount; layer++)
        {
            for (int j = 0; j < sizes[layer - 1]; j++)
            {
                for (int k = 0; k < sizes[layer - 2]; k++)
                {
                    mask[network.WeightIndex(layer, j, k)] = 1.0;
                }
            }
        }

        return mask;
    }

    private void CheckStep(int parametersLength, int gradientLength, double gradientScale)
    {
        ThrowIfWrongLength(parametersLength, "parameters");
        ThrowIfWrongLength(gradientLength, "gradient");
        HyperparameterGuard.Positive(gradientScale, nameof(gradientScale));
    }

    private void ThrowIfWrongLength(int length, string parameterName)
    {
        if (length != ParameterCount)
        {
            throw new ArgumentException(
                Invariant($"'{parameterName}' must have length ParameterCount = {ParameterCount}, but has length {length}. Nothing was changed."),
                parameterName);
        }
    }

    /// <summary>
    /// The factor that brings ‖g‖ down to <see cref="MaxGradientNorm"/>, or 1. Without clipping and weight decay the
    /// gradient stays as it is until the next step, and ‖g‖ (one long chain of additions) is measured only if
    /// <see cref="LastGradientNorm"/> is read.
    /// </summary>
    private double ClipFactor()
    {
        if (!MeasuresNorm)
        {
            _normPending = true;
            return 1.0;
        }

        double norm = Norm(_gradient);
        LastGradientNorm = norm;
        return norm > _maxGradientNorm ? _maxGradientNorm / norm : 1.0;
    }

    /// <summary>Whether a step needs ‖g‖ before its update: to clip, or to keep it before weight decay changes g.</summary>
    private bool MeasuresNorm => !double.IsPositiveInfinity(_maxGradientNorm) || _weightDecay != 0.0;

    /// <summary>
    /// Steps (2) and (3) for the elements from <paramref name="start"/>: g ← clip·g, plus λ·θ for a weight. Nothing
    /// to do without clipping and weight decay.
    /// </summary>
    private void ClipAndDecay(Span<double> gradient, ReadOnlySpan<float> parameters, int start, double clip)
    {
        double decay = _weightDecay;
        if (clip != 1.0 || decay != 0.0)
        {
            double[] mask = _weightMask;
            for (int i = 0; i < gradient.Length; i++)
            {
                gradient[i] = (gradient[i] * clip) + (decay * mask[start + i] * parameters[i]);
            }
        }
    }

    /// <inheritdoc cref="ClipAndDecay(Span{double}, ReadOnlySpan{float}, int, double)"/>
    private void ClipAndDecay(Span<double> gradient, ReadOnlySpan<double> parameters, int start, double clip)
    {
        double decay = _weightDecay;
        if (clip != 1.0 || decay != 0.0)
        {
            double[] mask = _weightMask;
            for (int i = 0; i < gradient.Length; i++)
            {
                gradient[i] = (gradient[i] * clip) + (decay * mask[start + i] * parameters[i]);
            }
        }
    }

    /// <summary>‖g‖: the squares added in order, then the square root.</summary>
    private static double Norm(double[] gradient)
    {
        double sumOfSquares = 0.0;
        foreach (double value in gradient)
        {
            sumOfSquares += value * value;
        }

        return Math.Sqrt(sumOfSquares);
    }

    private void Update()
    {
        AdvanceStep();
        ComputeUpdate(_gradient, _update);
    }

    /// <summary>Counts the step and sets its learning rate, before its update is computed.</summary>
    private void AdvanceStep()
    {
        StepCount++;
        _currentLearningRate = _schedule is null ? _learningRate : _learningRate * _schedule.Advance();
    }
}
