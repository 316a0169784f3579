using System.Text;
using GradCheck.Cli.Running;
using ScottPlot;

namespace GradCheck.Cli.Reports.Plots;

/// <summary>
/// The HTML report's plots, drawn with ScottPlot: relative errors per group against the tolerance, analytic versus
/// numeric, and error versus step for the worst entries.
/// </summary>
internal static class ReportPlots
{
    private const int Width = 800, Height = 450;
    private const int SweptEntries = 3;
    private const double Floor = 1e-17;   // where exact zeros are drawn on a log axis

    private static readonly Color OkColor = Color.FromHex("#1f77b4");
    private static readonly Color KinkColor = Color.FromHex("#ff7f0e");
    private static readonly Color FailureColor = Color.FromHex("#d62728");
    private static readonly Color[] CurveColors = [Color.FromHex("#d62728"), Color.FromHex("#2ca02c"), Color.FromHex("#9467bd")];

    /// <summary>True for the names this class gives its files: NN-case-kind.png.</summary>
    public static bool IsPlotFileName(string fileName) =>
        System.Text.RegularExpressions.Regex.IsMatch(fileName, @"^\d{2,}-[a-z0-9-]*-(relative-errors|analytic-vs-numeric|error-vs-step)\.png$");

    /// <summary>
    /// The plots of every case. The plots are of entries, so a case none of whose groups has an entry table (a Taylor
    /// test, a descent check) has none: its rows are in the report's tables.
    /// </summary>
    public static IReadOnlyList<CasePlots> ForRun(RunResult result) =>
        result.Cases.Select((c, i) => new CasePlots(c, c.Result is null || c.Result.Groups.All(g => g.EntryReport() is null) ? [] : ForCase(c, $"{i + 1:00}-{Slug(c.Name)}"))).ToArray();

    private static IReadOnlyList<PlotImage> ForCase(CaseOutcome outcome, string prefix)
    {
        var images = new List<PlotImage>
        {
            RelativeErrors(outcome, prefix),
            AnalyticVersusNumeric(outcome, prefix),
        };
        if (ErrorVersusStep(outcome, prefix) is { } sweep) images.Add(sweep);
        return images;
    }

    private static PlotImage RelativeErrors(CaseOutcome outcome, string prefix)
    {
        using var plot = new Plot();
        var groups = outcome.Result!.Groups;
        var points = groups.SelectMany((g, gi) => g.Entries().Select((e, k) => (X: gi + Jitter(k), Y: Log(e.RelativeError), e.Verdict))).ToList();
        AddByVerdict(plot, points.Select(p => (p.X, p.Y, p.Verdict)));
        bool labelled = false;
        for (int gi = 0; gi < groups.Count; gi++)
        {
            var tolerances = groups[gi].Entries().Select(Ranking.RelativeTolerance).Where(double.IsFinite).Order().ToArray();
            if (tolerances.Length == 0) continue;
            double median = tolerances[tolerances.Length / 2];
            var line = plot.Add.Line(gi - 0.4, Log(median), gi + 0.4, Log(median));
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 2;
            line.Color = Colors.Black;
            if (!labelled) line.LegendText = "tolerance (median, relative)";
            labelled = true;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, groups.Count).Select(i => (double)i).ToArray(), groups.Select(g => g.Name).ToArray());
        plot.Axes.SetLimitsX(-0.6, groups.Count - 0.4);
        LogAxis(plot.Axes.Left);
        plot.Title("Relative error per group");
        plot.YLabel("relative error (log scale)");
        plot.ShowLegend(Edge.Bottom);   // outside the data area: dots near the top must not hide behind it
        return Render(plot, $"{prefix}-relative-errors.png", "Relative errors per group",
            "Each dot is one entry (jittered sideways); the dashed line is the group's median tolerance relative to the entry's size. Exact zeros sit at 1e-17.");
    }

    private static PlotImage AnalyticVersusNumeric(CaseOutcome outcome, string prefix)
    {
        using var plot = new Plot();
        var entries = outcome.Entries.Select(x => x.Entry).Where(e => double.IsFinite(e.Analytic) && double.IsFinite(e.Numeric)).ToList();
        AddByVerdict(plot, entries.Select(e => (e.Numeric, e.Analytic, e.Verdict)));
        if (entries.Count > 0)
        {
            double lo = entries.Min(e => Math.Min(e.Analytic, e.Numeric)), hi = entries.Max(e => Math.Max(e.Analytic, e.Numeric));
            if (lo == hi) (lo, hi) = (lo - 1, hi + 1);
            var diagonal = plot.Add.Line(lo, lo, hi, hi);
            diagonal.LinePattern = LinePattern.Dashed;
            diagonal.Color = Colors.Gray;
            diagonal.LegendText = "analytic = numeric";
        }
        plot.Title("Analytic versus numeric");
        plot.XLabel("numeric (finite differences)");
        plot.YLabel("analytic (your gradient)");
        plot.ShowLegend(Edge.Bottom);
        return Render(plot, $"{prefix}-analytic-vs-numeric.png", "Analytic versus numeric",
            "Correct entries lie on the diagonal; a wrong entry stands off it.");
    }

    private static PlotImage? ErrorVersusStep(CaseOutcome outcome, string prefix)
    {
        var worst = Ranking.Worst(outcome.Entries).Where(x => x.Group.Line is not null && double.IsFinite(x.Entry.Analytic)).Take(SweptEntries).ToList();
        if (worst.Count == 0) return null;
        using var plot = new Plot();
        double[] xs = StepSweep.Steps.Select(Math.Log10).ToArray();
        var curves = new List<(EntryResult Entry, double[] Errors)>();
        for (int i = 0; i < worst.Count; i++)
        {
            var (group, entry) = worst[i];
            double[] errors = StepSweep.Errors(group.Line!, entry);
            curves.Add((entry, errors));
            var curve = plot.Add.Scatter(xs, errors.Select(Log).ToArray());
            curve.Color = CurveColors[i % CurveColors.Length];
            curve.LineWidth = 2;
            curve.MarkerSize = 6;
            curve.LegendText = $"{entry.Label} ({entry.Verdict})";
            var tolerance = plot.Add.HorizontalLine(Log(entry.Tolerance));
            tolerance.Color = curve.Color.WithAlpha(0.6);
            tolerance.LinePattern = LinePattern.Dotted;
            tolerance.LineWidth = 1;
            if (i == 0) tolerance.LegendText = StepSweepCaption.ToleranceLegend;
        }
        LogAxis(plot.Axes.Left);
        LogAxis(plot.Axes.Bottom);
        plot.Title("Error of central differences versus step (worst entries)");
        plot.XLabel("step h");
        plot.YLabel("|central difference − analytic|");
        plot.ShowLegend(Edge.Bottom);
        return Render(plot, $"{prefix}-error-vs-step.png", "Error versus step", StepSweepCaption.For(curves));
    }

    private static void AddByVerdict(Plot plot, IEnumerable<(double X, double Y, EntryVerdict Verdict)> points)
    {
        var list = points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        foreach (var (label, color, selector) in new (string, Color, Func<EntryVerdict, bool>)[]
                 {
                     ("ok", OkColor, v => v == EntryVerdict.Ok),
                     ("kink (valid subgradient)", KinkColor, v => v == EntryVerdict.NonDifferentiable),
                     ("failure", FailureColor, v => v is EntryVerdict.Mismatch or EntryVerdict.NonFinite),
                 })
        {
            var selected = list.Where(p => selector(p.Verdict)).ToList();
            if (selected.Count == 0) continue;
            var scatter = plot.Add.ScatterPoints(selected.Select(p => p.X).ToArray(), selected.Select(p => p.Y).ToArray(), color);
            scatter.MarkerSize = 9;
            scatter.LegendText = label;
        }
    }

    private static void LogAxis(ScottPlot.IAxis axis)
    {
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = v => $"1e{v:0}",
        };
    }

    private static double Log(double value) => double.IsNaN(value) ? double.NaN : Math.Log10(Math.Max(Math.Abs(value), Floor));

    // Deterministic sideways spread, so dots of equal error do not hide each other and reruns draw the same picture.
    private static double Jitter(int k) => ((k * 0.6180339887) % 1 - 0.5) * 0.5;

    private static PlotImage Render(Plot plot, string fileName, string title, string caption) =>
        new(fileName, title, caption, plot.GetImageBytes(Width, Height, ImageFormat.Png));

    private static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (char c in name.ToLowerInvariant()) slug.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        return slug.ToString().Trim('-');
    }
}
