namespace GradCheck.Tests.Assurance;

/// <summary>Every family of the false-assurance corpus, for the seeds and sizes the caller can afford.</summary>
public static class AssuranceCorpus
{
    public static IEnumerable<IAssuranceCase> For(int seed, int n) =>
        RandomnessFamilies.For(seed, n)
            .Concat(JumpFamilies.For(seed, n))
            .Concat(DrownedFamilies.For(seed, n))
            .Concat(HalfPrecisionFamily.For(seed, n))
            .Concat(ControlFamilies.For(seed, n));

    /// <summary>All cases over <paramref name="seeds"/> seeds (0, 1, …) and every size in <paramref name="sizes"/>.</summary>
    public static IReadOnlyList<IAssuranceCase> Build(int seeds, IEnumerable<int> sizes) =>
        sizes.SelectMany(n => Enumerable.Range(0, seeds).SelectMany(seed => For(seed, n))).ToArray();
}
