namespace GradCheck.Models.Diagnosis;

/// <summary>
/// Recognizes a gradient written in the transposed layout: for a tensor [..., r, c], the analytic buffer holds
/// each r×c block of the true gradient transposed to c×r (for square matrices: analytic = numericᵀ). A mixed-up
/// loop order in the weight gradient of a linear or convolution layer does exactly this. A weight-decay term λ·w
/// added afterwards in the right layout is allowed for: analytic_k − λ·w_k ≈ numeric_s − λ·w_s for partner s.
/// </summary>
internal static class TransposeMatch
{
    /// <summary>At least this many failing entries must have their transposed partner checked too.</summary>
    private const int MinimumPairs = 2;

    /// <summary>
    /// The coefficient of the correctly placed weight term (0 when there is none) when the transposed layout
    /// explains every checked pair; null when it does not, or when the tensor cannot be tested (fewer than two
    /// axes, a transpose that moves nothing, too few pairs checked).
    /// </summary>
    public static double? Match(IReadOnlyList<DiagnosisPoint> points, IReadOnlyList<int> shape)
    {
        if (shape.Count < 2) return null;
        int rows = shape[^2], columns = shape[^1];
        if (rows == 1 || columns == 1) return null;
        var byIndex = points.ToDictionary(p => p.Index);
        var pairs = new List<(DiagnosisPoint Entry, DiagnosisPoint Partner)>();
        foreach (var p in points)
            if (byIndex.TryGetValue(Source(p.Index, rows, columns), out var partner)) pairs.Add((p, partner));
        if (pairs.Count(pair => pair.Entry.Failed && pair.Entry.Index != pair.Partner.Index) < MinimumPairs) return null;

        if (Fits(pairs, 0)) return 0;
        double xy = 0, xx = 0;
        foreach (var (entry, partner) in pairs)
        {
            double x = entry.Weight - partner.Weight, y = entry.Analytic - partner.Numeric;
            xy += x * y;
            xx += x * x;
        }
        return xx > 0 && Fits(pairs, xy / xx) ? xy / xx : null;
    }

    private static bool Fits(List<(DiagnosisPoint Entry, DiagnosisPoint Partner)> pairs, double lambda) => pairs.All(pair =>
    {
        var (entry, partner) = pair;
        double predicted = partner.Numeric + lambda * (entry.Weight - partner.Weight);
        return Math.Abs(entry.Analytic - predicted) <= entry.Slack(1, predicted) + partner.Slack(1, predicted);
    });

    /// <summary>
    /// The true-gradient index whose value a transposed write puts at <paramref name="index"/>: the block's buffer
    /// read as c×r, position (j, i), holds true entry (i, j).
    /// </summary>
    internal static int Source(int index, int rows, int columns)
    {
        int block = rows * columns;
        int within = index % block;
        int j = within / rows, i = within % rows;
        return index - within + i * columns + j;
    }
}
