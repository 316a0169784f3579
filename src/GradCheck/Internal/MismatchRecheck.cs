using System.Numerics;
using GradCheck.FiniteDifferences;
using GradCheck.Verdicts;
using GradCheck.Workers;

namespace GradCheck.Internal;

/// <summary>
/// A failure must be real: an entry whose first estimate misses its tolerance is estimated again before it is failed, in
/// two stages, each judged with the noise of differences along the entry's own coordinate (<see cref="LineNoise"/>)
/// instead of the check's global noise.
/// <list type="number">
/// <item><b>The plateau.</b> The largest steps below the first estimate's that cross no switch point
/// (<see cref="PlateauEstimator"/>: three halving steps whose one-sided slopes change linearly in the step). A wrong
/// derivative is wrong at every step: if the plateau misses too, the failure stands, now on evidence that no switch point
/// was crossed. An estimate whose steps crossed switch points (dense ReLU kinks in a float32 network: 0.00478 ± 0.00002
/// for a true 0.00452 at step 0.03) is replaced by one that crossed none (0.00451 ± 0.00003 at 0.008): the entry passes
/// on it when it is at least as precise as the first, or when the two contradict each other beyond both their
/// tolerances (one of them crossed a switch point, and it is not the one with the evidence).</item>
/// <item><b>Shrinking steps.</b> Otherwise (no plateau, or one too coarse to overrule the first estimate) the entry is
/// estimated again by extrapolation from steps <see cref="GradientCheckDefaults.RecheckStepRatio"/>× smaller each time,
/// until two successive estimates agree (their distance within the larger of their tolerances). The smaller-step estimate
/// passes the entry when it is at least as precise as the larger-step one (see <see cref="Decide"/>). It fails the entry
/// only where no plateau exists (a sign error next to a domain edge, where only extrapolation reaches): where one exists,
/// switch points are near and an extrapolation's tolerance is not evidence (on float32 ReLU and leaky-ReLU MLPs, all 517
/// entries over 10 seeds each, this stage failed 10 correct entries; a 5 % bug on the toy with 1,150 switch points along
/// one weight is Inconclusive instead on 4 of 20 seeds). Estimates that never agree within
/// <see cref="GradientCheckDefaults.MaxRechecks"/> rechecks leave the entry Inconclusive, never passed.</item>
/// </list>
/// A recheck that does not fail has its evaluations repeated like the first estimate's: randomness is refused, not
/// rechecked into a pass. Entries at a kink (one-sided derivatives, the analytic value outside them) were already examined
/// step by step down to the point and are not rechecked.
/// </summary>
internal static class MismatchRecheck
{
    public static EntryResult Run<T>(EvaluationWorker<T> worker, int index, ErrorBudget budget, double analytic, Func<int, string> name,
        GradientCheckOptions options, EntryResult first) where T : IFloatingPointIeee754<T> =>
        Run(new Line(worker.Coordinates, () => worker.Coordinates.MoveTo(index), () => worker.Coordinates.VerifyRepeatable(options.NondeterminismTolerance)),
            worker.Estimator, index, name(index), budget, analytic, first);

    /// <summary>
    /// A line to recheck an entry along: the probe, how to put it back on the entry's coordinate before each estimate, and
    /// how to repeat its evaluations when a recheck does not fail (a no-op where the caller refuses randomness otherwise).
    /// </summary>
    internal sealed record Line(ILineProbe Probe, Action MoveTo, Action VerifyRepeatable);

    /// <summary>The recheck of <paramref name="first"/>, a Mismatch, along <paramref name="line"/> (see the class summary).</summary>
    public static EntryResult Run(Line line, EntryEstimator estimator, int index, string name, ErrorBudget budget, double analytic, EntryResult first)
    {
        double lineNoise = double.NaN;
        line.MoveTo();
        var plateau = estimator.EstimateOnPlateau(line.Probe, first.Step / GradientCheckDefaults.PlateauStepRatio, ref lineNoise, out int spent);
        int evaluations = first.Evaluations + spent;
        EntryResult? onPlateau = null;
        if (plateau is { IsFinite: true })
        {
            var again = onPlateau = budget.Judge(index, name, analytic, plateau) with { Evaluations = evaluations };
            // Randomness could fake a pass, never a confirmed failure (the first estimate's evaluations were repeated already).
            if (again.Verdict != EntryVerdict.Mismatch) line.VerifyRepeatable();
            // Both estimates miss. The first is reported when the plateau's confirms its value (every entry of the check is then
            // reported from the same estimator), the plateau's when it does not (its error was measured).
            if (again.Verdict == EntryVerdict.Mismatch)
                return Math.Abs(first.Numeric - again.Numeric) <= again.Tolerance ? first with { Evaluations = evaluations } : again;
            if (again.Verdict is EntryVerdict.Discontinuous or EntryVerdict.NotReentrant) return again;
            if (again.Verdict is EntryVerdict.Ok or EntryVerdict.NonDifferentiable && (again.Tolerance <= first.Tolerance || Contradict(first, again)))
                return again;
        }
        var shrunk = ShrinkSteps(line, estimator, index, name, budget, analytic, first, evaluations, lineNoise);
        // Where a plateau exists, switch points are near and an extrapolation's tolerance is no evidence of a failure: the
        // entry is Inconclusive, reported with the plateau's estimate (the one whose error was measured).
        return shrunk.Verdict == EntryVerdict.Mismatch && onPlateau is not null
            ? onPlateau with { Verdict = EntryVerdict.Inconclusive, Evaluations = shrunk.Evaluations }
            : shrunk;
    }

    private static EntryResult ShrinkSteps(Line line, EntryEstimator estimator, int index, string name, ErrorBudget budget, double analytic,
        EntryResult first, int evaluations, double lineNoise)
    {
        var previous = first;
        for (int recheck = 0; recheck < GradientCheckDefaults.MaxRechecks; recheck++)
        {
            line.MoveTo();
            if (estimator.EstimateOnLine(line.Probe, previous.Step / GradientCheckDefaults.RecheckStepRatio, ref lineNoise) is not { } estimate)
                break;
            var again = budget.Judge(index, name, analytic, estimate);
            // Randomness could fake a pass, never a confirmed failure (the first estimate's evaluations were repeated already).
            if (again.Verdict != EntryVerdict.Mismatch) line.VerifyRepeatable();
            evaluations += again.Evaluations;
            if (again.Verdict is EntryVerdict.Discontinuous or EntryVerdict.NotReentrant) return again with { Evaluations = evaluations };
            if (again.Verdict == EntryVerdict.NonFinite) break;
            if (Agree(previous, again)) return Decide(analytic, previous, again) with { Evaluations = evaluations };
            previous = again;
        }
        return previous with { Verdict = ReferenceEquals(previous, first) ? first.Verdict : EntryVerdict.Inconclusive, Evaluations = evaluations };
    }

    /// <summary>
    /// Two agreeing estimates, the smaller-step one judged on its own tolerance (the larger-step one's may be the very
    /// thing in doubt: at dense switch points a first estimate was seen off by 3× its tolerance on a correct gradient). A
    /// mismatch needs the smaller-step estimate to miss and the larger-step value to miss by more than the smaller-step
    /// tolerance too (the failure is reproduced at the smaller steps); the smaller-step estimate passes the entry if it is
    /// at least as precise as the larger-step one; anything else is Inconclusive.
    /// </summary>
    private static EntryResult Decide(double analytic, EntryResult larger, EntryResult smaller)
    {
        if (smaller.Verdict == EntryVerdict.Mismatch && Math.Abs(analytic - larger.Numeric) > smaller.Tolerance) return smaller;
        // A pass must be earned by an estimate at least as precise as the one that failed: a coarser one that happens to
        // land nearer the analytic value would otherwise wave through bugs just above the first tolerance.
        if (smaller.Verdict is EntryVerdict.Ok or EntryVerdict.NonDifferentiable && smaller.Tolerance <= larger.Tolerance) return smaller;
        return smaller with { Verdict = EntryVerdict.Inconclusive };
    }

    private static bool Agree(EntryResult a, EntryResult b) =>
        Math.Abs(a.Numeric - b.Numeric) <= Math.Max(a.Tolerance, b.Tolerance);

    /// <summary>
    /// Two estimates further apart than both their tolerances together: they cannot both be honest, and the plateau's has
    /// the evidence. Short of that, a pass must be earned by an estimate at least as precise as the one that failed: a
    /// coarser one that merely lands nearer the analytic value would otherwise wave through bugs just above the first tolerance.
    /// </summary>
    private static bool Contradict(EntryResult first, EntryResult again) =>
        Math.Abs(first.Numeric - again.Numeric) > first.Tolerance + again.Tolerance;
}
