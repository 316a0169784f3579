using GradCheck.FiniteDifferences;
using GradCheck.Verdicts;

namespace GradCheck.Fast;

/// <summary>The comparison of the claimed directional derivative along a segment with its finite-difference estimate.</summary>
internal sealed record DirectionalResult(DirectionSegment Segment, double Analytic, DerivativeEstimate Estimate, double Numeric, double Tolerance, bool Failed)
{
    /// <summary>|analytic − numeric| in units of the tolerance: above 1 fails. Infinite when no estimate could be formed.</summary>
    public double Score => double.IsFinite(Numeric) && double.IsFinite(Analytic)
        ? Math.Abs(Analytic - Numeric) / Math.Max(Tolerance, double.Epsilon)
        : double.PositiveInfinity;
}

/// <summary>
/// The error budget of the core (ErrorBudget), for a directional derivative g·d with ±1 entries: the estimate's
/// truncation error times the safety factor, its rounding, and the rounding of the analytic entries summed along
/// d: 16ε·|g_i| and 4ε·max|g| per entry, as the core allows each entry, i.e. 16ε·Σ|g_i d_i| + 4ε·m·max|g| for m
/// coordinates. So a direction fails only when the entries cannot all be within their own per-entry budgets.
/// </summary>
internal sealed class DirectionalBudget(GradientCheckOptions options, double epsilon, IReadOnlyList<double> knownEntries)
{
    private readonly ErrorBudget _budget = new(options, epsilon, knownEntries);

    /// <summary>The per-entry budget this one sums: located entries are judged by it, so the gradient is scanned for its scale once.</summary>
    public ErrorBudget EntryBudget => _budget;

    /// <summary>The scale the per-entry budget resolves at (<see cref="ErrorBudget.Scale"/>).</summary>
    public double Scale => _budget.Scale;

    /// <summary>Whether that is an outer scale (<see cref="ErrorBudget.ResolvedAtOuterScale"/>).</summary>
    public bool ResolvedAtOuterScale => _budget.ResolvedAtOuterScale;

    public double Tolerance(double analytic, double magnitude, double numeric, int length, DerivativeEstimate estimate) =>
        _budget.Tolerance(analytic, magnitude, numeric, length, estimate);

    public DirectionalResult Judge(DirectionSegment segment, double analytic, double magnitude, DerivativeEstimate estimate)
    {
        if (!double.IsFinite(analytic) || !estimate.IsFinite)
            return new DirectionalResult(segment, analytic, estimate, estimate.Value, double.NaN, Failed: true);
        if (estimate is { LeftDerivative: { } left, RightDerivative: { } right })
        {
            // A kink along the line: any value between the one-sided derivatives is a valid directional subgradient.
            double closest = Math.Clamp(analytic, Math.Min(left, right), Math.Max(left, right));
            double kinkTolerance = Tolerance(analytic, magnitude, closest, segment.Length, estimate);
            return new DirectionalResult(segment, analytic, estimate, closest, kinkTolerance, Math.Abs(analytic - closest) > kinkTolerance);
        }
        double tolerance = Tolerance(analytic, magnitude, estimate.Value, segment.Length, estimate);
        return new DirectionalResult(segment, analytic, estimate, estimate.Value, tolerance, Math.Abs(analytic - estimate.Value) > tolerance);
    }
}
