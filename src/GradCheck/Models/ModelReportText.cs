using System.Globalization;
using System.Text;
using GradCheck.Reporting;

namespace GradCheck.Models;

/// <summary>Plain-text rendering of model reports: a row per tensor, then the core's table of the flat details.</summary>
internal static class ModelReportText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Summary(ModelReport report)
    {
        int failed = report.Failures.Count;
        int inconclusive = report.Parameters.Count(p => p.Outcome == CheckOutcome.Inconclusive);
        int unresolved = report.Details.Entries.Count(e => e.IsInconclusive);
        var text = new StringBuilder(ReportText.Verdict(report.Outcome));
        text.Append(Invariant, $": {report.Parameters.Count - failed - inconclusive} of {report.Parameters.Count} tensors ok");
        if (inconclusive > 0) text.Append(Invariant, $" ({inconclusive} inconclusive)");
        text.Append(Invariant, $"; {report.EntriesChecked - report.Details.Failures.Count - unresolved} of {report.EntriesChecked} entries ok");
        if (unresolved > 0) text.Append(Invariant, $" ({unresolved} inconclusive)");
        if (report.EntriesChecked < report.Dimension) text.Append(Invariant, $" (of {report.Dimension} parameters)");
        text.Append(Invariant, $"; {report.FunctionEvaluations} evaluations");
        text.Append(WorstEntry.Phrase(report.Details.Entries));
        text.Append(Invariant, $" [{report.Details.ElementType}]");
        return text.ToString();
    }

    public static string Table(ModelReport report)
    {
        string[] header = ["tensor", "shape", "checked", "worst rel error", "verdict", "diagnosis"];
        var rows = report.Parameters.Select(p => new[]
        {
            p.Name, ParameterIndex.Shape(p.Shape), string.Create(Invariant, $"{p.EntriesChecked}/{p.Length}"),
            ReportText.Num(p.WorstRelativeError), p.Outcome switch { CheckOutcome.Passed => "ok", CheckOutcome.Failed => "FAILED", _ => "INCONCLUSIVE" }, p.Diagnosis ?? "",
        }).ToList();
        var widths = header.Select((h, c) => Math.Max(h.Length, rows.Select(r => r[c].Length).DefaultIfEmpty(0).Max())).ToArray();
        var text = new StringBuilder();
        text.AppendLine(Summary(report));
        text.AppendLine(Line(header, widths));
        foreach (var row in rows) text.AppendLine(Line(row, widths));
        text.AppendLine("details:");
        text.Append(report.Details.ToString());
        return text.ToString();
    }

    public static string FailureMessage(ModelReport report)
    {
        var text = new StringBuilder();
        text.Append(Invariant, $"Model gradient check failed: {report.Failures.Count} of {report.Parameters.Count} tensors are wrong.");
        foreach (var tensor in report.Failures)
        {
            text.AppendLine().Append(Invariant, $"{tensor.Name} {ParameterIndex.Shape(tensor.Shape)}: {tensor.Report.Failures.Count} of {tensor.EntriesChecked} checked entries wrong");
            if (tensor.Diagnosis is { } diagnosis) text.Append(" — ").Append(diagnosis);
            var failures = tensor.Report.Failures;
            foreach (var entry in failures.Take(GradientCheckDefaults.FailuresInMessage))
                text.AppendLine().Append("  ").Append(ReportText.Describe(entry));
            if (failures.Count > GradientCheckDefaults.FailuresInMessage)
                text.AppendLine().Append(Invariant, $"  … and {failures.Count - GradientCheckDefaults.FailuresInMessage} more.");
        }
        text.AppendLine().Append(Summary(report));
        text.AppendLine().Append(Invariant, $"method: {report.Details.Method}");
        return text.ToString();
    }

    private static string Line(string[] cells, int[] widths) =>
        "  " + string.Join("  ", cells.Select((c, i) => i is 0 or 5 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
}
