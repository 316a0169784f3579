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
}
