using System.Text;
using GradCheck.Benchmarks.Report;

namespace GradCheck.Benchmarks.Accuracy;

/// <summary>Section 1b: how often the adaptive default's true error exceeds its own error estimate, over a random family.</summary>
public static class CalibrationSection
{
    public sealed record Tally(string Label)
    {
        public int Count, AboveEstimate, AboveTenEstimates, FalseAlarms, FalseKinks, Inconclusive;
        public long Evaluations;
        public int MaxEvaluations;
        public List<double> Ratios { get; } = [];
        public List<int> EvaluationCounts { get; } = [];

        public void Add(EntryResult r, double exact)
        {
            Count++;
            double error = Math.Abs(r.Numeric - exact);
            if (r.Verdict == EntryVerdict.NonDifferentiable) FalseKinks++;
            if (r.IsFailure) FalseAlarms++;
            if (r.IsInconclusive) Inconclusive++;
            if (error > r.ErrorEstimate) AboveEstimate++;
            if (error > 10 * r.ErrorEstimate) AboveTenEstimates++;
            Ratios.Add(r.ErrorEstimate > 0 ? error / r.ErrorEstimate : error == 0 ? 0 : double.PositiveInfinity);
            Evaluations += r.Evaluations;
            MaxEvaluations = Math.Max(MaxEvaluations, r.Evaluations);
            EvaluationCounts.Add(r.Evaluations);
        }

        public double MedianRatio => Ratios.Count == 0 ? double.NaN : Ratios.Order().ElementAt(Ratios.Count / 2);
    }

    public sealed record Result(Tally Double, Tally Float, IReadOnlyList<Tally> ByPrimitive, IReadOnlyList<Tally> FloatByPrimitive);

    public static Result Measure(BenchmarkSettings settings)
    {
        var byPrimitive = RandomFunction.PrimitiveNames.ToDictionary(n => n, n => new Tally(n));
        var tallyDouble = new Tally("double");
        var random = new Random(20261127);
        for (int i = 0; i < settings.CalibrationDouble; i++)
        {
            var f = RandomFunction.Create(random, single: false);
            var r = OneDimensional.Estimate(f.F, f.Derivative, f.X, new GradientCheckOptions { CheckGradientReentrancy = false });
            tallyDouble.Add(r, f.Derivative);
            byPrimitive[f.Primitive].Add(r, f.Derivative);
        }
        var floatByPrimitive = RandomFunction.PrimitiveNames.ToDictionary(n => n, n => new Tally(n));
        var tallyFloat = new Tally("float");
        random = new Random(20261128);
        for (int i = 0; i < settings.CalibrationFloat; i++)
        {
            var f = RandomFunction.Create(random, single: true);
            var r = OneDimensional.Estimate(f.FloatF, f.Derivative, (float)f.X, new GradientCheckOptions { CheckGradientReentrancy = false });
            tallyFloat.Add(r, f.Derivative);
            floatByPrimitive[f.Primitive].Add(r, f.Derivative);
        }
        return new Result(tallyDouble, tallyFloat, byPrimitive.Values.ToArray(), floatByPrimitive.Values.ToArray());
    }

    public static string Render(Result result)
    {
        var text = new StringBuilder();
        text.AppendLine("### 1b. Calibration of the adaptive error estimates");
        text.AppendLine();
        text.AppendLine($"A random family of {result.Double.Count + result.Float.Count} smooth functions with exact derivatives: f(x) = A₁·g₁(s₁·x) + A₂·g₂(s₂·x) + C");
        text.AppendLine("(g from exp, sin, tanh, log(1+u²), 1/(1+u²), u³−2u, softplus; half the functions have one term; amplitudes 10^±8");
        text.AppendLine("(float: 10^±3), scales s = 2^−6…2^6, offsets C = 0 or up to 10^10 (float: 10^4)), plus sqrt and log 1e-6…1 away from their");
        text.AppendLine("domain edge. Each derivative is checked with the exact value as the \"analytic\" gradient, with the defaults. \"error\" is");
        text.AppendLine("|numeric − exact|, \"estimate\" the reported `ErrorEstimate`. The verdict multiplies the truncation part by 10, so the");
        text.AppendLine("false-alarm column (a correct derivative reported as Mismatch) is the number that matters for users.");
        text.AppendLine();
        var table = new MarkdownTable("family", "functions", "error > estimate", "error > 10× estimate", "median error/estimate",
            "false alarms", "false kinks", "inconclusive", "evals mean", "evals max");
        AddRow(table, result.Double, "**all, double**");
        AddRow(table, result.Float, "**all, float**");
        foreach (var t in result.ByPrimitive) AddRow(table, t, $"double: {t.Label}");
        foreach (var t in result.FloatByPrimitive) AddRow(table, t, $"float: {t.Label}");
        text.Append(table);
        text.AppendLine();
        text.AppendLine("Rows by primitive are grouped by the first term (the second, if any, is one of the smooth primitives).");
        text.AppendLine("\"inconclusive\": the tolerance is at least the derivative itself (typically a tiny derivative under a huge offset),");
        text.AppendLine("which the report lists in its warnings instead of claiming a pass.");
        text.AppendLine();
        return text.ToString();
    }

    private static void AddRow(MarkdownTable table, Tally t, string label) => table.Add(
        label, Fmt.Int(t.Count), Fmt.Percent(t.AboveEstimate, t.Count), Fmt.Percent(t.AboveTenEstimates, t.Count), Fmt.Sci(t.MedianRatio),
        $"{t.FalseAlarms} ({Fmt.Percent(t.FalseAlarms, t.Count)})", Fmt.Int(t.FalseKinks), Fmt.Int(t.Inconclusive),
        t.Count == 0 ? "–" : Fmt.Fixed((double)t.Evaluations / t.Count, 1), Fmt.Int(t.MaxEvaluations));
}
