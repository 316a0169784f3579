namespace GradCheck.Verdicts;

/// <summary>
/// The scale a gradient's entries are judged at: its largest finite magnitude, and when that is zero at floating-point
/// precision against the larger gradient it is part of (<see cref="GradientCheckDefaults.ZeroGradientUlps"/>).
/// </summary>
internal static class GradientScale
{
    /// <summary>The largest finite |value| (0 when there is none).</summary>
    public static double Of(IEnumerable<double> values) => values.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();

    /// <summary>
    /// Whether a gradient whose largest entry is <paramref name="own"/> is zero at floating-point precision against a
    /// gradient of scale <paramref name="outer"/> it is part of (a conv bias followed by batch norm against its model).
    /// </summary>
    public static bool IsZeroAgainst(double own, double outer, double epsilon) =>
        outer > 0 && own <= GradientCheckDefaults.ZeroGradientUlps * epsilon * outer;
}
