namespace GradCheck.Models.Diagnosis;

/// <summary>Least-squares fits of y ≈ c·x over the checked entries, accepted only when every entry matches within its slack.</summary>
internal static class LinearFit
{
    /// <summary>The least-squares c of y ≈ c·x, or null when x is all zero.</summary>
    public static double? Coefficient(IReadOnlyList<DiagnosisPoint> points, Func<DiagnosisPoint, double> x, Func<DiagnosisPoint, double> y)
    {
        double xy = 0, xx = 0;
        foreach (var p in points)
        {
            xy += x(p) * y(p);
            xx += x(p) * x(p);
        }
        return xx > 0 ? xy / xx : null;
    }

    /// <summary>analytic ≈ c·numeric for one c (a factor, or −1 for a flipped sign).</summary>
    public static double? Factor(IReadOnlyList<DiagnosisPoint> points)
    {
        if (Coefficient(points, p => p.Numeric, p => p.Analytic) is not { } c) return null;
        return points.All(p => Math.Abs(p.Analytic - c * p.Numeric) <= p.Slack(c, c * p.Numeric)) ? c : null;
    }

    /// <summary>analytic − numeric ≈ λ·weight for one λ (a weight-decay term missing or wrong), with λ ≠ 0.</summary>
    public static double? WeightTerm(IReadOnlyList<DiagnosisPoint> points)
    {
        if (Coefficient(points, p => p.Weight, p => p.Analytic - p.Numeric) is not { } lambda || lambda == 0) return null;
        return points.All(p => Math.Abs(p.Analytic - p.Numeric - lambda * p.Weight) <= p.Slack(1, p.Numeric + lambda * p.Weight)) ? lambda : null;
    }

    /// <summary>
    /// analytic ≈ c·numeric + d·weight with c ≠ 1 and d ≠ 0: a factor on the loss term while a weight-decay term is
    /// added separately (forgetting 1/batch size in a network with weight decay gives c = B, d = −(B − 1)·λ).
    /// </summary>
    public static (double Factor, double Weight)? FactorAndWeightTerm(IReadOnlyList<DiagnosisPoint> points)
    {
        double nn = 0, nw = 0, ww = 0, an = 0, aw = 0;
        foreach (var p in points)
        {
            nn += p.Numeric * p.Numeric;
            nw += p.Numeric * p.Weight;
            ww += p.Weight * p.Weight;
            an += p.Analytic * p.Numeric;
            aw += p.Analytic * p.Weight;
        }
        double determinant = nn * ww - nw * nw;
        // Nearly collinear numeric and weights (or too few points) leave c and d undetermined.
        if (points.Count < 3 || !(determinant > 1e-12 * nn * ww)) return null;
        double c = (an * ww - aw * nw) / determinant;
        double d = (aw * nn - an * nw) / determinant;
        bool fits = points.All(p => Math.Abs(p.Analytic - c * p.Numeric - d * p.Weight) <= p.Slack(c, c * p.Numeric + d * p.Weight));
        return fits ? (c, d) : null;
    }
}
