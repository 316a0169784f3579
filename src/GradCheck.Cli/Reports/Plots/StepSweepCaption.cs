using System.Text;

namespace GradCheck.Cli.Reports.Plots;

/// <summary>
/// The caption of the error-versus-step plot, written from the curves it describes. The plot sweeps plain central
/// differences, while each entry's tolerance is set for the check's extrapolated estimate, which is far more
/// accurate: a right entry's V may bottom out above its dotted line (the demo's correct network does). So the
/// caption does not promise a dip below the line; it says, curve by curve, where each one bottoms out.
/// </summary>
internal static class StepSweepCaption
{
    public const string ToleranceLegend = "tolerance of each entry (dotted, in its curve's colour)";

    public static string For(IReadOnlyList<(EntryResult Entry, double[] Errors)> curves)
    {
        var text = new StringBuilder(
            "Plain central differences at steps 1e-1 … 1e-12, not the check's extrapolated estimate: rounding error rises to the left, truncation to the right. "
            + "A right gradient gives a V whose bottom is as close as plain differences get; a wrong one flattens out at the size of its error, whatever the step "
            + "(at a kink a flat curve is expected: central differences average the one-sided derivatives). "
            + "Each dotted line is that entry's tolerance, which the check applied to its more accurate extrapolated estimate, so a right entry's V can bottom out above it. Here: ");
        text.AppendJoin("; ", curves.Select(c => Describe(c.Entry, c.Errors)));
        return text.Append('.').ToString();
    }

    private static string Describe(EntryResult entry, double[] errors)
    {
        var finite = errors.Where(double.IsFinite).ToArray();
        if (finite.Length == 0) return $"{entry.Label} ({entry.Verdict}) has no finite difference at any step";
        double bottom = finite.Min();
        string where = entry.Tolerance > 0
            ? (bottom <= entry.Tolerance ? "below" : "above") + $" its tolerance {Numbers.Format(entry.Tolerance)}"
            : "with no tolerance to compare";
        return $"{entry.Label} ({entry.Verdict}) bottoms out at {Numbers.Format(bottom)}, {where}";
    }
}
