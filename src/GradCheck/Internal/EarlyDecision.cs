using GradCheck.FiniteDifferences;
using GradCheck.Verdicts;

namespace GradCheck.Internal;

/// <summary>
/// Decide each entry as soon as the evidence allows: an entry whose cheap estimate (<see cref="QuickDifference"/>) agrees
/// with the analytic value decisively, within a tolerance far below any error the check must catch, passes on it; every
/// other entry is estimated in full, exactly as without the cheap estimate. Only a pass is decided early: a pass must be
/// earned, and the cheap estimate earns it only with a tolerance of at most <see cref="GradientCheckDefaults.EarlyPassPrecision"/>
/// of the entry (100× below the smallest planted bug); a kink, a jump, randomness or noise within its steps lands in its
/// error and leaves the entry to the full estimate. The price: an early pass resolves the entry to its own tolerance
/// (typically 1e-9 of it), not to the full tableau's (down to 1e-12), so a difference between the two passes.
/// </summary>
internal static class EarlyDecision
{
    /// <summary>The relative tolerance an early pass needs in this element type: 0 (never) above double precision.</summary>
    public static double Precision(double epsilon) => epsilon <= 1e-10 ? GradientCheckDefaults.EarlyPassPrecision : 0;

    /// <summary>
    /// The step of the cheap estimate, between the smallest whose rounding (about 2·noise/h, counted twice by the budget)
    /// takes 1/<see cref="GradientCheckDefaults.EarlyShare"/> of the tolerance an early pass allows, and the largest whose
    /// truncation (times 10 in the budget) takes as much: the truncation of a first attempt is assumed to be that of f
    /// varying on the scale 1 (f‴ ≈ |f'|), a second attempt's is measured by the first (<paramref name="previous"/>, whose
    /// truncation grows as h²). Their geometric mean, so either may be misjudged by a large factor and the pass still fit.
    /// Null when the smallest is above the largest (a first attempt at twice the smallest cost a sum of 10⁶ terms 3
    /// evaluations per coordinate and decided none), a second attempt cannot do better, or rounding at the step within [<paramref name="smallest"/>,
    /// <paramref name="largest"/>] would take half the allowance (a large offset in f, a tiny entry): nothing is spent then.
    /// </summary>
    public static double? Step(double noise, double analytic, double epsilon, double smallest, double largest, DerivativeEstimate? previous)
    {
        double allowed = Precision(epsilon) * Math.Abs(analytic);
        if (!(allowed > 0) || !double.IsFinite(allowed) || !(noise >= 0) || !(smallest < largest)) return null;
        double share = GradientCheckDefaults.EarlyShare, safety = GradientCheckDefaults.ErrorEstimateSafety;
        double roundingFloor = share * 4 * noise / allowed;
        double step;
        if (previous is null)
        {
            double truncationCeiling = Math.Sqrt(6 * allowed / (share * safety * Math.Abs(analytic)));
            if (roundingFloor > truncationCeiling) return null;
            step = Math.Sqrt(Math.Max(roundingFloor, double.Epsilon) * truncationCeiling);
        }
        else
        {
            // Only a first attempt that failed on its truncation (a smooth f, more curved than assumed) is worth a second.
            double truncation = previous.ErrorEstimate - previous.RoundingError;
            if (!previous.IsFinite || !(truncation > previous.RoundingError)) return null;
            double truncationCeiling = previous.Step * Math.Sqrt(allowed / (share * safety * truncation));
            if (!(roundingFloor < truncationCeiling) || !(truncationCeiling < previous.Step / 2)) return null;
            step = Math.Sqrt(roundingFloor * truncationCeiling);
        }
        step = Math.Pow(2, Math.Round(Math.Log2(Math.Clamp(step, smallest, largest))));
        return 4 * noise / step > 0.5 * allowed ? null : step;
    }

    /// <summary>
    /// The cheap attempts on one entry (at most <see cref="GradientCheckDefaults.EarlyAttempts"/>): the entry, with the
    /// evaluations spent, when one passes decisively; otherwise null, with the last cheap estimate in
    /// <paramref name="quick"/> (for <see cref="Contradicts"/>) and the evaluations spent in <paramref name="spent"/>, which the
    /// full estimate must add to its own. Shared by the core's full check and the public line check, so both decide alike.
    /// </summary>
    public static EntryResult? TryPass(EntryEstimator estimator, ILineProbe probe, ErrorBudget budget, int index, Func<int, string> name,
        double analytic, out DerivativeEstimate? quick, out int spent)
    {
        quick = null;
        spent = 0;
        for (int attempt = 0; attempt < GradientCheckDefaults.EarlyAttempts; attempt++)
        {
            if (estimator.EstimateQuickly(probe, analytic, quick) is not { } next) break;
            quick = next;
            spent += quick.Evaluations;
            var decided = budget.Judge(index, name(index), analytic, quick);
            if (Passes(decided, probe.Epsilon)) return decided with { Evaluations = spent };
        }
        return null;
    }

    /// <summary>
    /// The full estimate after <see cref="TryPass"/> found no early pass must be checked for randomness by repeating its
    /// evaluations: it was irregular, the entry does not pass, or the cheap estimate contradicts it.
    /// </summary>
    public static bool NeedsRepeat(DerivativeEstimate estimate, EntryResult entry, DerivativeEstimate? quick) =>
        estimate.Irregular || entry.Verdict != EntryVerdict.Ok || (quick is not null && Contradicts(quick, entry));

    /// <summary>
    /// The entry passes on the cheap estimate: Ok, its tolerance within <see cref="Precision"/> of the larger of the two
    /// values, and the two values within half of it (decisively inside, not on the boundary where a better estimate could
    /// land outside).
    /// </summary>
    public static bool Passes(EntryResult entry, double epsilon) =>
        entry.Verdict == EntryVerdict.Ok
        && entry.Tolerance <= Precision(epsilon) * Math.Max(Math.Abs(entry.Analytic), Math.Abs(entry.Numeric))
        && Math.Abs(entry.Analytic - entry.Numeric) <= GradientCheckDefaults.EarlyPassMargin * entry.Tolerance;

    /// <summary>
    /// The cheap estimate is at odds with the full one that decided the entry: further from it than half its own truncation
    /// estimate, its rounding (with the budget's safety) and the full estimate's tolerance. For a smooth f the cubic's value
    /// is far closer to the derivative than its truncation estimate (h³ against h²); a random or corrupted value among its
    /// evaluations moves the value at least as far as the estimate (by 1 to 2 times). Its evaluations are then repeated
    /// with the full estimate's, so randomness met there is refused as it would be in the full estimate's own. A cheap
    /// estimate with no finite value (f not finite at its steps) is repeated too.
    /// </summary>
    public static bool Contradicts(DerivativeEstimate quick, EntryResult full)
    {
        if (!quick.IsFinite) return true;
        double truncation = quick.ErrorEstimate - quick.RoundingError;
        double allowed = 0.5 * truncation + GradientCheckDefaults.RoundingSafety * quick.RoundingError + full.Tolerance;
        return Math.Abs(quick.Value - full.Numeric) > allowed;
    }
}
