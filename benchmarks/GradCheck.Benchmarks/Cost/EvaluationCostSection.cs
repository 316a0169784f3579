using System.Text;
using GradCheck.Benchmarks.Accuracy;
using GradCheck.Benchmarks.Report;
using GradCheck.FiniteDifferences;
using GradCheck.Tests.Support;

namespace GradCheck.Benchmarks.Cost;

/// <summary>Section 3a: function evaluations per checked coordinate, per scheme (exact counts, not timings).</summary>
public static class EvaluationCostSection
{
    public sealed record Row(string Method, double PerCoordinate, double Max, string Note, int? PerCheck = null);

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
            double perCoordinate = reports.Average(r => (double)r.Entries.Sum(e => e.Evaluations) / r.Entries.Count);
            rows.Add(new Row(method.Name, perCoordinate, perCoordinate, $"`{method.Scheme!.Name}`, order {method.Scheme.Order}",
                reports.Max(r => r.FunctionEvaluations - r.Entries.Sum(e => e.Evaluations))));
        }
        var adaptiveReports = problems.Select(p => GradientCheck.Run(p.F, p.Gradient, p.Point)).ToArray();
        var entries = adaptiveReports.SelectMany(r => r.Entries).ToArray();
        rows.Add(new Row("adaptive: ML losses", entries.Average(e => e.Evaluations), entries.Max(e => e.Evaluations),
            $"{entries.Length} coordinates of quadratic, logistic, softmax CE, tanh net, Rosenbrock, LSE at 1000",
            adaptiveReports.Max(r => r.FunctionEvaluations - r.Entries.Sum(e => e.Evaluations))));
        var smooth = calibration.ByPrimitive.Where(t => !t.Label.Contains("near 0", StringComparison.Ordinal)).ToArray();
        int count = smooth.Sum(t => t.Count);
        if (count > 0)
            rows.Add(new Row("adaptive: random smooth family", (double)smooth.Sum(t => t.Evaluations) / count, smooth.Max(t => t.MaxEvaluations),
                $"{count} functions of section 1b (double), domain-edge ones excluded"));
        var edge = calibration.ByPrimitive.Where(t => t.Label.Contains("near 0", StringComparison.Ordinal)).ToArray();
        int edgeCount = edge.Sum(t => t.Count);
        if (edgeCount > 0)
            rows.Add(new Row("adaptive: near a domain edge", (double)edge.Sum(t => t.Evaluations) / edgeCount, edge.Max(t => t.MaxEvaluations),
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
        var table = new MarkdownTable("method", "evaluations per coordinate (mean)", "max", "per check", "note");
        foreach (var r in rows) table.Add(r.Method, Fmt.Fixed(r.PerCoordinate, 1), Fmt.Int((long)r.Max), r.PerCheck is { } c ? Fmt.Int(c) : "–", r.Note);
        text.Append(table);
        text.AppendLine();
        return text.ToString();
    }
}
