using System.Globalization;
using System.Text;
using GradCheck.Internal;

namespace GradCheck.Reporting;

/// <summary>Plain-text rendering of reports: the summary line, the table and the failure message.</summary>
internal static class ReportText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Summary(GradientReport report)
    {
        int checkedCount = report.Rows.Count;
        int kinks = report.Rows.Count(e => e.Verdict == EntryVerdict.NonDifferentiable);
        int mismatches = report.Rows.Count(e => e.Verdict == EntryVerdict.Mismatch);
        int nonFinite = report.Rows.Count(e => e.Verdict == EntryVerdict.NonFinite);
        int unresolved = report.Rows.Count(e => e.IsInconclusive);
        int notReentrant = report.Rows.Count(e => e.Verdict == EntryVerdict.NotReentrant);
        var text = new StringBuilder();
        text.Append(Verdict(report.Outcome));
        if (report.Mode == CheckMode.Fast)
            text.Append(Invariant, $": {report.Directions} random directions, {report.Failures.Count} wrong entries located, {checkedCount} examined one by one");
        else
            text.Append(Invariant, $": {checkedCount - report.Failures.Count - unresolved} of {checkedCount} entries ok");
        if (checkedCount < report.Dimension) text.Append(Invariant, $" (of {report.Dimension} {report.DimensionUnit})");
        var parts = new List<string>();
        if (mismatches > 0) parts.Add(Plural(mismatches, "mismatch", "mismatches"));
        if (nonFinite > 0) parts.Add($"{nonFinite} non-finite");
        if (notReentrant > 0) parts.Add($"{notReentrant} not reentrant");
        if (kinks > 0) parts.Add(Plural(kinks, "kink", "kinks"));
        if (unresolved > 0) parts.Add($"{unresolved} inconclusive");
        if (parts.Count > 0) text.Append(" (").Append(string.Join(", ", parts)).Append(')');
        text.Append(Invariant, $"; {report.FunctionEvaluations} evaluations");
        if (checkedCount > 0 && report.Mode == CheckMode.Full)
            text.Append(Invariant, $" ({(double)report.FunctionEvaluations / checkedCount:0.#} per entry)");
        text.Append(WorstEntry.Phrase(report.Rows));
        text.Append(Invariant, $" [{report.ElementType}]");
        return text.ToString();
    }

    public static string Table(GradientReport report)
    {
        var rows = Worst(report).Take(GradientCheckDefaults.RowsInTable).ToArray();
        string[] header = ["entry", "analytic", "numeric", "abs error", "rel error", "abs tolerance", "verdict"];
        var cells = rows.Select(e => new[]
        {
            e.Label, Num(e.Analytic), Num(e.Numeric), Num(e.AbsoluteError), Num(e.RelativeError), Num(e.Tolerance),
            e.Verdict.ToString(),
        }).ToList();
        var widths = header.Select((h, c) => Math.Max(h.Length, cells.Select(r => r[c].Length).DefaultIfEmpty(0).Max())).ToArray();
        var text = new StringBuilder();
        text.AppendLine(Summary(report));
        text.AppendLine(Line(header, widths));
        foreach (var row in cells) text.AppendLine(Line(row, widths));
        if (report.Rows.Count > rows.Length)
            text.AppendLine(Invariant, $"  … {report.Rows.Count - rows.Length} more entries, all better than those above");
        foreach (var warning in report.Warnings) text.AppendLine($"warning: {warning}");
        text.Append(Invariant, $"method: {report.Method}");
        return text.ToString();
    }

    public static string FailureMessage(GradientReport report)
    {
        var failures = report.Failures;
        var text = new StringBuilder();
        text.Append(Invariant, $"Gradient check failed: {failures.Count} of {report.Rows.Count} checked entries are wrong.");
        foreach (var e in failures.OrderByDescending(f => f.ErrorToTolerance).Take(GradientCheckDefaults.FailuresInMessage))
            text.AppendLine().Append("  ").Append(Describe(e));
        if (failures.Count > GradientCheckDefaults.FailuresInMessage)
            text.AppendLine().Append(Invariant, $"  … and {failures.Count - GradientCheckDefaults.FailuresInMessage} more.");
        // Said once, not per entry: the fix for a backward that does not reproduce itself is the same for all of them.
        if (failures.Any(e => e.Verdict == EntryVerdict.NotReentrant))
            text.AppendLine().Append("Not reentrant: ").Append(ReentrancyCheck.Advice);
        if (NumericalCausePossible(report) is { } caution) text.AppendLine().Append(caution);
        text.AppendLine().Append(Invariant, $"{report.Summary}");
        text.AppendLine().Append(Invariant, $"method: {report.Method}");
        return text.ToString();
    }

    /// <summary>
    /// Failures that all miss by little, in a check that saw switch points or unresolvable entries near the point: a
    /// diagnosis from evidence says a numerical cause is possible (see <see cref="GradientCheckDefaults.SmallFailureMargin"/>).
    /// </summary>
    private static string? NumericalCausePossible(GradientReport report)
    {
        var misses = report.Failures.Where(e => e.Verdict == EntryVerdict.Mismatch).ToArray();
        if (misses.Length == 0 || misses.Length < report.Failures.Count) return null;
        double margin = misses.Max(e => e.ErrorToTolerance);
        int kinks = report.Entries.Count(e => e.Verdict == EntryVerdict.NonDifferentiable);
        int unresolved = report.Entries.Count(e => e.IsInconclusive);
        if (margin >= GradientCheckDefaults.SmallFailureMargin || kinks + unresolved == 0) return null;
        var seen = new List<string>();
        if (kinks > 0) seen.Add(kinks == 1 ? "1 entry at a kink" : $"{kinks} entries at a kink");
        if (unresolved > 0) seen.Add(unresolved == 1 ? "1 entry it could not resolve" : $"{unresolved} entries it could not resolve");
        return string.Create(Invariant, $"Numerical cause possible: every failure misses by less than {GradientCheckDefaults.SmallFailureMargin:0}× its tolerance (at most {margin:0.0}×), ")
               + $"and this check also found {string.Join(" and ", seen)}. Switch points (ReLU, max-pool, clamp) closer to the point than any usable step, "
               + "or float32 rounding, can cause misses of this size: confirm in double or with GradientCheck.RunExact before hunting a bug.";
    }

    /// <summary>Why an inconclusive report is not a pass, which entries were not resolved, and what to do.</summary>
    public static string InconclusiveMessage(GradientReport report)
    {
        var unresolved = report.Rows.Where(e => e.IsInconclusive).ToArray();
        var text = new StringBuilder();
        text.Append(Invariant, $"Gradient check inconclusive: {unresolved.Length} of {report.Rows.Count} checked entries could not be resolved, so a wrong gradient would have passed there too.");
        foreach (var e in unresolved.Take(GradientCheckDefaults.FailuresInMessage))
            text.AppendLine().Append(Invariant, $"  {e.Label}: analytic {Num(e.Analytic)}, numeric {Num(e.Numeric)}, tolerance {Num(e.Tolerance)}");
        if (unresolved.Length > GradientCheckDefaults.FailuresInMessage)
            text.AppendLine().Append(Invariant, $"  … and {unresolved.Length - GradientCheckDefaults.FailuresInMessage} more.");
        text.AppendLine().Append(Invariant, $"f = {Num(report.FunctionValue)} at the point, its measured noise {Num(report.FunctionNoise)}. ")
            .Append("What to do: check with GradientCheck.RunExact (dual numbers, no rounding limit); subtract a large constant part of f; ")
            .Append("check in double instead of float32; or, to accept unresolved entries knowingly, set GradientCheckOptions.AcceptInconclusive.");
        text.AppendLine().Append(Invariant, $"{report.Summary}");
        return text.ToString();
    }

    /// <summary>One entry in words: both values, the error and the tolerance it was held to.</summary>
    public static string Describe(EntryResult e) => e.Verdict switch
    {
        EntryVerdict.NonFinite when !double.IsFinite(e.Analytic) =>
            $"{e.Label}: analytic value is {Num(e.Analytic)} (numeric {Num(e.Numeric)})",
        EntryVerdict.NonFinite =>
            $"{e.Label}: no finite difference could be formed next to the point (analytic {Num(e.Analytic)})",
        // Full precision: a change within rounding (atomics) must be visible in the two values.
        EntryVerdict.NotReentrant => string.Create(Invariant,
            $"{e.Label}: not reentrant: the derivative was {e.Analytic:G17}, then {e.Numeric:G17} when computed again at the same point, ")
            + $"a change of {Num(e.AbsoluteError)} > NondeterminismTolerance {Num(e.Tolerance)}",
        _ when e.LeftDerivative is { } left && e.RightDerivative is { } right =>
            $"{e.Label}: analytic {Num(e.Analytic)} is outside the one-sided derivatives [{Num(Math.Min(left, right))}, {Num(Math.Max(left, right))}] of a kink, "
            + $"off by {Num(e.AbsoluteError)} > tolerance {Num(e.Tolerance)}",
        _ => $"{e.Label}: analytic {Num(e.Analytic)}, numeric {Num(e.Numeric)}, |a−n| = {Num(e.AbsoluteError)} "
             + $"(relative {Num(e.RelativeError)}) > tolerance {Num(e.Tolerance)} (numeric error estimate {Num(e.ErrorEstimate)})",
    };

    /// <summary>
    /// The verdict word every summary line starts with. Three words, not two: an inconclusive check established
    /// nothing, and printing it as PASSED would claim a check that did not happen.
    /// </summary>
    public static string Verdict(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "PASSED",
        CheckOutcome.Failed => "FAILED",
        _ => "INCONCLUSIVE",
    };

    /// <summary>Failures first, then by how close each entry came to its tolerance.</summary>
    public static IEnumerable<EntryResult> Worst(GradientReport report) => WorstEntry.Order(report.Rows);

    public static string Num(double value) => ReportNumber.Format(value);

    private static string Line(string[] cells, int[] widths) =>
        "  " + string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])));

    private static string Plural(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
}
