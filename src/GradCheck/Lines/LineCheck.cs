using GradCheck.Internal;
using GradCheck.Verdicts;

namespace GradCheck.Lines;

/// <summary>
/// The core's check of one derivative at a time, for adapters that evaluate their functions their own way (the
/// TorchSharp adapter is one): the adaptive finite-difference estimate along an <see cref="ILineFunction"/>, the verdict
/// from the error budget, the recheck a failing entry must survive, the warnings and the report, exactly as the core's
/// own checks make them. The options are validated once, here.
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
    private readonly EntryEstimator _estimator;

    /// <summary>Validates <paramref name="options"/> and prepares the estimator they select.</summary>
    /// <param name="options">The check's options (scheme, tolerance rule, safety factors, sampling).</param>
    /// <exception cref="ArgumentException">An option value that cannot work.</exception>
    public LineCheck(GradientCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Preconditions.ValidOptions(options);
        _options = options;
        _estimator = new EntryEstimator(options);
        Method = GradientChecker<double>.Describe(options);
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
        var probe = new LineFunctionProbe(line);
        var estimate = _estimator.Estimate(probe);
        var entry = budget.Inner.Judge(index, name, analytic, estimate);
        // A failure must be real, as in the core's own checks (float32 ReLU networks failed correct entries without it).
        if (entry.Verdict == EntryVerdict.Mismatch && estimate.LeftDerivative is null)
            entry = MismatchRecheck.Run(new MismatchRecheck.Line(probe, () => { }, () => { }), _estimator, index, name, budget.Inner, analytic, entry);
        return entry;
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
        return budget.Inner.Judge(index, name, analytic, _estimator.Estimate(new LineFunctionProbe(line)));
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
