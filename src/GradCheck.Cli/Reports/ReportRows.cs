namespace GradCheck.Cli.Reports;

/// <summary>
/// The rows the CLI shows for a report: broken contracts, the checked entries, then fast mode's unlocated directions,
/// as the core's own table prints them. The core keeps the first and last in typed lists (they belong to no coordinate);
/// the console, HTML and JSON reports list them with the entries, so a case that fails on a contract shows why.
/// </summary>
internal static class ReportRows
{
    public static IReadOnlyList<EntryResult> Rows(this GradientReport report) =>
        report.ContractFailures.Count == 0 && report.DirectionFailures.Count == 0
            ? report.Entries
            : [.. report.ContractFailures.Select(c => c.Entry), .. report.Entries, .. report.DirectionFailures.Select(d => d.Entry)];
}
