namespace GradCheck.Tests.Assurance;

/// <summary>A jump at the point or within 1e-9 of it in entry j must fail the check, at entry j alone.</summary>
public sealed class JumpTests
{
    public static TheoryData<string, CheckerMode> Families => CorpusUnderTest.Families(JumpFamilies.Group, CheckerMode.Full, CheckerMode.Fast);

    [Theory]
    [MemberData(nameof(Families))]
    public void A_jump_at_the_point_fails_its_entry(string family, CheckerMode mode) =>
        CorpusUnderTest.AssertEveryCaseMeetsItsExpectation(family, mode);

    /// <summary>The jump is real and where it is claimed: f changes by at least 1e-6 between x_j ± 2e-9.</summary>
    [Fact]
    public void Every_jump_case_jumps_within_2e_9_of_its_point()
    {
        foreach (var c in CorpusUnderTest.Cases.Where(c => c.Group == JumpFamilies.Group).Cast<AssuranceCase<double>>())
        {
            var f = c.NewFunction();
            int j = c.Entry!.Value;
            double Shifted(double delta) => f(Vectors.Add(c.Point, Vectors.Unit(c.Point.Length, j, delta)));
            Assert.True(Math.Abs(Shifted(2e-9) - Shifted(-2e-9)) >= 0.9e-6, c.Name);
        }
    }
}
