using System.Numerics;
using GradCheck.FiniteDifferences;
using GradCheck.Verdicts;
using GradCheck.Workers;

namespace GradCheck.Internal;

/// <summary>One coordinate's verdict, the step every per-entry check shares (full mode, fast mode's located entries).</summary>
internal static class EntryJudge<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>
    /// One coordinate's estimate and verdict. Evaluations that did not behave like a smooth function's (an irregular
    /// estimate) or that make the entry fail are repeated first: a different value is randomness inside f, which is
    /// refused rather than judged. With <paramref name="early"/>, an entry that passes decisively on a cheap estimate is
    /// decided on it (<see cref="EarlyDecision"/>); every other entry gets the full estimate.
    /// </summary>
    public static EntryResult Judge(EvaluationWorker<T> worker, int index, ErrorBudget budget, double analytic, Func<int, string> name,
        GradientCheckOptions options, bool early = true)
    {
        worker.Coordinates.MoveTo(index);
        DerivativeEstimate? quick = null;
        int spent = 0;
        if (early && EarlyDecision.TryPass(worker.Estimator, worker.Coordinates, budget, index, name, analytic, out quick, out spent) is { } passed)
            return passed;
        var estimate = worker.Estimator.Estimate(worker.Coordinates);
        estimate = estimate with { Evaluations = estimate.Evaluations + spent };
        var entry = budget.Judge(index, name(index), analytic, estimate);
        if (EarlyDecision.NeedsRepeat(estimate, entry, quick)) worker.Coordinates.VerifyRepeatable(options.NondeterminismTolerance);
        if (entry.Verdict == EntryVerdict.Mismatch && estimate.LeftDerivative is null) entry = MismatchRecheck.Run(worker, index, budget, analytic, name, options, entry);
        return entry;
    }

}
