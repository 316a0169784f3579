using System.Globalization;

namespace GradCheck;

/// <summary>One report from the reports at the given and the nearby points: entries labelled with their point.</summary>
internal static class NearbyMerge
{
    public static GradientReport Merge(IReadOnlyList<(string Label, GradientReport Report)> reports, IReadOnlyList<string> skipped, int requested, int seed)
    {
        var given = reports[0].Report;
        var entries = reports.SelectMany(r => r.Label.Length == 0
            ? r.Report.Entries
            : r.Report.Entries.Select(e => e with { Name = $"{e.Label} @ {r.Label}" })).ToArray();
        var warnings = given.Warnings
            .Concat(reports.Skip(1).SelectMany(r => r.Report.Warnings.Select(w => $"at {r.Label}: {w}")))
            .Concat(skipped)
            .ToArray();
        string method = string.Create(CultureInfo.InvariantCulture,
            $"{given.Method}; at the given point and {reports.Count - 1} of {requested} nearby points (x + {NearbyPoints.DefaultSpread}·N(0,1)·|x|, zeros moved by the typical magnitude)");
        return GradientReport.Combine(reports.Select(r => r.Report).ToArray(), entries, warnings, reports.Sum(r => r.Report.FunctionEvaluations),
            given.Dimension, method, seed, given.FunctionValue);
    }
}
