using System.Collections.Concurrent;
using GradCheck.FiniteDifferences;
using GradCheck.Internal;
using GradCheck.Verdicts;

namespace GradCheck.Lines;

/// <summary>
/// The core's check of one derivative at a time, for adapters that evaluate their functions their own way (the
/// TorchSharp adapter is one): the adaptive finite-difference estimate along an <see cref="ILineFunction"/>, the verdict
/// from the error budget, the recheck a failing entry must survive, the warnings and the report, exactly as the core's
/// own checks make them. The options are validated once, here. Thread-safe: entries may be checked on several threads at
/// once (each thread estimates with its own tableau), as with <see cref="GradientCheckOptions.MaxDegreeOfParallelism"/>.
/// </summary>
/// <example>
/// <code>
/// var lines = new LineCheck(options);
/// var budget = lines.Budget(epsilon, analyticRow);
/// var entry = lines.CheckEntry(line, budget, index, "w[3]", analyticRow[index]);
/// </code>
/// </example>
public sealed class LineCheck
{
    private readonly GradientCheckOptions _options;

    // An estimator keeps its tableau between calls (no allocation per entry), so it serves one entry at a time: adapters
    // that check entries on several threads share one LineCheck and its budgets, and each call rents an idle estimator.
    private readonly ConcurrentBag<EntryEstimator> _idle = [];

    /// <summary>Validates <paramref name="options"/> and prepares the estimator they select.</summary>
    /// <param name="options">The check's options (scheme, tolerance rule, safety factors, sampling).</param>
    /// <exception cref="ArgumentException">An option value that cannot work.</exception>
    public LineCheck(GradientCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Preconditions.ValidOptions(options);
        _options = options;
        _idle.Add(new EntryEstimator(options));
        Method = CheckDescription.Method(options);
    }

    /// <summary>The finite-difference method and tolerance rule, in words (as <see cref="GradientReport.Method"/> states them).</summary>
    public string Method { get; }

    /// <summary>
    /// The seed for whatever the caller draws at random (directions, projections): the options' Seed, or the core's
    /// default, so that one Seed reproduces the whole check as it does the core's own.
    /// </summary>
    public int Seed => _options.EffectiveSeed;

    /// <summary>
    /// Evaluations a check should have made at least, repeats of the unperturbed point included, before it believes the
    /// function deterministic (<see cref="GradientCheckOptions.DeterminismEvaluations"/>, or the core's default).
    /// </summary>
    public int DeterminismEvaluations => _options.DeterminismEvaluations ?? GradientCheckDefaults.DeterminismEvaluationFloor;

    /// <summary>The elements of a flat input of <paramref name="dimension"/> elements that the options ask to check.</summary>
    /// <exception cref="ArgumentException">Indices and SampleSize both set, or an index outside the input.</exception>
    public EntryPlan Plan(int dimension)
    {
        var plan = CheckPlan.Create(_options, dimension);
        return new EntryPlan(plan.Indices, plan.Seed);
    }

    /// <summary>The error budget for the entries of one row of analytic values.</summary>
    /// <param name="epsilon">Machine epsilon of the coarsest element type involved (input or output).</param>
    /// <param name="analytic">The row: every analytic entry the backward pass summed at the same scale (all inputs).</param>
    public EntryBudget Budget(double epsilon, IReadOnlyList<double> analytic)
    {
        ArgumentNullException.ThrowIfNull(analytic);
        return new EntryBudget(new ErrorBudget(_options, epsilon, analytic));
    }

    /// <summary>
    /// One entry, as the core's full check judges it: the estimate along <paramref name="line"/>, the verdict, and for a
    /// Mismatch (away from a kink) the recheck on steps that cross no switch point. The recheck does not repeat
    /// evaluations to refuse randomness: a caller whose line caches values, or that checks determinism around the whole
    /// check, has already refused it.
    /// </summary>
    /// <param name="line">The function along the entry's coordinate.</param>
    /// <param name="budget">The budget of the entry's row.</param>
    /// <param name="index">The entry's flat index (<see cref="EntryResult.Index"/>).</param>
    /// <param name="name">The entry's name (<see cref="EntryResult.Name"/>).</param>
    /// <param name="analytic">The analytic derivative to judge.</param>
    public EntryResult CheckEntry(ILineFunction line, EntryBudget budget, int index, string name, double analytic)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(budget);
        return WithEstimator(estimator =>
        {
            var probe = new LineFunctionProbe(line);
            var estimate = estimator.Estimate(probe);
            var entry = budget.Inner.Judge(index, name, analytic, estimate);
            return Recheck(estimator, probe, null, budget, index, name, analytic, estimate, entry);
        });
    }

    private T WithEstimator<T>(Func<EntryEstimator, T> use)
    {
        if (!_idle.TryTake(out var estimator)) estimator = new EntryEstimator(_options);
        try
        {
            return use(estimator);
        }
        finally
        {
            _idle.Add(estimator);
        }
    }

    /// <summary>
    /// A failure must be real, as in the core's own checks (float32 ReLU networks failed correct entries without it): a
    /// Mismatch away from a kink is rechecked on steps that cross no switch point, its evaluations repeated when the line can.
    /// </summary>
    private EntryResult Recheck(EntryEstimator estimator, LineFunctionProbe probe, IRepeatableLineFunction? repeatable, EntryBudget budget, int index, string name, double analytic,
        DerivativeEstimate estimate, EntryResult entry)
    {
        if (entry.Verdict != EntryVerdict.Mismatch || estimate.LeftDerivative is not null) return entry;
        Action verify = repeatable is null ? () => { } : () => repeatable.VerifyRepeatable(_options.NondeterminismTolerance);
        return MismatchRecheck.Run(new MismatchRecheck.Line(probe, () => { }, verify), estimator, index, name, budget.Inner, analytic, entry);
    }

    /// <summary>
    /// One entry, decided as soon as the evidence allows, as the core's full check decides its own: an entry whose cheap
    /// estimate (three evaluations) agrees with <paramref name="analytic"/> decisively, far inside any error the check must
    /// catch, passes on it; every other entry gets the estimate and recheck of <see cref="CheckEntry"/>. Kinks, jumps and
    /// noise land in the cheap estimate's error and leave the entry to the full estimate. When the line is an
    /// <see cref="IRepeatableLineFunction"/>, its evaluations are repeated where the core repeats them (an irregular
    /// estimate, an entry that does not pass, a cheap estimate that contradicts the full one), so randomness is refused.
    /// Early passes apply to the adaptive default in double precision only; with a fixed scheme, step or tolerance, or in
    /// float32, this is <see cref="CheckEntry"/>.
    /// </summary>
    /// <param name="line">The function along the entry's coordinate.</param>
    /// <param name="budget">The budget of the entry's row.</param>
    /// <param name="index">The entry's flat index (<see cref="EntryResult.Index"/>).</param>
    /// <param name="name">The entry's name (<see cref="EntryResult.Name"/>).</param>
    /// <param name="analytic">The analytic derivative to judge.</param>
    /// <exception cref="NonDeterministicFunctionException">A repeated evaluation of a repeatable line gave another value.</exception>
    public EntryResult DecideEntry(ILineFunction line, EntryBudget budget, int index, string name, double analytic)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(budget);
        return WithEstimator(estimator =>
        {
            var probe = new LineFunctionProbe(line);
            if (EarlyDecision.TryPass(estimator, probe, budget.Inner, index, _ => name, analytic, out var quick, out int spent) is { } passed)
                return passed;
            var estimate = estimator.Estimate(probe);
            estimate = estimate with { Evaluations = estimate.Evaluations + spent };
            var entry = budget.Inner.Judge(index, name, analytic, estimate);
            var repeatable = line as IRepeatableLineFunction;
            if (repeatable is not null && EarlyDecision.NeedsRepeat(estimate, entry, quick)) repeatable.VerifyRepeatable(_options.NondeterminismTolerance);
            return Recheck(estimator, probe, repeatable, budget, index, name, analytic, estimate, entry);
        });
    }

    /// <summary>
    /// One directional derivative (a random projection, a direction of the fast mode): one estimate along
    /// <paramref name="line"/> and its verdict, with no recheck (a direction is not located to an entry to recheck).
    /// </summary>
    /// <param name="line">The function along the direction, parametrised by the step.</param>
    /// <param name="budget">The budget of the direction's terms.</param>
    /// <param name="index">The index to report (<see cref="EntryResult.Index"/>).</param>
    /// <param name="name">The name to report (<see cref="EntryResult.Name"/>).</param>
    /// <param name="analytic">The analytic directional derivative.</param>
    public EntryResult CheckDirection(ILineFunction line, EntryBudget budget, int index, string name, double analytic)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(budget);
        return WithEstimator(estimator => budget.Inner.Judge(index, name, analytic, estimator.Estimate(new LineFunctionProbe(line))));
    }

    /// <summary>The warnings the core derives from entries: kinks, unresolved and coarsely checked entries, a mostly-zero point.</summary>
    /// <param name="entries">The checked entries.</param>
    /// <param name="dimension">Elements of the checked input.</param>
    /// <param name="zeroFraction">Share of the input's elements that are exactly zero.</param>
    /// <param name="functionValue">The function's value (its scale) at the point.</param>
    public static IReadOnlyList<string> Warnings(IReadOnlyList<EntryResult> entries, int dimension, double zeroFraction, double functionValue)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return EntryWarnings.For(entries, dimension, zeroFraction, functionValue).ToList();
    }

    /// <summary>
    /// The report of one checked input, in the core's report type: its outcome, table and messages are the core's, and
    /// inconclusive entries are accepted as the options say.
    /// </summary>
    /// <param name="entries">Every entry checked for the input, failing entries of other kinds (contracts, reentrancy) included.</param>
    /// <param name="functionEvaluations">Evaluations spent on the input.</param>
    /// <param name="warnings">The input's warnings.</param>
    /// <param name="dimension">Elements of the input.</param>
    /// <param name="elementType">The input's element type in words, e.g. "float32".</param>
    /// <param name="functionValue">The function's value (its scale) at the point.</param>
    /// <param name="seed">The seed of what was drawn (a sample, a direction), or null.</param>
    /// <param name="method">How the entries were estimated, in words (usually <see cref="Method"/>).</param>
    public GradientReport Report(IReadOnlyList<EntryResult> entries, int functionEvaluations, IReadOnlyList<string> warnings, int dimension,
        string elementType, double functionValue, int? seed, string method)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(warnings);
        return GradientReport.OfLines(new CheckFacts(entries, functionEvaluations, warnings, method, seed), dimension, elementType, functionValue, _options);
    }

    /// <summary>
    /// Why two values of the function at the same point refuse it as nondeterministic (the core's wording, with the
    /// options' NondeterminismTolerance), for the caller's own determinism check.
    /// </summary>
    /// <param name="first">The first value.</param>
    /// <param name="again">The value of a repeat.</param>
    public string NondeterminismMessage(double first, double again) => DeterminismCheck.Message(first, again, _options.NondeterminismTolerance);
}
