using GradCheck.FiniteDifferences;

namespace GradCheck.Cli.Reports.Plots;

/// <summary>
/// The error of plain central differences against the step, |D_h − analytic| for h = 10⁻¹ … 10⁻¹²: a V whose left
/// arm is rounding (∝ ε/h) and right arm truncation (∝ h²). When the analytic value is right, the bottom of the V
/// reaches down to ~1e-10; when it is wrong, the curve bottoms out at the size of the bug, whatever the step.
/// </summary>
internal static class StepSweep
{
    public static readonly double[] Steps = Enumerable.Range(1, 12).Select(k => Math.Pow(10, -k)).ToArray();

    /// <summary>One error per step (NaN where f was not finite), for the entry's coordinate.</summary>
    public static double[] Errors(Func<int, double, double> line, EntryResult entry)
    {
        var scheme = FiniteDifferenceScheme.Central();
        return Steps.Select(h =>
        {
            var estimate = scheme.Estimate(offset => line(entry.Index, offset), 0, h);
            return estimate.IsFinite ? Math.Abs(estimate.Value - entry.Analytic) : double.NaN;
        }).ToArray();
    }
}
