namespace GradCheck.Benchmarks.Report;

/// <summary>
/// Evaluations per coordinate as a distribution: a mean hides the few entries that escalate (kinks, noise, rechecks),
/// which are what the sequential decisions of the default are judged on.
/// </summary>
public sealed record Distribution(int Count, double Mean, int Median, int P90, int Max)
{
    public static Distribution Of(IEnumerable<int> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return new Distribution(0, double.NaN, 0, 0, 0);
        int At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(q * sorted.Length))];
        return new Distribution(sorted.Length, sorted.Average(), At(0.5), At(0.9), sorted[^1]);
    }

    /// <summary>"mean / median / p90 / max", or a dash when nothing was counted.</summary>
    public string Render() => Count == 0 ? "–" : $"{Fmt.Fixed(Mean, 1)} / {Median} / {P90} / {Max}";
}
