namespace GradCheck.Cli.Reports;

/// <summary>Which entries to show first, and per-group counts, as every report format presents them.</summary>
internal static class Ranking
{
    /// <summary>Failures first, then by how close each entry came to its tolerance (|a − n| / tolerance).</summary>
    public static IEnumerable<(CheckGroup Group, EntryResult Entry)> Worst(IEnumerable<(CheckGroup Group, EntryResult Entry)> entries) =>
        entries.OrderByDescending(x => x.Entry.IsFailure).ThenByDescending(x => x.Entry.ErrorToTolerance).ThenBy(x => x.Entry.Index);

    /// <summary>The entry's tolerance relative to its magnitude: comparable with <see cref="EntryResult.RelativeError"/>.</summary>
    public static double RelativeTolerance(EntryResult e)
    {
        double scale = Math.Max(Math.Abs(e.Analytic), Math.Abs(e.Numeric));
        return scale > 0 && double.IsFinite(scale) ? e.Tolerance / scale : double.NaN;
    }
}

/// <summary>Verdict counts of one report's entries (broken contracts and unlocated directions are not entries).</summary>
internal sealed record VerdictCounts(int Ok, int Mismatch, int NonDifferentiable, int NonFinite, int Inconclusive)
{
    public static VerdictCounts Of(GradientReport report) => new(
        report.Entries.Count(e => e.Verdict == EntryVerdict.Ok),
        report.Entries.Count(e => e.Verdict == EntryVerdict.Mismatch),
        report.Entries.Count(e => e.Verdict == EntryVerdict.NonDifferentiable),
        report.Entries.Count(e => e.Verdict == EntryVerdict.NonFinite),
        report.Entries.Count(e => e.IsInconclusive));
}
