using GradCheck.Reporting;

namespace GradCheck;

/// <summary>
/// The outcome of a gradient check: a verdict per checked entry, the cost, and warnings. Printing it
/// (<see cref="ToString"/>) gives a compact table, worst entries first.
/// </summary>
public partial class GradientReport : ICheckReport
{
    // Checks build reports with the named factories (Reporting/GradientReport.Factories.cs), which set the fields of
    // their kind of check; adapters reach them through Lines.LineCheck.Report.
    internal GradientReport(
        IReadOnlyList<EntryResult> entries,
        int functionEvaluations,
        IReadOnlyList<string> warnings,
        int dimension,
        string elementType,
        string method,
        int? seed,
        double functionValue,
        bool acceptsInconclusive)
    {
        Entries = entries;
        FunctionEvaluations = functionEvaluations;
        Warnings = warnings;
        Dimension = dimension;
        ElementType = elementType;
        Method = method;
        Seed = seed;
        FunctionValue = functionValue;
        // Required by the constructor, not left to an initializer, so that no check can forget to carry the option over.
        AcceptsInconclusive = acceptsInconclusive;
    }

    /// <summary>
    /// Failed when any entry fails (<see cref="EntryResult.IsFailure"/>); otherwise Inconclusive when any entry
    /// could not be resolved; otherwise Passed.
    /// </summary>
    public CheckOutcome Outcome => Failures.Count > 0 ? CheckOutcome.Failed
        : Rows.Any(e => e.IsInconclusive) ? CheckOutcome.Inconclusive
        : CheckOutcome.Passed;

    /// <summary>True iff <see cref="Outcome"/> is <see cref="CheckOutcome.Passed"/>: every checked entry was resolved and agrees.</summary>
    public bool Passed => Outcome == CheckOutcome.Passed;

    /// <summary>True when the options accepted inconclusive entries (<see cref="CheckOptions.AcceptInconclusive"/>).</summary>
    public bool AcceptsInconclusive { get; init; }

    /// <summary>
    /// One result per checked coordinate (or Jacobian entry), in the order they were checked. Broken contracts and
    /// unlocated directions belong to no coordinate: they are in <see cref="ContractFailures"/> and <see cref="DirectionFailures"/>.
    /// </summary>
    public IReadOnlyList<EntryResult> Entries { get; }

    /// <summary>The contracts a derivative product broke (Jacobian-vector and vector-Jacobian checks); each fails the report.</summary>
    public IReadOnlyList<ContractFailure> ContractFailures { get; init; } = [];

    /// <summary>Fast mode's directions that failed, or could not resolve the gradient, with no entry located to blame.</summary>
    public IReadOnlyList<DirectionFailure> DirectionFailures { get; init; } = [];

    /// <summary>
    /// Everything that fails the report: the failing entries (Mismatch, NonFinite, Discontinuous and NotReentrant), then
    /// every broken contract and failing direction as its report row (<see cref="ContractFailure.Entry"/>, <see cref="DirectionFailure.Entry"/>).
    /// </summary>
    public IReadOnlyList<EntryResult> Failures => _failures ??= Rows.Where(e => e.IsFailure).ToArray();

    private IReadOnlyList<EntryResult>? _failures;
    private IReadOnlyList<EntryResult>? _rows;

    /// <summary>
    /// Every row the report prints: broken contracts (tested before any entry), the entries, then unlocated directions
    /// (the last resort of the fast search): the order the checks made them in.
    /// </summary>
    internal IReadOnlyList<EntryResult> Rows => _rows ??= ContractFailures.Count == 0 && DirectionFailures.Count == 0
        ? Entries
        : [.. ContractFailures.Select(c => c.Entry), .. Entries, .. DirectionFailures.Select(d => d.Entry)];

    /// <summary>Calls of the function the check made, the determinism evaluations included.</summary>
    public int FunctionEvaluations { get; }

    /// <summary>Things the user should know: kinks found, entries the numerics could not resolve, misuse hints.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Number of coordinates of the checked point (checked or not).</summary>
    public int Dimension { get; }

    /// <summary>Element type of the checked function: "double" or "float".</summary>
    public string ElementType { get; }

    /// <summary>The finite-difference method and tolerance rule used, in words.</summary>
    public string Method { get; }

    /// <summary>The seed used for sampling or random directions, or null when nothing random was drawn.</summary>
    public int? Seed { get; }

    /// <summary>
    /// Measured rounding noise of one value of the function at the point (absolute; 0 when not measured, as with
    /// a fixed scheme). The error budget never assumes less than this.
    /// </summary>
    public double FunctionNoise { get; init; }

    /// <summary>How the entries were examined: every planned coordinate (Full), or random directions first (Fast).</summary>
    public CheckMode Mode { get; init; }

    /// <summary>In fast mode, the number of random directional derivatives compared; 0 in full mode.</summary>
    public int Directions { get; init; }

    /// <summary>What <see cref="Dimension"/> counts, in the summary: "coordinates" of a point, or "Jacobian entries".</summary>
    internal string DimensionUnit { get; init; } = "coordinates";

    /// <summary>The function's value at the unperturbed point.</summary>
    public double FunctionValue { get; }

    /// <summary>The entries that are valid subgradients at a kink.</summary>
    public IReadOnlyList<EntryResult> Kinks => Entries.Where(e => e.Verdict == EntryVerdict.NonDifferentiable).ToArray();

    /// <summary>
    /// The largest relative error among checked entries with finite values (0 when none). Entries only: a broken backward
    /// contract or an unlocated direction (<see cref="ContractFailures"/>, <see cref="DirectionFailures"/>) has no relative error of an entry.
    /// </summary>
    public double WorstRelativeError =>
        Entries.Where(e => double.IsFinite(e.RelativeError)).Select(e => e.RelativeError).DefaultIfEmpty(0).Max();

    /// <summary>
    /// Throws <see cref="GradientCheckFailedException"/> when the check failed, and
    /// <see cref="InconclusiveCheckException"/> when it was inconclusive (unless the options accepted that);
    /// does nothing when it passed.
    /// </summary>
    public void ThrowIfFailed()
    {
        switch (Outcome)
        {
            case CheckOutcome.Failed: throw new GradientCheckFailedException(this);
            case CheckOutcome.Inconclusive when !AcceptsInconclusive: throw new InconclusiveCheckException(InconclusiveMessage());
        }
    }

    /// <summary>The failure message: every failing entry (the first ten, then a count) with values, error and tolerance.</summary>
    public string FailureMessage() => ReportText.FailureMessage(this);

    /// <summary>
    /// The message <see cref="ThrowIfFailed"/> gives an inconclusive check: every unresolved entry (the first ten, then a
    /// count) with values and tolerance, and what to do.
    /// </summary>
    public string InconclusiveMessage() => ReportText.InconclusiveMessage(this);

    /// <summary>A one-line summary: verdict, counts, cost, worst entry.</summary>
    public string Summary => ReportText.Summary(this);

    /// <inheritdoc />
    public override string ToString() => ReportText.Table(this);
}
