using GradCheck.FiniteDifferences;

namespace GradCheck.Verdicts;

/// <summary>
/// Decides each entry's verdict. An entry is a Mismatch only when |analytic − numeric| exceeds what the
/// numerics can explain: the numeric estimate's own error (times a safety factor), the rounding of the analytic
/// value at its magnitude, and the rounding a backward pass accumulates at the scale of the largest gradient
/// entry. No absolute floor: tiny gradients are judged at their own scale, except the one the user declares: a
/// backward declared nondeterministic up to <see cref="CheckOptions.NondeterminismTolerance"/> (atomics,
/// parallel sums) gives each entry only to within that tolerance, so no entry is held to less.
/// </summary>
internal sealed class ErrorBudget
{
    private readonly FixedTolerance? _fixed;
    private readonly double _safety;
    private readonly double _epsilon;
    private readonly double _gradientScale;
    private readonly double _analyticNondeterminism;

    public ErrorBudget(GradientCheckOptions options, double epsilon, IReadOnlyList<double> analytic)
    {
        _fixed = options.Tolerance;
        _safety = options.ErrorEstimateSafety ?? GradientCheckDefaults.ErrorEstimateSafety;
        _epsilon = epsilon;
        // A gradient that is zero at floating-point precision against the scale it is part of (a conv bias followed by
        // batch norm: its exact gradient is 0, its computed one a cancellation of model-sized terms) has no scale of its own
        // to resolve against; its entries carry the rounding of that scale and are resolved at it.
        double own = GradientScale.Of(analytic);
        ResolvedAtOuterScale = options.ResolutionScale is { } outer && GradientScale.IsZeroAgainst(own, outer, epsilon);
        _gradientScale = ResolvedAtOuterScale ? options.ResolutionScale!.Value : own;
        _analyticNondeterminism = options.NondeterminismTolerance;
    }

    /// <summary>
    /// The gradient is zero at floating-point precision against <see cref="GradientCheckOptions.ResolutionScale"/> and its
    /// entries are resolved at that scale: each tolerance is then large against its own entry by design, which the caller
    /// reports once (the model check's note) instead of as "checked only coarsely".
    /// </summary>
    public bool ResolvedAtOuterScale { get; }

    /// <summary>The scale the entries are resolved at: the gradient's largest entry, or the outer scale (see <see cref="ResolvedAtOuterScale"/>).</summary>
    public double Scale => _gradientScale;

    /// <summary>
    /// The tolerance for an analytic value against a numeric estimate. The safety factor applies to the
    /// truncation part of the estimate's error, which is a heuristic; the rounding part is already a bound.
    /// </summary>
    public double Tolerance(double analytic, double numeric, DerivativeEstimate estimate) =>
        Tolerance(analytic, Math.Abs(analytic), numeric, terms: 1, estimate);

    /// <summary>
    /// The same budget for an analytic value that sums <paramref name="terms"/> gradient entries whose absolute
    /// values add up to <paramref name="magnitude"/> (a directional derivative g·d): each entry keeps its own
    /// rounding allowance, so the sum fails only when the entries cannot all be within theirs.
    /// </summary>
    public double Tolerance(double analytic, double magnitude, double numeric, int terms, DerivativeEstimate estimate) => _fixed is { } rule
        ? rule.For(analytic, numeric)
        : _safety * Math.Max(estimate.ErrorEstimate - Measured(estimate), 0)
          + GradientCheckDefaults.RoundingSafety * Measured(estimate)
          + GradientCheckDefaults.AnalyticRoundingUlps * _epsilon * Math.Max(magnitude, Math.Abs(numeric))
          + GradientCheckDefaults.GradientScaleRoundingUlps * _epsilon * terms * _gradientScale
          + terms * _analyticNondeterminism;

    /// <summary>The part of the estimate's error that is measured or a bound rather than a heuristic.</summary>
    private static double Measured(DerivativeEstimate estimate) => estimate.ErrorIsMeasured ? estimate.ErrorEstimate : estimate.RoundingError;

    public EntryResult Judge(int index, string name, double analytic, DerivativeEstimate estimate)
    {
        double numeric = estimate.Value;
        if (estimate.IsDiscontinuous)
            return Result(index, name, analytic, numeric, estimate, double.NaN, EntryVerdict.Discontinuous);
        if (!double.IsFinite(analytic) || !estimate.IsFinite)
            return Result(index, name, analytic, numeric, estimate, double.NaN, EntryVerdict.NonFinite);

        if (estimate is { LeftDerivative: { } left, RightDerivative: { } right })
        {
            // A kink: any value between the one-sided derivatives is a valid subgradient.
            double low = Math.Min(left, right), high = Math.Max(left, right);
            double closest = Math.Clamp(analytic, low, high);
            double tolerance = Tolerance(analytic, closest, estimate);
            var verdict = Math.Abs(analytic - closest) <= tolerance ? EntryVerdict.NonDifferentiable : EntryVerdict.Mismatch;
            return Result(index, name, analytic, closest, estimate, tolerance, verdict);
        }

        double tol = Tolerance(analytic, numeric, estimate);
        return Result(index, name, analytic, numeric, estimate, tol,
            Math.Abs(analytic - numeric) > tol ? EntryVerdict.Mismatch
            : Resolved(analytic, numeric, tol) ? EntryVerdict.Ok
            : EntryVerdict.Inconclusive);
    }

    /// <summary>
    /// An agreement counts only when the tolerance is small against the gradient's scale: the larger of the two
    /// values compared and the largest analytic entry. Judged against the whole gradient, so that exact zeros and
    /// tiny entries of a well-resolved gradient are resolved; a fixed tolerance rule is the user's own call.
    /// </summary>
    private bool Resolved(double analytic, double numeric, double tolerance)
    {
        if (_fixed is not null) return true;
        double scale = Math.Max(_gradientScale, Math.Max(Math.Abs(analytic), Math.Abs(numeric)));
        // A gradient that is exactly zero everywhere, matched by an exactly zero difference, has no scale to resolve against.
        if (scale == 0) return analytic == numeric && double.IsFinite(tolerance);
        return tolerance <= GradientCheckDefaults.ResolutionFraction * scale;
    }

    private static EntryResult Result(int index, string name, double analytic, double numeric, DerivativeEstimate estimate, double tolerance, EntryVerdict verdict) =>
        EntryResult.Compare(index, name, analytic, numeric, estimate.ErrorEstimate, tolerance, verdict) with
        {
            Step = estimate.Step,
            Evaluations = estimate.Evaluations,
            LeftDerivative = estimate.LeftDerivative,
            RightDerivative = estimate.RightDerivative,
            Jump = estimate.Jump,
        };
}
