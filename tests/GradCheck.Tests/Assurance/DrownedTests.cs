namespace GradCheck.Tests.Assurance;

/// <summary>Correct gradients of functions whose rounding drowns every derivative: Inconclusive, neither Passed nor Failed.</summary>
public sealed class DrownedTests
{
    public static TheoryData<string, CheckerMode> Families => CorpusUnderTest.Families(DrownedFamilies.Group, CheckerMode.Full, CheckerMode.Fast);

    [Theory]
    [MemberData(nameof(Families))]
    public void A_drowned_derivative_is_inconclusive(string family, CheckerMode mode) =>
        CorpusUnderTest.AssertEveryCaseMeetsItsExpectation(family, mode);

    /// <summary>The saturated loss really is constant in float32 across the largest steps a check takes (±0.5).</summary>
    [Fact]
    public void The_saturated_float_loss_is_exactly_constant_near_its_point()
    {
        foreach (var c in CorpusUnderTest.Cases.OfType<AssuranceCase<float>>().Where(c => c.Family.StartsWith("saturated", StringComparison.Ordinal)))
        {
            var f = c.NewFunction();
            float f0 = f(c.Point);
            for (int j = 0; j < c.Point.Length; j++)
                foreach (float delta in (float[])[-0.5f, -1e-3f, 1e-3f, 0.5f])
                {
                    var x = (float[])c.Point.Clone();
                    x[j] += delta;
                    Assert.Equal(f0, f(x));
                }
            Assert.All(c.Gradient(c.Point), g => Assert.NotEqual(0f, g));
        }
    }
}
