namespace GradCheck;

/// <summary>The outcome of a <see cref="CheckCase"/>: one or more named groups, each with its own report.</summary>
public sealed class CheckCaseResult
{
    /// <summary>Creates a result from its groups (at least one).</summary>
    public CheckCaseResult(IReadOnlyList<CheckGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count == 0) throw new ArgumentException("A check case result needs at least one group.", nameof(groups));
        Groups = groups;
    }

    /// <summary>The groups, in the order they were checked (e.g. one per parameter tensor).</summary>
    public IReadOnlyList<CheckGroup> Groups { get; }

    /// <summary>
    /// Failed when any group failed; otherwise Inconclusive when some group could not resolve what it had to check;
    /// otherwise Passed. What the CLI reports per case and what decides its exit code.
    /// </summary>
    public CheckOutcome Outcome => CheckOutcomes.Worst(Groups.Select(g => g.CheckReport.Outcome));

    /// <summary>True iff <see cref="Outcome"/> is <see cref="CheckOutcome.Passed"/>: every group's report passed.</summary>
    public bool Passed => Outcome == CheckOutcome.Passed;

    /// <summary>Function evaluations over all groups.</summary>
    public int FunctionEvaluations => Groups.Sum(g => g.CheckReport.FunctionEvaluations);
}
