namespace GradCheck.Tests.Assurance;

/// <summary>The controls must pass: a checker that refuses everything would meet every other family and fail here.</summary>
public sealed class ControlTests
{
    public static TheoryData<string, CheckerMode> Families => CorpusUnderTest.Families(ControlFamilies.Group, CheckerMode.Full, CheckerMode.Fast);

    [Theory]
    [MemberData(nameof(Families))]
    public void A_correct_gradient_of_a_function_smooth_near_the_point_passes(string family, CheckerMode mode) =>
        CorpusUnderTest.AssertEveryCaseMeetsItsExpectation(family, mode);
}
