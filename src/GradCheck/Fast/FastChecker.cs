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
    public static GradientReport Run(Func<T[], T> function, Func<T[], T[]> gradient, T[] point, GradientCheckOptions options, CancellationToken cancellation)
    {
        return RunDetailed(function, gradient, point, options, cancellation, out _);
    }

    /// <summary>The check, also returning the directional results (for tests of detection power and for the Jacobian check).</summary>
    internal static GradientReport RunDetailed(Func<T[], T> function, Func<T[], T[]> gradient, T[] point, GradientCheckOptions options,
        CancellationToken cancellation, out FastOutcome outcome)
    {
        var context = CheckContext<T>.Create(point, options);
        var (plan, name, snapshot, counter, warnings) = (context.Plan, context.Name, context.Snapshot, context.Counter, context.Warnings);
        try
        {
            var (f0, analytic, noise, pool) = GradientChecker<T>.Start(function, gradient, point, context, options, cancellation);
            double epsilon = double.CreateChecked(CoordinateProbe<T>.MachineEpsilon());
            var search = new FastSearch<T>(pool, new GradientAnalytic(analytic), options, name, epsilon);
            outcome = search.Run(plan.Indices);
            GradientChecker<T>.TopUp(function, point, snapshot, f0, options, counter.Count + pool.Evaluations, counter);

            warnings.AddRange(outcome.Warnings);
            warnings.AddRange(EntryWarnings.For(outcome.Entries, point.Length, GradientChecker<T>.ZeroFraction(snapshot), f0,
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
        + GradientChecker<T>.Describe(options);
}
