using System.Globalization;
using GradCheck.Reporting;

namespace GradCheck.Models.Diagnosis;

/// <summary>Words for a constant factor: integers and unit fractions by name (2, 1/8), since those are the usual bugs.</summary>
internal static class FactorText
{
    /// <summary>A factor within this relative distance of an integer or unit fraction is named as one.</summary>
    private const double Closeness = 1e-4;

    public static string Describe(double factor)
    {
        string sign = factor < 0 ? "−" : "";
        string signHint = factor < 0 ? "the sign is flipped and " : "";
        double magnitude = Math.Abs(factor);
        if (NearInteger(magnitude) is { } n and >= 2)
            return string.Create(CultureInfo.InvariantCulture,
                $"analytic ≈ {sign}{n} × numeric: {signHint}the gradient is {n} times too large (a missing division by {n}, e.g. 1/batch size; or a term counted {(n == 2 ? "twice, or the ½ of ½x² dropped" : $"{n} times")})");
        if (magnitude > 0 && NearInteger(1 / magnitude) is { } d and >= 2)
            return string.Create(CultureInfo.InvariantCulture,
                $"analytic ≈ {sign}numeric / {d}: {signHint}the gradient is {d} times too small (an extra division by {d}, e.g. 1/batch size applied twice{(d == 2 ? ", or a spurious ½" : "")})");
        return $"analytic ≈ {ReportText.Num(factor)} × numeric: the gradient is off by a constant factor {ReportText.Num(factor)}";
    }

    public static bool IsMinusOne(double factor) => Math.Abs(factor + 1) <= Closeness;

    private static long? NearInteger(double value)
    {
        if (!double.IsFinite(value) || value > 1e9) return null;
        double rounded = Math.Round(value);
        return Math.Abs(value - rounded) <= Closeness * value ? (long)rounded : null;
    }
}
