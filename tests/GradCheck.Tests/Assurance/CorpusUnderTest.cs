namespace GradCheck.Tests.Assurance;

/// <summary>
/// The corpus at test size: 10 seeds, n from 5 to 11 with the seed (the benchmark sweeps larger n), and the one
/// assertion every family test makes: each case meets its family's expectation, listed case by case when not.
/// </summary>
internal static class CorpusUnderTest
{
    public const int Seeds = 10;

    /// <summary>Misses listed in a failure message: enough to see the pattern across base losses and seeds.</summary>
    private const int ShownMisses = 6;

    public static readonly IReadOnlyList<IAssuranceCase> Cases =
        Enumerable.Range(0, Seeds).SelectMany(seed => AssuranceCorpus.For(seed, Size(seed))).ToArray();

    public static int Size(int seed) => 5 + seed % 4 * 2;

    /// <summary>Every family of <paramref name="group"/> in every mode given: one theory row each, so a report names the family and mode that fail.</summary>
    public static TheoryData<string, CheckerMode> Families(string group, params CheckerMode[] modes)
    {
        var data = new TheoryData<string, CheckerMode>();
        foreach (string family in Cases.Where(c => c.Group == group).Select(c => c.Family).Distinct())
            foreach (var mode in modes) data.Add(family, mode);
        return data;
    }

    public static void AssertEveryCaseMeetsItsExpectation(string family, CheckerMode mode)
    {
        var cases = Cases.Where(c => c.Family == family).ToArray();
        Assert.NotEmpty(cases);
        var misses = cases.Select(c => (Case: c, Result: c.Run(mode)))
            .Where(r => !r.Case.Expected.IsMetBy(r.Result, r.Case.Entry))
            .Select(r => $"{r.Case.Name} → {r.Result}")
            .ToArray();
        Assert.True(misses.Length == 0, $"{family}, {mode}: {misses.Length} of {cases.Length} cases are not {cases[0].Expected}, e.g.:\n"
            + string.Join("\n", misses.Take(ShownMisses)));
    }
}
