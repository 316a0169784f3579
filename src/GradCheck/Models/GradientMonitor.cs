using System.Globalization;
using System.Numerics;

namespace GradCheck;

/// <summary>
/// Checks a model's backward pass during training: call <see cref="Step"/> once per training step (after the
/// optimizer update); every <see cref="GradientMonitorOptions.Interval"/> steps it checks a fresh stratified
/// sample of every tensor at the current, trained weights. Let the network train for a
/// while before trusting a check: wrong terms multiplied by weights that are still near their initial values hide.
/// </summary>
/// <remarks>
/// A check calls <see cref="IDifferentiableModel{T}.Loss"/> and <see cref="IDifferentiableModel{T}.Backward"/> at
/// the current weights, so it overwrites the gradient buffers and the forward caches; the weights themselves are
/// restored bit-exactly. Cost of one check on a smooth loss, with P tensors and k = SampleSize:
/// at most 1 + P·(10 + 16·k) loss evaluations with the adaptive default (1 + P·(2 + 2·k) with a fixed central scheme); <see cref="EvaluationsPerStep"/> is the amortised cost so far.
/// </remarks>
/// <typeparam name="T">The model's element type.</typeparam>
public sealed class GradientMonitor<T> where T : IFloatingPointIeee754<T>
{
    private readonly IDifferentiableModel<T> _model;
    private readonly GradientMonitorOptions _options;
    private readonly GradientCheckOptions _check;
    private readonly List<ModelReport> _failures = [];

    /// <summary>Creates a monitor for <paramref name="model"/>.</summary>
    public GradientMonitor(IDifferentiableModel<T> model, GradientMonitorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _options = options ?? new GradientMonitorOptions();
        if (_options.Interval < 1)
            throw new ArgumentOutOfRangeException(nameof(options), _options.Interval, "Interval (training steps between checks) must be at least 1.");
        if (_options.SampleSize < 1)
            throw new ArgumentOutOfRangeException(nameof(options), _options.SampleSize, "SampleSize (entries per tensor per check) must be at least 1.");
        _check = (_options.Check ?? GradientCheckOptions.Default) with { Indices = null, SampleSize = _options.SampleSize };
    }

    /// <summary>Training steps seen so far.</summary>
    public long Steps { get; private set; }

    /// <summary>Checks made so far.</summary>
    public int Checks { get; private set; }

    /// <summary>
    /// Checks so far whose outcome was <see cref="CheckOutcome.Inconclusive"/>: nothing failed, but some entries could
    /// not be resolved. Unless <see cref="CheckOptions.AcceptInconclusive"/> is set they also count in <see cref="Failures"/>.
    /// </summary>
    public int InconclusiveChecks { get; private set; }

    /// <summary>Loss evaluations spent on checks so far.</summary>
    public long Evaluations { get; private set; }

    /// <summary>Amortised cost: <see cref="Evaluations"/> per training step so far (0 before the first step).</summary>
    public double EvaluationsPerStep => Steps == 0 ? 0 : (double)Evaluations / Steps;

    /// <summary>Evaluations of the most recent check, or 0 before the first one.</summary>
    public int LastCheckEvaluations => LastReport?.FunctionEvaluations ?? 0;

    /// <summary>The most recent check's report, or null before the first one.</summary>
    public ModelReport? LastReport { get; private set; }

    /// <summary>
    /// The reports of every failed check, and of every inconclusive one unless the options accept those
    /// (when <see cref="GradientMonitorOptions.ThrowOnFailure"/> is false).
    /// </summary>
    public IReadOnlyList<ModelReport> Failures => _failures;

    /// <summary>
    /// Call once per training step. Returns the report when this step was a check, otherwise null (and costs nothing).
    /// </summary>
    /// <exception cref="GradientMonitorFailedException">The check failed and <see cref="GradientMonitorOptions.ThrowOnFailure"/> is set.</exception>
    public ModelReport? Step(CancellationToken cancellationToken = default)
    {
        Steps++;
        if (Steps % _options.Interval != 0) return null;
        // A new seed at every check samples different entries, so over training most of each tensor gets looked at.
        int seed = unchecked((_check.Seed ?? GradientCheckDefaults.Seed) + 7919 * Checks);
        var report = ModelCheck.Run(_model, _check with { Seed = seed }, cancellationToken);
        Checks++;
        Evaluations += report.FunctionEvaluations;
        LastReport = report;
        _options.OnCheck?.Invoke(report);
        if (report.Outcome == CheckOutcome.Inconclusive) InconclusiveChecks++;
        // An unresolved check is a failure to check unless the options accept it: training on would trust what nobody verified.
        if (report.Outcome == CheckOutcome.Failed || (report.Outcome == CheckOutcome.Inconclusive && !report.AcceptsInconclusive))
        {
            _failures.Add(report);
            if (_options.ThrowOnFailure) throw new GradientMonitorFailedException(Steps, report);
        }
        return report;
    }

    /// <summary>The cost so far, in words.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Checks} checks in {Steps} steps ({_failures.Count} failed, {InconclusiveChecks} inconclusive); {Evaluations} loss evaluations, {EvaluationsPerStep:0.##} per step amortised, {LastCheckEvaluations} in the last check");
}
