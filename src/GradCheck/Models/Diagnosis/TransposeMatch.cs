namespace GradCheck.Models.Diagnosis;

/// <summary>
/// Recognizes a gradient written in the transposed layout: for a tensor [..., r, c], the analytic buffer holds
/// each r×c block of the true gradient transposed to c×r (for square matrices: analytic = numericᵀ). A mixed-up
/// loop order in the weight gradient of a linear or convolution layer does exactly this.
/// </summary>
internal static class TransposeMatch
{
    /// <summary>At least this many failing entries must have their transposed partner checked too.</summary>
    private const int MinimumPairs = 2;

    /// <summary>Null when the tensor has fewer than two axes or a transpose would not move anything.</summary>
    public static bool? Matches(IReadOnlyList<DiagnosisPoint> points, IReadOnlyList<int> shape)
    {
        if (shape.Count < 2) return null;
        int rows = shape[^2], columns = shape[^1];
        if (rows == 1 || columns == 1) return null;
        var numeric = points.ToDictionary(p => p.Index);
        int pairs = 0;
        foreach (var p in points)
        {
            int source = Source(p.Index, rows, columns);
            if (!numeric.TryGetValue(source, out var partner)) continue;
            if (Math.Abs(p.Analytic - partner.Numeric) > p.Slack(1, partner.Numeric) + partner.Slack(1, partner.Numeric)) return false;
            if (p.Failed && source != p.Index) pairs++;
        }
        return pairs >= MinimumPairs;
    }

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
