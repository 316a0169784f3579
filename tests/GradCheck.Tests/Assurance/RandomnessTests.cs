namespace GradCheck.Tests.Assurance;

/// <summary>Random functions must be refused (NonDeterministicFunctionException) or at least not pass, in every mode.</summary>
public sealed class RandomnessTests
{
    public static TheoryData<string, CheckerMode> Families =>
        CorpusUnderTest.Families(RandomnessFamilies.Group, CheckerMode.Full, CheckerMode.Fast, CheckerMode.Model);

    [Theory]
    [MemberData(nameof(Families))]
    public void A_random_function_is_never_passed(string family, CheckerMode mode) =>
        CorpusUnderTest.AssertEveryCaseMeetsItsExpectation(family, mode);

    /// <summary>The randomness is real: a fresh function returns at least two values in 500 calls (a 2 % dropout keeps all 500 with probability 4e-5) at its point.</summary>
    [Fact]
    public void Every_random_case_returns_different_values_at_its_point()
    {
        foreach (var c in CorpusUnderTest.Cases.Where(c => c.Group == RandomnessFamilies.Group).Cast<AssuranceCase<double>>())
        {
            var f = c.NewFunction();
            double first = f(c.Point);
            Assert.True(Enumerable.Range(0, 500).Any(_ => f(c.Point) != first), c.Name);
        }
    }
}
