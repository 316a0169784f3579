using System.Text;
using GradCheck.Benchmarks.Accuracy;
using GradCheck.Benchmarks.Report;
using GradCheck.FiniteDifferences;
using GradCheck.Tests.Support;

namespace GradCheck.Benchmarks.Cost;

/// <summary>Section 3a: function evaluations per checked coordinate, per scheme (exact counts, not timings).</summary>
public static class EvaluationCostSection
{
    public sealed record Row(string Method, double PerCoordinate, double Max, string Note);

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
            double perCoordinate = problems.Average(p => (double)(GradientCheck.Run(p.F, p.Gradient, p.Point, method.Options).FunctionEvaluations - 2) / p.Point.Length);
            rows.Add(new Row(method.Name, perCoordinate, perCoordinate, $"`{method.Scheme!.Name}`, order {method.Scheme.Order}"));
        }
        var entries = problems.SelectMany(p => GradientCheck.Run(p.F, p.Gradient, p.Point).Entries).ToArray();
        rows.Add(new Row("adaptive: ML losses", entries.Average(e => e.Evaluations), entries.Max(e => e.Evaluations),
            $"{entries.Length} coordinates of quadratic, logistic, softmax CE, tanh net, Rosenbrock, LSE at 1000"));
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
        text.AppendLine("Counted by the check itself (`GradientReport.FunctionEvaluations`, minus the 2 evaluations at the point that every check");
        text.AppendLine("makes for its determinism check; for reference, PyTorch's slow gradcheck makes 2 per coordinate plus 1).");
        text.AppendLine();
        var table = new MarkdownTable("method", "evaluations per coordinate (mean)", "max", "note");
        foreach (var r in rows) table.Add(r.Method, Fmt.Fixed(r.PerCoordinate, 1), Fmt.Int((long)r.Max), r.Note);
        text.Append(table);
        text.AppendLine();
        return text.ToString();
    }

    public static string RenderPlaceholders()
    {
        var text = new StringBuilder();
        text.AppendLine("### 3c. Fast mode: evaluations against full mode, n = 10² … 10⁶");
        text.AppendLine();
        text.AppendLine("> **Placeholder (issue 3).** `CheckMode.Fast` (random projections with cheap localisation) is being built in the core by");
        text.AppendLine("> another engineer. When it lands, add a section here: evaluations and wall time of `CheckMode.Fast` against the full");
        text.AppendLine("> check for n = 10², 10³, 10⁴, 10⁵, 10⁶ (full mode sampled beyond 10⁴ and extrapolated), and its misses on the corpus of");
        text.AppendLine("> section 2.");
        text.AppendLine();
        text.AppendLine("### 3d. Parallel speedup");
        text.AppendLine();
        text.AppendLine("> **Placeholder (issue 3).** `MaxDegreeOfParallelism` is being built in the core by another engineer. When it lands, add");
        text.AppendLine("> wall time at 1 and 2 degrees of parallelism (this machine has 2 shared cores; state the cores of the machine that");
        text.AppendLine("> measures it) on the functions of 3b, as a ratio within one run.");
        text.AppendLine();
        return text.ToString();
    }
}
