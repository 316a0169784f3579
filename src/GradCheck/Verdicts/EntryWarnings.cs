using System.Globalization;
using GradCheck.Reporting;

namespace GradCheck.Verdicts;

/// <summary>Warnings derived from the entries: kinks, inconclusive entries, one-sided estimates, a mostly-zero point.</summary>
internal static class EntryWarnings
{
    private const int NamesListed = 5;

    /// <summary>Tolerances above this fraction of the value are worth telling: a 0.01 % bug could hide under them.</summary>
    private const double CoarseResolution = 1e-3;

    /// <summary>Above this share of exact zeros in the point, wrong gradients can hide behind zero weights.</summary>
    private const double MostlyZero = 0.5;

    /// <param name="entries">The checked entries.</param>
    /// <param name="dimension">Coordinates of the point.</param>
    /// <param name="zeroFraction">Share of the point's coordinates that are exactly zero.</param>
    /// <param name="functionValue">f at the point (NaN when the checked function is not f, as for a Hessian).</param>
    /// <param name="exactCheckApplies">
    /// False when <c>GradientCheck.RunExact</c> cannot check what was checked (a Hessian-vector product): the advice then names the other remedies only.
    /// </param>
    /// <param name="resolvedAtOuterScale">The entries were resolved at an outer scale (<see cref="ErrorBudget.ResolvedAtOuterScale"/>): no "checked only coarsely" warning.</param>
    public static IEnumerable<string> For(IReadOnlyList<EntryResult> entries, int dimension, double zeroFraction, double functionValue, bool exactCheckApplies = true,
        bool resolvedAtOuterScale = false)
    {
        var kinks = entries.Where(e => e.Verdict == EntryVerdict.NonDifferentiable).ToArray();
        if (kinks.Length > 0)
            yield return $"{Count(kinks.Length, "entry is", "entries are")} at a kink, where the analytic value is a valid subgradient "
                         + $"(between the one-sided derivatives): {List(kinks, e => $"{e.Label} ∈ [{Num(Math.Min(e.LeftDerivative!.Value, e.RightDerivative!.Value))}, {Num(Math.Max(e.LeftDerivative!.Value, e.RightDerivative!.Value))}]")}. "
                         + "A derivative at a kink is a convention; move the point off the kink to check the formula itself.";

        var inconclusive = entries.Where(e => e.IsInconclusive).ToArray();
        if (inconclusive.Length > 0)
            yield return $"{Count(inconclusive.Length, "entry", "entries")} could not be resolved: the tolerance is a sizeable fraction of the gradient's scale, "
                         + $"so a wrong value would have agreed too: {List(inconclusive, e => $"{e.Label} ±{Num(e.Tolerance)}")}. "
                         + (double.IsNaN(functionValue) ? "Typical causes: rounding in the checked values hides derivatives this small, or" : string.Create(CultureInfo.InvariantCulture, $"Typical causes: the function's rounding at |f| = {Math.Abs(functionValue):G3} hides derivatives this small, or"))
                         + " the point sits a few ulps from a singularity or domain edge, where no step is both small and realisable. "
                         + (exactCheckApplies ? "Check them with GradientCheck.RunExact (dual numbers), subtract the constant part of f, or check in double instead of float32."
                             : "Subtract the constant part of f, or check in double instead of float32.");

        var coarse = entries.Where(e => !resolvedAtOuterScale && e.Verdict == EntryVerdict.Ok && !e.IsInconclusive && e.Analytic != 0
                                        && e.Tolerance > CoarseResolution * Math.Abs(e.Analytic)).ToArray();
        if (coarse.Length > 0)
            yield return $"{Count(coarse.Length, "entry was", "entries were")} checked only coarsely: an error smaller than its tolerance would pass "
                         + $"({List(coarse, e => $"{e.Label} ±{Num(100 * e.Tolerance / Math.Abs(e.Analytic))}%")}). "
                         + "Typical causes: a large constant in f, float32 rounding, or a point close to a singularity"
                         + (exactCheckApplies ? "; GradientCheck.RunExact has no such limit." : ".");

        var nonFinite = entries.Where(e => e.Verdict == EntryVerdict.NonFinite && double.IsFinite(e.Analytic)).ToArray();
        if (nonFinite.Length > 0)
            yield return $"f is not finite next to the point along {List(nonFinite, e => e.Label)}, even at tiny steps: no finite difference could be formed.";

        if (dimension >= 4 && zeroFraction >= MostlyZero)
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{zeroFraction:P0} of the point is exactly zero.")
                + " A wrong gradient term multiplied by a weight that is still zero is invisible here (let the network train for a while before checking): check again at trained or random weights as well.";
    }

    private static string List(IReadOnlyList<EntryResult> entries, Func<EntryResult, string> describe)
    {
        var shown = string.Join(", ", entries.Take(NamesListed).Select(describe));
        return entries.Count > NamesListed ? $"{shown} and {entries.Count - NamesListed} more" : shown;
    }

    private static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";

    private static string Num(double value) => ReportText.Num(value);
}
