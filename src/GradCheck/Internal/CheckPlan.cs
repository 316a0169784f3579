using System.Globalization;

namespace GradCheck.Internal;

/// <summary>Which coordinates a check examines: all, the given ones, or a seeded random sample.</summary>
internal sealed record CheckPlan(IReadOnlyList<int> Indices, int? Seed)
{
    public static CheckPlan Create(GradientCheckOptions options, int dimension)
    {
        if (options.Indices is { } given && options.SampleSize is not null)
            throw new ArgumentException("Set either Indices or SampleSize in the options, not both.", nameof(options));
        if (options.Indices is { } indices)
        {
            if (indices.Count == 0)
                throw new ArgumentException("Indices is empty: give at least one coordinate to check, or leave it null to check all.", nameof(options));
            foreach (int index in indices)
                if (index < 0 || index >= dimension)
                    throw new ArgumentOutOfRangeException(nameof(options), index,
                        string.Create(CultureInfo.InvariantCulture, $"Index {index} in Indices is outside the point, whose coordinates are 0..{dimension - 1}."));
            return new CheckPlan(indices.ToArray(), null);
        }
        if (options.SampleSize is { } k)
        {
            if (k <= 0)
                throw new ArgumentOutOfRangeException(nameof(options), k, "SampleSize must be at least 1.");
            if (k >= dimension) return new CheckPlan(new IndexRange(dimension), null);
            int seed = options.EffectiveSeed;
            return new CheckPlan(Sample(dimension, k, new Random(seed)), seed);
        }
        return new CheckPlan(new IndexRange(dimension), null);
    }

    /// <summary>k distinct indices of 0..n−1 (Floyd's algorithm), in increasing order.</summary>
    internal static int[] Sample(int n, int k, Random random)
    {
        var chosen = new HashSet<int>();
        for (int j = n - k; j < n; j++)
        {
            int t = random.Next(j + 1);
            if (!chosen.Add(t)) chosen.Add(j);
        }
        return chosen.Order().ToArray();
    }
}
