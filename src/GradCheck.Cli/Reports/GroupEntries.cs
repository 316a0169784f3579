namespace GradCheck.Cli.Reports;

/// <summary>
/// The entry table of a group, when its report has one: gradient, Jacobian, Hessian and model-tensor groups hold a
/// <see cref="GradientReport"/> with an entry per coordinate (or Jacobian entry); Taylor, descent and other checks'
/// reports have none (<see cref="CheckDetails"/> shows theirs). Broken contracts and fast mode's unlocated directions
/// belong to no coordinate, so they are not entries: every report format lists them apart.
/// </summary>
internal static class GroupEntries
{
    /// <summary>The group's gradient report, or null when its report has no entry table.</summary>
    public static GradientReport? EntryReport(this CheckGroup group) => group.CheckReport as GradientReport;

    /// <summary>The group's checked entries; empty for a report without an entry table.</summary>
    public static IReadOnlyList<EntryResult> Entries(this CheckGroup group) => group.EntryReport()?.Entries ?? [];

    /// <summary>The contracts the group's derivative product broke; empty for other reports.</summary>
    public static IReadOnlyList<ContractFailure> ContractFailures(this CheckGroup group) => group.EntryReport()?.ContractFailures ?? [];

    /// <summary>Fast mode's failing or unresolved directions with no entry located; empty for other reports.</summary>
    public static IReadOnlyList<DirectionFailure> DirectionFailures(this CheckGroup group) => group.EntryReport()?.DirectionFailures ?? [];
}
