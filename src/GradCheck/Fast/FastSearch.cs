using System.Globalization;
using System.Numerics;
using GradCheck.Internal;
using GradCheck.Reporting;
using GradCheck.Verdicts;
using GradCheck.Workers;

namespace GradCheck.Fast;

/// <summary>What a fast check found: the entries it examined one by one, its warnings and its directional checks.</summary>
internal sealed record FastOutcome(
    IReadOnlyList<EntryResult> Entries,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<DirectionalResult> Detections,
    int LocalisationChecks,
    bool StoppedEarly)
{
    /// <summary>The failed (or unresolved) direction no entry was located to blame, as the report lists it; empty otherwise.</summary>
    public IReadOnlyList<DirectionFailure> DirectionFailures { get; init; } = [];

    /// <summary>
    /// The smallest error in a single entry that every direction was sure to catch: |δ| &gt; tolerance + |estimate error|,
    /// and the budget keeps the estimate error below the tolerance, so 2·max tolerance (docs/fast-mode.md).
    /// </summary>
    public double GuaranteedDetection => 2 * Detections.Select(d => d.Tolerance).DefaultIfEmpty(double.NaN).Max();
}

/// <summary>
/// Fast mode's search: k random ±1 directions; if one fails, bisect its coordinates level by level (both halves
/// checked, failing halves kept) down to segments of one or two coordinates, then check those coordinates with the
/// core's per-entry estimate and budget. Work within a level runs on the worker pool; which checks run next depends
/// only on the results of the level before, so a parallel run makes exactly the checks of a sequential one.
/// </summary>
internal sealed class FastSearch<T> where T : IFloatingPointIeee754<T>
{
    private readonly WorkerPool<T> _pool;
    private readonly IDirectionalAnalytic _analytic;
    private readonly GradientCheckOptions _options;
    private readonly Func<int, string> _name;
    private readonly DirectionalBudget _directionalBudget;
    private readonly Func<int[], IReadOnlyList<EntryResult>> _checkEntries;

    /// <param name="pool">Evaluates f near the point.</param>
    /// <param name="analytic">The claimed derivatives.</param>
    /// <param name="options">The check's options.</param>
    /// <param name="name">Entry names.</param>
    /// <param name="epsilon">Machine epsilon of the element type.</param>
    /// <param name="checkEntries">
    /// Checks located coordinates one by one. Null: the core's per-entry estimate and budget against
    /// <see cref="IDirectionalAnalytic.Entry"/>; a Jacobian check passes its per-(output, input) column check.
    /// </param>
    public FastSearch(WorkerPool<T> pool, IDirectionalAnalytic analytic, GradientCheckOptions options, Func<int, string> name, double epsilon,
        Func<int[], IReadOnlyList<EntryResult>>? checkEntries = null)
    {
        _checkEntries = checkEntries ?? CheckEntries;
        _pool = pool;
        _analytic = analytic;
        _options = options;
        _name = name;
        _directionalBudget = new DirectionalBudget(options, epsilon, analytic.KnownEntries);
    }

    /// <summary>The gradient's entries are resolved at an outer scale (<see cref="ErrorBudget.ResolvedAtOuterScale"/>).</summary>
    public bool ResolvedAtOuterScale => _directionalBudget.ResolvedAtOuterScale;

    /// <param name="coordinates">The coordinates to check, in the order directions list them (an <see cref="IndexRange"/> is not materialised).</param>
    public FastOutcome Run(IReadOnlyList<int> coordinates)
    {
        int count = _options.FastDirections ?? FastDefaults.Directions;
        if (count < 1)
            throw new ArgumentOutOfRangeException(nameof(_options), count, "FastDirections must be at least 1 (null: 5).");
        var directions = RandomDirection.Draw(count, coordinates, _options.EffectiveSeed);
        var detections = Check(directions.Select(d => new DirectionSegment(d, 0, d.Length, 0)).ToArray(), verify: true);
        var worst = detections.Where(d => d.Failed).OrderByDescending(d => d.Score).ThenBy(d => d.Segment.Direction.Number).FirstOrDefault();
        if (worst is null) return Unresolved(detections);
        return Localise(worst, detections);
    }

    private FastOutcome Localise(DirectionalResult failed, DirectionalResult[] detections)
    {
        var warnings = new List<string>();
        var suspects = new List<int>();
        var frontier = new List<DirectionalResult> { failed };
        int checks = 0, unexplained = 0;
        bool stoppedEarly = false;
        while (frontier.Count > 0)
        {
            var children = new List<DirectionSegment>();
            foreach (var open in frontier)
            {
                if (open.Segment.Length <= FastDefaults.LeafSize)
                    for (int p = open.Segment.Start; p < open.Segment.End; p++) suspects.Add(open.Segment.Direction.Coordinate(p));
                else
                {
                    var (left, right) = open.Segment.Halves();
                    children.Add(left);
                    children.Add(right);
                }
            }
            if (children.Count == 0) break;
            var results = Check(children, verify: false);
            checks += results.Length;
            // Children come in pairs. When a failing parent splits into two passing halves, the error is either spread
            // thinly or sits just above the threshold, where each half's own estimate error can mask it: follow the
            // half with the larger discrepancy, so a single wrong entry near the threshold is still found (and the
            // per-coordinate check at the end decides).
            frontier = [];
            for (int c = 0; c < results.Length; c += 2)
            {
                var (left, right) = (results[c], results[c + 1]);
                if (left.Failed) frontier.Add(left);
                if (right.Failed) frontier.Add(right);
                if (left.Failed || right.Failed) continue;
                unexplained++;
                frontier.Add(right.Score > left.Score ? right : left);
            }
            if (frontier.Count > FastDefaults.MaxFrontier)
            {
                stoppedEarly = true;
                break;
            }
        }

        if (stoppedEarly)
        {
            suspects = Sample(frontier.Select(r => r.Segment).ToArray());
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Localisation stopped early: {frontier.Count} disjoint groups of coordinates fail at bisection level {frontier[0].Segment.Depth}, ")
                + $"so many entries are wrong (for example the whole gradient scaled or a whole layer wrong) that locating each would cost more than a full check. "
                + $"{suspects.Count} coordinates sampled from the failing groups were checked one by one and are listed, worst first; run with Mode = CheckMode.Full to list every wrong entry.");
        }

        suspects.Sort();
        var entries = _checkEntries(suspects.Distinct().ToArray()).ToList();
        var directionFailures = new List<DirectionFailure>();
        bool located = entries.Any(e => e.IsFailure);
        int failedDirections = detections.Count(d => d.Failed);
        if (unexplained > 0 && !stoppedEarly && !located)
            warnings.Add($"{unexplained} time(s) a failing group of coordinates split into halves that both pass (the half with the larger discrepancy was followed): the error is spread over many entries, each within its own tolerance, or too close to the threshold to follow.");
        if (!located && failedDirections == 1 && Recheck(failed) is { Failed: false } second
            && second.Tolerance <= GradientCheckDefaults.ResolutionFraction * Math.Max(Math.Abs(second.Analytic), Math.Abs(second.Numeric)))
        {
            // No entry could be blamed, and the direction estimated again from its tableau's smallest step (less truncation)
            // agrees with the claim: the first tableau's error estimate missed its higher-order terms.
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Random direction #{failed.Segment.Direction.Number} disagreed with the claim ({ReportText.Num(failed.Numeric)} vs {ReportText.Num(failed.Analytic)}, tolerance {ReportText.Num(failed.Tolerance)}), ")
                + $"but no entry was wrong and the same direction estimated again from step {ReportText.Num(failed.Estimate.Step)} agrees ({ReportText.Num(second.Numeric)} ± {ReportText.Num(second.Tolerance)}): truncation the first estimate did not see.");
        }
        else if (!located)
        {
            // The directional evidence stands even when no single entry could be blamed: the report must not pass. But a
            // direction that failed by less than twice its tolerance, with no entry to confirm it, is not evidence enough
            // for a failure either (float32 rounding summed over hundreds of entries), and neither is one whose steps may
            // have crossed switch points (a ±1 direction moves every weight of a ReLU network at once): Inconclusive then.
            bool marginal = failed.Score < FastDefaults.UnconfirmedFailureScore;
            var plateau = marginal ? null : OnPlateau(failed);
            int unresolved = entries.Count(e => e.Verdict != EntryVerdict.Ok);
            string? doubt = marginal ? null : Doubt(plateau, unresolved, entries.Count);
            directionFailures.Add(DirectionFailure.Of(failed.Segment.Direction.Number,
                DirectionEntry(failed) with { Verdict = marginal || doubt is not null ? EntryVerdict.Inconclusive : EntryVerdict.Mismatch }));
            warnings.Add(marginal
                ? $"Random direction #{failed.Segment.Direction.Number} missed its tolerance by less than {FastDefaults.UnconfirmedFailureScore}× and no single wrong entry was located: neither a failure nor a pass is earned. Run with Mode = CheckMode.Full (or in double) to examine every entry."
                : doubt is null
                    ? $"Random direction #{failed.Segment.Direction.Number} failed but no single wrong entry was located; the entry '{DirectionName(failed)}' records the directional mismatch. Run with Mode = CheckMode.Full to examine every entry."
                    : string.Create(CultureInfo.InvariantCulture, $"Random direction #{failed.Segment.Direction.Number} failed ({ReportText.Num(failed.Numeric)} vs {ReportText.Num(failed.Analytic)}, tolerance {ReportText.Num(failed.Tolerance)}) but no single wrong entry was located, ")
                      + doubt + ": neither a failure nor a pass is earned. Run with Mode = CheckMode.Full, or in double, to examine every entry.");
        }
        warnings.Insert(0, $"{failedDirections} of {detections.Length} random directions failed; localisation used direction #{failed.Segment.Direction.Number} and {checks} restricted directional checks.");
        return new FastOutcome(entries, warnings, detections, checks, stoppedEarly) { DirectionFailures = directionFailures };
    }

    /// <summary>
    /// The failed direction estimated again with a tableau that starts at the first one's smallest step, where higher-order
    /// truncation is thousands of times smaller: a second opinion asked only when localisation blamed no entry.
    /// </summary>
    private DirectionalResult? Recheck(DirectionalResult failed)
    {
        var (value, magnitude) = _analytic.Along(failed.Segment);
        return _pool.Map([0], (worker, _) =>
        {
            worker.Direction.MoveTo(failed.Segment);
            return worker.Estimator.EstimateFrom(worker.Direction, failed.Estimate.Step) is { } estimate
                ? _directionalBudget.Judge(failed.Segment, value, magnitude, estimate)
                : null;
        })[0];
    }

    /// <summary>
    /// Why a failed direction that no entry explains is not evidence of a failure (null when it is): its largest steps that
    /// cross no switch point do not confirm it, none exist, the steps showed switch points (dense along a direction that
    /// moves every coordinate: a float32 ReLU MLP's direction failed 2.4 % off with smooth-looking differences at every
    /// step), or entries examined along it could not be resolved either (switch points or rounding along them).
    /// </summary>
    private static string? Doubt(DirectionalResult? plateau, int unresolved, int examined) =>
        plateau is null ? "and no steps along it cross no switch point (ReLU, max-pool) to confirm it"
        : !plateau.Failed ? string.Create(CultureInfo.InvariantCulture,
            $"and the largest steps along it that cross no switch point (ReLU, max-pool) do not confirm it ({ReportText.Num(plateau.Numeric)} ± {ReportText.Num(plateau.Tolerance)} at step {ReportText.Num(plateau.Estimate.Step)})")
        : plateau.Estimate.SwitchPointsSeen ? "and its steps crossed switch points (ReLU, max-pool), which along a direction that moves every coordinate lie closer than any step can resolve"
        : unresolved > 0 ? $"and {unresolved} of the {examined} entries examined along it could not be resolved either (switch points or rounding)"
        : null;

    /// <summary>
    /// The failed direction estimated again from the largest steps below its own that cross no switch point, with the noise
    /// measured along it (as a failing entry is, see <see cref="MismatchRecheck"/>): a direction whose failure no entry
    /// explains stands only on that evidence. Null when no such steps exist.
    /// </summary>
    private DirectionalResult? OnPlateau(DirectionalResult failed)
    {
        var (value, magnitude) = _analytic.Along(failed.Segment);
        return _pool.Map([0], (worker, _) =>
        {
            worker.Direction.MoveTo(failed.Segment);
            double lineNoise = double.NaN;
            var estimate = worker.Estimator.EstimateOnPlateau(worker.Direction, failed.Estimate.Step / GradientCheckDefaults.PlateauStepRatio, ref lineNoise, out _);
            return estimate is { IsFinite: true } ? _directionalBudget.Judge(failed.Segment, value, magnitude, estimate) : null;
        })[0];
    }

    /// <summary>
    /// Directional checks of the segments: analytic values on this thread (user callbacks need not be thread-safe),
    /// estimates on the pool. <paramref name="verify"/>: repeat what looked irregular or failed, so that randomness is
    /// refused, not localised. Only the whole directions need it: a bisection step only steers the search, and what it
    /// finds is judged again entry by entry (repeated there) or falls back to the verified direction, so repeating every
    /// failing half (a whole gradient scaled by 2 fails all of them) would double the search's cost for no evidence.
    /// </summary>
    private DirectionalResult[] Check(IReadOnlyList<DirectionSegment> segments, bool verify)
    {
        var analytic = segments.Select(_analytic.Along).ToArray();
        return _pool.Map(Enumerable.Range(0, segments.Count).ToArray(), (worker, i) =>
        {
            var segment = segments[i];
            worker.Direction.MoveTo(segment);
            var estimate = worker.Estimator.Estimate(worker.Direction);
            var (value, magnitude) = analytic[i];
            var result = _directionalBudget.Judge(segment, value, magnitude, estimate);
            if (verify && (estimate.Irregular || result.Failed)) worker.Direction.VerifyRepeatable(_options.NondeterminismTolerance);
            return result;
        });
    }

    /// <summary>
    /// The entries a failing direction points at, each estimated in full: a failure is suspected here, and an early pass
    /// (resolved to 1e-6 of the entry, see <see cref="Internal.EarlyDecision"/>) could hide the difference the direction saw.
    /// </summary>
    private IReadOnlyList<EntryResult> CheckEntries(int[] indices)
    {
        var analytic = indices.Select(_analytic.Entry).ToArray();
        var budget = _directionalBudget.EntryBudget;
        return _pool.Map(Enumerable.Range(0, indices.Length).ToArray(), (worker, i) =>
            EntryJudge<T>.Judge(worker, indices[i], budget, analytic[i], _name, _options, early: false));
    }

    /// <summary>
    /// Every direction agreed. A direction whose tolerance exceeds the resolution the per-entry verdict demands
    /// (<see cref="GradientCheckDefaults.ResolutionFraction"/> of the largest gradient entry: a single entry off by that
    /// much shifts g·d by that much) could not have seen such a bug: the check is inconclusive, recorded as an entry.
    /// </summary>
    private FastOutcome Unresolved(DirectionalResult[] detections)
    {
        // The scale the per-entry budget resolves at: a gradient zero at floating-point precision against its model's is
        // resolved at the model's (ErrorBudget), directions included.
        double scale = _directionalBudget.Scale;
        var coarse = _options.Tolerance is null
            ? detections.Where(d => d.Tolerance > GradientCheckDefaults.ResolutionFraction * Math.Max(scale, Math.Max(Math.Abs(d.Analytic), Math.Abs(d.Numeric))))
                .OrderByDescending(d => d.Tolerance).FirstOrDefault()
            : null;
        if (coarse is null) return new FastOutcome([], [], detections, 0, false);
        var direction = DirectionFailure.Of(coarse.Segment.Direction.Number, DirectionEntry(coarse) with { Verdict = EntryVerdict.Inconclusive });
        string warning = $"Random direction #{coarse.Segment.Direction.Number} agreed only within ±{ReportText.Num(coarse.Tolerance)}, more than "
                         + $"{GradientCheckDefaults.ResolutionFraction:P0} of the largest gradient entry ({ReportText.Num(scale)}): f's rounding drowns the derivative, so a wrong entry would have agreed too.";
        return new FastOutcome([], [warning], detections, 0, false) { DirectionFailures = [direction] };
    }

    /// <summary>Up to <see cref="FastDefaults.SampleWhenTooMany"/> coordinates, spread round-robin over the failing segments, drawn from the seed.</summary>
    private List<int> Sample(DirectionSegment[] segments)
    {
        var random = new Random(_options.EffectiveSeed + 1);
        var pools = segments.Select(s => Enumerable.Range(s.Start, s.Length).Select(s.Direction.Coordinate).ToList()).ToArray();
        var sample = new List<int>();
        for (int round = 0; sample.Count < FastDefaults.SampleWhenTooMany && pools.Any(p => p.Count > 0); round++)
            foreach (var pool in pools)
            {
                if (pool.Count == 0 || sample.Count >= FastDefaults.SampleWhenTooMany) continue;
                int pick = random.Next(pool.Count);
                sample.Add(pool[pick]);
                pool.RemoveAt(pick);
            }
        return sample;
    }

    /// <summary>How the compared quantity is written in reports: g·d for a gradient, vᵀJu for a Jacobian.</summary>
    public string DirectionLabel { get; init; } = "g·d";

    private string DirectionName(DirectionalResult result) => $"{DirectionLabel} (direction #{result.Segment.Direction.Number})";

    private EntryResult DirectionEntry(DirectionalResult result)
    {
        double absolute = Math.Abs(result.Analytic - result.Numeric);
        double larger = Math.Max(Math.Abs(result.Analytic), Math.Abs(result.Numeric));
        return new EntryResult
        {
            Index = -1,
            Name = DirectionName(result),
            Analytic = result.Analytic,
            Numeric = result.Numeric,
            AbsoluteError = absolute,
            RelativeError = absolute == 0 ? 0 : absolute / larger,
            ErrorEstimate = result.Estimate.ErrorEstimate,
            Tolerance = result.Tolerance,
            Verdict = double.IsFinite(result.Numeric) && double.IsFinite(result.Analytic) ? EntryVerdict.Mismatch : EntryVerdict.NonFinite,
            Step = result.Estimate.Step,
            Evaluations = result.Estimate.Evaluations,
        };
    }
}
