using GradCheck.Cli.Running;

namespace GradCheck.Cli.Reports;

/// <summary>
/// What a group or case checked, in the words of its mode, for the console and HTML tables alike. A full check
/// compares entries; a fast check compares random directional derivatives and lists entries only when it had to
/// locate wrong ones, so "checked 0 | worst rel error 0" would read as "nothing was checked" on a fast pass.
/// </summary>
internal static class CheckedText
{
    /// <summary>Shown where a count or error has no entries behind it (a fast pass locates none).</summary>
    public const string None = "–";

    /// <summary>The "checked" cell: the number of entries, or in fast mode the directions and any entries located.</summary>
    public static string Checked(GradientReport report) => report.Mode == CheckMode.Fast
        ? Count(report.Directions, "direction") + (report.Rows().Count > 0 ? $", {Numbers.Format(report.Rows().Count)} located" : "")
        : Numbers.Format(report.Rows().Count);

    /// <summary>The "checked"/"entries" cell of a whole case: the entries, plus the directions of its fast groups.</summary>
    public static string Checked(CaseOutcome outcome)
    {
        var groups = outcome.Result?.Groups ?? [];
        int directions = groups.Where(g => g.Report.Mode == CheckMode.Fast).Sum(g => g.Report.Directions);
        int entries = outcome.Entries.Count();
        if (directions == 0) return Numbers.Format(entries);
        return Count(directions, "direction") + (entries > 0 ? $", {Numbers.Format(entries)} located" : "");
    }

    /// <summary>A count of entries, or <see cref="None"/> when the report examined no single entry.</summary>
    public static string Count(GradientReport report, int count) => report.Rows().Count == 0 ? None : Numbers.Format(count);

    /// <summary>The worst relative error, or <see cref="None"/> when no entry was examined (not a reassuring 0).</summary>
    public static string WorstRelativeError(GradientReport report) =>
        report.Rows().Count == 0 ? None : Numbers.Format(report.WorstRelativeError);

    /// <summary>The worst relative error over a case's entries, or <see cref="None"/>.</summary>
    public static string WorstRelativeError(CaseOutcome outcome)
    {
        var errors = outcome.Entries.Select(x => x.Entry.RelativeError).Where(double.IsFinite).ToList();
        return errors.Count == 0 && outcome.Result?.Groups.Any(g => g.Report.Mode == CheckMode.Fast) == true ? None : Numbers.Format(errors.DefaultIfEmpty(0).Max());
    }

    /// <summary>For a fast-mode group: what it compared and what it cost, in one line; null for a full check.</summary>
    public static string? FastLine(CheckGroup group)
    {
        var r = group.Report;
        if (r.Mode != CheckMode.Fast) return null;
        int located = r.Rows().Count;
        return $"fast mode ({group.Name}): {Count(r.Directions, "random direction")} compared (each a directional derivative over every checked entry at once); "
            + $"{Numbers.Format(r.FunctionEvaluations)} evaluations; {Numbers.Format(located)} {(located == 1 ? "entry" : "entries")} located"
            + (located == 0 ? " (none needed: every direction agreed)" : "");
    }

    private static string Count(int count, string what) => $"{Numbers.Format(count)} {what}{(count == 1 ? "" : "s")}";
}
