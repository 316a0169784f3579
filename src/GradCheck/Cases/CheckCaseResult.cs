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
    /// Failed when any group failed; otherwise Inconclusive when some group could not resolve its entries;
    /// otherwise Passed. What the CLI reports per case and what decides its exit code.
    /// </summary>
    public CheckOutcome Outcome => CheckOutcomes.Worst(Groups.Select(g => g.Report.Outcome));

    /// <summary>True iff <see cref="Outcome"/> is <see cref="CheckOutcome.Passed"/>: every group's report passed.</summary>
    public bool Passed => Outcome == CheckOutcome.Passed;

    /// <summary>Function evaluations over all groups.</summary>
    public int FunctionEvaluations => Groups.Sum(g => g.Report.FunctionEvaluations);
}

/// <summary>
/// One named part of a check, typically a parameter tensor such as <c>fc1.weight</c>, with its shape and report.
/// </summary>
/// <param name="Name">The group's name, e.g. a tensor name.</param>
/// <param name="Shape">The group's shape, e.g. [out, in] for a weight matrix; [n] for a flat vector.</param>
/// <param name="Report">The gradient report of the group's entries.</param>
public sealed record CheckGroup(string Name, IReadOnlyList<int> Shape, GradientReport Report)
{
    /// <summary>
    /// The checked function along one coordinate, (index, offset) ↦ f(point + offset·e_index), where index is an
    /// <see cref="EntryResult.Index"/> of <see cref="Report"/>. Optional: reports use it to plot the error of
    /// plain central differences against the step. Null when the case cannot offer it.
    /// </summary>
    public Func<int, double, double>? Line { get; init; }

    /// <summary>What is probably wrong when the group failed (e.g. "transposed layout"), or null.</summary>
    public string? Diagnosis { get; init; }
}
