using System.Globalization;

namespace GradCheck.Reporting;

/// <summary>
/// The one definition of "worst entry" every report uses: tables list failures first, then by
/// <see cref="EntryResult.ErrorToTolerance"/>; summaries name the entry with the largest error/tolerance and say so,
/// because that entry is in general not the one with the largest relative error.
/// </summary>
internal static class WorstEntry
{
    /// <summary>Failures first, then by how much of its tolerance each entry used; ties in index order.</summary>
    public static IEnumerable<EntryResult> Order(IEnumerable<EntryResult> entries) =>
        entries.OrderByDescending(e => e.IsFailure).ThenByDescending(e => e.ErrorToTolerance);

    /// <summary>The entry with the largest error/tolerance, or null for no entries.</summary>
    public static EntryResult? Largest(IEnumerable<EntryResult> entries) => entries.MaxBy(e => e.ErrorToTolerance);

    /// <summary>"; largest error/tolerance 0.12 at x[3]" for the summary lines, or "" for no entries.</summary>
    public static string Phrase(IEnumerable<EntryResult> entries) =>
        Largest(entries) is { } worst
            ? string.Create(CultureInfo.InvariantCulture, $"; largest error/tolerance {ReportText.Num(worst.ErrorToTolerance)} at {worst.Label}")
            : "";
}
