using GradCheck.Cli.Running;

namespace GradCheck.Cli.Reports;

/// <summary>
/// What a group or case checked, in the words of its mode, for the console and HTML tables alike. A full check
/// compares entries; a fast check compares random directional derivatives and lists entries only when it had to
/// locate wrong ones, so "checked 0 | worst rel error 0" would read as "nothing was checked" on a fast pass. A group
/// without an entry table (a Taylor test, a descent check) shows <see cref="None"/> in every entry column.
/// </summary>
internal static class CheckedText
{
    /// <summary>Shown where a count or error has no entries behind it (a fast pass locates none; a Taylor test has none).</summary>
    public const string None = "–";

    /// <summary>The "checked" cell: the number of entries, or in fast mode the directions and any entries located.</summary>
    public static string Checked(CheckGroup group) => group.EntryReport() switch
    {
        null => None,
        { Mode: CheckMode.Fast } r => Count(r.Directions, "direction") + (r.Entries.Count > 0 ? $", {Numbers.Format(r.Entries.Count)} located" : ""),
        var r => Numbers.Format(r.Entries.Count),
    };

    /// <summary>The "checked"/"entries" cell of a whole case: the entries, plus the directions of its fast groups.</summary>
    public static string Checked(CaseOutcome outcome)
    {
        var reports = (outcome.Result?.Groups ?? []).Select(g => g.EntryReport()).OfType<GradientReport>().ToList();
        int directions = reports.Where(r => r.Mode == CheckMode.Fast).Sum(r => r.Directions);
        int entries = outcome.Entries.Count();
        if (directions == 0) return reports.Count == 0 && outcome.Result is not null ? None : Numbers.Format(entries);
        return Count(directions, "direction") + (entries > 0 ? $", {Numbers.Format(entries)} located" : "");
    }

    /// <summary>A count of entries, or <see cref="None"/> when the group examined no single entry.</summary>
    public static string Count(CheckGroup group, int count) => group.Entries().Count == 0 ? None : Numbers.Format(count);

    /// <summary>The worst relative error of the group's entries, or <see cref="None"/> when it examined none (not a reassuring 0).</summary>
    public static string WorstRelativeError(CheckGroup group) =>
        group.Entries().Count == 0 ? None : Numbers.Format(WorstRelativeError(group.Entries()));

    /// <summary>The worst relative error over a case's entries, or <see cref="None"/> when a fast or entry-less group leaves none.</summary>
    public static string WorstRelativeError(CaseOutcome outcome)
    {
        var entries = outcome.Entries.Select(x => x.Entry).ToList();
        bool noEntriesToExpect = outcome.Result?.Groups.Any(g => g.EntryReport() is null or { Mode: CheckMode.Fast }) == true;
        return entries.Count == 0 && noEntriesToExpect ? None : Numbers.Format(WorstRelativeError(entries));
    }

    /// <summary>The largest finite relative error of the entries (0 when none is finite).</summary>
    public static double WorstRelativeError(IEnumerable<EntryResult> entries) =>
        entries.Select(e => e.RelativeError).Where(double.IsFinite).DefaultIfEmpty(0).Max();

    /// <summary>For a fast-mode group: what it compared and what it cost, in one line; null for any other group.</summary>
    public static string? FastLine(CheckGroup group)
    {
        if (group.EntryReport() is not { Mode: CheckMode.Fast } r) return null;
        int located = r.Entries.Count;
        return $"fast mode ({group.Name}): {Count(r.Directions, "random direction")} compared (each a directional derivative over every checked entry at once); "
            + $"{Numbers.Format(r.FunctionEvaluations)} evaluations; {Numbers.Format(located)} {(located == 1 ? "entry" : "entries")} located"
            + (located == 0 ? " (none needed: every direction agreed)" : "");
    }

    private static string Count(int count, string what) => $"{Numbers.Format(count)} {what}{(count == 1 ? "" : "s")}";
}
