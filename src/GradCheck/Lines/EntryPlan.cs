namespace GradCheck.Lines;

/// <summary>Which elements of a flat input a check examines (all, the options' Indices, or a seeded sample of SampleSize).</summary>
public sealed class EntryPlan
{
    internal EntryPlan(IReadOnlyList<int> indices, int? seed)
    {
        Indices = indices;
        Seed = seed;
    }

    /// <summary>The flat indices to check, in increasing order for a sample, as given for Indices.</summary>
    public IReadOnlyList<int> Indices { get; }

    /// <summary>The seed of the sample, or null when nothing was drawn.</summary>
    public int? Seed { get; }
}
