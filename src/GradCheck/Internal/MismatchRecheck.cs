using System.Numerics;
using GradCheck.FiniteDifferences;
using GradCheck.Verdicts;
using GradCheck.Workers;

namespace GradCheck.Internal;

/// <summary>
/// A failure must be real: an entry whose first estimate misses its tolerance is estimated again before it is failed,
/// each time from steps <see cref="GradientCheckDefaults.RecheckStepRatio"/>× smaller and with the noise of differences
/// along its own coordinate (<see cref="LineNoise"/>), until two successive estimates agree (their distance within the
/// larger of their tolerances). The entry then fails only if both values miss the tighter tolerance, and passes only on
/// the smaller-step estimate when it is at least as precise (see <see cref="Decide"/>). A wrong derivative is wrong at
/// every step: the first recheck reproduces its value and the failure stands. An estimate whose steps crossed switch points (dense ReLU
/// kinks in a float32 network: 0.0013 for a true 0.0019 at step 0.03) moves when the steps shrink below them, and the
/// estimates that agree are those below the switch points. Estimates that never agree within
/// <see cref="GradientCheckDefaults.MaxRechecks"/> rechecks leave the entry Inconclusive, never passed.
/// A recheck that does not fail has its evaluations repeated like the first estimate's: randomness is refused, not
/// rechecked into a pass. Entries at a kink (one-sided derivatives, the analytic value outside them) were already examined
/// step by step down to the point and are not rechecked.
/// </summary>
internal static class MismatchRecheck
{
    public static EntryResult Run<T>(EvaluationWorker<T> worker, int index, ErrorBudget budget, double analytic, Func<int, string> name,
        GradientCheckOptions options, EntryResult first) where T : IFloatingPointIeee754<T>
    {
        var previous = first;
        int evaluations = first.Evaluations;
        double lineNoise = double.NaN;
        for (int recheck = 0; recheck < GradientCheckDefaults.MaxRechecks; recheck++)
        {
            worker.Coordinates.MoveTo(index);
            if (worker.Estimator.EstimateOnLine(worker.Coordinates, previous.Step / GradientCheckDefaults.RecheckStepRatio, ref lineNoise) is not { } estimate)
                break;
            var again = budget.Judge(index, name(index), analytic, estimate);
            // Randomness could fake a pass, never a confirmed failure (the first estimate's evaluations were repeated already).
            if (again.Verdict != EntryVerdict.Mismatch) worker.Coordinates.VerifyRepeatable(options.NondeterminismTolerance);
            evaluations += again.Evaluations;
            if (again.Verdict is EntryVerdict.Discontinuous or EntryVerdict.NotReentrant) return again with { Evaluations = evaluations };
            if (again.Verdict == EntryVerdict.NonFinite) break;
            if (Agree(previous, again)) return Decide(analytic, previous, again) with { Evaluations = evaluations };
            previous = again;
        }
        return ReferenceEquals(previous, first) ? first : previous with { Verdict = EntryVerdict.Inconclusive, Evaluations = evaluations };
    }

    /// <summary>
    /// Two agreeing estimates: a mismatch needs both values outside the tighter tolerance of the two (the failure is
    /// reproduced at the smaller steps); otherwise the smaller-step estimate passes the entry if it is at least as precise
    /// as the larger-step one, and the entry is Inconclusive if not.
    /// </summary>
    private static EntryResult Decide(double analytic, EntryResult larger, EntryResult smaller)
    {
        double tighter = Math.Min(larger.Tolerance, smaller.Tolerance);
        if (Math.Abs(analytic - larger.Numeric) > tighter && Math.Abs(analytic - smaller.Numeric) > tighter)
        {
            var precise = smaller.Tolerance < larger.Tolerance ? smaller : larger;
            return precise with { Verdict = EntryVerdict.Mismatch };
        }
        // A pass must be earned by an estimate at least as precise as the one that failed: a coarser one that happens to
        // land nearer the analytic value would otherwise wave through bugs just above the first tolerance.
        if (smaller.Verdict is EntryVerdict.Ok or EntryVerdict.NonDifferentiable && smaller.Tolerance <= larger.Tolerance) return smaller;
        return smaller with { Verdict = EntryVerdict.Inconclusive };
    }

    private static bool Agree(EntryResult a, EntryResult b) =>
        Math.Abs(a.Numeric - b.Numeric) <= Math.Max(a.Tolerance, b.Tolerance);
}
