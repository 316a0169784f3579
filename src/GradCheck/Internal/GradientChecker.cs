using System.Numerics;
using GradCheck.Verdicts;

namespace GradCheck.Internal;

/// <summary>The full, per-coordinate check: one finite-difference estimate per entry, each judged by the error budget.</summary>
internal static class GradientChecker<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>The report, or null (with the evaluations made) when f wrote into the gradient's array and the check must run again.</summary>
    public static (GradientReport? Report, int Evaluations) Run(Func<T[], T> function, Func<T[], T[]> gradient, T[] point, GradientCheckOptions options,
        GradientRerun rerun, T[]? snapshot, CancellationToken cancellation)
    {
        var context = CheckContext<T>.Create(point, options, rerun, snapshot);
        var (plan, name, counter, warnings) = (context.Plan, context.Name, context.Counter, context.Warnings);
        snapshot = context.Snapshot;
        try
        {
            var (f0, analytic, noise, pool) = CheckSession<T>.Start(function, gradient, point, context, options, cancellation);
            var budget = new ErrorBudget(options, double.CreateChecked(CoordinateProbe<T>.MachineEpsilon()), analytic);
            int done = 0;
            var entries = ReentrancyCheck.Merge(pool.Map(plan.Indices, (worker, index) =>
            {
                var entry = EntryJudge<T>.Judge(worker, index, budget, analytic[index], name, options);
                if (options.Progress is { } progress)
                    progress.Report(new CheckProgress(Interlocked.Increment(ref done), plan.Indices.Count, counter.Count + pool.Evaluations));
                return entry;
            }), context.NotReentrant);
            int beforeTopUp = counter.Count + pool.Evaluations;
            CheckSession<T>.TopUp(function, point, snapshot, f0, options, beforeTopUp, counter);
            // A progress bar's last value should be the report's count: the top-up comes after the last entry.
            if (counter.Count + pool.Evaluations > beforeTopUp)
                options.Progress?.Report(new CheckProgress(done, plan.Indices.Count, counter.Count + pool.Evaluations));
            if (!analytic.Unchanged()) return (null, counter.Count + pool.Evaluations);

            warnings.AddRange(EntryWarnings.For(entries, point.Length, CheckInputs.ZeroFraction(snapshot), f0, resolvedAtOuterScale: budget.ResolvedAtOuterScale));
            var report = GradientReport.OfGradient<T>(new CheckFacts(entries, counter.Count + pool.Evaluations, warnings, CheckDescription.Method(options), plan.Seed),
                point.Length, f0, noise, options);
            return (report, report.FunctionEvaluations);
        }
        finally
        {
            // Every perturbation restores its own entry; this guards against a function that writes into the point.
            snapshot.CopyTo(point, 0);
        }
    }

}
