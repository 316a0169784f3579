using System.Globalization;

namespace GradCheck.Descent;

/// <summary>
/// The ratio r(η) = actual/predicted change is 1 + c·η + O(η²) for a correct gradient. Linear Richardson
/// extrapolation of consecutive rows gives r(0) with an error estimate (the disagreement of successive
/// extrapolations, plus rounding); the gradient is consistent when r(0) = 1 within that error.
/// </summary>
internal static class DescentVerdict
{
    /// <summary>Rows whose ratio is noisier than this (rounding over the predicted change) end the series.</summary>
    public const double MaxRatioNoise = 0.01;

    /// <summary>Rows taken as "small steps" for the classic criterion that the loss goes down.</summary>
    private const int SmallSteps = 3;

    /// <summary>Rounding allowed in the extrapolated ratio itself, in epsilons.</summary>
    private const double RatioRoundingUlps = 16;

    /// <summary>Stop halving once r(0) is known this well: √ε/10 (1.5e-9 in double, 3.5e-5 in float), far below gradient bugs worth finding.</summary>
    public static double Resolution(double epsilon) => 0.1 * Math.Sqrt(epsilon);

    /// <summary>An extrapolated ratio, its error estimate, and how many usable rows came after the one it was made from.</summary>
    public sealed record Estimate(double Ratio, double Truncation, double Rounding, double StepSize, int RowsSince = 0);

    /// <summary>The extrapolated ratio with the smallest error estimate over the usable rows, or null when fewer than three are usable.</summary>
    public static Estimate? Extrapolate(IReadOnlyList<DescentRow> rows)
    {
        var usable = rows.Where(r => double.IsFinite(r.LossChange) && r.PredictedChange != 0 && r.RatioNoise <= MaxRatioNoise).ToArray();
        Estimate? best = null;
        double previous = double.NaN;
        for (int k = 1; k < usable.Length; k++)
        {
            var (large, small) = (usable[k - 1], usable[k]);
            double spread = large.StepSize - small.StepSize;
            double limit = (large.StepSize * small.Ratio - small.StepSize * large.Ratio) / spread;
            double rounding = (large.StepSize * small.RatioNoise + small.StepSize * large.RatioNoise) / spread;
            if (!double.IsNaN(previous))
            {
                var candidate = new Estimate(limit, Math.Abs(limit - previous), rounding, small.StepSize);
                if (best is null || candidate.Truncation + candidate.Rounding < best.Truncation + best.Rounding) best = candidate;
            }
            previous = limit;
        }
        return best is null ? null : best with { RowsSince = usable.Length - 1 - Array.FindIndex(usable, r => r.StepSize == best.StepSize) };
    }

    public static DescentReport Judge(string type, double f0, IReadOnlyList<DescentRow> rows, double safety, double epsilon, int evaluations)
    {
        var small = rows.Where(r => double.IsFinite(r.LossChange) && r.RatioNoise <= MaxRatioNoise).TakeLast(SmallSteps).ToArray();
        bool decreased = small.Length > 0 && small.All(r => r.LossChange < 0);
        var best = Extrapolate(rows);
        if (best is null)
            return new DescentReport(type, f0, rows, CheckOutcome.Inconclusive, decreased, double.NaN, double.NaN, evaluations,
                "inconclusive: fewer than three steps changed the loss above its rounding. Raise InitialStepSize or FunctionNoiseUlps.");

        double tolerance = safety * best.Truncation + 2 * best.Rounding + RatioRoundingUlps * epsilon;
        bool matches = Math.Abs(best.Ratio - 1) <= tolerance;
        string ratio = string.Create(CultureInfo.InvariantCulture, $"actual/predicted change → {best.Ratio:G10} as η → 0 (|r − 1| = {Math.Abs(best.Ratio - 1):G3}, allowed {tolerance:G3})");
        string conclusion = (decreased, matches) switch
        {
            (true, true) => $"the loss decreases at small steps and {ratio}: the gradient predicts the first-order change.",
            (true, false) => $"the loss decreases (the classic loss-decrease criterion holds), but {ratio}: the gradient is wrong; "
                             + (best.Ratio > 1 ? "the loss falls faster than g predicts (g too small along itself?)." : "the loss falls slower than g predicts (g too large, or wrong entries)."),
            (false, _) => $"the loss does not decrease at small steps; {ratio}: −g is not a descent direction, the gradient is wrong (sign?).",
        };
        return new DescentReport(type, f0, rows, decreased && matches ? CheckOutcome.Passed : CheckOutcome.Failed, decreased, best.Ratio, tolerance, evaluations, conclusion);
    }

    public static DescentReport Inconclusive(string type, double f0, int evaluations, string why) =>
        new(type, f0, [], CheckOutcome.Inconclusive, false, double.NaN, double.NaN, evaluations, $"inconclusive: {why}");

    /// <summary>A gradient with a non-finite entry is wrong wherever f is finite: a failure, not a want of resolution.</summary>
    public static DescentReport NonFiniteGradient(string type, double f0, int evaluations) =>
        new(type, f0, [], CheckOutcome.Failed, false, double.NaN, double.NaN, evaluations, "the gradient is not finite at the point: fix the NaN or infinity in g.");
}
