using System.Text;
using GradCheck.Benchmarks.Accuracy;
using GradCheck.Benchmarks.Report;
using GradCheck.FiniteDifferences;
using GradCheck.Tests.Support;

namespace GradCheck.Benchmarks.Cost;

/// <summary>Section 3a: function evaluations per checked coordinate, per scheme (exact counts, not timings).</summary>
public static class EvaluationCostSection
{
    public sealed record Row(string Method, Distribution PerCoordinate, string Note, int? PerCheck = null);

    public static IReadOnlyList<Row> Measure(CalibrationSection.Result calibration)
    {
        var problems = new[]
        {
            TestProblems.Quadratic(6, 1), TestProblems.Logistic(5, 12, 2), TestProblems.SoftmaxCrossEntropy(3, 4, 6, 3),
            TestProblems.TanhNetwork(3, 4, 5, 5), TestProblems.Rosenbrock(5, 6), TestProblems.LogSumExpLarge(5, 7),
        };
        var rows = new List<Row>();
        foreach (var method in Method.All.Where(m => m.Scheme is not null))
        {
            var reports = problems.Select(p => GradientCheck.Run(p.F, p.Gradient, p.Point, method.Options)).ToArray();
            rows.Add(new Row(method.Name, Distribution.Of(reports.SelectMany(r => r.Entries).Select(e => e.Evaluations)), $"`{method.Scheme!.Name}`, order {method.Scheme.Order}",
                reports.Max(r => r.FunctionEvaluations - r.Entries.Sum(e => e.Evaluations))));
        }
        var adaptiveReports = problems.Select(p => GradientCheck.Run(p.F, p.Gradient, p.Point)).ToArray();
        var entries = adaptiveReports.SelectMany(r => r.Entries).ToArray();
        rows.Add(new Row("adaptive: ML losses", Distribution.Of(entries.Select(e => e.Evaluations)),
            $"{entries.Length} coordinates of quadratic, logistic, softmax CE, tanh net, Rosenbrock, LSE at 1000",
            adaptiveReports.Max(r => r.FunctionEvaluations - r.Entries.Sum(e => e.Evaluations))));
        var smooth = calibration.ByPrimitive.Where(t => !t.Label.Contains("near 0", StringComparison.Ordinal)).ToArray();
        int count = smooth.Sum(t => t.Count);
        if (count > 0)
            rows.Add(new Row("adaptive: random smooth family", Distribution.Of(smooth.SelectMany(t => t.EvaluationCounts)),
                $"{count} functions of section 1b (double), domain-edge ones excluded"));
        var edge = calibration.ByPrimitive.Where(t => t.Label.Contains("near 0", StringComparison.Ordinal)).ToArray();
        int edgeCount = edge.Sum(t => t.Count);
        if (edgeCount > 0)
            rows.Add(new Row("adaptive: near a domain edge", Distribution.Of(edge.SelectMany(t => t.EvaluationCounts)),
                $"{edgeCount} sqrt/log functions of section 1b"));
        return rows;
    }

    public static string Render(IReadOnlyList<Row> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("## 3. Cost");
        text.AppendLine();
        text.AppendLine("### 3a. Function evaluations per coordinate");
        text.AppendLine();
        text.AppendLine("Counted by the check itself (`EntryResult.Evaluations`). \"per check\" is what a check spends once, whatever the number of");
        text.AppendLine("coordinates: f at the point and its determinism check, plus (adaptive default) the measurement of f's rounding noise.");
        text.AppendLine("For reference, PyTorch's slow gradcheck makes 2 per coordinate plus 1.");
        text.AppendLine();
        text.AppendLine("Per coordinate as a distribution, mean / median / 90th percentile / max: the entries that escalate (kinks, noise,");
        text.AppendLine("rechecks) sit in the tail. The real networks' distributions are in section 6.");
        text.AppendLine();
        var table = new MarkdownTable("method", "evaluations per coordinate: mean / median / p90 / max", "per check", "note");
        foreach (var r in rows) table.Add(r.Method, r.PerCoordinate.Render(), r.PerCheck is { } c ? Fmt.Int(c) : "–", r.Note);
        text.Append(table);
        text.AppendLine();
        return text.ToString();
    }
}
