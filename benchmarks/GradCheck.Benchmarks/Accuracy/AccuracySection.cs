using System.Text;
using GradCheck.Benchmarks.Report;

namespace GradCheck.Benchmarks.Accuracy;

/// <summary>Section 1a: relative error of every method against the exact derivative, one row per function and precision.</summary>
public static class AccuracySection
{
    public static string Render()
    {
        var methods = Method.All;
        var table = new MarkdownTable(
            ["group", "function", "type", "f′(x)", .. methods.Select(m => m.Name), "adaptive: est. error", "adaptive: evals"]);
        int adaptiveWins = 0, rows = 0;
        var underestimated = new List<string>();
        foreach (var c in AccuracyCase.All)
        {
            AddRow(table, c, "double", c.Derivative(c.X), m => OneDimensional.Estimate(c.F, c.Derivative(c.X), c.X, m.Options), ref adaptiveWins, ref rows, underestimated);
            if (c.FloatF is { } ff)
            {
                float xf = (float)c.X;
                double exact = c.Derivative(xf);
                AddRow(table, c, "float", exact, m => OneDimensional.Estimate(ff, exact, xf, m.Options), ref adaptiveWins, ref rows, underestimated);
            }
        }

        var text = new StringBuilder();
        text.AppendLine("### 1a. Error of each scheme against the exact derivative");
        text.AppendLine();
        text.AppendLine("Relative error |numeric − exact| / |exact| of one derivative, each computed through `GradientCheck.Run` on a one-coordinate");
        text.AppendLine("point (exactly what a user gets). Fixed schemes use their standard step ε^(1/(p+1))·max(|x|, 1) of the element type");
        text.AppendLine("(forward/backward 1.5e-8, central 6.1e-6, central 5-point 7.4e-4 in double; 3.5e-4, 4.9e-3, 4.1e-2 in float);");
        text.AppendLine("the classic column is central differences with h = 1e-3. \"NaN\": a step crossed the domain edge. The last two columns are");
        text.AppendLine("the adaptive default's own error estimate (relative) and its evaluations for this coordinate.");
        text.AppendLine();
        text.Append(table);
        text.AppendLine();
        text.AppendLine($"The adaptive default has the smallest error (or ties within 2×) in **{adaptiveWins} of {rows}** rows.");
        text.AppendLine($"Rows where its error exceeds its own estimate ({underestimated.Count}):{(underestimated.Count == 0 ? " none." : "")}");
        foreach (var line in underestimated) text.AppendLine($"- {line}");
        text.AppendLine();
        return text.ToString();
    }

    private static void AddRow(MarkdownTable table, AccuracyCase c, string type, double exact, Func<Method, EntryResult> estimate, ref int adaptiveWins, ref int rows, List<string> underestimated)
    {
        var results = Method.All.Select(estimate).ToArray();
        var errors = results.Select(r => OneDimensional.RelativeError(r.Numeric, exact)).ToArray();
        var adaptive = results[^1];
        double bestFixed = errors[..^1].Where(double.IsFinite).DefaultIfEmpty(double.PositiveInfinity).Min();
        rows++;
        if (errors[^1] <= 2 * bestFixed || errors[^1] < 1e-15) adaptiveWins++;
        double absolute = Math.Abs(adaptive.Numeric - exact);
        if (absolute > adaptive.ErrorEstimate)
            underestimated.Add($"{c.Name} ({type}): error {Fmt.Sci(absolute / Math.Abs(exact))} relative, estimate {Fmt.Sci(adaptive.ErrorEstimate / Math.Abs(exact))}, verdict on the exact derivative: {adaptive.Verdict}");
        table.Add([c.Group, c.Name, type, Fmt.Sci(exact), .. errors.Select(Fmt.Sci), Fmt.Sci(adaptive.ErrorEstimate / Math.Abs(exact)), Fmt.Int(adaptive.Evaluations)]);
    }
}
