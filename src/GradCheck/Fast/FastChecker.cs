using System.Globalization;
using System.Numerics;
using GradCheck.Internal;
using GradCheck.Verdicts;
using GradCheck.Workers;

namespace GradCheck.Fast;

/// <summary>
/// <see cref="CheckMode.Fast"/> for a scalar function: the same preparation as the full check (finite f, determinism,
/// gradient shape and reentrancy), then <see cref="FastSearch{T}"/> over the planned coordinates.
/// </summary>
internal static class FastChecker<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>The report, or null (with the evaluations made) when f wrote into the gradient's array and the check must run again.</summary>
    public static (GradientReport? Report, int Evaluations) Run(Func<T[], T> function, Func<T[], T[]> gradient, T[] point, GradientCheckOptions options,
        GradientRerun rerun, T[]? snapshot, CancellationToken cancellation)
    {
        var report = RunDetailed(function, gradient, point, options, rerun, cancellation, out _, out int evaluations, snapshot);
        return (report, evaluations);
    }

    /// <summary>The check, also returning the directional results (for tests of detection power and for the Jacobian check).</summary>
    internal static GradientReport? RunDetailed(Func<T[], T> function, Func<T[], T[]> gradient, T[] point, GradientCheckOptions options,
        GradientRerun rerun, CancellationToken cancellation, out FastOutcome outcome, out int evaluations, T[]? snapshot = null)
    {
        var context = CheckContext<T>.Create(point, options, rerun, snapshot);
        var (plan, name, counter, warnings) = (context.Plan, context.Name, context.Counter, context.Warnings);
        snapshot = context.Snapshot;
        try
        {
            var (f0, analytic, noise, pool) = CheckSession<T>.Start(function, gradient, point, context, options, cancellation);
            double epsilon = double.CreateChecked(CoordinateProbe<T>.MachineEpsilon());
            var search = new FastSearch<T>(pool, new GradientAnalytic<T>(analytic), options, name, epsilon);
            outcome = search.Run(plan.Indices);
            CheckSession<T>.TopUp(function, point, snapshot, f0, options, counter.Count + pool.Evaluations, counter);
            evaluations = counter.Count + pool.Evaluations;
            if (!analytic.Unchanged()) return null;

            warnings.AddRange(outcome.Warnings);
            warnings.AddRange(EntryWarnings.For(outcome.Entries, point.Length, CheckInputs.ZeroFraction(snapshot), f0,
                resolvedAtOuterScale: search.ResolvedAtOuterScale));
            var facts = new CheckFacts(ReentrancyCheck.Merge(outcome.Entries, context.NotReentrant), counter.Count + pool.Evaluations, warnings,
                Describe(options, outcome), options.EffectiveSeed);
            return GradientReport.OfFastGradient<T>(facts, point.Length, f0, noise, outcome.Detections.Count, outcome.DirectionFailures, options);
        }
        finally
        {
            snapshot.CopyTo(point, 0);
        }
    }

    internal static string Describe(GradientCheckOptions options, FastOutcome outcome) => string.Create(CultureInfo.InvariantCulture,
        $"fast mode: {outcome.Detections.Count} random ±1 directions (seed {options.EffectiveSeed}); any single entry off by more than {outcome.GuaranteedDetection:G3} fails every direction; ")
        + CheckDescription.Method(options);
}
